"""Deadlines in motion: the periodic sweeps that act on due dates.

Run by ``manage.py run_sweeps`` (cron or systemd) and the ``run_sweeps_task`` task.
Each sweep reads only the rows whose work is due, through an index that holds exactly
those rows (or a ``(status, due_at)`` range), so its cost follows what is due, not what
is open; and each is idempotent: what it did leaves the index, so a second run finds
nothing.

Two kinds of work:

* **moves** of the state machine, made by the system through ``transition_many`` (the
  same table, rules and changes as any move): an expired hold is archived as
  incomplete, an answer the reporter left unanswered past ``reply_due_at`` closes, a
  report unresolved 60 calendar days after submission asks the reporter whether the
  Ombudsman may take it over;
* **marks**, which change no status and append an event each: the reminder one working
  day before a due date, the overdue mark (merah), and escalation up the chain. Their
  bookkeeping lives in the narrow ``ReportSweepState`` table, which is all a mark
  writes (the wide report row and its indexes are left alone); its columns belong to
  one due date and are reset by ``report_recompute_deadlines`` when ``due_at`` changes,
  so a new step gets its own reminder, mark and escalation.

Escalation of an overdue step (docs/DOMAIN.md: "when an agency misses its deadline,
the admin above it intervenes"): a step overdue at a unit is raised to the agency admin
(level 1, ``report.escalated_to_agency``); a step overdue at the agency itself (no
unit), or still overdue ``ESCALATE_TO_NATIONAL_AFTER_DAYS`` (3) working days after level
1, is raised to the national admin (level 2, ``report.escalated_to_national``). Three
working days is the verifier's own time limit: the agency admin gets as long to act on a
unit's lateness as a verifier gets for a new report. Steps that are the national
verifier's own (no agency yet) or the Ombudsman's have nobody above them: they are
marked overdue only. Who is told is ``lapor.notifications``' business: every event here
is published to the outbox (topic ``report.event``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from lapor.accounts.principals import SYSTEM
from lapor.agencies.models import Agency
from lapor.deadlines.calendar import add_working_days

from .choices import ArchiveReason, OmbudsmanConsent, Status, Visibility
from .deadlines import DUE_FIELD, report_region_code, report_timezone
from .events import events_append
from .models import WORKING_STEPS, EscalationLevel, Report, ReportEvent, ReportSweepState
from .permissions import SYSTEM as SYSTEM_ROLE
from .transitions import CONSENT_AFTER, Action, report_attach_places, transition_many

logger = logging.getLogger(__name__)

# Reports per transaction: large enough for set-based writes to pay, small enough that
# a batch holds its row locks for well under a second.
BATCH_SIZE = 1000
# Working days a unit's overdue step stays with the agency admin before the national
# admin is told too.
ESCALATE_TO_NATIONAL_AFTER_DAYS = 3

# The marks' event codes (registered in ``reports.events``).
REMINDER = "report.reminder"
OVERDUE = "report.overdue"
ESCALATED_TO_AGENCY = "report.escalated_to_agency"
ESCALATED_TO_NATIONAL = "report.escalated_to_national"

# The reporter's own steps: their reminder is for the reporter; the others' for officials.
_REPORTERS_STEPS = frozenset({Status.ON_HOLD, Status.RESOLVED})


# ---------------------------------------------------------------------------
# What is due: one query per sweep, each read along an index that holds (nearly) only
# due rows. ``bench/bench_sweeps.py`` checks their plans with EXPLAIN.


def due_expired_holds(now: datetime) -> QuerySet[Report]:
    # (status, due_at): in ``on_hold``, ``due_at`` is ``hold_due_at``.
    return Report.objects.filter(status=Status.ON_HOLD, due_at__lt=now).order_by("due_at")


def due_auto_close(now: datetime) -> QuerySet[Report]:
    # (status, due_at): in ``resolved``, ``due_at`` is ``reply_due_at``; an index on
    # ``reply_due_at`` alone would also hold every closed report's history.
    return Report.objects.filter(status=Status.RESOLVED, due_at__lt=now).order_by("due_at")


def due_ombudsman_consent(now: datetime) -> QuerySet[Report]:
    # report_consent_pending: working steps whose reporter was never asked.
    return Report.objects.filter(
        status__in=WORKING_STEPS,
        ombudsman_consent=OmbudsmanConsent.NONE,
        submitted_at__lte=now - CONSENT_AFTER,
    ).order_by("submitted_at")


# What a mark reads: the report's step and where its calendar is (joined), and the
# sweep state. Both rows are locked, so a mark never races a move of the report.
_MARK_COLUMNS = (
    "report__id",
    "report__status",
    "report__due_at",
    "report__agency",
    "report__unit",
    "report__region",
)


def _states(**pending: Any) -> QuerySet[ReportSweepState]:
    return ReportSweepState.objects.filter(**pending).select_related("report")


def due_reminders(now: datetime) -> QuerySet[ReportSweepState]:
    # sweep_remind_pending: reminders not yet sent.
    return (
        _states(remind_at__lte=now)
        .only("report", "remind_at", *_MARK_COLUMNS[:3])
        .order_by("remind_at")
    )


_ESCALATION_COLUMNS = (
    "report",
    "overdue_marked_at",
    "escalation_level",
    "escalation_due_at",
    *_MARK_COLUMNS,
)


def due_overdue(now: datetime) -> QuerySet[ReportSweepState]:
    # sweep_overdue_pending: officials' steps not yet marked; its predicate is repeated
    # here word for word so that the planner can use it.
    return (
        _states(overdue_marked_at__isnull=True, overdue_at__isnull=False, overdue_at__lt=now)
        .only(*_ESCALATION_COLUMNS)
        .order_by("overdue_at")
    )


def due_escalations(now: datetime) -> QuerySet[ReportSweepState]:
    # sweep_escalation_pending: escalations scheduled.
    return (
        _states(escalation_due_at__lte=now).only(*_ESCALATION_COLUMNS).order_by("escalation_due_at")
    )


DUE_QUERIES: dict[str, Callable[[datetime], QuerySet[Any]]] = {
    "holds_archived": due_expired_holds,
    "auto_closed": due_auto_close,
    "consent_asked": due_ombudsman_consent,
    "reminders": due_reminders,
    "overdue": due_overdue,
    "escalations": due_escalations,
}


# ---------------------------------------------------------------------------
# Moves


def _sweep_moves(
    due: QuerySet[Report],
    *,
    action: Action,
    params: dict[str, Any] | None,
    now: datetime,
    batch_size: int,
    agencies: dict[int, Agency],
) -> int:
    """Make ``action`` (as the system) on every report of ``due``, a batch at a time.

    ``due`` is ordered along its index; a moved report leaves it, so each batch reads
    the front of what is left. A report skipped (taken by an official's move right now,
    or no longer legal) is left for the next run and excluded for the rest of this one.
    """
    moved = 0
    skipped: set[int] = set()
    while True:
        ids = list(due.exclude(pk__in=skipped).values_list("pk", flat=True)[:batch_size])
        if not ids:
            return moved
        result = transition_many(
            report_ids=ids, action=action, actor=SYSTEM, params=params, now=now, agencies=agencies
        )
        moved += len(result.done)
        skipped.update(result.skipped)
        for pk, reason in result.skipped.items():
            logger.info("sweep %s: report %s skipped: %s", action, pk, reason)
        if len(ids) < batch_size:
            return moved


def sweep_expired_holds(
    *, now: datetime, batch_size: int = BATCH_SIZE, agencies: dict[int, Agency] | None = None
) -> int:
    """Archive (reason: incomplete) reports whose reporter did not answer the hold in time.

    The ``report.archived`` event (visible to the reporter) tells the reporter why.
    """
    return _sweep_moves(
        due_expired_holds(now),
        action=Action.ARCHIVE,
        params={"reason": ArchiveReason.INCOMPLETE},
        now=now,
        batch_size=batch_size,
        agencies={} if agencies is None else agencies,
    )


def sweep_auto_close(
    *, now: datetime, batch_size: int = BATCH_SIZE, agencies: dict[int, Agency] | None = None
) -> int:
    """Close answered reports after the reporter's silence (``reply_due_at`` passed)."""
    return _sweep_moves(
        due_auto_close(now),
        action=Action.AUTO_CLOSE,
        params=None,
        now=now,
        batch_size=batch_size,
        agencies={} if agencies is None else agencies,
    )


def sweep_ombudsman_consent(
    *, now: datetime, batch_size: int = BATCH_SIZE, agencies: dict[int, Agency] | None = None
) -> int:
    """Ask the reporter of each report still unresolved 60 days after submission whether
    the Ombudsman may take it over. Their consent (``escalate``) hands it over; a
    refusal is final for the sweeps (only officials may ask again)."""
    return _sweep_moves(
        due_ombudsman_consent(now),
        action=Action.ASK_CONSENT,
        params=None,
        now=now,
        batch_size=batch_size,
        agencies={} if agencies is None else agencies,
    )


# ---------------------------------------------------------------------------
# Marks


def _system_event(
    report: Report, code: str, visibility: str, now: datetime, **data: Any
) -> ReportEvent:
    """A mark's event, built in memory (a batch is written by ``events_append`` at once)."""
    return ReportEvent(
        report_id=report.pk,
        code=code,
        actor_id=SYSTEM.user_id,
        actor_role=SYSTEM_ROLE,
        created_at=now,
        from_status=report.status,
        to_status=report.status,
        visibility=visibility,
        data=data,
    )


def _due_data(report: Report) -> dict[str, Any]:
    assert report.due_at is not None
    return {"due": DUE_FIELD.get(report.status, "due_at"), "due_at": report.due_at.isoformat()}


Marked = tuple[list[str], list[ReportEvent]]


def _sweep_marks(
    due: QuerySet[ReportSweepState],
    mark: Callable[[ReportSweepState, datetime], Marked],
    *,
    now: datetime,
    batch_size: int,
    agencies: dict[int, Agency],
    attach_places: bool = False,
) -> dict[str, int]:
    """Lock a batch of due sweep states and their reports, ``mark`` each (changed
    columns of the state, events), write the columns grouped by value, append and
    publish the events; until none is left. Returns the number of events by code.

    Rows another transaction holds are skipped (``SKIP LOCKED``) and found next run.
    ``mark`` always clears the row's pending column, so every batch makes progress.
    """
    counts: dict[str, int] = {}
    locked = due.select_for_update(skip_locked=True, of=("self", "report"))
    while True:
        with transaction.atomic():
            rows = list(locked[:batch_size])
            if attach_places:
                report_attach_places([state.report for state in rows], agencies=agencies)
            changes = []
            events: list[ReportEvent] = []
            for state in rows:
                fields, made = mark(state, now)
                changes.append((state, fields))
                events += made
            for event in events:
                counts[event.code] = counts.get(event.code, 0) + 1
            _states_write(changes)
            events_append(events)
        if len(rows) < batch_size:
            return counts


def _states_write(changes: list[tuple[ReportSweepState, list[str]]]) -> None:
    """One ``UPDATE ... WHERE report_id IN (...)`` per distinct set of changed values
    (a batch of reminders is one; marks differ by level and escalation time)."""
    groups: dict[tuple[tuple[str, ...], tuple[Any, ...]], list[int]] = defaultdict(list)
    for state, names in changes:
        columns = tuple(sorted(names))
        groups[(columns, tuple(getattr(state, c) for c in columns))].append(state.pk)
    if len(groups) > max(_FEW_GROUPS, len(changes) // _FEW_GROUPS):
        by_columns: dict[tuple[str, ...], list[ReportSweepState]] = defaultdict(list)
        for state, names in changes:
            by_columns[tuple(sorted(names))].append(state)
        for columns, states in by_columns.items():
            ReportSweepState.objects.bulk_update(states, list(columns), batch_size=500)
        return
    for (columns, values), ids in groups.items():
        ReportSweepState.objects.filter(pk__in=ids).update(
            **dict(zip(columns, values, strict=True))
        )


# Up to this many distinct changes (or one per this many rows) get one UPDATE each.
_FEW_GROUPS = 20


def _remind(state: ReportSweepState, now: datetime) -> Marked:
    state.remind_at = None
    report = state.report
    if report.due_at is None or now > report.due_at:
        # The window passed unswept (the sweeps were down): the overdue mark says more.
        return ["remind_at"], []
    visibility = Visibility.REPORTER if report.status in _REPORTERS_STEPS else Visibility.INTERNAL
    return ["remind_at"], [_system_event(report, REMINDER, visibility, now, **_due_data(report))]


def sweep_reminders(
    *, now: datetime, batch_size: int = BATCH_SIZE, agencies: dict[int, Agency] | None = None
) -> int:
    """One ``report.reminder`` per due date, when it turns "due soon" (one working day
    before): to the reporter for their own steps, to the officials for theirs."""
    counts = _sweep_marks(
        due_reminders(now),
        _remind,
        now=now,
        batch_size=batch_size,
        agencies={} if agencies is None else agencies,
    )
    return counts.get(REMINDER, 0)


def _escalates(report: Report) -> bool:
    """Whether an overdue step has an admin above it: an agency's (or, while the agency
    the reporter picked verifies it, that agency's verification)."""
    return report.agency_id is not None and report.status in (
        Status.SUBMITTED,
        Status.DISPOSED,
        Status.IN_PROGRESS,
    )


def _raise(state: ReportSweepState, now: datetime) -> Marked:
    """One level up the chain for a step that is overdue now."""
    report = state.report
    fields = ["escalation_level", "escalation_due_at"]
    if not _escalates(report) or state.escalation_level >= EscalationLevel.NATIONAL:
        state.escalation_due_at = None
        return fields, []
    data = {**_due_data(report), "agency": report.agency_id, "unit": report.unit_id}
    if state.escalation_level == EscalationLevel.NONE and report.unit_id is not None:
        state.escalation_level = EscalationLevel.AGENCY
        state.escalation_due_at = add_working_days(
            now,
            ESCALATE_TO_NATIONAL_AFTER_DAYS,
            tz=report_timezone(report),
            region_code=report_region_code(report),
        )
        code = ESCALATED_TO_AGENCY
    else:
        state.escalation_level = EscalationLevel.NATIONAL
        state.escalation_due_at = None
        code = ESCALATED_TO_NATIONAL
    data["level"] = int(state.escalation_level)
    return fields, [_system_event(report, code, Visibility.INTERNAL, now, **data)]


def _mark_overdue(state: ReportSweepState, now: datetime) -> Marked:
    """The overdue mark and, where there is an admin above, the first escalation: one
    write of the row for both."""
    report = state.report
    state.overdue_marked_at = now
    overdue = _system_event(report, OVERDUE, Visibility.INTERNAL, now, **_due_data(report))
    if not _escalates(report):
        return ["overdue_marked_at"], [overdue]
    fields, raised = _raise(state, now)
    return ["overdue_marked_at", *fields], [overdue, *raised]


def _escalation_counts(counts: dict[str, int]) -> dict[str, int]:
    return {
        "escalated_to_agency": counts.get(ESCALATED_TO_AGENCY, 0),
        "escalated_to_national": counts.get(ESCALATED_TO_NATIONAL, 0),
    }


def sweep_overdue(
    *, now: datetime, batch_size: int = BATCH_SIZE, agencies: dict[int, Agency] | None = None
) -> dict[str, int]:
    """Mark each officials' step whose due date passed (merah), once per due date, and
    raise it one level (to the agency admin from a unit, else to the national admin)."""
    counts = _sweep_marks(
        due_overdue(now),
        _mark_overdue,
        now=now,
        batch_size=batch_size,
        agencies={} if agencies is None else agencies,
        attach_places=True,
    )
    return {"overdue": counts.get(OVERDUE, 0), **_escalation_counts(counts)}


def _escalate(state: ReportSweepState, now: datetime) -> Marked:
    report = state.report
    still_overdue = (
        state.overdue_marked_at is not None and report.due_at is not None and now > report.due_at
    )
    if not still_overdue:
        # Defensive: a new due date resets these columns, so this is stale bookkeeping.
        state.escalation_due_at = None
        return ["escalation_due_at"], []
    return _raise(state, now)


def sweep_escalations(
    *, now: datetime, batch_size: int = BATCH_SIZE, agencies: dict[int, Agency] | None = None
) -> dict[str, int]:
    """Raise steps still overdue when their next escalation is due (a unit's lateness,
    ``ESCALATE_TO_NATIONAL_AFTER_DAYS`` working days after the agency admin was told)."""
    counts = _sweep_marks(
        due_escalations(now),
        _escalate,
        now=now,
        batch_size=batch_size,
        agencies={} if agencies is None else agencies,
        attach_places=True,
    )
    return _escalation_counts(counts)


# ---------------------------------------------------------------------------


def sweep_all(*, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Run every sweep once; return how many reports each acted on.

    The moves go first, so that a report archived or closed now is not also reminded
    or marked overdue for the step it just left. A step found late is raised one level
    with its overdue mark; the later levels come from ``sweep_escalations``.
    """
    now = now or timezone.now()
    # Each agency is read once for the whole run (its timezone and path, for a few seconds).
    agencies: dict[int, Agency] = {}
    counts = {
        "holds_archived": sweep_expired_holds(now=now, batch_size=batch_size, agencies=agencies),
        "auto_closed": sweep_auto_close(now=now, batch_size=batch_size, agencies=agencies),
        "consent_asked": sweep_ombudsman_consent(now=now, batch_size=batch_size, agencies=agencies),
        "reminders": sweep_reminders(now=now, batch_size=batch_size, agencies=agencies),
    }
    counts.update(sweep_overdue(now=now, batch_size=batch_size, agencies=agencies))
    escalated = sweep_escalations(now=now, batch_size=batch_size, agencies=agencies)
    for name, count in escalated.items():
        counts[name] += count
    return counts


__all__ = [
    "BATCH_SIZE",
    "DUE_QUERIES",
    "ESCALATE_TO_NATIONAL_AFTER_DAYS",
    "sweep_all",
    "sweep_auto_close",
    "sweep_escalations",
    "sweep_expired_holds",
    "sweep_ombudsman_consent",
    "sweep_overdue",
    "sweep_reminders",
]
