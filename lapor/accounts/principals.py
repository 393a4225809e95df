"""Who is asking: the one object every selector and service takes.

A *principal* is what a read or a write is done for. There are five kinds:

* ``visitor``: nobody signed in (and anything unknown);
* ``citizen``: a signed-in person acting with no role, the public plus their own reports.
  **An official whose second factor is not verified in this session is a citizen**,
  everywhere (the portal, notifications, file downloads), not just in the console;
* ``official``: a signed-in person whose second factor is verified in this session,
  with their active role scopes;
* ``agency_key``: an agency's integration key (the API), scoped to that agency's subtree;
* ``system``: sweeps, imports, the outbox: the moves the workflow allows the system.

Views never pass ``request.user`` to a selector or a service: they pass
``request.principal`` (set by :class:`lapor.accounts.middleware.PrincipalMiddleware`
from the user and django-otp's ``is_verified()``). Tests build principals with
:func:`principal_for_user`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .choices import NATIONAL_ROLES, Role
from .selectors import Scope, user_scopes

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from .models import User

PrincipalKind = Literal["visitor", "citizen", "official", "agency_key", "system"]

VISITOR_KIND: PrincipalKind = "visitor"
CITIZEN_KIND: PrincipalKind = "citizen"
OFFICIAL_KIND: PrincipalKind = "official"
AGENCY_KEY_KIND: PrincipalKind = "agency_key"
SYSTEM_KIND: PrincipalKind = "system"


@dataclass(frozen=True)
class Principal:
    """Who a read or a write is done for. Build one with the functions below."""

    kind: PrincipalKind
    user: User | None = field(default=None, compare=False, repr=False)
    user_id: int | None = None
    scopes: tuple[Scope, ...] = ()
    # An agency key's id (the API issue stores keys; here only their scope matters).
    key_id: int | None = None

    # --- what kind ---------------------------------------------------------------

    @property
    def is_visitor(self) -> bool:
        return self.kind == VISITOR_KIND

    @property
    def is_system(self) -> bool:
        return self.kind == SYSTEM_KIND

    @property
    def is_person(self) -> bool:
        """A signed-in person (citizen or official): may own reports, comment, support."""
        return self.kind in (CITIZEN_KIND, OFFICIAL_KIND) and self.user_id is not None

    @property
    def is_official(self) -> bool:
        """Holds at least one role *and* verified the second factor in this session."""
        return self.kind == OFFICIAL_KIND and bool(self.scopes)

    @property
    def is_agency_key(self) -> bool:
        return self.kind == AGENCY_KEY_KIND

    # --- what roles ----------------------------------------------------------------

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(s.role for s in self.scopes)

    def has_role(self, role: str) -> bool:
        return any(s.role == role for s in self.scopes)

    @property
    def is_national_admin(self) -> bool:
        return self.has_role(Role.ADMIN_NASIONAL)

    @property
    def is_national(self) -> bool:
        return any(s.role in NATIONAL_ROLES for s in self.scopes)

    def scope_for(
        self, role: str, path: str | None = None, *, national: bool = False
    ) -> Scope | None:
        """The first scope of ``role`` that covers ``path`` (any scope, for national roles)."""
        for scope in self.scopes:
            if scope.role != role:
                continue
            if national or (path is not None and scope.covers(path)):
                return scope
        return None

    def subtree_paths(self, roles: frozenset[str] | set[str]) -> list[str]:
        """The agency subtrees (materialised paths) held with any of ``roles``."""
        return sorted({s.path for s in self.scopes if s.role in roles and s.path})

    def owns(self, reporter_id: int | None) -> bool:
        """Whether this principal is the person ``reporter_id`` names."""
        return self.is_person and reporter_id is not None and reporter_id == self.user_id

    def __str__(self) -> str:
        # Never a name: principals end up in log lines.
        if self.user_id is not None:
            return f"{self.kind}#{self.user_id}"
        if self.key_id is not None:
            return f"{self.kind}#key{self.key_id}"
        return self.kind


VISITOR = Principal(kind=VISITOR_KIND)
SYSTEM = Principal(kind=SYSTEM_KIND)


def principal_for_user(user: User | AnonymousUser | None, *, verified: bool) -> Principal:
    """The principal of a person; ``verified``: their second factor passed this session.

    An inactive or anonymous user is a visitor. A person with roles whose second
    factor is not verified is a citizen: their roles count for nothing until it is.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return VISITOR
    scopes = user_scopes(user) if verified else ()
    kind: PrincipalKind = OFFICIAL_KIND if scopes else CITIZEN_KIND
    return Principal(kind=kind, user=user, user_id=user.pk, scopes=scopes)  # type: ignore[arg-type]


def principal_for_agency_key(
    *, key_id: int, agency_id: int, agency_path: str, role: str = Role.DEVELOPER
) -> Principal:
    """An agency's integration key: reads and acts within that agency's subtree only."""
    return Principal(
        kind=AGENCY_KEY_KIND,
        key_id=key_id,
        scopes=(Scope(role=role, agency_id=agency_id, path=agency_path),),
    )


def principal_from_request(request: HttpRequest) -> Principal:
    """The principal of a web request: its user, and whether django-otp verified them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return VISITOR
    is_verified = getattr(user, "is_verified", None)
    verified = bool(is_verified()) if callable(is_verified) else False
    return principal_for_user(user, verified=verified)


__all__ = [
    "AGENCY_KEY_KIND",
    "CITIZEN_KIND",
    "OFFICIAL_KIND",
    "SYSTEM",
    "SYSTEM_KIND",
    "VISITOR",
    "VISITOR_KIND",
    "Principal",
    "PrincipalKind",
    "principal_for_agency_key",
    "principal_for_user",
    "principal_from_request",
]
