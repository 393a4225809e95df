"""Who manages an agency's API keys."""

from __future__ import annotations

from lapor.accounts.choices import Role
from lapor.accounts.principals import Principal

# The agency's Developer (the key's own role) and its Admin Instansi.
KEY_MANAGER_ROLES = frozenset({Role.DEVELOPER, Role.ADMIN_INSTANSI})


def can_manage_keys(principal: Principal, *, agency_path: str) -> bool:
    """An official (second factor verified) holding a manager role over the agency's
    subtree, or the system (management commands). An agency key never manages keys,
    though its scope carries the Developer role."""
    if principal.is_system:
        return True
    if not principal.is_official:
        return False
    return any(s.role in KEY_MANAGER_ROLES and s.covers(agency_path) for s in principal.scopes)
