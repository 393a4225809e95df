"""The report's one state machine: the table of moves and the service that makes them.

docs/workflow.md is the contract; this module is its only implementation. Nothing else
writes ``Report.status``. Every move goes the same way (pretix/Zulip style):

1. guard: the action exists and its input is valid (no lock held yet);
2. ``transaction.atomic()`` and ``select_for_update()`` on the report (on SQLite the
   transaction is ``IMMEDIATE``, so the write lock is held from the start);
3. legality (status in the table, plus the few time/consent conditions) and the
   actor's permission, both on the locked row;
4. change the fields, ``version += 1``, ``save(update_fields=...)``;
5. append one ``ReportEvent`` and publish it to the outbox (topic ``report.event``), in
   the same transaction, so that a committed move is never left unannounced;
6. recompute the due dates (``reports.deadlines.report_recompute_deadlines``) and
   write the sweep state they come with (``ReportSweepState``, ``sweep_states_write``);
7. send ``report_transitioned`` after commit.

``transition_many`` makes one move on a batch of reports (the sweeps; bulk disposition
and spam archiving in the console) with the same steps 3 to 6 per row
(``_make_move``), but one transaction, one locking query, and set-based writes.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.accounts.choices import Role
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency, Category
from lapor.core.exceptions import (
    InvalidTransition,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)
from lapor.core.models import OutboxMessage
from lapor.core.outbox import _kick_after_commit, outbox_enqueue
from lapor.deadlines.rules import OMBUDSMAN_CONSENT_AFTER_DAYS
from lapor.regions.models import Region

from .choices import ArchiveReason, Classification, OmbudsmanConsent, Status, Visibility
from .deadlines import report_recompute_deadlines
from .models import Report, ReportEvent, ReportSweepState
from .permissions import REPORTER, Acting, Rule, acting_as
from .search import search_documents_write
from .signals import report_transitioned
from .tracking import normalize_tracking_id

logger = logging.getLogger(__name__)

# The Ombudsman RI as an agency: where an escalated report sits.
OMBUDSMAN_AGENCY_CODE = "ombudsman-ri"
# "Still unresolved after 60 days" (docs/DOMAIN.md): calendar days since submission.
CONSENT_AFTER = timedelta(days=OMBUDSMAN_CONSENT_AFTER_DAYS)

TITLE_MIN, TITLE_MAX = 10, 150
NOTE_MAX = 20_000
COMMENT_MAX = 2_000


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submit")
    DISPOSE = "dispose", _("Send to the agency")
    HOLD = "hold", _("Ask the reporter for information")
    COMPLETE = "complete", _("Add the missing information")
    ARCHIVE = "archive", _("Archive")
    DISPOSE_TO_UNIT = "dispose_to_unit", _("Pass to a unit")
    DECLINE = "decline", _("Not our authority")
    TRANSFER = "transfer", _("Transfer to another agency")
    FOLLOW_UP = "follow_up", _("Post a follow-up")
    REPLY = "reply", _("Reply")
    RESOLVE = "resolve", _("Give the answer")
    CLOSE = "close", _("Accept and rate")
    AUTO_CLOSE = "auto_close", _("Close after the reporter's silence")
    ASK_CONSENT = "ask_consent", _("Ask to hand over to the Ombudsman")
    ESCALATE = "escalate", _("Hand over to the Ombudsman")
    REFUSE_CONSENT = "refuse_consent", _("Keep with the agency")


@dataclass(frozen=True)
class Move:
    """One row of the table in docs/workflow.md."""

    sources: frozenset[str]
    to: str | None  # None: the status stays what it was
    event: str
    visibility: str
    rule: str
    # Sources whose destination differs from ``to``.
    to_from: Mapping[str, str] = field(default_factory=dict)

    def target(self, source: str) -> str:
        return self.to_from.get(source, self.to or source)

    def possible_targets(self, source: str) -> frozenset[str]:
        """Every status a report in ``source`` can end in (for tests and docs)."""
        to = self.target(source)
        if to == Status.IN_PROGRESS and source == Status.RESOLVED:
            # Reopening a report the Ombudsman answered gives it back to the Ombudsman.
            return frozenset({Status.IN_PROGRESS, Status.ESCALATED})
        return frozenset({to})


S = Status
_WORKING = frozenset({S.DISPOSED, S.IN_PROGRESS})

TRANSITIONS: dict[Action, Move] = {
    # Never through ``transition``: ``services.report_submit`` creates the report and
    # uses this row for its event.
    Action.SUBMIT: Move(
        frozenset(), S.SUBMITTED, "report.submitted", Visibility.PUBLIC, Rule.REPORTER
    ),
    Action.DISPOSE: Move(
        frozenset({S.SUBMITTED}), S.DISPOSED, "report.disposed", Visibility.PUBLIC, Rule.VERIFIER
    ),
    Action.HOLD: Move(
        frozenset({S.SUBMITTED}), S.ON_HOLD, "report.held", Visibility.REPORTER, Rule.VERIFIER
    ),
    Action.COMPLETE: Move(
        frozenset({S.ON_HOLD}), S.SUBMITTED, "report.completed", Visibility.REPORTER, Rule.REPORTER
    ),
    Action.ARCHIVE: Move(
        frozenset({S.SUBMITTED, S.ON_HOLD}),
        S.ARCHIVED,
        "report.archived",
        Visibility.REPORTER,
        Rule.VERIFIER_OR_SYSTEM,
    ),
    Action.DISPOSE_TO_UNIT: Move(
        _WORKING, None, "report.disposed_to_unit", Visibility.INTERNAL, Rule.DISPATCHER
    ),
    Action.DECLINE: Move(
        frozenset({S.DISPOSED}),
        S.SUBMITTED,
        "report.declined",
        Visibility.INTERNAL,
        Rule.AGENCY_ADMIN,
    ),
    Action.TRANSFER: Move(
        frozenset({S.DISPOSED}),
        S.DISPOSED,
        "report.transferred",
        Visibility.INTERNAL,
        Rule.AGENCY_ADMIN_OR_NATIONAL,
    ),
    Action.FOLLOW_UP: Move(
        _WORKING | {S.ESCALATED},
        S.IN_PROGRESS,
        "report.followed_up",
        Visibility.PUBLIC,
        Rule.HANDLER,
        to_from={S.ESCALATED: S.ESCALATED},
    ),
    Action.REPLY: Move(
        _WORKING | {S.RESOLVED, S.ESCALATED},
        None,
        "report.replied",
        Visibility.REPORTER,
        Rule.REPORTER,
        to_from={S.RESOLVED: S.IN_PROGRESS},
    ),
    Action.RESOLVE: Move(
        _WORKING | {S.ESCALATED}, S.RESOLVED, "report.resolved", Visibility.PUBLIC, Rule.HANDLER
    ),
    Action.CLOSE: Move(
        frozenset({S.RESOLVED}), S.CLOSED, "report.closed", Visibility.PUBLIC, Rule.REPORTER
    ),
    Action.AUTO_CLOSE: Move(
        frozenset({S.RESOLVED}), S.CLOSED, "report.auto_closed", Visibility.PUBLIC, Rule.SYSTEM
    ),
    Action.ASK_CONSENT: Move(
        _WORKING, None, "report.consent_asked", Visibility.REPORTER, Rule.CONSENT_ASKER
    ),
    Action.ESCALATE: Move(
        _WORKING, S.ESCALATED, "report.escalated", Visibility.PUBLIC, Rule.REPORTER
    ),
    Action.REFUSE_CONSENT: Move(
        _WORKING, None, "report.consent_refused", Visibility.REPORTER, Rule.REPORTER
    ),
}

# Moves whose note is the point of the move (the question, the answer, the reason).
NOTE_REQUIRED = frozenset(
    {
        Action.HOLD,
        Action.COMPLETE,
        Action.DECLINE,
        Action.TRANSFER,
        Action.FOLLOW_UP,
        Action.REPLY,
        Action.RESOLVE,
    }
)

CORRECTABLE = (
    "title",
    "classification",
    "category_id",
    "region_code",
    "is_anonymous",
    "is_confidential",
)
PARAMS: dict[Action, frozenset[str]] = {
    Action.DISPOSE: frozenset({"agency_id", "unit_id", *CORRECTABLE}),
    Action.ARCHIVE: frozenset({"reason", "duplicate_of"}),
    Action.DISPOSE_TO_UNIT: frozenset({"unit_id"}),
    Action.TRANSFER: frozenset({"agency_id"}),
    Action.CLOSE: frozenset({"rating", "comment", "satisfied"}),
}


def target_status(move: Move, report: Report) -> str:
    """Where ``move`` takes ``report``.

    ``escalated`` is ``in_progress`` with the Ombudsman: while the reporter's consent
    stands (``given``), work that would go on in ``in_progress`` goes on in
    ``escalated``, so a reporter's reply to the Ombudsman's answer reopens the report
    for the Ombudsman, not for an agency that no longer holds it.
    """
    to = move.target(report.status)
    if to == Status.IN_PROGRESS and report.ombudsman_consent == OmbudsmanConsent.GIVEN:
        return Status.ESCALATED
    return to


# ---------------------------------------------------------------------------
# Legality beyond the status


def _illegal_reason(action: Action, report: Report, now: datetime) -> str | None:
    """Why the move is not possible now, or ``None``; the status check comes first."""
    move = TRANSITIONS[action]
    if report.status not in move.sources:
        return str(
            _("A report that is “%(status)s” cannot take the step “%(action)s”.")
            % {"status": report.get_status_display(), "action": action.label}
        )
    if action == Action.AUTO_CLOSE:
        if report.reply_due_at is None or now <= report.reply_due_at:
            return str(_("The reporter still has time to reply."))
    elif action == Action.ASK_CONSENT:
        if report.ombudsman_consent not in (OmbudsmanConsent.NONE, OmbudsmanConsent.REFUSED):
            return str(_("The reporter has already been asked."))
        if now - report.submitted_at < CONSENT_AFTER:
            return str(_("The Ombudsman can be asked only 60 days after the report was filed."))
    elif (
        action in (Action.ESCALATE, Action.REFUSE_CONSENT)
        and report.ombudsman_consent != OmbudsmanConsent.ASKED
    ):
        return str(_("Nobody has asked to hand this report over to the Ombudsman."))
    return None


def allowed_actions(report: Report, user: Any, *, now: datetime | None = None) -> list[Action]:
    """The moves ``user`` may make on ``report`` now (the buttons a page shows).

    ``user=None`` is the system. Input-dependent checks (which agency or unit) are left
    to ``transition``.
    """
    now = now or timezone.now()
    allowed: list[Action] = []
    for action, move in TRANSITIONS.items():
        if action == Action.SUBMIT or _illegal_reason(action, report, now):
            continue
        if acting_as(move.rule, report, user, now=now) is not None:
            allowed.append(action)
    return allowed


# ---------------------------------------------------------------------------
# Input


def add_error(errors: dict[str, list[str]], key: str, message: Any) -> None:
    errors.setdefault(key, []).append(str(message))


def clean_title(value: Any, errors: dict[str, list[str]], key: str = "title") -> str:
    title = " ".join(str(value or "").split())
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        add_error(
            errors,
            key,
            _("The title must be %(min)d to %(max)d characters long.")
            % {"min": TITLE_MIN, "max": TITLE_MAX},
        )
    return title


def _clean_int(value: Any, errors: dict[str, list[str]], key: str) -> int | None:
    # Neither True (== 1) nor 3.7 (int() would quietly make it 3) is a whole number.
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        add_error(errors, key, _("Enter a whole number."))
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        add_error(errors, key, _("Enter a whole number."))
        return None


def _clean_bool(value: Any, errors: dict[str, list[str]], key: str) -> bool | None:
    if not isinstance(value, bool):
        add_error(errors, key, _("Choose yes or no."))
        return None
    return value


def clean_agency(
    value: Any, errors: dict[str, list[str]], key: str, *, unit: bool
) -> Agency | None:
    """An active agency (``unit=False``: not a unit) or an active unit-or-agency."""
    pk = _clean_int(value, errors, key)
    if pk is None:
        return None
    agency = Agency.objects.filter(pk=pk, is_active=True).first()
    if agency is None or (not unit and agency.kind == AgencyKind.UNIT):
        add_error(errors, key, _("Choose an active agency from the list."))
        return None
    return agency


def clean_category(
    value: Any, errors: dict[str, list[str]], key: str = "category_id"
) -> Category | None:
    pk = _clean_int(value, errors, key)
    if pk is None:
        return None
    category = Category.objects.filter(pk=pk, is_active=True).first()
    if category is None:
        add_error(errors, key, _("Choose a category from the list."))
    return category


def clean_region(
    value: Any, errors: dict[str, list[str]], key: str = "region_code"
) -> Region | None:
    region = Region.objects.filter(pk=str(value)).first() if value else None
    if region is None:
        add_error(errors, key, _("Choose a region from the list."))
    return region


def _clean_params(
    action: Action, *, note: str, visibility: str | None, params: dict[str, Any]
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}

    note = (note or "").strip()
    if action in NOTE_REQUIRED and not note:
        add_error(errors, "note", _("Write a note."))
    if len(note) > NOTE_MAX:
        add_error(errors, "note", _("The note is too long."))
    cleaned["note"] = note
    if visibility is not None and visibility not in Visibility.values:
        add_error(errors, "visibility", _("Choose who may read this."))
    for key in params.keys() - PARAMS.get(action, frozenset()):
        add_error(errors, key, _("This field is not expected here."))

    if action == Action.DISPOSE:
        if params.get("agency_id") in (None, ""):
            add_error(errors, "agency_id", _("Choose the agency."))
        else:
            cleaned["agency"] = clean_agency(params["agency_id"], errors, "agency_id", unit=False)
        cleaned["unit"] = None
        if params.get("unit_id") not in (None, ""):
            unit = clean_agency(params["unit_id"], errors, "unit_id", unit=True)
            agency = cleaned.get("agency")
            if unit is not None and agency is not None and not _strictly_inside(unit, agency):
                add_error(errors, "unit_id", _("Choose a unit of that agency."))
            cleaned["unit"] = unit
        corrections: dict[str, Any] = {}
        if "title" in params:
            corrections["title"] = clean_title(params["title"], errors)
        if "classification" in params:
            if params["classification"] not in Classification.values:
                add_error(errors, "classification", _("Choose a classification."))
            corrections["classification"] = params["classification"]
        if "category_id" in params:
            corrections["category"] = (
                None
                if params["category_id"] in (None, "")
                else clean_category(params["category_id"], errors)
            )
        if "region_code" in params:
            corrections["region"] = (
                None
                if params["region_code"] in (None, "")
                else clean_region(params["region_code"], errors)
            )
        for flag in ("is_anonymous", "is_confidential"):
            if flag in params:
                corrections[flag] = _clean_bool(params[flag], errors, flag)
        cleaned["corrections"] = corrections

    elif action == Action.ARCHIVE:
        reason = params.get("reason")
        if reason not in ArchiveReason.values:
            add_error(errors, "reason", _("Choose why the report is archived."))
        cleaned["reason"] = reason
        cleaned["duplicate_of"] = None
        raw = params.get("duplicate_of")
        if reason == ArchiveReason.DUPLICATE:
            tracking_id = normalize_tracking_id(raw)
            original = (
                Report.objects.filter(tracking_id=tracking_id).first() if tracking_id else None
            )
            if original is None:
                add_error(
                    errors,
                    "duplicate_of",
                    _("Enter the tracking ID of the report this one repeats."),
                )
            cleaned["duplicate_of"] = original
        elif raw not in (None, ""):
            add_error(errors, "duplicate_of", _("Only a duplicate names another report."))

    elif action == Action.DISPOSE_TO_UNIT:
        if params.get("unit_id") in (None, ""):
            add_error(errors, "unit_id", _("Choose the unit."))
        else:
            cleaned["unit"] = clean_agency(params["unit_id"], errors, "unit_id", unit=True)

    elif action == Action.TRANSFER:
        if params.get("agency_id") in (None, ""):
            add_error(errors, "agency_id", _("Choose the agency."))
        else:
            cleaned["agency"] = clean_agency(params["agency_id"], errors, "agency_id", unit=False)

    elif action == Action.CLOSE:
        rating = _clean_int(params.get("rating"), errors, "rating") if "rating" in params else None
        if rating is None or not 1 <= rating <= 5:
            errors["rating"] = [str(_("Give a rating from 1 to 5."))]
        cleaned["rating"] = rating
        comment = str(params.get("comment") or "").strip()
        if len(comment) > COMMENT_MAX:
            add_error(errors, "comment", _("The comment is too long."))
        cleaned["comment"] = comment
        # The reporter's comment is what the timeline shows for the closing.
        cleaned["note"] = note or comment
        satisfied = params.get("satisfied")
        cleaned["satisfied"] = (
            None if satisfied is None else _clean_bool(satisfied, errors, "satisfied")
        )

    elif action == Action.ESCALATE:
        ombudsman = Agency.objects.filter(code=OMBUDSMAN_AGENCY_CODE, is_active=True).first()
        if ombudsman is None:
            raise ServiceError(str(_("The Ombudsman is not set up in this system.")))
        cleaned["ombudsman"] = ombudsman

    if errors:
        raise ValidationFailed(errors)
    return cleaned


def _strictly_inside(unit: Agency, agency: Agency) -> bool:
    return unit.pk != agency.pk and unit.path.startswith(agency.path)


# ---------------------------------------------------------------------------
# Checks of the input against the locked row and the actor


def _check_in_context(action: Action, report: Report, acting: Acting, c: dict[str, Any]) -> None:
    if action == Action.DISPOSE and acting.role == Role.ADMIN_INSTANSI:
        # An agency verifier keeps the report in its own subtree; sending it elsewhere
        # is the national verifier's call (decline, then dispose).
        assert acting.scope is not None
        if not acting.scope.covers(c["agency"].path):
            raise PermissionDenied(str(_("You can send this report only to your own agency.")))

    elif action == Action.DISPOSE_TO_UNIT:
        unit = c["unit"]
        if report.agency is None or not _strictly_inside(unit, report.agency):
            raise ValidationFailed({"unit_id": [str(_("Choose a unit of the handling agency."))]})
        if unit.pk == report.unit_id:
            raise ValidationFailed({"unit_id": [str(_("The report is already with this unit."))]})
        if acting.role == Role.ADMIN_UNIT:
            assert acting.scope is not None and acting.scope.path is not None
            if not (unit.path.startswith(acting.scope.path) and unit.path != acting.scope.path):
                raise PermissionDenied(
                    str(_("You can pass this report only to a unit below yours."))
                )

    elif action == Action.TRANSFER and c["agency"].pk == report.agency_id:
        raise ValidationFailed({"agency_id": [str(_("Choose another agency."))]})

    elif (
        action == Action.ARCHIVE
        and c["duplicate_of"] is not None
        and c["duplicate_of"].pk == report.pk
    ):
        raise ValidationFailed(
            {"duplicate_of": [str(_("A report cannot be a duplicate of itself."))]}
        )

    if c.get("visibility") is not None and acting.role == REPORTER:
        raise ValidationFailed({"visibility": [str(_("The reporter cannot choose this."))]})


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


def _action(action: Action | str) -> Action:
    try:
        return Action(action)
    except ValueError:
        raise ValidationFailed({"action": [str(_("Unknown action."))]}) from None


def _guard(
    action: Action, *, note: str, visibility: str | None, params: dict[str, Any] | None
) -> dict[str, Any]:
    """Step 1: the input, checked before any lock is taken."""
    cleaned = _clean_params(action, note=note, visibility=visibility, params=dict(params or {}))
    cleaned["visibility"] = visibility
    return cleaned


@dataclass
class _Made:
    """One move made in memory on a locked row: what to write, and its event."""

    report: Report
    fields: list[str]  # the columns whose values changed (``version`` not included)
    event: ReportEvent  # not saved yet
    sweep: dict[str, Any]  # the report's ``ReportSweepState`` values to write (or none)


def _make_move(
    action: Action, report: Report, actor: Any, cleaned: dict[str, Any], now: datetime
) -> _Made:
    """Steps 3 to 6 on a locked row, in memory: legality, permission, the changes, the
    event and the due dates. The one implementation behind ``transition`` and
    ``transition_many``. Raises (``InvalidTransition``, ``PermissionDenied``,
    ``ValidationFailed``) before touching the report, so a refused row is unchanged.
    """
    move = TRANSITIONS[action]
    reason = _illegal_reason(action, report, now)
    if reason:
        raise InvalidTransition(reason)
    acting = acting_as(move.rule, report, actor, now=now)
    if acting is None:
        raise PermissionDenied()
    _check_in_context(action, report, acting, cleaned)

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
        actor_id=actor.pk if actor is not None else None,
        actor_role=acting.role,
        actor_agency_id=acting.agency_id,
        created_at=now,
        from_status=from_status,
        to_status=to_status,
        note=cleaned["note"],
        visibility=cleaned["visibility"] or move.visibility,
        data=data,
    )
    recomputed = report_recompute_deadlines(report)
    fields += recomputed.fields
    attnames = {_ATTNAME.get(name, name) for name in fields}
    changed = sorted(
        name for name in attnames if name not in before or getattr(report, name) != before[name]
    )
    sweep = recomputed.sweep
    if "status" not in changed and "due_at" not in changed:
        # Same step, same due date: the sweep state stands (``overdue_at`` follows both).
        sweep = {}
    return _Made(report, changed, event, sweep)


# Report columns a move may write, by attname (``agency_id``), and field name → attname.
_WRITABLE = tuple(
    f.attname for f in Report._meta.concrete_fields if f.name not in ("id", "version")
)
_ATTNAME = {f.name: f.attname for f in Report._meta.concrete_fields}


# ---------------------------------------------------------------------------
# Publishing: every event goes to the outbox inside the move's transaction.

REPORT_EVENT_TOPIC = "report.event"


def _publish_payload(event: ReportEvent) -> dict[str, Any]:
    return {"event_id": event.pk, "report_id": event.report_id, "code": event.code}


def _publish_key(event: ReportEvent) -> str:
    return f"{REPORT_EVENT_TOPIC}:{event.pk}"


def report_event_publish(event: ReportEvent) -> None:
    """Promise the event's fan-out (notifications, webhooks) in the caller's transaction.

    The outbox row commits with the event or not at all; ``lapor.notifications``
    handles topic ``report.event``. The key makes a second publish of the same event a
    no-op.
    """
    outbox_enqueue(
        topic=REPORT_EVENT_TOPIC,
        payload=_publish_payload(event),
        idempotency_key=_publish_key(event),
    )


def report_events_publish(events: Sequence[ReportEvent]) -> None:
    """``report_event_publish`` for a batch: one INSERT for all of them.

    Same rows as one ``outbox_enqueue`` each (topic, payload, key, due now), written
    with ``ON CONFLICT DO NOTHING`` so that an event already published stays as it was.
    """
    if not events:
        return
    now = timezone.now()
    max_attempts = int(getattr(settings, "OUTBOX_MAX_ATTEMPTS", 12))
    OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(
                topic=REPORT_EVENT_TOPIC,
                payload=_publish_payload(event),
                idempotency_key=_publish_key(event),
                next_attempt_at=now,
                max_attempts=max_attempts,
            )
            for event in events
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    if getattr(settings, "OUTBOX_KICK_ON_COMMIT", True):
        # One deliver_outbox task for the batch, queued after commit (as outbox_enqueue
        # does for one message; lapor.core has no public batch enqueue yet).
        _kick_after_commit(run_after=None)


def report_events_append(events: Sequence[ReportEvent]) -> list[ReportEvent]:
    """Insert new events and publish each, in the caller's transaction; set their pks.

    For batches: ``transition_many``'s moves, and the sweeps' events that are not moves
    (reminders, overdue marks, escalations). Same rows as ``bulk_create`` plus
    ``report_events_publish``; on PostgreSQL in one statement (below).
    """
    events = list(events)
    if not events:
        return events
    # The statement gives the new ids back by (report, code), which must tell them apart.
    keys = {(e.report_id, e.code) for e in events}
    if connection.vendor == "postgresql" and len(keys) == len(events):
        _append_and_publish_pg(events)
        if getattr(settings, "OUTBOX_KICK_ON_COMMIT", True):
            _kick_after_commit(run_after=None)
        return events
    saved = ReportEvent.objects.bulk_create(events, batch_size=1000)
    report_events_publish(saved)
    return saved


# The events' columns in the order the statement below takes them.
_EVENT_COLUMNS = (
    ("report_id", "bigint"),
    ("code", "text"),
    ("actor_id", "bigint"),
    ("actor_role", "text"),
    ("actor_agency_id", "bigint"),
    ("created_at", "timestamptz"),
    ("from_status", "text"),
    ("to_status", "text"),
    ("note", "text"),
    ("visibility", "text"),
    ("data", "text"),  # JSON text, cast to jsonb
)
# Every outbox column this statement fills, and what with (``ev`` is the new event).
_OUTBOX_VALUES = {
    "topic": "%(topic)s::text",
    "payload": "jsonb_build_object('event_id', ev.id, 'report_id', ev.report_id, 'code', ev.code)",
    "idempotency_key": "%(topic)s::text || ':' || ev.id",
    "status": "'pending'",
    "attempts": "0",
    "max_attempts": "%(max_attempts)s::integer",
    "next_attempt_at": "%(now)s::timestamptz",
    "locked_until": "NULL",
    "locked_by": "''",
    "last_error": "''",
    "created_at": "%(now)s::timestamptz",
    "delivered_at": "NULL",
}


def _append_and_publish_pg(events: list[ReportEvent]) -> None:
    """Insert the events and their outbox rows in one statement, from column arrays.

    ``bulk_create`` of 1,000 events and then of 1,000 outbox rows spends most of its
    time compiling SQL in Python; ``unnest`` of eleven arrays does not, and a
    data-modifying CTE writes the outbox rows from the inserted events' ids. The outbox
    rows are the ones ``outbox_enqueue`` writes (``ON CONFLICT DO NOTHING`` on the key).
    A column added to either model fails here loudly rather than being left empty.
    """
    event_columns = {f.column for f in ReportEvent._meta.concrete_fields} - {"id"}
    outbox_columns = {f.column for f in OutboxMessage._meta.concrete_fields} - {"id"}
    if event_columns != {c for c, _t in _EVENT_COLUMNS} or outbox_columns != set(_OUTBOX_VALUES):
        raise RuntimeError("ReportEvent or OutboxMessage changed: update _append_and_publish_pg")

    arrays: list[list[Any]] = [[] for _c in _EVENT_COLUMNS]
    for event in events:
        for i, (column, _type) in enumerate(_EVENT_COLUMNS):
            value = getattr(event, column)
            if column == "data":
                value = json.dumps(value, cls=DjangoJSONEncoder)
            arrays[i].append(value)
    columns = ", ".join(c for c, _t in _EVENT_COLUMNS)
    unnest = ", ".join(f"%(a{i})b::{t}[]" for i, (_c, t) in enumerate(_EVENT_COLUMNS))
    selected = ", ".join(f"u.{c}::jsonb" if c == "data" else f"u.{c}" for c, _t in _EVENT_COLUMNS)
    outbox = ", ".join(_OUTBOX_VALUES)
    outbox_values = ", ".join(_OUTBOX_VALUES.values())
    # Only table and column names from the models are written in; values are parameters.
    sql = (
        f"WITH ev AS (INSERT INTO {ReportEvent._meta.db_table} ({columns}) "  # noqa: S608
        f"SELECT {selected} FROM unnest({unnest}) AS u({columns}) "
        "RETURNING id, report_id, code), "
        f"pub AS (INSERT INTO {OutboxMessage._meta.db_table} ({outbox}) "
        f"SELECT {outbox_values} FROM ev ON CONFLICT (idempotency_key) DO NOTHING) "
        "SELECT id, report_id, code FROM ev"
    )
    params: dict[str, Any] = {f"a{i}": values for i, values in enumerate(arrays)}
    params |= {
        "topic": REPORT_EVENT_TOPIC,
        "max_attempts": int(getattr(settings, "OUTBOX_MAX_ATTEMPTS", 12)),
        "now": timezone.now(),
    }
    # The arrays go as binary parameters (server-side binding): Django's cursor quotes
    # every element into the SQL text, which for a batch of 1,000 events costs about six
    # times as much. Still wrapped by Django, so the statement is logged like any other.
    import psycopg  # here: only PostgreSQL takes this path

    connection.ensure_connection()
    raw = psycopg.Cursor(connection.connection)
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    # The stubs want Django's own wrapper; Django's make_cursor wraps a raw DB-API cursor.
    with wrap(raw) as cursor:  # type: ignore[arg-type]
        cursor.execute(sql, params)
        ids = {(report_id, code): pk for pk, report_id, code in cursor.fetchall()}
    for event in events:
        event.pk = ids[(event.report_id, event.code)]
        event._state.adding = False
        event._state.db = connection.alias


# ---------------------------------------------------------------------------
# The service


def send_after_commit(*, report_id: int, event_id: int, action: Action) -> None:
    """Queue ``report_transitioned``; a failing receiver is logged, never raised, as
    the move itself has already been committed."""
    _send_many_after_commit([(report_id, event_id)], action)


def _send_many_after_commit(moves: list[tuple[int, int]], action: Action) -> None:
    def send() -> None:
        for report_id, event_id in moves:
            for receiver, result in report_transitioned.send_robust(
                sender=Report, report_id=report_id, event_id=event_id, action=action
            ):
                if isinstance(result, Exception):
                    logger.error(
                        "report_transitioned receiver %r failed", receiver, exc_info=result
                    )

    if moves:
        transaction.on_commit(send)


# The words ``reports.search`` reads: a move that changes one of them (a verifier's
# correction of the title) rewrites the report's search document; any other move
# leaves it alone, so that a status change costs no text-search work.
_SEARCHED_FIELDS = frozenset({"title", "description"})


def transition(
    *,
    report_id: int,
    action: Action | str,
    actor: Any,
    note: str = "",
    visibility: str | None = None,
    params: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> Report:
    """Make ``action`` on the report; return the report as saved.

    ``actor=None`` is the system (sweeps and integrations), allowed only for the system
    moves. Raises ``ValidationFailed``, ``InvalidTransition`` or ``PermissionDenied``
    and then changes nothing.
    """
    now = now or timezone.now()
    action = _action(action)
    cleaned = _guard(action, note=note, visibility=visibility, params=params)

    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        made = _make_move(action, report, actor, cleaned, now)
        report.save(update_fields=[*made.fields, "version", "updated_at"])
        sweep_states_write([(report.pk, made.sweep)])
        if _SEARCHED_FIELDS.intersection(made.fields):
            search_documents_write([report.pk])
        event = made.event
        event.save()
        report_event_publish(event)
        send_after_commit(report_id=report.pk, event_id=event.pk, action=action)
    return report


@dataclass
class TransitionManyResult:
    """What ``transition_many`` did: the reports moved, and why each other one was not."""

    done: list[int] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)


def transition_many(
    *,
    report_ids: Iterable[int],
    action: Action | str,
    actor: Any,
    note: str = "",
    params: dict[str, Any] | None = None,
    now: datetime | None = None,
    agencies: dict[int, Agency] | None = None,
) -> TransitionManyResult:
    """Make ``action`` on each of the reports, in one transaction.

    Each row goes through the same checks and changes as ``transition`` (``_make_move``):
    a row the move is illegal for, that ``actor`` may not move, or whose input does not
    fit it (a unit outside its agency) is skipped with the reason and left unchanged;
    so is a row another transaction holds (PostgreSQL ``SKIP LOCKED``: a sweep never
    waits on an official; on SQLite the ``IMMEDIATE`` transaction serialises writers).
    Bad input for the whole batch (``params``) raises ``ValidationFailed`` at once.

    Writes are set-based: one ``UPDATE`` per distinct set of changed values (a batch of
    system moves is usually one), one ``INSERT`` of the events, one of their outbox rows.
    ``agencies``: see ``report_attach_places`` (a sweep passes one for all its batches).
    """
    now = now or timezone.now()
    action = _action(action)
    cleaned = _guard(action, note=note, visibility=None, params=params)
    ids = list(dict.fromkeys(int(pk) for pk in report_ids))
    result = TransitionManyResult()
    if not ids:
        return result

    with transaction.atomic():
        # No batch move reads the long text (a corrected one is written, never read):
        # leaving it in the database saves loading it for every row.
        rows = {
            report.pk: report
            for report in Report.objects.select_for_update(skip_locked=True)
            .defer("description")
            .filter(pk__in=ids)
        }
        report_attach_places(list(rows.values()), agencies=agencies)
        missing = [pk for pk in ids if pk not in rows]
        busy = (
            set(Report.objects.filter(pk__in=missing).values_list("pk", flat=True))
            if missing
            else set()
        )
        made: list[_Made] = []
        for pk in ids:
            report = rows.get(pk)
            if report is None:
                result.skipped[pk] = str(
                    _("Another change to this report is in progress.")
                    if pk in busy
                    else _("There is no such report.")
                )
                continue
            try:
                made.append(_make_move(action, report, actor, cleaned, now))
            except ServiceError as exc:
                result.skipped[pk] = exc.message
        if not made:
            return result

        report_bulk_write([(m.report, m.fields) for m in made], bump_version=True)
        sweep_states_write([(m.report.pk, m.sweep) for m in made])
        search_documents_write(
            [m.report.pk for m in made if _SEARCHED_FIELDS.intersection(m.fields)]
        )
        events = report_events_append([m.event for m in made])
        _send_many_after_commit([(e.report_id, e.pk) for e in events], action)
        result.done = [m.report.pk for m in made]
    return result


def report_attach_places(
    reports: Sequence[Report], *, agencies: dict[int, Agency] | None = None
) -> None:
    """Give the reports their agency, unit and region objects, each read once.

    What permissions and deadlines read (paths, timezones). A batch has a few hundred
    distinct agencies for a thousand reports: two ``IN`` queries instead of three joins
    per row, and one object per agency instead of one per row. ``agencies``, when
    given, holds the agencies already read and gets the new ones: a sweep of many
    batches reads each agency once (for the few seconds it runs).
    """
    agencies = {} if agencies is None else agencies
    agency_ids = {r.agency_id for r in reports} | {r.unit_id for r in reports}
    agency_ids -= {None, *agencies}
    # A report's region matters (for its timezone) only while no agency holds it.
    region_ids = {r.region_id for r in reports if r.agency_id is None} - {None}
    if agency_ids:
        agencies.update(Agency.objects.in_bulk(agency_ids))
    regions = Region.objects.in_bulk(region_ids) if region_ids else {}
    agency_field, unit_field, region_field = (
        Report.agency.field,
        Report.unit.field,
        Report.region.field,
    )
    for report in reports:
        if report.agency_id is not None:
            agency_field.set_cached_value(report, agencies[report.agency_id])
        if report.unit_id is not None:
            unit_field.set_cached_value(report, agencies[report.unit_id])
        if report.region_id in regions:
            region_field.set_cached_value(report, regions[report.region_id])


def report_bulk_write(
    changes: Sequence[tuple[Report, Sequence[str]]], *, bump_version: bool
) -> None:
    """Write the changed columns of locked reports with as few statements as possible.

    Rows that change the same columns to the same values (a batch of auto-closes: status,
    closed_at, due_at) share one ``UPDATE ... WHERE id IN (...)``; on PostgreSQL that is
    far cheaper than ``bulk_update``'s ``CASE WHEN id = ...`` per column, which is kept
    for batches whose values differ row by row. The rows are locked, so ``version + 1``
    in SQL is the version each object already holds.
    """
    groups: dict[tuple[tuple[str, ...], tuple[Any, ...]], list[Report]] = defaultdict(list)
    for report, names in changes:
        columns = tuple(sorted(_ATTNAME.get(name, name) for name in names))
        groups[(columns, tuple(getattr(report, c) for c in columns))].append(report)
    updated_at = timezone.now()
    for report, _names in changes:
        report.updated_at = updated_at
    if len(groups) > max(_FEW_GROUPS, len(changes) // _FEW_GROUPS):
        by_columns: dict[tuple[str, ...], list[Report]] = defaultdict(list)
        for (columns, _values), reports in groups.items():
            by_columns[columns].extend(reports)
        for columns, reports in by_columns.items():
            extra = ["updated_at", "version"] if bump_version else ["updated_at"]
            Report.objects.bulk_update(reports, [*columns, *extra], batch_size=500)
        return
    for (columns, values), reports in groups.items():
        update: dict[str, Any] = dict(zip(columns, values, strict=True))
        update["updated_at"] = updated_at
        if bump_version:
            update["version"] = F("version") + 1
        for start in range(0, len(reports), 1000):
            chunk = reports[start : start + 1000]
            Report.objects.filter(pk__in=[r.pk for r in chunk]).update(**update)


# Up to this many distinct changes (or one per this many rows) get one UPDATE each.
_FEW_GROUPS = 20


def sweep_states_write(states: Sequence[tuple[int, Mapping[str, Any]]]) -> None:
    """Write reports' sweep state (``Recomputed.sweep``, by report id; empty: nothing).

    Like ``report_bulk_write``: rows given the same values (a batch of closes resets
    them all alike) share one ``UPDATE ... WHERE report_id IN (...)``; a report that has
    no row yet (made outside the flow) gets one, with the other columns at their
    defaults. Values that differ row by row go in one ``INSERT ... ON CONFLICT DO
    UPDATE`` per set of columns.
    """
    states = [(pk, values) for pk, values in states if values]
    groups: dict[tuple[tuple[str, Any], ...], list[int]] = defaultdict(list)
    for report_id, values in states:
        groups[tuple(sorted(values.items()))].append(report_id)
    if len(groups) <= max(_FEW_GROUPS, len(states) // _FEW_GROUPS):
        for items, ids in groups.items():
            values = dict(items)
            for start in range(0, len(ids), 1000):
                chunk = ids[start : start + 1000]
                rows = ReportSweepState.objects.filter(report_id__in=chunk)
                if rows.update(**values) < len(chunk):
                    have = set(rows.values_list("report_id", flat=True))
                    ReportSweepState.objects.bulk_create(
                        [ReportSweepState(report_id=pk, **values) for pk in chunk if pk not in have]
                    )
        return
    by_columns: dict[tuple[str, ...], list[ReportSweepState]] = defaultdict(list)
    for report_id, values in states:
        by_columns[tuple(sorted(values))].append(ReportSweepState(report_id=report_id, **values))
    for columns, objs in by_columns.items():
        ReportSweepState.objects.bulk_create(
            objs,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["report"],
            update_fields=list(columns),
        )


__all__ = [
    "OMBUDSMAN_AGENCY_CODE",
    "REPORT_EVENT_TOPIC",
    "TRANSITIONS",
    "Action",
    "Move",
    "TransitionManyResult",
    "allowed_actions",
    "report_attach_places",
    "report_bulk_write",
    "report_event_publish",
    "report_events_append",
    "report_events_publish",
    "sweep_states_write",
    "target_status",
    "transition",
    "transition_many",
]
