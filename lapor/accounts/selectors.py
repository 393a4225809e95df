"""Reads about users and what their roles let them reach."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from .choices import NATIONAL_ROLES, Role
from .models import RoleMembership, User


@dataclass(frozen=True)
class Scope:
    """One active role of a user, over an agency subtree (``path``) or the country."""

    role: str
    agency_id: int | None
    path: str | None  # the agency's materialised path; None for national roles

    def covers(self, agency_path: str | None) -> bool:
        if self.path is None:
            return True
        return bool(agency_path) and agency_path.startswith(self.path)  # type: ignore[union-attr]


def user_scopes(user: User | AnonymousUser | None) -> tuple[Scope, ...]:
    """The user's active roles, read once per request and kept on the user object."""
    if user is None or not user.is_authenticated:
        return ()
    cached = getattr(user, "_lapor_scopes", None)
    if cached is not None:
        return cached
    scopes = tuple(
        Scope(role=m.role, agency_id=m.agency_id, path=m.agency.path if m.agency else None)
        for m in RoleMembership.objects.filter(user=user, is_active=True).select_related("agency")
        if m.agency is None or m.agency.is_active
    )
    user._lapor_scopes = scopes  # type: ignore[union-attr]
    return scopes


def user_forget_scopes(user: User) -> None:
    """Drop the cached scopes (after a membership changed)."""
    user.__dict__.pop("_lapor_scopes", None)


def user_has_role(user: User | AnonymousUser | None, role: str) -> bool:
    return any(s.role == role for s in user_scopes(user))


def user_agency_paths(user: User | AnonymousUser | None, roles: set[str] | frozenset[str]) -> list[str]:
    """Paths of the agency subtrees the user holds any of ``roles`` over."""
    return [s.path for s in user_scopes(user) if s.role in roles and s.path is not None]


def user_is_official(user: User | AnonymousUser | None) -> bool:
    return bool(user_scopes(user))


def user_is_national(user: User | AnonymousUser | None) -> bool:
    return any(s.role in NATIONAL_ROLES for s in user_scopes(user))


__all__ = [
    "Role",
    "Scope",
    "user_agency_paths",
    "user_forget_scopes",
    "user_has_role",
    "user_is_national",
    "user_is_official",
    "user_scopes",
]
