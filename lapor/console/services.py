"""Writes made from the console, each for a :class:`~lapor.accounts.principals.Principal`.

Moves of a report go through ``reports.transitions`` (``transition`` for one report,
``transition_many`` for a batch): the same code the API calls. What the console adds
here is its own rows (assignment, templates, saved views, login audit), internal
notes (events that are not moves, written by ``reports.events``), files on a move, and
the second factor. The sign-in steps act on a *user*: until the second factor passes,
the person is nobody's official principal.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapor.accounts.choices import Role
from lapor.accounts.models import RoleMembership, User
from lapor.accounts.principals import Principal
from lapor.accounts.services import (
    membership_grant,
    membership_revoke,
    normalize_email,
    user_create,
)
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency
from lapor.agencies.services import agency_create
from lapor.core.exceptions import NotFound, PermissionDenied, ServiceError, ValidationFailed
from lapor.reports import services as report_services
from lapor.reports.models import Report
from lapor.reports.permissions import internal_writer_of
from lapor.reports.transitions import NOTE_MAX, Action, TransitionManyResult

from .choices import Page, TemplateKind
from .models import LoginEvent, ReplyTemplate, SavedView

TOTP_DEVICE_NAME = "Aplikasi autentikator"
RECOVERY_DEVICE_NAME = "Kode pemulihan"


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


# --- bulk moves ------------------------------------------------------------------
# Single moves, notes and assignments are ``reports.services`` (the one door); pages
# call it directly.


def reports_bulk(
    *,
    report_ids: Sequence[int],
    action: Action | str,
    actor: Principal,
    note: str = "",
    params: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> TransitionManyResult:
    """One move on many reports (``transition_many``): spam and duplicate archiving,
    bulk disposition. Rows the actor may not move are skipped with the reason."""
    if len(report_ids) > 500:
        raise ValidationFailed({"report_ids": [_("Choose at most 500 reports at once.")]})
    return report_services.transition_many(
        report_ids=report_ids, action=action, actor=actor, note=note, params=params, now=now
    )


def official_may_note(report: Report, actor: Principal) -> bool:
    """Whether the note form is offered: ``report_note_add`` checks it again, locked."""
    return internal_writer_of(report, actor) is not None


# --- templates and saved views --------------------------------------------------------


def _may_admin_agency(actor: Principal, agency: Agency | None) -> bool:
    """Admin Nasional for what is national (``agency`` empty); an Admin Instansi whose
    subtree holds ``agency`` for the rest. Only an official principal holds scopes."""
    if agency is None:
        return actor.scope_for(Role.ADMIN_NASIONAL, national=True) is not None
    return actor.scope_for(Role.ADMIN_INSTANSI, agency.path) is not None


def reply_template_create(
    *, actor: Principal, agency: Agency | None, kind: str, title: str, body: str
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
        agency=agency, kind=kind, title=title, body=body, created_by=actor.user
    )


def reply_template_deactivate(*, actor: Principal, template_id: int) -> None:
    """Retire a template (it stays for the record); a template the actor may not manage
    is ``NotFound``, like one that does not exist."""
    template = ReplyTemplate.objects.select_related("agency").filter(pk=template_id).first()
    if template is None or not _may_admin_agency(actor, template.agency):
        raise NotFound()
    template.is_active = False
    template.save(update_fields=["is_active", "updated_at"])


def saved_view_save(*, actor: Principal, page: str, name: str, query: str) -> SavedView:
    if actor.user_id is None:
        raise PermissionDenied()
    name = " ".join((name or "").split())
    if not 1 <= len(name) <= 60:
        raise ValidationFailed({"name": [_("Give the view a short name.")]})
    if page not in Page.values:
        raise ValidationFailed({"page": [_("Unknown list.")]})
    view, _created = SavedView.objects.update_or_create(
        user_id=actor.user_id, page=page, name=name, defaults={"query": (query or "")[:500]}
    )
    return view


def saved_view_delete(*, actor: Principal, view_id: int) -> None:
    if actor.user_id is None:
        raise PermissionDenied()
    SavedView.objects.filter(user_id=actor.user_id, pk=view_id).delete()


# --- agency administration --------------------------------------------------------------


def unit_create(*, actor: Principal, parent: Agency, name: str) -> Agency:
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
    actor: Principal,
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
    if not _may_admin_agency(actor, agency) or actor.user is None:
        raise PermissionDenied()
    if role not in INVITABLE_ROLES:
        raise ValidationFailed({"role": [_("Choose a role.")]})
    email = normalize_email(email or "")
    with transaction.atomic():
        user = User.objects.filter(email=email).first() if email else None
        if user is None:
            user = user_create(email=email, password=None, full_name=full_name or "")
        membership_grant(user=user, role=role, agency=agency, granted_by=actor.user)
        link = base_url + reverse(
            "console:invitation",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context = {
            "user": user,
            "actor": actor.user,
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


def official_revoke(*, actor: Principal, membership_id: int) -> RoleMembership:
    """End an official's role in an agency the actor administers (never their own).

    A membership outside the actor's agencies is ``NotFound``, like one that does not
    exist; ``accounts.services.membership_revoke`` checks the grant rules again.
    """
    membership = (
        RoleMembership.objects.select_related("agency", "user").filter(pk=membership_id).first()
    )
    if (
        membership is None
        or membership.agency is None
        or not _may_admin_agency(actor, membership.agency)
        or actor.user is None
    ):
        raise NotFound()
    if membership.user_id == actor.user_id:
        raise ServiceError(_("You cannot remove your own role."))
    membership_revoke(membership=membership, revoked_by=actor.user)
    return membership


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
