"""Writes on reports: filing one, and one thin service per move.

Every move goes through ``reports.transitions.transition``; the wrappers here only
give each move a typed, keyword-only signature for views, the API and sweeps.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.core.exceptions import PermissionDenied, ValidationFailed

from .choices import Channel, Classification, Status
from .deadlines import report_recompute_deadlines
from .models import Report, ReportEvent
from .permissions import REPORTER, SYSTEM
from .search import search_documents_write
from .tracking import generate_tracking_id
from .transitions import (
    NOTE_MAX,
    TRANSITIONS,
    Action,
    add_error,
    clean_agency,
    clean_category,
    clean_region,
    clean_title,
    report_event_publish,
    send_after_commit,
    sweep_states_write,
    transition,
)

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
    reporter: Any,
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
    now: datetime | None = None,
) -> Report:
    """File a new report (status ``submitted``) and start its verification clock.

    ``reporter=None`` is a report that came in without an account (an integration).
    When the reporter picked an agency, that agency holds the report from the start
    and its admin verifies it (docs/workflow.md).
    """
    now = now or timezone.now()
    if reporter is not None and not (reporter.is_authenticated and reporter.is_active):
        raise PermissionDenied()

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
        event = ReportEvent.objects.create(
            report=report,
            code=move.event,
            actor=reporter,
            actor_role=REPORTER if reporter is not None else SYSTEM,
            created_at=now,
            from_status="",
            to_status=Status.SUBMITTED,
            visibility=move.visibility,
            data={"channel": channel, "target_agency": target.pk if target else None},
        )
        recomputed = report_recompute_deadlines(report)
        if recomputed.fields:
            report.save(update_fields=recomputed.fields)
        sweep_states_write([(report.pk, recomputed.sweep)])
        search_documents_write([report.pk])
        report_event_publish(event)
        send_after_commit(report_id=report.pk, event_id=event.pk, action=Action.SUBMIT)
    return report


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
# One service per move. ``actor=None`` is the system.


def report_dispose(
    *,
    report_id: int,
    actor: Any,
    agency_id: int,
    unit_id: int | None = None,
    corrections: Mapping[str, Any] | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Report:
    """Verify and send (disposisi) the report to an agency.

    ``corrections`` may fix ``title``, ``classification``, ``category_id``,
    ``region_code``, ``is_anonymous``, ``is_confidential``; changes are recorded.
    """
    params: dict[str, Any] = {"agency_id": agency_id, **(corrections or {})}
    if unit_id is not None:
        params["unit_id"] = unit_id
    return transition(
        report_id=report_id, action=Action.DISPOSE, actor=actor, note=note, params=params, now=now
    )


def report_hold(*, report_id: int, actor: Any, note: str, now: datetime | None = None) -> Report:
    """Put the report on hold (tunda), asking the reporter ``note``."""
    return transition(report_id=report_id, action=Action.HOLD, actor=actor, note=note, now=now)


def report_complete(
    *, report_id: int, actor: Any, note: str, now: datetime | None = None
) -> Report:
    """The reporter gives the missing information; verification starts again."""
    return transition(report_id=report_id, action=Action.COMPLETE, actor=actor, note=note, now=now)


def report_archive(
    *,
    report_id: int,
    actor: Any,
    reason: str,
    duplicate_of: str = "",
    note: str = "",
    now: datetime | None = None,
) -> Report:
    """Archive without handling; ``duplicate_of`` is a tracking ID for duplicates."""
    params: dict[str, Any] = {"reason": reason}
    if duplicate_of:
        params["duplicate_of"] = duplicate_of
    return transition(
        report_id=report_id, action=Action.ARCHIVE, actor=actor, note=note, params=params, now=now
    )


def report_dispose_to_unit(
    *, report_id: int, actor: Any, unit_id: int, note: str = "", now: datetime | None = None
) -> Report:
    """Pass the report to a unit of the handling agency."""
    return transition(
        report_id=report_id,
        action=Action.DISPOSE_TO_UNIT,
        actor=actor,
        note=note,
        params={"unit_id": unit_id},
        now=now,
    )


def report_decline(*, report_id: int, actor: Any, note: str, now: datetime | None = None) -> Report:
    """Bukan wewenang (not our authority): back to the national verifier."""
    return transition(report_id=report_id, action=Action.DECLINE, actor=actor, note=note, now=now)


def report_transfer(
    *, report_id: int, actor: Any, agency_id: int, note: str, now: datetime | None = None
) -> Report:
    """Hand the report to another agency; its clocks restart."""
    return transition(
        report_id=report_id,
        action=Action.TRANSFER,
        actor=actor,
        note=note,
        params={"agency_id": agency_id},
        now=now,
    )


def report_follow_up(
    *,
    report_id: int,
    actor: Any,
    note: str,
    visibility: str | None = None,
    now: datetime | None = None,
) -> Report:
    """Post a follow-up (tindak lanjut)."""
    return transition(
        report_id=report_id,
        action=Action.FOLLOW_UP,
        actor=actor,
        note=note,
        visibility=visibility,
        now=now,
    )


def report_reply(*, report_id: int, actor: Any, note: str, now: datetime | None = None) -> Report:
    """The reporter replies; a reply to the answer reopens the work."""
    return transition(report_id=report_id, action=Action.REPLY, actor=actor, note=note, now=now)


def report_resolve(
    *,
    report_id: int,
    actor: Any,
    note: str,
    visibility: str | None = None,
    now: datetime | None = None,
) -> Report:
    """Give the answer; the reporter then has 10 working days to reply."""
    return transition(
        report_id=report_id,
        action=Action.RESOLVE,
        actor=actor,
        note=note,
        visibility=visibility,
        now=now,
    )


def report_close(
    *,
    report_id: int,
    actor: Any,
    rating: int,
    comment: str = "",
    satisfied: bool | None = None,
    now: datetime | None = None,
) -> Report:
    """The reporter accepts the answer and rates it (1 to 5)."""
    return transition(
        report_id=report_id,
        action=Action.CLOSE,
        actor=actor,
        params={"rating": rating, "comment": comment, "satisfied": satisfied},
        now=now,
    )


def report_auto_close(*, report_id: int, now: datetime | None = None) -> Report:
    """Close after the reporter's silence (the system, once ``reply_due_at`` passed)."""
    return transition(report_id=report_id, action=Action.AUTO_CLOSE, actor=None, now=now)


def report_ask_consent(
    *, report_id: int, actor: Any = None, note: str = "", now: datetime | None = None
) -> Report:
    """Ask the reporter whether the Ombudsman may take the report over."""
    return transition(
        report_id=report_id, action=Action.ASK_CONSENT, actor=actor, note=note, now=now
    )


def report_escalate(
    *, report_id: int, actor: Any, note: str = "", now: datetime | None = None
) -> Report:
    """The reporter consents: the report goes to the Ombudsman."""
    return transition(report_id=report_id, action=Action.ESCALATE, actor=actor, note=note, now=now)


def report_refuse_consent(
    *, report_id: int, actor: Any, note: str = "", now: datetime | None = None
) -> Report:
    """The reporter keeps the report with the agency."""
    return transition(
        report_id=report_id, action=Action.REFUSE_CONSENT, actor=actor, note=note, now=now
    )
