"""Writes made from the console.

Moves of a report go through ``reports.transitions`` (``transition`` for one report,
``transition_many`` for a batch): the same code the API calls. What the console adds
here is its own rows (assignment, templates, saved views, login audit), internal
notes (events that are not moves), files on a move, and the second factor.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapor.accounts.choices import Role
from lapor.accounts.models import User
from lapor.accounts.selectors import user_scopes
from lapor.accounts.services import membership_grant, normalize_email, user_create
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency
from lapor.agencies.services import agency_create
from lapor.core.exceptions import PermissionDenied, ValidationFailed
from lapor.reports.attachments import attachment_add, detect_file_type
from lapor.reports.choices import Status, Visibility
from lapor.reports.models import Report, ReportEvent
from lapor.reports.permissions import agency_admin_of, unit_admin_of
from lapor.reports.selectors import report_list_visible_to
from lapor.reports.transitions import (
    NOTE_MAX,
    Action,
    TransitionManyResult,
    report_events_append,
    transition,
    transition_many,
)

from .choices import Page, TemplateKind
from .models import Assignment, LoginEvent, ReplyTemplate, SavedView
from .selectors import report_officers

logger = logging.getLogger(__name__)

TOTP_DEVICE_NAME = "Aplikasi autentikator"
RECOVERY_DEVICE_NAME = "Kode pemulihan"
NOTE_EVENT = "report.noted"
ASSIGN_EVENT = "report.assigned"


# --- login audit ----------------------------------------------------------------------


def _client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is the client's word unless a trusted proxy
    # sets it, and the deployment decides that (deploy/).
    return request.META.get("REMOTE_ADDR") or None


def login_event_record(
    *, request: HttpRequest, kind: str, user: User | None = None, login: str = ""
) -> LoginEvent:
    """Append one sign-in step to the audit (who, what, from where)."""
    return LoginEvent.objects.create(
        user=user,
        login=(login or (user.email or user.phone or "" if user else ""))[:150],
        kind=kind,
        ip=_client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:255],
    )


# --- the second factor ----------------------------------------------------------------


def totp_device_confirmed(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def totp_enrol_start(*, user: User) -> TOTPDevice:
    """An unconfirmed TOTP device for the user to scan (the same one until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_enrol_confirm(*, user: User, token: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the device with a first code; give fresh recovery codes (shown once)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None or not device.verify_token((token or "").strip()):
        raise ValidationFailed({"token": [_("That code is not right. Try the newest code.")]})
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # One authenticator per official: an older one stops working.
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return device, recovery_codes_regenerate(user=user)


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """Replace the user's recovery codes; each works once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_recovery_code() for _i in range(settings.CONSOLE_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def _recovery_code() -> str:
    # 10 characters from an alphabet without look-alikes: typed by hand from paper.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _i in range(10))


def second_factor_verify(*, user: User, token: str) -> tuple[Any | None, bool]:
    """The device that accepts ``token`` and whether it was a recovery code.

    Codes are checked against the user's own devices only, with django-otp's
    throttling (each failure doubles the wait before the next try).
    """
    token = "".join((token or "").split()).lower()
    if not token:
        return None, False
    if token.isdecimal() and len(token) == 6:
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if verify_token(user, device.persistent_id, token):
                return device, False
        return None, False
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if verify_token(user, device.persistent_id, token):
            return device, True
    return None, False


def totp_fixed_ensure(*, user: User, key_hex: str) -> TOTPDevice:
    """A confirmed TOTP device with a known key (demo data and tests only)."""
    device = totp_device_confirmed(user)
    if device is None:
        device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
    device.key = key_hex
    device.save()
    return device


# --- moves from the console ------------------------------------------------------------


def _check_files(files: Sequence[UploadedFile]) -> None:
    """Refuse a bad file before the move is made, so a move never half-happens."""
    for f in files:
        if not f.size:
            raise ValidationFailed({"files": [_("The file is empty.")]})
        if detect_file_type(f) is None:
            raise ValidationFailed(
                {
                    "files": [
                        _("“%(name)s” is not a photo, document or video we accept.")
                        % {"name": f.name}
                    ]
                }
            )
        f.seek(0)


def _latest_event(report_id: int, code: str, actor: User) -> ReportEvent | None:
    return (
        ReportEvent.objects.filter(report_id=report_id, code=code, actor=actor)
        .order_by("-id")
        .first()
    )


def report_act(
    *,
    report_id: int,
    action: Action | str,
    actor: User,
    note: str = "",
    params: dict[str, Any] | None = None,
    visibility: str | None = None,
    files: Sequence[UploadedFile] = (),
    now: datetime | None = None,
) -> Report:
    """One move on a report (``reports.transitions.transition``), with files attached
    to the move's event when the move carries text (follow-up, answer, reasons)."""
    files = list(files)
    _check_files(files)
    with transaction.atomic():
        report = transition(
            report_id=report_id,
            action=action,
            actor=actor,
            note=note,
            visibility=visibility,
            params=params,
            now=now,
        )
        if files:
            from lapor.reports.transitions import TRANSITIONS

            event = _latest_event(report.pk, TRANSITIONS[Action(action)].event, actor)
            for f in files:
                attachment_add(
                    report=report,
                    uploaded_file=f,
                    uploader=actor,
                    event=event,
                    visibility=event.visibility if event else Visibility.INTERNAL,
                )
    return report


def reports_bulk(
    *,
    report_ids: Sequence[int],
    action: Action | str,
    actor: User,
    note: str = "",
    params: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> TransitionManyResult:
    """One move on many reports (``transition_many``): spam and duplicate archiving,
    bulk disposition. Rows the actor may not move are skipped with the reason."""
    if len(report_ids) > 500:
        raise ValidationFailed({"report_ids": [_("Choose at most 500 reports at once.")]})
    return transition_many(
        report_ids=report_ids, action=action, actor=actor, note=note, params=params, now=now
    )


def _report_for_update(actor: User, report_id: int) -> Report:
    """The report, read through the visibility selector and locked: a report the actor
    may not read is refused as if it did not exist (the views answer 404 before)."""
    report = (
        report_list_visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("agency", "unit")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise PermissionDenied()
    return report


def _official_acting(report: Report, user: User) -> tuple[str, int | None] | None:
    """The capacity in which ``user`` writes on the report's internal file: its agency or
    unit admins, and the national roles that handle (Admin Nasional, Ombudsman)."""
    acting = agency_admin_of(report, user) or unit_admin_of(report, user)
    if acting is not None:
        return acting.role, acting.agency_id
    for scope in user_scopes(user):
        if scope.role in (Role.ADMIN_NASIONAL, Role.OMBUDSMAN):
            return scope.role, None
    return None


def official_may_note(report: Report, user: User) -> bool:
    return _official_acting(report, user) is not None


def report_note_add(
    *,
    report_id: int,
    actor: User,
    note: str,
    files: Sequence[UploadedFile] = (),
    now: datetime | None = None,
) -> ReportEvent:
    """An internal note on the report's file: an event with ``internal`` visibility,
    which the visibility selectors never show to the reporter or the public."""
    note = (note or "").strip()
    if not note:
        raise ValidationFailed({"note": [_("Write a note.")]})
    if len(note) > NOTE_MAX:
        raise ValidationFailed({"note": [_("The note is too long.")]})
    files = list(files)
    _check_files(files)
    with transaction.atomic():
        report = _report_for_update(actor, report_id)
        acting = _official_acting(report, actor)
        if acting is None or report.status in (Status.ARCHIVED, Status.CLOSED):
            raise PermissionDenied()
        [event] = report_events_append(
            [
                ReportEvent(
                    report=report,
                    code=NOTE_EVENT,
                    actor=actor,
                    actor_role=acting[0],
                    actor_agency_id=acting[1],
                    created_at=now or timezone.now(),
                    from_status=report.status,
                    to_status=report.status,
                    note=note,
                    visibility=Visibility.INTERNAL,
                )
            ]
        )
        for f in files:
            attachment_add(
                report=report,
                uploaded_file=f,
                uploader=actor,
                event=event,
                visibility=Visibility.INTERNAL,
            )
    return event


def report_assign(
    *,
    report_id: int,
    actor: User,
    assignee_id: int | str,
    note: str = "",
    now: datetime | None = None,
) -> Assignment:
    """Give the report to one officer of the handling agency or unit to work on.

    Only the report's dispatchers (its agency admin, or the admin of its unit) assign;
    the officer must be one who may handle it. Recorded as an internal event.
    ``assignee_id`` may be the raw form value: it is checked against the officers here,
    after the permission check.
    """
    with transaction.atomic():
        report = _report_for_update(actor, report_id)
        acting = agency_admin_of(report, actor) or unit_admin_of(report, actor)
        if acting is None or report.status not in (
            Status.DISPOSED,
            Status.IN_PROGRESS,
            Status.RESOLVED,
        ):
            raise PermissionDenied()
        officers = {u.pk: u for u in report_officers(report)}
        assignee = officers.get(int(assignee_id)) if str(assignee_id).isdecimal() else None
        if assignee is None:
            raise ValidationFailed({"assignee": [_("Choose an officer of this agency.")]})
        assignment, _created = Assignment.objects.update_or_create(
            report=report, defaults={"assignee": assignee, "assigned_by": actor}
        )
        report_events_append(
            [
                ReportEvent(
                    report=report,
                    code=ASSIGN_EVENT,
                    actor=actor,
                    actor_role=acting.role,
                    actor_agency_id=acting.agency_id,
                    created_at=now or timezone.now(),
                    from_status=report.status,
                    to_status=report.status,
                    note=(note or "").strip()[:NOTE_MAX],
                    visibility=Visibility.INTERNAL,
                    data={"assignee": assignee.pk, "assignee_name": str(assignee)},
                )
            ]
        )
    return assignment


# --- templates and saved views --------------------------------------------------------


def _may_admin_agency(user: User, agency: Agency | None) -> bool:
    for scope in user_scopes(user):
        if agency is None and scope.role == Role.ADMIN_NASIONAL:
            return True
        if agency is not None and scope.role == Role.ADMIN_INSTANSI and scope.covers(agency.path):
            return True
    return False


def reply_template_create(
    *, actor: User, agency: Agency | None, kind: str, title: str, body: str
) -> ReplyTemplate:
    """A reusable text for the agency (Admin Instansi), or national (Admin Nasional)."""
    if not _may_admin_agency(actor, agency):
        raise PermissionDenied()
    errors: dict[str, list[str]] = {}
    title, body = " ".join((title or "").split()), (body or "").strip()
    if kind not in TemplateKind.values:
        errors["kind"] = [str(_("Choose what the text is for."))]
    if not 3 <= len(title) <= 120:
        errors["title"] = [str(_("Give the text a name of 3 to 120 characters."))]
    if not body:
        errors["body"] = [str(_("Write the text."))]
    elif len(body) > NOTE_MAX:
        errors["body"] = [str(_("The text is too long."))]
    if errors:
        raise ValidationFailed(errors)
    return ReplyTemplate.objects.create(
        agency=agency, kind=kind, title=title, body=body, created_by=actor
    )


def reply_template_deactivate(*, actor: User, template: ReplyTemplate) -> None:
    if not _may_admin_agency(actor, template.agency):
        raise PermissionDenied()
    template.is_active = False
    template.save(update_fields=["is_active", "updated_at"])


def saved_view_save(*, user: User, page: str, name: str, query: str) -> SavedView:
    name = " ".join((name or "").split())
    if not 1 <= len(name) <= 60:
        raise ValidationFailed({"name": [_("Give the view a short name.")]})
    if page not in Page.values:
        raise ValidationFailed({"page": [_("Unknown list.")]})
    view, _created = SavedView.objects.update_or_create(
        user=user, page=page, name=name, defaults={"query": (query or "")[:500]}
    )
    return view


def saved_view_delete(*, user: User, view_id: int) -> None:
    SavedView.objects.filter(user=user, pk=view_id).delete()


# --- agency administration --------------------------------------------------------------


def unit_create(*, actor: User, parent: Agency, name: str) -> Agency:
    """A unit under ``parent``, by an Admin Instansi whose subtree holds it."""
    if not _may_admin_agency(actor, parent) or parent.pk is None:
        raise PermissionDenied()
    name = " ".join((name or "").split())
    if not 3 <= len(name) <= 200:
        raise ValidationFailed({"name": [_("Give the unit a name of 3 to 200 characters.")]})
    return agency_create(name=name, kind=AgencyKind.UNIT, parent=parent)


INVITABLE_ROLES = (Role.ADMIN_INSTANSI, Role.ADMIN_UNIT, Role.DEVELOPER)


def official_invite(
    *,
    actor: User,
    email: str,
    full_name: str,
    role: str,
    agency: Agency,
    base_url: str = "",
) -> User:
    """Give a person a role in the agency and e-mail them a link to set their password.

    A new address gets an account without a usable password; the link (Django's
    password-reset token, valid ``PASSWORD_RESET_TIMEOUT``) sets one. The role itself
    is granted at once by ``membership_grant``, which checks the actor may grant it.
    """
    if role not in INVITABLE_ROLES:
        raise ValidationFailed({"role": [_("Choose a role.")]})
    email = normalize_email(email or "")
    with transaction.atomic():
        user = User.objects.filter(email=email).first() if email else None
        if user is None:
            user = user_create(email=email, password=None, full_name=full_name or "")
        membership_grant(user=user, role=role, agency=agency, granted_by=actor)
        link = base_url + reverse(
            "console:invitation",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context = {
            "user": user,
            "actor": actor,
            "agency": agency,
            "role": Role(role).label,
            "link": link,
            "new": not user.has_usable_password(),
        }
        transaction.on_commit(
            lambda: send_mail(
                subject=str(_("Invitation to the LAPOR! console")),
                message=render_to_string("console/email/invitation.txt", context),
                from_email=None,
                recipient_list=[email],
                fail_silently=True,
            )
        )
    return user


def invitation_accept(*, user: User, token: str, password: str) -> User:
    """Set the invited official's password (the token then stops working)."""
    if not default_token_generator.check_token(user, token):
        raise PermissionDenied(_("This invitation link is no longer valid. Ask for a new one."))
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationFailed({"password": list(exc.messages)}) from None
    user.set_password(password)
    user.save(update_fields=["password"])
    return user
