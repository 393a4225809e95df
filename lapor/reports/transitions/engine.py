"""The engine: one move on one locked report, and ``transition``, the service that makes it.

Every move goes the same way (pretix/Zulip style; docs/workflow.md, "Every move"):

1. guard: the action exists and its input (and files) are valid (no lock held yet;
   ``inputs.guard``, ``events.files_check``);
2. ``transaction.atomic()`` and ``select_for_update()`` on the report (on SQLite the
   transaction is ``IMMEDIATE``, so the write lock is held from the start);
3. legality (status in the table, plus the few time/consent conditions) and the
   actor's permission, both on the locked row;
4. change the fields, ``version += 1``, ``save(update_fields=...)``;
5. append the move's one ``ReportEvent`` through the one writer
   (``reports.events.events_append``), which publishes it to the outbox in the same
   transaction; the move's files are stored on that event;
6. recompute the due dates (``reports.deadlines.report_recompute_deadlines``) and
   write the sweep state they come with (``ReportSweepState``).

Side effects (notifications, webhooks) are the outbox's subscribers' business, after
commit. ``make_move`` (steps 3, 4 and 6 in memory) is shared with the batch form,
``bulk.transition_many``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from lapor.accounts.principals import Principal
from lapor.core.exceptions import InvalidTransition, PermissionDenied

from ..choices import OmbudsmanConsent, Status
from ..deadlines import report_recompute_deadlines
from ..events import event_files_attach, event_type, events_append, files_check
from ..models import Report, ReportEvent
from ..permissions import acting_as
from ..search import search_documents_write
from .inputs import action_of, check_in_context, guard
from .table import TRANSITIONS, Action, illegal_reason, target_status
from .writes import ATTNAME, sweep_states_write

# ---------------------------------------------------------------------------
# What each move changes: (fields set, event data)

Changes = tuple[list[str], dict[str, Any]]


def _ref(obj: Any) -> Any:
    return obj.pk if obj is not None else None


def _apply_dispose(report: Report, c: dict[str, Any], now: datetime) -> Changes:
    fields: list[str] = []
    corrections: dict[str, dict[str, Any]] = {}
    for name, value in c["corrections"].items():
        attr = {"category": "category_id", "region": "region_id"}.get(name, name)
        old = getattr(report, attr)
        new = _ref(value) if name in ("category", "region") else value
        if old != new:
            corrections[name] = {"old": old, "new": new}
            setattr(report, attr, new)
            fields.append(attr)
    data = {
        "agency": {"old": report.agency_id, "new": c["agency"].pk},
        "unit": {"old": report.unit_id, "new": _ref(c["unit"])},
    }
    if corrections:
        data["corrections"] = corrections
    report.agency = c["agency"]
    report.unit = c["unit"]
    report.verified_at = now
    report.disposed_at = now
    return [*fields, "agency", "unit", "verified_at", "disposed_at"], data


def _apply_archive(report: Report, c: dict[str, Any], now: datetime) -> Changes:
    report.archive_reason = c["reason"]
    report.duplicate_of = c["duplicate_of"]
    data: dict[str, Any] = {"reason": c["reason"]}
    if c["duplicate_of"] is not None:
        data["duplicate_of"] = c["duplicate_of"].tracking_id
    return ["archive_reason", "duplicate_of"], data


def _apply_dispose_to_unit(report: Report, c: dict[str, Any], now: datetime) -> Changes:
    data = {"unit": {"old": report.unit_id, "new": c["unit"].pk}}
    report.unit = c["unit"]
    return ["unit"], data


def _apply_decline(report: Report, c: dict[str, Any], now: datetime) -> Changes:
    data = {
        "agency": {"old": report.agency_id, "new": None},
        "unit": {"old": report.unit_id, "new": None},
    }
    report.agency = None
    report.unit = None
    return ["agency", "unit"], data


def _apply_transfer(report: Report, c: dict[str, Any], now: datetime) -> Changes:
    data = {
        "agency": {"old": report.agency_id, "new": c["agency"].pk},
        "unit": {"old": report.unit_id, "new": None},
    }
    report.agency = c["agency"]
    report.unit = None
    # The new agency's clocks start now (first follow-up and resolution count from here).
    report.disposed_at = now
    return ["agency", "unit", "disposed_at"], data


def _apply_follow_up(report: Report, c: dict[str, Any], now: datetime) -> Changes:
    if report.first_followup_at is None:
        report.first_followup_at = now
        return ["first_followup_at"], {"first": True}
    return [], {}


def _apply_reply(report: Report, c: dict[str, Any], now: datetime) -> Changes:
    if report.status == Status.RESOLVED:
        # The reporter rejects the answer: it is no longer the answer.
        report.resolved_at = None
        return ["resolved_at"], {"reopened": True}
    return [], {}


def _apply_resolve(report: Report, c: dict[str, Any], now: datetime) -> Changes:
    fields, data = _apply_follow_up(report, c, now)
    report.resolved_at = now
    return [*fields, "resolved_at"], data


def _apply_close(report: Report, c: dict[str, Any], now: datetime) -> Changes:
    report.rating = c["rating"]
    report.rating_comment = c["comment"]
    report.reporter_satisfied = c["satisfied"]
    report.closed_at = now
    data = {"rating": c["rating"], "satisfied": c["satisfied"]}
    return ["rating", "rating_comment", "reporter_satisfied", "closed_at"], data


def _apply_auto_close(report: Report, c: dict[str, Any], now: datetime) -> Changes:
    report.closed_at = now
    return ["closed_at"], {}


def _consent(value: str) -> Callable[[Report, dict[str, Any], datetime], Changes]:
    def apply(report: Report, c: dict[str, Any], now: datetime) -> Changes:
        data = {"consent": {"old": report.ombudsman_consent, "new": value}}
        report.ombudsman_consent = value
        return ["ombudsman_consent"], data

    return apply


def _apply_escalate(report: Report, c: dict[str, Any], now: datetime) -> Changes:
    fields, data = _consent(OmbudsmanConsent.GIVEN)(report, c, now)
    data["agency"] = {"old": report.agency_id, "new": c["ombudsman"].pk}
    data["unit"] = {"old": report.unit_id, "new": None}
    report.agency = c["ombudsman"]
    report.unit = None
    return [*fields, "agency", "unit"], data


def _apply_nothing(report: Report, c: dict[str, Any], now: datetime) -> Changes:
    return [], {}


_APPLY: dict[Action, Callable[[Report, dict[str, Any], datetime], Changes]] = {
    Action.DISPOSE: _apply_dispose,
    Action.HOLD: _apply_nothing,
    Action.COMPLETE: _apply_nothing,
    Action.ARCHIVE: _apply_archive,
    Action.DISPOSE_TO_UNIT: _apply_dispose_to_unit,
    Action.DECLINE: _apply_decline,
    Action.TRANSFER: _apply_transfer,
    Action.FOLLOW_UP: _apply_follow_up,
    Action.REPLY: _apply_reply,
    Action.RESOLVE: _apply_resolve,
    Action.CLOSE: _apply_close,
    Action.AUTO_CLOSE: _apply_auto_close,
    Action.ASK_CONSENT: _consent(OmbudsmanConsent.ASKED),
    Action.ESCALATE: _apply_escalate,
    Action.REFUSE_CONSENT: _consent(OmbudsmanConsent.REFUSED),
}


# ---------------------------------------------------------------------------
# One move, in memory


@dataclass
class Made:
    """One move made in memory on a locked row: what to write, and its event."""

    report: Report
    fields: list[str]  # the columns whose values changed (``version`` not included)
    event: ReportEvent  # not saved yet
    sweep: dict[str, Any]  # the report's ``ReportSweepState`` values to write (or none)
    # The move's note as an event of its own (``Move.note_event``), or none.
    note_event: ReportEvent | None = None

    @property
    def events(self) -> list[ReportEvent]:
        return [self.event] if self.note_event is None else [self.event, self.note_event]


def make_move(
    action: Action, report: Report, actor: Principal, cleaned: dict[str, Any], now: datetime
) -> Made:
    """Steps 3 to 6 on a locked row, in memory: legality, permission, the changes, the
    event and the due dates. The one implementation behind ``transition`` and
    ``transition_many``. Raises (``InvalidTransition``, ``PermissionDenied``,
    ``ValidationFailed``) before touching the report, so a refused row is unchanged.
    """
    move = TRANSITIONS[action]
    reason = illegal_reason(action, report, now)
    if reason:
        raise InvalidTransition(reason)
    acting = acting_as(move.rule, report, actor, now=now)
    if acting is None:
        raise PermissionDenied()
    check_in_context(action, report, acting, cleaned)

    # What was loaded (a batch defers the description): a field not loaded and then
    # set by the move counts as changed, and reading it never costs a query.
    loaded = report.__dict__
    before = {name: loaded[name] for name in _WRITABLE if name in loaded}
    from_status = report.status
    to_status = target_status(move, report)
    fields, data = _APPLY[action](report, cleaned, now)
    if to_status != from_status:
        report.status = to_status
        report.status_changed_at = now
        fields += ["status", "status_changed_at"]
    report.version += 1
    # Ids rather than objects: the related descriptors cost more than the rest of the
    # event, and a batch builds a thousand.
    event = ReportEvent(
        report_id=report.pk,
        code=move.event,
        actor_id=actor.user_id,
        actor_role=acting.role,
        actor_agency_id=acting.agency_id,
        created_at=now,
        from_status=from_status,
        to_status=to_status,
        note="" if move.note_event else cleaned["note"],
        visibility=cleaned["visibility"] or move.visibility,
        data=data,
    )
    note_event = None
    if move.note_event and cleaned["note"]:
        note_event = ReportEvent(
            report_id=report.pk,
            code=move.note_event,
            actor_id=actor.user_id,
            actor_role=acting.role,
            actor_agency_id=acting.agency_id,
            created_at=now,
            from_status=to_status,
            to_status=to_status,
            note=cleaned["note"],
            visibility=event_type(move.note_event).audience,
        )
    recomputed = report_recompute_deadlines(report)
    fields += recomputed.fields
    attnames = {ATTNAME.get(name, name) for name in fields}
    changed = sorted(
        name for name in attnames if name not in before or getattr(report, name) != before[name]
    )
    sweep = recomputed.sweep
    if "status" not in changed and "due_at" not in changed:
        # Same step, same due date: the sweep state stands (``overdue_at`` follows both).
        sweep = {}
    return Made(report, changed, event, sweep, note_event)


# Report columns a move may write, by attname (``agency_id``).
_WRITABLE = tuple(
    f.attname for f in Report._meta.concrete_fields if f.name not in ("id", "version")
)


# ---------------------------------------------------------------------------
# The service


# The words ``reports.search`` reads: a move that changes one of them (a verifier's
# correction of the title) rewrites the report's search document; any other move
# leaves it alone, so that a status change costs no text-search work.
SEARCHED_FIELDS = frozenset({"title", "description"})


def transition(
    *,
    report_id: int,
    action: Action | str,
    actor: Principal,
    note: str = "",
    visibility: str | None = None,
    params: dict[str, Any] | None = None,
    files: Sequence[UploadedFile] = (),
    now: datetime | None = None,
) -> ReportEvent:
    """Make ``action`` on the report as ``actor``; return the move's event, saved, with
    ``event.report`` the report as saved.

    ``files`` are stored on the event (as readable as the event), in the same
    transaction. The system (``SYSTEM``: sweeps, integrations) may make only the
    system's moves. Raises ``ValidationFailed``, ``InvalidTransition`` or
    ``PermissionDenied`` and then changes nothing.
    """
    now = now or timezone.now()
    action = action_of(action)
    cleaned = guard(action, principal=actor, note=note, visibility=visibility, params=params)
    files = list(files)
    files_check(files)

    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        made = make_move(action, report, actor, cleaned, now)
        report.save(update_fields=[*made.fields, "version", "updated_at"])
        sweep_states_write([(report.pk, made.sweep)])
        if SEARCHED_FIELDS.intersection(made.fields):
            search_documents_write([report.pk])
        event, *_noted = events_append(made.events)
        ReportEvent.report.field.set_cached_value(event, report)
        event_files_attach(event=event, report=report, actor=actor, files=files)
    return event


__all__ = ["SEARCHED_FIELDS", "Made", "make_move", "transition"]
