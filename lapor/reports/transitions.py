"""The report's one state machine: the table of moves and the service that makes them.

docs/workflow.md is the contract; this module is its only implementation. Nothing else
writes ``Report.status``. Every move goes the same way (pretix/Zulip style):

1. guard: the action exists and its input is valid (no lock held yet);
2. ``transaction.atomic()`` and ``select_for_update()`` on the report (on SQLite the
   transaction is ``IMMEDIATE``, so the write lock is held from the start);
3. legality (status in the table, plus the few time/consent conditions) and the
   actor's permission, both on the locked row;
4. change the fields, ``version += 1``, ``save(update_fields=...)``;
5. append one ``ReportEvent``;
6. recompute the due dates (``reports.deadlines.report_recompute_deadlines``);
7. send ``report_transitioned`` after commit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import models, transaction
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
from lapor.deadlines.rules import OMBUDSMAN_CONSENT_AFTER_DAYS
from lapor.regions.models import Region

from .choices import ArchiveReason, Classification, OmbudsmanConsent, Status, Visibility
from .deadlines import report_recompute_deadlines
from .models import Report, ReportEvent
from .permissions import REPORTER, Acting, Rule, acting_as
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
    action: Action, *, report_id: int, note: str, visibility: str | None, params: dict[str, Any]
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
            elif original.pk == report_id:
                add_error(errors, "duplicate_of", _("A report cannot be a duplicate of itself."))
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
# The service


def send_after_commit(*, report_id: int, event_id: int, action: Action) -> None:
    """Queue ``report_transitioned``; a failing receiver is logged, never raised, as
    the move itself has already been committed."""

    def send() -> None:
        for receiver, result in report_transitioned.send_robust(
            sender=Report, report_id=report_id, event_id=event_id, action=action
        ):
            if isinstance(result, Exception):
                logger.error("report_transitioned receiver %r failed", receiver, exc_info=result)

    transaction.on_commit(send)


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
    try:
        action = Action(action)
    except ValueError:
        raise ValidationFailed({"action": [str(_("Unknown action."))]}) from None
    move = TRANSITIONS[action]
    cleaned = _clean_params(
        action, report_id=report_id, note=note, visibility=visibility, params=dict(params or {})
    )
    cleaned["visibility"] = visibility

    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        reason = _illegal_reason(action, report, now)
        if reason:
            raise InvalidTransition(reason)
        acting = acting_as(move.rule, report, actor, now=now)
        if acting is None:
            raise PermissionDenied()
        _check_in_context(action, report, acting, cleaned)

        from_status = report.status
        to_status = target_status(move, report)
        fields, data = _APPLY[action](report, cleaned, now)
        if to_status != from_status:
            report.status = to_status
            report.status_changed_at = now
            fields += ["status", "status_changed_at"]
        report.version += 1
        report.save(update_fields=sorted({*fields, "version", "updated_at"}))

        event = ReportEvent.objects.create(
            report=report,
            code=move.event,
            actor=actor,
            actor_role=acting.role,
            actor_agency_id=acting.agency_id,
            created_at=now,
            from_status=from_status,
            to_status=to_status,
            note=cleaned["note"],
            visibility=visibility or move.visibility,
            data=data,
        )

        due_fields = report_recompute_deadlines(report)
        if due_fields:
            report.save(update_fields=due_fields)

        send_after_commit(report_id=report.pk, event_id=event.pk, action=action)
    return report


__all__ = [
    "OMBUDSMAN_AGENCY_CODE",
    "TRANSITIONS",
    "Action",
    "Move",
    "allowed_actions",
    "target_status",
    "transition",
]
