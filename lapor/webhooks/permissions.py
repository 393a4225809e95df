"""Who manages an agency's webhooks: its Admin Instansi and its Developer, with their
second factor verified (an official principal)."""

from __future__ import annotations

from lapor.accounts.choices import Role
from lapor.accounts.principals import Principal

MANAGER_ROLES = frozenset({Role.ADMIN_INSTANSI, Role.DEVELOPER})


def webhook_agency_ids(principal: Principal) -> list[int]:
    """The agencies whose endpoints ``principal`` manages (none unless an official)."""
    if not principal.is_official:
        return []
    return sorted(
        {s.agency_id for s in principal.scopes if s.role in MANAGER_ROLES and s.agency_id}
    )
