"""The table of moves (docs/workflow.md) and whether a move is legal now.

Pure data and checks on a report already in memory: nothing here reads or writes the
database. Each move names its event code (``reports.events`` holds the code's default
audience and labels) and the permission rule its actor must meet
(``reports.permissions``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import Principal
from lapor.deadlines.rules import OMBUDSMAN_CONSENT_AFTER_DAYS

from ..choices import OmbudsmanConsent, Status
from ..events import event_type
from ..models import Report
from ..permissions import Rule, acting_as

# The Ombudsman RI as an agency: where an escalated report sits.
OMBUDSMAN_AGENCY_CODE = "ombudsman-ri"
# "Still unresolved after 60 days" (docs/DOMAIN.md): calendar days since submission.
CONSENT_AFTER = timedelta(days=OMBUDSMAN_CONSENT_AFTER_DAYS)


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
    event: str  # a code of ``reports.events.EVENT_TYPES``
    rule: str
    # Sources whose destination differs from ``to``.
    to_from: Mapping[str, str] = field(default_factory=dict)
    # The move's note is for other readers than the move itself: it is written as an
    # event of this code beside the move (its own audience), never on the move's event.
    # A disposition is public; the verifier's note for the agency is internal.
    note_event: str | None = None

    def __post_init__(self) -> None:
        event_type(self.event)  # an unregistered code fails at import, not at the move
        if self.note_event is not None:
            event_type(self.note_event)

    @property
    def visibility(self) -> str:
        """Who reads the move's event unless the official writing it says otherwise."""
        return event_type(self.event).audience

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
    Action.SUBMIT: Move(frozenset(), S.SUBMITTED, "report.submitted", Rule.REPORTER),
    Action.DISPOSE: Move(
        frozenset({S.SUBMITTED}),
        S.DISPOSED,
        "report.disposed",
        Rule.VERIFIER,
        note_event="report.noted",
    ),
    Action.HOLD: Move(frozenset({S.SUBMITTED}), S.ON_HOLD, "report.held", Rule.VERIFIER),
    Action.COMPLETE: Move(frozenset({S.ON_HOLD}), S.SUBMITTED, "report.completed", Rule.REPORTER),
    Action.ARCHIVE: Move(
        frozenset({S.SUBMITTED, S.ON_HOLD}),
        S.ARCHIVED,
        "report.archived",
        Rule.VERIFIER_OR_SYSTEM,
    ),
    Action.DISPOSE_TO_UNIT: Move(_WORKING, None, "report.disposed_to_unit", Rule.DISPATCHER),
    Action.DECLINE: Move(
        frozenset({S.DISPOSED}), S.SUBMITTED, "report.declined", Rule.AGENCY_ADMIN
    ),
    Action.TRANSFER: Move(
        frozenset({S.DISPOSED}),
        S.DISPOSED,
        "report.transferred",
        Rule.AGENCY_ADMIN_OR_NATIONAL,
    ),
    Action.FOLLOW_UP: Move(
        _WORKING | {S.ESCALATED},
        S.IN_PROGRESS,
        "report.followed_up",
        Rule.HANDLER,
        to_from={S.ESCALATED: S.ESCALATED},
    ),
    Action.REPLY: Move(
        _WORKING | {S.RESOLVED, S.ESCALATED},
        None,
        "report.replied",
        Rule.REPORTER,
        to_from={S.RESOLVED: S.IN_PROGRESS},
    ),
    Action.RESOLVE: Move(_WORKING | {S.ESCALATED}, S.RESOLVED, "report.resolved", Rule.HANDLER),
    Action.CLOSE: Move(frozenset({S.RESOLVED}), S.CLOSED, "report.closed", Rule.REPORTER),
    Action.AUTO_CLOSE: Move(frozenset({S.RESOLVED}), S.CLOSED, "report.auto_closed", Rule.SYSTEM),
    Action.ASK_CONSENT: Move(_WORKING, None, "report.consent_asked", Rule.CONSENT_ASKER),
    Action.ESCALATE: Move(_WORKING, S.ESCALATED, "report.escalated", Rule.REPORTER),
    Action.REFUSE_CONSENT: Move(_WORKING, None, "report.consent_refused", Rule.REPORTER),
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

# What a verifier may correct when disposing (recorded in the event's ``data``).
CORRECTABLE = (
    "title",
    "classification",
    "category_id",
    "region_code",
    "is_anonymous",
    "is_confidential",
)


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


def illegal_reason(action: Action, report: Report, now: datetime) -> str | None:
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


def allowed_actions(
    report: Report, actor: Principal, *, now: datetime | None = None
) -> list[Action]:
    """The moves ``actor`` may make on ``report`` now (the buttons a page shows).

    Input-dependent checks (which agency or unit) are left to ``transition``.
    """
    now = now or timezone.now()
    allowed: list[Action] = []
    for action, move in TRANSITIONS.items():
        if action == Action.SUBMIT or illegal_reason(action, report, now):
            continue
        if acting_as(move.rule, report, actor, now=now) is not None:
            allowed.append(action)
    return allowed


__all__ = [
    "CONSENT_AFTER",
    "CORRECTABLE",
    "NOTE_REQUIRED",
    "OMBUDSMAN_AGENCY_CODE",
    "TRANSITIONS",
    "Action",
    "Move",
    "allowed_actions",
    "illegal_reason",
    "target_status",
]
