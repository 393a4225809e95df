"""A fixed cast for the state-machine tests: agencies, units and one user per role.

agency (A) ── unit (U) ── subunit (U2)
           └─ sibling (W)
other (B)
ombudsman-ri
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from lapor.accounts.choices import Role
from lapor.accounts.models import User
from lapor.accounts.principals import SYSTEM, Principal
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency
from lapor.reports.choices import ArchiveReason, OmbudsmanConsent, Status
from lapor.reports.models import OFFICIALS_STEPS, Report, ReportEvent, ReportSweepState
from lapor.reports.transitions import OMBUDSMAN_AGENCY_CODE, Action
from lapor.testing.factories import (
    UserFactory,
    as_official,
    make_agency,
    make_member,
    make_unit,
)

# Everyone who might try a move; ``system`` is ``actor=SYSTEM``.
ROLES = (
    "reporter",
    "citizen",
    "national",
    "agency_admin",
    "other_agency_admin",
    "unit_admin",
    "other_unit_admin",
    "ombudsman",
    "pengawas",
    "developer",
    "system",
)

# Hashing eleven real passwords per test would dominate the run time.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    agency: Agency
    unit: Agency
    subunit: Agency
    sibling: Agency
    other: Agency
    ombudsman_agency: Agency
    users: dict[str, User | None]

    def user(self, role: str) -> User | None:
        # A fresh object each time, so that cached role scopes never carry over.
        user = self.users[role]
        return None if user is None else User.objects.get(pk=user.pk)

    def actor(self, role: str) -> Principal:
        """Who acts as ``role``: ``SYSTEM`` for the system, else the user with their
        second factor verified (a citizen if they hold no role)."""
        user = self.user(role)
        return SYSTEM if user is None else as_official(user)


def build_world() -> World:
    agency = make_agency("Pemerintah Kota Contoh")
    unit = make_unit(agency, "Dinas Pekerjaan Umum")
    subunit = make_unit(unit, "Bidang Jalan")
    sibling = make_unit(agency, "Dinas Kesehatan")
    other = make_agency("Pemerintah Kabupaten Lain")
    ombudsman = make_agency("Ombudsman RI", kind=AgencyKind.LEMBAGA, code=OMBUDSMAN_AGENCY_CODE)
    users: dict[str, User | None] = {
        "reporter": UserFactory(full_name="Siti Pelapor"),
        "citizen": UserFactory(full_name="Warga Lain"),
        "national": make_member(Role.ADMIN_NASIONAL),
        "agency_admin": make_member(Role.ADMIN_INSTANSI, agency),
        "other_agency_admin": make_member(Role.ADMIN_INSTANSI, other),
        "unit_admin": make_member(Role.ADMIN_UNIT, unit),
        "other_unit_admin": make_member(Role.ADMIN_UNIT, sibling),
        "ombudsman": make_member(Role.OMBUDSMAN),
        "pengawas": make_member(Role.PENGAWAS),
        "developer": make_member(Role.DEVELOPER, agency),
        "system": None,
    }
    return World(agency, unit, subunit, sibling, other, ombudsman, users)


def report_in(w: World, status: str, *, now: datetime, **overrides: Any) -> Report:
    """A report in ``status`` with everything the moves out of it need: filed 70 days
    ago (the Ombudsman may be asked), hold and reply time run out, at agency A / unit U.

    Its ``ReportSweepState`` is made as the flow would (overdue pending for an officials'
    step); sweep-state columns among ``overrides`` go there."""
    past = now - timedelta(days=1)
    fields: dict[str, Any] = {
        "status": status,
        "submitted_at": now - timedelta(days=70),
        "status_changed_at": now - timedelta(days=2),
        "reporter": w.users["reporter"],
    }
    handled = {"agency": w.agency, "unit": w.unit, "disposed_at": now - timedelta(days=20)}
    fields |= {
        Status.SUBMITTED: {},
        Status.ON_HOLD: {"hold_due_at": past},
        Status.ARCHIVED: {"archive_reason": ArchiveReason.SPAM},
        Status.DISPOSED: handled,
        Status.IN_PROGRESS: handled | {"first_followup_at": now - timedelta(days=10)},
        Status.RESOLVED: handled | {"resolved_at": now - timedelta(days=15), "reply_due_at": past},
        Status.CLOSED: handled | {"closed_at": past},
        Status.ESCALATED: {
            "agency": w.ombudsman_agency,
            "ombudsman_consent": OmbudsmanConsent.GIVEN,
            "disposed_at": now - timedelta(days=40),
        },
    }[status]
    sweep_columns = {f.name for f in ReportSweepState._meta.concrete_fields}
    sweep = {k: overrides.pop(k) for k in list(overrides) if k in sweep_columns}
    fields |= overrides
    from lapor.testing.factories import make_report

    report = make_report(**fields)
    overdue_at = report.due_at if report.status in OFFICIALS_STEPS else None
    ReportSweepState.objects.create(report=report, **{"overdue_at": overdue_at, **sweep})
    return report


def recipe(w: World, action: Action, status: str) -> tuple[str, dict[str, Any]]:
    """A valid way to ask for ``action`` (who, and the keyword arguments)."""
    note = {"note": "Catatan yang cukup jelas."}
    handler = "ombudsman" if status == Status.ESCALATED else "agency_admin"
    return {
        Action.SUBMIT: ("reporter", {}),
        Action.DISPOSE: ("national", {"params": {"agency_id": w.other.pk}}),
        Action.HOLD: ("national", note),
        Action.COMPLETE: ("reporter", note),
        Action.ARCHIVE: ("national", {"params": {"reason": ArchiveReason.SPAM}}),
        Action.DISPOSE_TO_UNIT: ("agency_admin", {"params": {"unit_id": w.subunit.pk}}),
        Action.DECLINE: ("agency_admin", note),
        Action.TRANSFER: ("agency_admin", {**note, "params": {"agency_id": w.other.pk}}),
        Action.FOLLOW_UP: (handler, note),
        Action.REPLY: ("reporter", note),
        Action.RESOLVE: (handler, note),
        Action.CLOSE: ("reporter", {"params": {"rating": 4}}),
        Action.AUTO_CLOSE: ("system", {}),
        Action.ASK_CONSENT: ("national", {}),
        Action.ESCALATE: ("reporter", {}),
        Action.REFUSE_CONSENT: ("reporter", {}),
    }[action]


def snapshot(report: Report) -> tuple[dict[str, Any], int]:
    """The report's row and its number of events, to prove that nothing changed."""
    row = Report.objects.filter(pk=report.pk).values().get()
    return row, ReportEvent.objects.filter(report_id=report.pk).count()
