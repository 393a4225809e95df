"""Writes on reports: the one door for pages, the API and the sweeps.

Filing a report, one thin service per move, internal notes, the assignment of an
officer and a verifier's redaction (``reports.redaction``, re-exported). Every move goes
through ``reports.transitions.transition``; the wrappers here only give each move a
typed, keyword-only signature. Every service takes the ``Principal`` it acts for
(``SYSTEM`` for sweeps and integrations); a move returns its event, and
``event.report`` is the report as saved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.accounts.models import User
from lapor.accounts.principals import SYSTEM, Principal
from lapor.core.exceptions import PermissionDenied, ValidationFailed

from .choices import Channel, Classification, Status
from .deadlines import report_recompute_deadlines
from .events import event_append, event_files_attach, events_append, files_check
from .models import Assignment, Report, ReportEvent
from .permissions import AGENCY_KEY, REPORTER, Acting, Rule, acting_as, internal_writer_of
from .permissions import SYSTEM as SYSTEM_ROLE
from .redaction import report_redact as report_redact  # a verifier's redaction
from .search import search_documents_write
from .selectors import report_get_for_update, report_officers
from .tracking import generate_tracking_id
from .transitions import (
    NOTE_MAX,
    TRANSITIONS,
    Action,
    TransitionManyResult,
    add_error,
    clean_agency,
    clean_category,
    clean_region,
    clean_title,
    sweep_states_write,
    transition,
    transition_many,
)

# What officials write beside the moves (codes registered in ``reports.events``).
NOTE_EVENT = "report.noted"
ASSIGN_EVENT = "report.assigned"
UNASSIGN_EVENT = "report.unassigned"
# An officer is given a report while the agency works on it.
ASSIGNABLE_STEPS = (Status.DISPOSED, Status.IN_PROGRESS, Status.RESOLVED)

DESCRIPTION_MIN = 30
ADDRESS_MAX = 255
# Indonesia, roughly: Rote (-11) to Weh (6), Sabang (95) to Merauke (141).
LATITUDE_RANGE = (Decimal("-11.5"), Decimal("6.5"))
LONGITUDE_RANGE = (Decimal("94"), Decimal("141.5"))
# The easternmost zone (WIT): the latest "today" anywhere in the country, so a reporter
# in Papua filing just after midnight is not told their today is in the future.
_EASTERNMOST = ZoneInfo("Asia/Jayapura")
_TRACKING_ATTEMPTS = 8


def _clean_coordinate(
    value: Any, bounds: tuple[Decimal, Decimal], errors: dict[str, list[str]], key: str
) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        add_error(errors, key, _("Enter a number."))
        return None
    if not number.is_finite() or not bounds[0] <= number <= bounds[1]:
        add_error(errors, "location", _("The point on the map must be in Indonesia."))
        return None
    return number.quantize(Decimal("0.000001"))


def report_submit(
    *,
    actor: Principal,
    classification: str,
    title: str,
    description: str,
    incident_date: date | None = None,
    region_code: str | None = None,
    latitude: Decimal | float | str | None = None,
    longitude: Decimal | float | str | None = None,
    address: str = "",
    category_id: int | None = None,
    target_agency_id: int | None = None,
    is_anonymous: bool = False,
    is_confidential: bool = False,
    channel: str = Channel.WEB,
    files: Sequence[UploadedFile] = (),
    on_behalf_of: User | None = None,
    now: datetime | None = None,
) -> ReportEvent:
    """File a new report (status ``submitted``) for ``actor``, who is its reporter, and
    start its verification clock; ``files`` go on the ``report.submitted`` event.

    ``actor=SYSTEM`` is a report that came in without an account (an integration).
    An agency's key (its own complaint app) files for ``on_behalf_of``, the person who
    told the app (or nobody): the event names that person and the key's agency.
    When the reporter picked an agency, that agency holds the report from the start
    and its admin verifies it (docs/workflow.md). Returns the event; ``event.report``
    is the new report.
    """
    now = now or timezone.now()
    if not (actor.is_person or actor.is_system or actor.is_agency_key):
        raise PermissionDenied()
    if on_behalf_of is not None and not actor.is_agency_key:
        raise PermissionDenied()
    reporter = actor.user if actor.is_person else on_behalf_of
    filed_by_agency = actor.scopes[0].agency_id if actor.is_agency_key else None

    errors: dict[str, list[str]] = {}
    if classification not in Classification.values:
        add_error(errors, "classification", _("Choose what kind of report this is."))
    title = clean_title(title, errors)
    description = (description or "").strip()
    if len(description) < DESCRIPTION_MIN:
        add_error(
            errors,
            "description",
            _("Tell what happened in at least %(min)d characters.") % {"min": DESCRIPTION_MIN},
        )
    elif len(description) > NOTE_MAX:
        add_error(errors, "description", _("The description is too long."))
    if incident_date is not None:
        if isinstance(incident_date, datetime) or not isinstance(incident_date, date):
            add_error(errors, "incident_date", _("Enter a date."))
        elif incident_date > now.astimezone(_EASTERNMOST).date():
            add_error(
                errors, "incident_date", _("The date of the incident cannot be in the future.")
            )
    region = clean_region(region_code, errors) if region_code not in (None, "") else None
    lat = lng = None
    if (latitude in (None, "")) != (longitude in (None, "")):
        add_error(errors, "location", _("Give both latitude and longitude, or neither."))
    elif latitude not in (None, ""):
        lat = _clean_coordinate(latitude, LATITUDE_RANGE, errors, "latitude")
        lng = _clean_coordinate(longitude, LONGITUDE_RANGE, errors, "longitude")
    address = " ".join((address or "").split())
    if len(address) > ADDRESS_MAX:
        add_error(errors, "address", _("The address is too long."))
    category = clean_category(category_id, errors) if category_id not in (None, "") else None
    target = (
        clean_agency(target_agency_id, errors, "target_agency_id", unit=False)
        if target_agency_id not in (None, "")
        else None
    )
    for key, flag in (("is_anonymous", is_anonymous), ("is_confidential", is_confidential)):
        if not isinstance(flag, bool):
            add_error(errors, key, _("Choose yes or no."))
    if channel not in Channel.values:
        add_error(errors, "channel", _("Unknown channel."))
    if errors:
        raise ValidationFailed(errors)
    files = list(files)
    files_check(files)

    move = TRANSITIONS[Action.SUBMIT]
    with transaction.atomic():
        report = _create_with_tracking_id(
            reporter=reporter,
            classification=classification,
            title=title,
            description=description,
            incident_date=incident_date,
            region=region,
            latitude=lat,
            longitude=lng,
            address=address,
            category=category,
            target_agency=target,
            agency=target,
            is_anonymous=is_anonymous,
            is_confidential=is_confidential,
            channel=channel,
            status=Status.SUBMITTED,
            submitted_at=now,
            status_changed_at=now,
            version=1,
        )
        [event] = events_append(
            [
                ReportEvent(
                    report=report,
                    code=move.event,
                    actor_id=reporter.pk if reporter is not None else None,
                    actor_role=_submitter_role(actor, reporter),
                    actor_agency_id=filed_by_agency,
                    created_at=now,
                    from_status="",
                    to_status=Status.SUBMITTED,
                    visibility=move.visibility,
                    data={"channel": channel, "target_agency": target.pk if target else None},
                )
            ]
        )
        recomputed = report_recompute_deadlines(report)
        if recomputed.fields:
            report.save(update_fields=recomputed.fields)
        sweep_states_write([(report.pk, recomputed.sweep)])
        search_documents_write([report.pk])
        event_files_attach(event=event, report=report, actor=actor, files=files)
    return event


def _submitter_role(actor: Principal, reporter: User | None) -> str:
    if reporter is not None:
        return REPORTER
    return AGENCY_KEY if actor.is_agency_key else SYSTEM_ROLE


def _create_with_tracking_id(**fields: Any) -> Report:
    """Insert the report under a fresh random tracking ID.

    With 900 million IDs a clash is rare but certain at scale; the unique index decides
    and we draw again (in a savepoint, so the outer transaction survives).
    """
    for _attempt in range(_TRACKING_ATTEMPTS):
        tracking_id = generate_tracking_id()
        try:
            with transaction.atomic():
                return Report.objects.create(tracking_id=tracking_id, **fields)
        except IntegrityError:
            if not Report.objects.filter(tracking_id=tracking_id).exists():
                raise
    raise RuntimeError("Could not draw a free tracking ID")  # pragma: no cover


# ---------------------------------------------------------------------------
# One service per move, each returning the move's event (``event.report`` is the
# report as saved). ``transition`` itself (any move by name, as the console's move
# forms post it) and ``transition_many`` (a batch) are the same door.

Files = Sequence[UploadedFile]


def report_dispose(
    *,
    report_id: int,
    actor: Principal,
    agency_id: int,
    unit_id: int | None = None,
    corrections: Mapping[str, Any] | None = None,
    note: str = "",
    files: Files = (),
    now: datetime | None = None,
) -> ReportEvent:
    """Verify and send (disposisi) the report to an agency.

    ``corrections`` may fix ``title``, ``classification``, ``category_id``,
    ``region_code``, ``is_anonymous``, ``is_confidential``; changes are recorded.
    """
    params: dict[str, Any] = {"agency_id": agency_id, **(corrections or {})}
    if unit_id is not None:
        params["unit_id"] = unit_id
    return transition(
        report_id=report_id,
        action=Action.DISPOSE,
        actor=actor,
        note=note,
        params=params,
        files=files,
        now=now,
    )


def report_hold(
    *, report_id: int, actor: Principal, note: str, files: Files = (), now: datetime | None = None
) -> ReportEvent:
    """Put the report on hold (tunda), asking the reporter ``note``."""
    return transition(
        report_id=report_id, action=Action.HOLD, actor=actor, note=note, files=files, now=now
    )


def report_complete(
    *, report_id: int, actor: Principal, note: str, files: Files = (), now: datetime | None = None
) -> ReportEvent:
    """The reporter gives the missing information; verification starts again."""
    return transition(
        report_id=report_id, action=Action.COMPLETE, actor=actor, note=note, files=files, now=now
    )


def report_archive(
    *,
    report_id: int,
    actor: Principal,
    reason: str,
    duplicate_of: str = "",
    note: str = "",
    now: datetime | None = None,
) -> ReportEvent:
    """Archive without handling; ``duplicate_of`` is a tracking ID for duplicates."""
    params: dict[str, Any] = {"reason": reason}
    if duplicate_of:
        params["duplicate_of"] = duplicate_of
    return transition(
        report_id=report_id, action=Action.ARCHIVE, actor=actor, note=note, params=params, now=now
    )


def report_dispose_to_unit(
    *, report_id: int, actor: Principal, unit_id: int, note: str = "", now: datetime | None = None
) -> ReportEvent:
    """Pass the report to a unit of the handling agency."""
    return transition(
        report_id=report_id,
        action=Action.DISPOSE_TO_UNIT,
        actor=actor,
        note=note,
        params={"unit_id": unit_id},
        now=now,
    )


def report_decline(
    *, report_id: int, actor: Principal, note: str, files: Files = (), now: datetime | None = None
) -> ReportEvent:
    """Bukan wewenang (not our authority): back to the national verifier."""
    return transition(
        report_id=report_id, action=Action.DECLINE, actor=actor, note=note, files=files, now=now
    )


def report_transfer(
    *,
    report_id: int,
    actor: Principal,
    agency_id: int,
    note: str,
    files: Files = (),
    now: datetime | None = None,
) -> ReportEvent:
    """Hand the report to another agency; its clocks restart."""
    return transition(
        report_id=report_id,
        action=Action.TRANSFER,
        actor=actor,
        note=note,
        params={"agency_id": agency_id},
        files=files,
        now=now,
    )


def report_follow_up(
    *,
    report_id: int,
    actor: Principal,
    note: str,
    visibility: str | None = None,
    files: Files = (),
    now: datetime | None = None,
) -> ReportEvent:
    """Post a follow-up (tindak lanjut)."""
    return transition(
        report_id=report_id,
        action=Action.FOLLOW_UP,
        actor=actor,
        note=note,
        visibility=visibility,
        files=files,
        now=now,
    )


def report_reply(
    *, report_id: int, actor: Principal, note: str, files: Files = (), now: datetime | None = None
) -> ReportEvent:
    """The reporter replies; a reply to the answer reopens the work."""
    return transition(
        report_id=report_id, action=Action.REPLY, actor=actor, note=note, files=files, now=now
    )


def report_resolve(
    *,
    report_id: int,
    actor: Principal,
    note: str,
    visibility: str | None = None,
    files: Files = (),
    now: datetime | None = None,
) -> ReportEvent:
    """Give the answer; the reporter then has 10 working days to reply."""
    return transition(
        report_id=report_id,
        action=Action.RESOLVE,
        actor=actor,
        note=note,
        visibility=visibility,
        files=files,
        now=now,
    )


def report_close(
    *,
    report_id: int,
    actor: Principal,
    rating: int,
    comment: str = "",
    satisfied: bool | None = None,
    now: datetime | None = None,
) -> ReportEvent:
    """The reporter accepts the answer and rates it (1 to 5)."""
    return transition(
        report_id=report_id,
        action=Action.CLOSE,
        actor=actor,
        params={"rating": rating, "comment": comment, "satisfied": satisfied},
        now=now,
    )


def report_auto_close(*, report_id: int, now: datetime | None = None) -> ReportEvent:
    """Close after the reporter's silence (the system, once ``reply_due_at`` passed)."""
    return transition(report_id=report_id, action=Action.AUTO_CLOSE, actor=SYSTEM, now=now)


def report_ask_consent(
    *, report_id: int, actor: Principal, note: str = "", now: datetime | None = None
) -> ReportEvent:
    """Ask the reporter whether the Ombudsman may take the report over."""
    return transition(
        report_id=report_id, action=Action.ASK_CONSENT, actor=actor, note=note, now=now
    )


def report_escalate(
    *, report_id: int, actor: Principal, note: str = "", now: datetime | None = None
) -> ReportEvent:
    """The reporter consents: the report goes to the Ombudsman."""
    return transition(report_id=report_id, action=Action.ESCALATE, actor=actor, note=note, now=now)


def report_refuse_consent(
    *, report_id: int, actor: Principal, note: str = "", now: datetime | None = None
) -> ReportEvent:
    """The reporter keeps the report with the agency."""
    return transition(
        report_id=report_id, action=Action.REFUSE_CONSENT, actor=actor, note=note, now=now
    )


# ---------------------------------------------------------------------------
# Beside the moves: what officials write on a report's internal file


def report_note_add(
    *,
    report_id: int,
    actor: Principal,
    note: str,
    files: Files = (),
    now: datetime | None = None,
) -> ReportEvent:
    """An internal note on the report's file (``report.noted``): officials only, which
    the gate never shows to the reporter or the public; ``files`` go on it.

    Written by the report's agency or unit admins and the national roles that handle
    (``permissions.internal_writer_of``), while the report is open. The report is
    read through the gate and locked, so a report the actor may not read is refused
    like one that does not exist.
    """
    note = (note or "").strip()
    if not note:
        raise ValidationFailed({"note": [_("Write a note.")]})
    if len(note) > NOTE_MAX:
        raise ValidationFailed({"note": [_("The note is too long.")]})
    with transaction.atomic():
        report = report_get_for_update(actor, pk=report_id)
        acting = internal_writer_of(report, actor)
        if acting is None or report.status in (Status.ARCHIVED, Status.CLOSED):
            raise PermissionDenied()
        return event_append(
            report=report,
            code=NOTE_EVENT,
            actor=actor,
            note=note,
            acting=acting,
            now=now,
            files=files,
        )


def _dispatcher_of(report: Report, actor: Principal) -> Acting:
    """Only the report's dispatchers (``Rule.DISPATCHER``: its agency admin, or the
    admin of its unit) give it to an officer, while the agency works on it."""
    acting = acting_as(Rule.DISPATCHER, report, actor, now=timezone.now())
    if acting is None or acting.is_system or report.status not in ASSIGNABLE_STEPS:
        raise PermissionDenied()
    return acting


def report_assign(
    *,
    report_id: int,
    actor: Principal,
    assignee_id: int | str,
    note: str = "",
    now: datetime | None = None,
) -> Assignment:
    """Give the report to one officer of the handling agency or unit to work on.

    The officer must be one who may handle it (``report_officers``). One assignment per
    report: assigning again replaces the officer; the ``report.assigned`` event (officials
    only) keeps the history. ``assignee_id`` may be the raw form value: it is checked
    against the officers here, after the permission check.
    """
    with transaction.atomic():
        report = report_get_for_update(actor, pk=report_id)
        acting = _dispatcher_of(report, actor)
        officers = {u.pk: u for u in report_officers(report)}
        assignee = officers.get(int(assignee_id)) if str(assignee_id).isdecimal() else None
        if assignee is None:
            raise ValidationFailed({"assignee": [_("Choose an officer of this agency.")]})
        assignment, _created = Assignment.objects.update_or_create(
            report=report, defaults={"assignee": assignee, "assigned_by_id": actor.user_id}
        )
        # The officer by id only: an append-only row keeps no name that a person's
        # deletion could not take back.
        event_append(
            report=report,
            code=ASSIGN_EVENT,
            actor=actor,
            note=(note or "").strip()[:NOTE_MAX],
            data={"assignee": assignee.pk},
            acting=acting,
            now=now,
        )
    return assignment


def report_unassign(
    *, report_id: int, actor: Principal, note: str = "", now: datetime | None = None
) -> bool:
    """Take the report back from its officer; ``False`` if nobody had it."""
    with transaction.atomic():
        report = report_get_for_update(actor, pk=report_id)
        acting = _dispatcher_of(report, actor)
        assignment = Assignment.objects.filter(report=report).first()
        if assignment is None:
            return False
        assignment.delete()
        event_append(
            report=report,
            code=UNASSIGN_EVENT,
            actor=actor,
            note=(note or "").strip()[:NOTE_MAX],
            data={"assignee": assignment.assignee_id},
            acting=acting,
            now=now,
        )
    return True


__all__ = [
    "ASSIGN_EVENT",
    "NOTE_EVENT",
    "UNASSIGN_EVENT",
    "TransitionManyResult",
    "report_archive",
    "report_ask_consent",
    "report_assign",
    "report_auto_close",
    "report_close",
    "report_complete",
    "report_decline",
    "report_dispose",
    "report_dispose_to_unit",
    "report_escalate",
    "report_follow_up",
    "report_hold",
    "report_note_add",
    "report_refuse_consent",
    "report_reply",
    "report_resolve",
    "report_submit",
    "report_transfer",
    "report_unassign",
    "transition",
    "transition_many",
]
