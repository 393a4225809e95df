"""Reads about users and what their roles let them reach."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

from .choices import NATIONAL_ROLES, Role
from .crypto import field_decrypt, nik_hash
from .models import ReporterProfile, RoleMembership, User

if TYPE_CHECKING:
    from .principals import Principal


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
    user._lapor_scopes = scopes  # type: ignore[union-attr,attr-defined]
    return scopes


def user_forget_scopes(user: User) -> None:
    """Drop the cached scopes (after a membership changed)."""
    user.__dict__.pop("_lapor_scopes", None)


def user_has_role(user: User | AnonymousUser | None, role: str) -> bool:
    return any(s.role == role for s in user_scopes(user))


def user_agency_paths(
    user: User | AnonymousUser | None, roles: set[str] | frozenset[str]
) -> list[str]:
    """Paths of the agency subtrees the user holds any of ``roles`` over."""
    return [s.path for s in user_scopes(user) if s.role in roles and s.path is not None]


def user_is_official(user: User | AnonymousUser | None) -> bool:
    return bool(user_scopes(user))


def user_is_national(user: User | AnonymousUser | None) -> bool:
    return any(s.role in NATIONAL_ROLES for s in user_scopes(user))


def reporter_nik_for(*, principal: Principal, user: User) -> str | None:
    """The NIK of ``user``, decrypted, for the user themself and the national admin only.

    Nobody else gets it, not agency officials, not the Ombudsman, and not a superuser
    without the Admin Nasional role: holding the Django superuser flag is an IT job,
    not a licence to read identity numbers. The national admin's role counts only with
    a verified second factor (``principal.is_national_admin``).
    """
    if not principal.owns(user.pk) and not principal.is_national_admin:
        return None
    profile = ReporterProfile.objects.filter(user=user).only("nik_encrypted").first()
    if profile is None or not profile.nik_encrypted:
        return None
    return field_decrypt(profile.nik_encrypted)


def reporter_profile_find_by_nik(nik: str) -> ReporterProfile | None:
    """The profile holding this NIK, by its keyed hash (the NIK itself is never queried)."""
    from .services import normalize_nik

    return (
        ReporterProfile.objects.filter(nik_hash=nik_hash(normalize_nik(nik)))
        .select_related("user")
        .first()
    )


__all__ = [
    "Role",
    "Scope",
    "reporter_nik_for",
    "reporter_profile_find_by_nik",
    "user_agency_paths",
    "user_forget_scopes",
    "user_has_role",
    "user_is_national",
    "user_is_official",
    "user_scopes",
]
