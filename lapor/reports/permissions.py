"""Who may make which move on a report (docs/workflow.md, "Moves").

Each rule answers "in which capacity may this principal act on this report?" and
returns an :class:`Acting` (recorded on the event as ``actor_role``/``actor_agency``) or
``None``. The transition table names a rule per move; ``reports.transitions`` asks it on
the locked row. Pengawas (KSP) and Developer roles match no rule: they make no moves. An
agency's key (its app) makes the agency-side moves of its Admin Instansi (``_agency_key``).

The rules read the principal's scopes (``Principal.scope_for``), which only an official
whose second factor is verified in this session holds: an official signed in with a
password alone is a citizen here as everywhere, and matches no official's rule (on
their own report, the reporter's only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from lapor.accounts.choices import Role
from lapor.accounts.principals import Principal
from lapor.accounts.selectors import Scope

from .choices import Status

if TYPE_CHECKING:
    from lapor.agencies.models import Agency

    from .models import Report

REPORTER = "reporter"
SYSTEM = "system"
# An agency's app acting with its key (issue 10), recorded as ``actor_role``.
AGENCY_KEY = "agency_key"


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


def _path(agency: Agency | None) -> str | None:
    return agency.path if agency is not None else None


def _national_admin(actor: Principal) -> Acting | None:
    scope = actor.scope_for(Role.ADMIN_NASIONAL, national=True)
    return Acting(Role.ADMIN_NASIONAL, scope) if scope else None


def _ombudsman(actor: Principal) -> Acting | None:
    scope = actor.scope_for(Role.OMBUDSMAN, national=True)
    return Acting(Role.OMBUDSMAN, scope) if scope else None


def agency_admin_of(report: Report, actor: Principal) -> Acting | None:
    """An Admin Instansi whose subtree contains the agency handling the report."""
    if not report.agency_id:
        return None
    scope = actor.scope_for(Role.ADMIN_INSTANSI, _path(report.agency))
    return Acting(Role.ADMIN_INSTANSI, scope) if scope else None


def unit_admin_of(report: Report, actor: Principal) -> Acting | None:
    """An Admin Unit whose subtree contains the unit the report was passed to."""
    if not report.unit_id:
        return None
    scope = actor.scope_for(Role.ADMIN_UNIT, _path(report.unit))
    return Acting(Role.ADMIN_UNIT, scope) if scope else None


def internal_writer_of(report: Report, actor: Principal) -> Acting | None:
    """The capacity in which ``actor`` writes on the report's internal file (notes): its
    agency or unit admins, and the national roles that handle reports (Admin Nasional,
    Ombudsman)."""
    acting = agency_admin_of(report, actor) or unit_admin_of(report, actor)
    return acting or _national_admin(actor) or _ombudsman(actor)


def _reporter(report: Report, actor: Principal, now: datetime) -> Acting | None:
    return Acting(REPORTER) if actor.owns(report.reporter_id) else None


def _verifier(report: Report, actor: Principal, now: datetime) -> Acting | None:
    """Admin Nasional; or, while the agency the reporter picked still holds the report,
    an Admin Instansi of that agency. Once that agency declined it (``agency`` cleared)
    the report is the national verifier's again."""
    acting = _national_admin(actor)
    if acting:
        return acting
    if report.target_agency_id and report.agency_id == report.target_agency_id:
        return agency_admin_of(report, actor)
    return None


def _agency_admin(report: Report, actor: Principal, now: datetime) -> Acting | None:
    return agency_admin_of(report, actor)


def _agency_admin_or_national(report: Report, actor: Principal, now: datetime) -> Acting | None:
    return agency_admin_of(report, actor) or _national_admin(actor)


def _dispatcher(report: Report, actor: Principal, now: datetime) -> Acting | None:
    # A unit admin may pass the report further down; whether the chosen unit is below
    # their own is checked against the move's input in reports.transitions.
    return agency_admin_of(report, actor) or unit_admin_of(report, actor)


def _handler(report: Report, actor: Principal, now: datetime) -> Acting | None:
    """The officials who follow a report up and answer it.

    With the Ombudsman (escalated) that is the Ombudsman; the officials of the
    ombudsman-ri agency itself also qualify, since it is then ``report.agency``.
    """
    if report.status == Status.ESCALATED:
        return _ombudsman(actor) or agency_admin_of(report, actor) or unit_admin_of(report, actor)
    return agency_admin_of(report, actor) or unit_admin_of(report, actor)


def _consent_asker(report: Report, actor: Principal, now: datetime) -> Acting | None:
    return _national_admin(actor) or _ombudsman(actor)


# The agency-side moves its Admin Instansi makes, which an agency's key makes too:
# follow-up and answer (handler), pass to a unit (dispatcher), not our authority
# (agency admin), transfer (agency admin or national). Never the verifier's moves, the
# national ones or the reporter's.
_AGENCY_KEY_RULES = frozenset(
    {Rule.HANDLER, Rule.DISPATCHER, Rule.AGENCY_ADMIN, Rule.AGENCY_ADMIN_OR_NATIONAL}
)


def _agency_key(rule: str, report: Report, actor: Principal) -> Acting | None:
    """An agency's key acts as its agency on the reports its agency's subtree handles,
    exactly where that agency's Admin Instansi would (``agency_admin_of``): the event
    then names the key's agency and no person."""
    if rule not in _AGENCY_KEY_RULES or not report.agency_id:
        return None
    path = _path(report.agency)
    for scope in actor.scopes:
        if path is not None and scope.covers(path):
            return Acting(AGENCY_KEY, scope)
    return None


def _nobody(report: Report, actor: Principal, now: datetime) -> Acting | None:
    return None


# What a signed-in person may do, per rule.
_PERSON_RULES: dict[str, Callable[[Report, Principal, datetime], Acting | None]] = {
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
    """Moves the system (``SYSTEM``: sweeps, integrations) may make."""
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


def acting_as(rule: str, report: Report, actor: Principal, *, now: datetime) -> Acting | None:
    """The capacity in which ``actor`` may act under ``rule``, or ``None``.

    The system acts only under the rules that name it and a visitor never acts; an
    agency's key makes its agency's Admin Instansi's agency-side moves (``_agency_key``).
    """
    if rule not in _PERSON_RULES:
        raise ValueError(f"Unknown permission rule: {rule!r}")
    if actor.is_system:
        return Acting(SYSTEM) if _system_may(rule, report, now) else None
    if actor.is_visitor:
        return None
    if actor.is_agency_key:
        return _agency_key(rule, report, actor)
    return _PERSON_RULES[rule](report, actor, now)


__all__ = [
    "AGENCY_KEY",
    "REPORTER",
    "SYSTEM",
    "Acting",
    "Rule",
    "acting_as",
    "agency_admin_of",
    "internal_writer_of",
    "unit_admin_of",
]
