"""A report's due dates, computed from its status and its timestamps.

``report_recompute_deadlines`` is called explicitly by ``reports.transitions`` after
every move (see docs/workflow.md). It is a pure function of the report's fields: the
same report always gets the same due dates, whenever it is recomputed.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from lapor.deadlines import rules
from lapor.deadlines.calendar import DEFAULT_TZ, add_working_days

from .choices import Status
from .models import Report


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


def report_recompute_deadlines(report: Report) -> list[str]:
    """Set the due fields for ``report.status``; return the names of the fields set.

    The caller saves them (``save(update_fields=...)``). Due fields of earlier steps
    are kept as history; only ``due_at`` says what is due now.
    """
    tz = report_timezone(report)
    region_code = report_region_code(report)

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
