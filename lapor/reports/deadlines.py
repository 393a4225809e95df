"""A report's due dates, computed from its status and its timestamps.

``report_recompute_deadlines`` is called explicitly by ``reports.transitions`` after
every move (see docs/workflow.md). It is a pure function of the report's fields: the
same report always gets the same due dates, whenever it is recomputed.

It also computes the sweeps' bookkeeping (``ReportSweepState``, read by
``reports.sweeps``), which the caller writes beside the report: when ``due_at`` changes,
the report has a new step to be reminded of, marked overdue for and escalated for, so
the reminder is re-armed and the overdue mark and escalation are cleared.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

from lapor.deadlines import rules
from lapor.deadlines.calendar import DEFAULT_TZ, add_working_days, is_working_day

from .choices import Status
from .models import OFFICIALS_STEPS, EscalationLevel, Report

# Which due field ``due_at`` stands for in each status (what a reminder is about).
DUE_FIELD: dict[str, str] = {
    Status.SUBMITTED: "verification_due_at",
    Status.ON_HOLD: "hold_due_at",
    Status.DISPOSED: "first_followup_due_at",
    Status.IN_PROGRESS: "resolution_due_at",
    Status.RESOLVED: "reply_due_at",
    Status.ESCALATED: "resolution_due_at",
}
# The sweep state's columns that belong to one due date (reset together when it changes).
SWEEP_FIELDS = ["remind_at", "overdue_marked_at", "escalation_level", "escalation_due_at"]


class Recomputed(NamedTuple):
    """What ``report_recompute_deadlines`` changed.

    ``fields``: the report's fields set (the caller saves them). ``sweep``: the values
    of the report's ``ReportSweepState`` to write (the caller upserts them): always
    ``overdue_at``, plus ``SWEEP_FIELDS`` when the due date changed.
    """

    fields: list[str]
    sweep: dict[str, Any]


class DueState(models.TextChoices):
    """How a report stands against its current due date (the traffic light)."""

    ON_TIME = "on_time", _("On time")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


def report_timezone(report: Report) -> str:
    """The timezone deadlines are counted in: the handling agency's, else the region's."""
    if report.agency_id and report.agency is not None:
        return report.agency.timezone
    if report.region_id and report.region is not None:
        return report.region.timezone
    return DEFAULT_TZ


def report_region_code(report: Report) -> str | None:
    """The region whose local holidays apply: the agency's, else the report's."""
    agency = report.agency if report.agency_id else None
    if agency is not None and agency.region_id:
        return agency.region_id
    return report.region_id


def reminder_at(due_at: datetime, *, tz: str, region_code: str | None) -> datetime:
    """The moment ``report_due_state`` turns ``due_soon`` for a report due at ``due_at``.

    ``due_soon`` means "due by the end of the next working day", so it starts at the
    beginning (00:00 local) of the last working day before the due day: from then on,
    the next working day is the due day itself.
    """
    zone = ZoneInfo(tz)
    day = due_at.astimezone(zone).date() - timedelta(days=1)
    # Bounded: even the longest holiday cluster (Idul Fitri) is under three weeks.
    for _step in range(60):
        if is_working_day(day, region_code=region_code):
            break
        day -= timedelta(days=1)
    return datetime.combine(day, time.min, tzinfo=zone)


def report_reminder_at(report: Report) -> datetime | None:
    """When the reminder for the report's current due date is due (``None``: nothing due)."""
    if report.due_at is None:
        return None
    return reminder_at(
        report.due_at, tz=report_timezone(report), region_code=report_region_code(report)
    )


def report_recompute_deadlines(report: Report) -> Recomputed:
    """Set the due fields for ``report.status``; return the fields set and the sweep
    state that goes with them.

    The caller saves both (``save(update_fields=...)``, ``sweep_states_write``). Due
    fields of earlier steps are kept as history; only ``due_at`` says what is due now.
    When ``due_at`` changes, the sweeps' bookkeeping starts over for the new due date
    (``SWEEP_FIELDS``).
    """
    tz = report_timezone(report)
    region_code = report_region_code(report)
    previous_due = report.due_at
    fields = _recompute_due(report, tz, region_code)
    due_at = report.due_at
    sweep: dict[str, Any] = {
        "overdue_at": due_at if report.status in OFFICIALS_STEPS else None,
    }
    if due_at != previous_due:
        sweep["remind_at"] = (
            None if due_at is None else reminder_at(due_at, tz=tz, region_code=region_code)
        )
        sweep["overdue_marked_at"] = None
        sweep["escalation_level"] = EscalationLevel.NONE
        sweep["escalation_due_at"] = None
    return Recomputed(fields, sweep)


def _recompute_due(report: Report, tz: str, region_code: str | None) -> list[str]:
    def add(start: datetime, days: int) -> datetime:
        return add_working_days(start, days, tz=tz, region_code=region_code)

    status = report.status
    if status == Status.SUBMITTED:
        report.verification_due_at = add(report.status_changed_at, rules.VERIFICATION_DAYS)
        report.hold_due_at = None
        report.due_at = report.verification_due_at
        return ["verification_due_at", "hold_due_at", "due_at"]
    if status == Status.ON_HOLD:
        report.hold_due_at = add(report.status_changed_at, rules.HOLD_DAYS)
        report.due_at = report.hold_due_at
        return ["hold_due_at", "due_at"]
    if status == Status.DISPOSED:
        # A report in `disposed` always has `disposed_at`; the fallback keeps a
        # half-built report (tests, imports) from crashing the computation.
        disposed_at = report.disposed_at or report.status_changed_at
        report.first_followup_due_at = add(disposed_at, rules.FIRST_FOLLOWUP_DAYS)
        report.resolution_due_at = add(disposed_at, rules.finish_days(report.classification))
        report.due_at = report.first_followup_due_at
        return ["first_followup_due_at", "resolution_due_at", "due_at"]
    if status == Status.IN_PROGRESS:
        disposed_at = report.disposed_at or report.status_changed_at
        report.resolution_due_at = add(disposed_at, rules.finish_days(report.classification))
        report.due_at = report.resolution_due_at
        return ["resolution_due_at", "due_at"]
    if status == Status.RESOLVED:
        report.reply_due_at = add(report.resolved_at or report.status_changed_at, rules.REPLY_DAYS)
        report.due_at = report.reply_due_at
        return ["reply_due_at", "due_at"]
    if status == Status.ESCALATED:
        report.resolution_due_at = add(report.status_changed_at, rules.ESCALATED_FINISH_DAYS)
        report.due_at = report.resolution_due_at
        return ["resolution_due_at", "due_at"]
    # archived, closed: nothing is due any more.
    report.due_at = None
    return ["due_at"]


def report_due_state(report: Report, *, now: datetime) -> str:
    """``overdue`` past the due date, ``due_soon`` when it falls before the end of the
    next working day, ``on_time`` otherwise; ``""`` when nothing is due."""
    due_at = report.due_at
    if due_at is None:
        return ""
    if now > due_at:
        return DueState.OVERDUE
    next_working_day_end = add_working_days(
        now, 1, tz=report_timezone(report), region_code=report_region_code(report)
    )
    if due_at <= next_working_day_end:
        return DueState.DUE_SOON
    return DueState.ON_TIME
