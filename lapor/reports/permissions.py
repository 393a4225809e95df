"""Who may make which move on a report (docs/workflow.md, "Moves").

Each rule answers "in which capacity may this user act on this report?" and returns
an :class:`Acting` (recorded on the event as ``actor_role``/``actor_agency``) or
``None``. The transition table names a rule per move; ``reports.transitions`` asks it on
the locked row. Pengawas (KSP) and Developer roles match no rule: they make no moves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from lapor.accounts.choices import Role
from lapor.accounts.selectors import Scope, user_scopes

from .choices import Status

if TYPE_CHECKING:
    from .models import Report

REPORTER = "reporter"
SYSTEM = "system"


@dataclass(frozen=True)
class Acting:
    """The capacity a move is made in: a role (or ``reporter``/``system``) and, for
    agency roles, the membership whose scope allowed it."""

    role: str
    scope: Scope | None = None

    @property
    def agency_id(self) -> int | None:
        return self.scope.agency_id if self.scope else None

    @property
    def is_system(self) -> bool:
        return self.role == SYSTEM


class Rule:
    """Names of the rules, as written in the transition table."""

    REPORTER = "reporter"
    VERIFIER = "verifier"
    VERIFIER_OR_SYSTEM = "verifier_or_system"
    AGENCY_ADMIN = "agency_admin"
    AGENCY_ADMIN_OR_NATIONAL = "agency_admin_or_national"
    DISPATCHER = "dispatcher"
    HANDLER = "handler"
    CONSENT_ASKER = "consent_asker"
    SYSTEM = "system"


def _active(user: Any) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _path(agency: Any) -> str | None:
    return agency.path if agency is not None else None


def _scope(
    user: Any, role: str, path: str | None = None, *, national: bool = False
) -> Scope | None:
    """The user's first scope of ``role`` that covers ``path`` (any, for national roles)."""
    for scope in user_scopes(user):
        if scope.role != role:
            continue
        if national or (path is not None and scope.covers(path)):
            return scope
    return None


def _national_admin(user: Any) -> Acting | None:
    scope = _scope(user, Role.ADMIN_NASIONAL, national=True)
    return Acting(Role.ADMIN_NASIONAL, scope) if scope else None


def _ombudsman(user: Any) -> Acting | None:
    scope = _scope(user, Role.OMBUDSMAN, national=True)
    return Acting(Role.OMBUDSMAN, scope) if scope else None


def agency_admin_of(report: Report, user: Any) -> Acting | None:
    """An Admin Instansi whose subtree contains the agency handling the report."""
    if not report.agency_id:
        return None
    scope = _scope(user, Role.ADMIN_INSTANSI, _path(report.agency))
    return Acting(Role.ADMIN_INSTANSI, scope) if scope else None


def unit_admin_of(report: Report, user: Any) -> Acting | None:
    """An Admin Unit whose subtree contains the unit the report was passed to."""
    if not report.unit_id:
        return None
    scope = _scope(user, Role.ADMIN_UNIT, _path(report.unit))
    return Acting(Role.ADMIN_UNIT, scope) if scope else None


def _reporter(report: Report, user: Any, now: datetime) -> Acting | None:
    if report.reporter_id is not None and user.pk == report.reporter_id:
        return Acting(REPORTER)
    return None


def _verifier(report: Report, user: Any, now: datetime) -> Acting | None:
    """Admin Nasional; or, while the agency the reporter picked still holds the report,
    an Admin Instansi of that agency. Once that agency declined it (``agency`` cleared)
    the report is the national verifier's again."""
    acting = _national_admin(user)
    if acting:
        return acting
    if report.target_agency_id and report.agency_id == report.target_agency_id:
        return agency_admin_of(report, user)
    return None


def _agency_admin(report: Report, user: Any, now: datetime) -> Acting | None:
    return agency_admin_of(report, user)


def _agency_admin_or_national(report: Report, user: Any, now: datetime) -> Acting | None:
    return agency_admin_of(report, user) or _national_admin(user)


def _dispatcher(report: Report, user: Any, now: datetime) -> Acting | None:
    # A unit admin may pass the report further down; whether the chosen unit is below
    # their own is checked against the move's input in reports.transitions.
    return agency_admin_of(report, user) or unit_admin_of(report, user)


def _handler(report: Report, user: Any, now: datetime) -> Acting | None:
    """The officials who follow a report up and answer it.

    With the Ombudsman (escalated) that is the Ombudsman; the officials of the
    ombudsman-ri agency itself also qualify, since it is then ``report.agency``.
    """
    if report.status == Status.ESCALATED:
        return _ombudsman(user) or agency_admin_of(report, user) or unit_admin_of(report, user)
    return agency_admin_of(report, user) or unit_admin_of(report, user)


def _consent_asker(report: Report, user: Any, now: datetime) -> Acting | None:
    return _national_admin(user) or _ombudsman(user)


def _nobody(report: Report, user: Any, now: datetime) -> Acting | None:
    return None


# What a signed-in person may do, per rule.
_PERSON_RULES: dict[str, Callable[[Report, Any, datetime], Acting | None]] = {
    Rule.REPORTER: _reporter,
    Rule.VERIFIER: _verifier,
    Rule.VERIFIER_OR_SYSTEM: _verifier,
    Rule.AGENCY_ADMIN: _agency_admin,
    Rule.AGENCY_ADMIN_OR_NATIONAL: _agency_admin_or_national,
    Rule.DISPATCHER: _dispatcher,
    Rule.HANDLER: _handler,
    Rule.CONSENT_ASKER: _consent_asker,
    Rule.SYSTEM: _nobody,
}


def _system_may(rule: str, report: Report, now: datetime) -> bool:
    """Moves the system (``actor=None``: sweeps, integrations) may make."""
    if rule in (Rule.SYSTEM, Rule.CONSENT_ASKER):
        return True
    if rule == Rule.VERIFIER_OR_SYSTEM:
        # Only an expired hold: the system never judges a report's content.
        return (
            report.status == Status.ON_HOLD
            and report.hold_due_at is not None
            and now > report.hold_due_at
        )
    return False


def acting_as(rule: str, report: Report, user: Any, *, now: datetime) -> Acting | None:
    """The capacity in which ``user`` (``None`` = the system) may act under ``rule``."""
    if rule not in _PERSON_RULES:
        raise ValueError(f"Unknown permission rule: {rule!r}")
    if user is None:
        return Acting(SYSTEM) if _system_may(rule, report, now) else None
    if not _active(user):
        return None
    return _PERSON_RULES[rule](report, user, now)


__all__ = ["REPORTER", "SYSTEM", "Acting", "Rule", "acting_as", "agency_admin_of", "unit_admin_of"]
