"""One-time codes and rate limits: what stands between a guesser and an account.

A code is six random digits, sent to the person's e-mail address or phone, stored only
as a keyed hash, good once, for ``CODE_TTL``, and for ``CODE_MAX_ATTEMPTS`` wrong tries.
Guessable things (passwords, codes, reset requests) are counted per key in
``AuthAttempt``; too many failures in the window lock that key for a while.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapor.core.exceptions import ServiceError
from lapor.core.sms import get_sms_gateway

from .models import AuthAttempt, CodePurpose, OneTimeCode, User
from .services import InvalidPhone, normalize_email, normalize_phone

logger = logging.getLogger(__name__)

CODE_TTL = timedelta(minutes=15)
CODE_MAX_ATTEMPTS = 5
# Codes one person may be sent per hour and purpose (each costs an SMS).
CODES_PER_HOUR = 5
# Failed logins per login name in LOCK_WINDOW before it is locked for LOCK_WINDOW.
LOGIN_FAILURES_ALLOWED = 5
LOCK_WINDOW = timedelta(minutes=15)
# Failures per client address per hour (many names tried from one place).
IP_FAILURES_PER_HOUR = 30


class TooManyAttempts(ServiceError):
    """Refused before anything was checked; ``retry_after`` (seconds) says how long
    the wait is when it is known, and the message then says it too."""

    default_message = _("Too many tries. Wait 15 minutes and try again.")
    status_code = 429

    def __init__(
        self,
        message: str | Promise | None = None,
        *,
        code: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        self.retry_after = retry_after
        if message is None and retry_after is not None:
            message = wait_message(retry_after)
        super().__init__(message, code=code)


class CodeTriedTooOften(ServiceError):
    """The code was guessed at too often and no longer works: waiting will not help."""

    default_message = _(
        "This code was tried too many times and no longer works. Ask for a new code."
    )
    status_code = 429


def wait_message(seconds: float) -> str:
    """ "Too many tries. Wait N seconds and try again." in the language of the page
    (minutes from two minutes up: nobody counts 840 seconds)."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 120:
        return ngettext(
            "Too many tries. Wait %(n)d second and try again.",
            "Too many tries. Wait %(n)d seconds and try again.",
            seconds,
        ) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Too many tries. Wait %(n)d minute and try again.",
        "Too many tries. Wait %(n)d minutes and try again.",
        minutes,
    ) % {"n": minutes}


# --- rate limits ----------------------------------------------------------------------


def _failures(key: str, since: datetime) -> int:
    return AuthAttempt.objects.filter(key=key, succeeded=False, created_at__gt=since).count()


def throttle_check(
    *,
    key: str,
    limit: int,
    window: timedelta,
    now: datetime | None = None,
    say_when: bool = False,
) -> None:
    """Raise ``TooManyAttempts`` when ``key`` failed ``limit`` times within ``window``.

    With ``say_when`` the error carries the real wait: until enough of the failures
    have left the window for the next try to be allowed.
    """
    now = now or timezone.now()
    since = now - window
    failures = _failures(key, since)
    if failures < limit:
        return
    if not say_when:
        raise TooManyAttempts()
    # The try is allowed again once the (failures - limit + 1) oldest have aged out.
    times = (
        AuthAttempt.objects.filter(key=key, succeeded=False, created_at__gt=since)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    freed_at = times[failures - limit] + window
    raise TooManyAttempts(retry_after=math.ceil((freed_at - now).total_seconds()))


def attempt_record(*, keys: Iterable[str], succeeded: bool, now: datetime | None = None) -> None:
    now = now or timezone.now()
    AuthAttempt.objects.bulk_create(
        [AuthAttempt(key=k[:200], succeeded=succeeded, created_at=now) for k in keys]
    )
    if succeeded:
        # A success forgives earlier failures of that name: the owner got in.
        AuthAttempt.objects.filter(
            key__in=[k[:200] for k in keys if k.startswith("login:")], succeeded=False
        ).delete()


def login_key(login: str) -> str:
    """The lock's name for a login, spelled as the account spells it: one mobile number
    written another way (``+62…``, ``62…``, ``0…``, with spaces or dashes) or an e-mail
    address in capitals is one lock, as it is one account, so that no spelling buys
    more tries. Whether an account has that login plays no part (an unknown login is
    locked alike: the lock tells nobody who has an account)."""
    login = (login or "").strip()
    if "@" in login:
        return f"login:{normalize_email(login)}"
    try:
        return f"login:{normalize_phone(login)}"
    except InvalidPhone:
        return f"login:{login.lower()}"


def login_keys(login: str, ip: str | None) -> list[str]:
    keys = [login_key(login)]
    if ip:
        keys.append(f"ip:{ip}")
    return keys


def login_throttle_check(*, login: str, ip: str | None, now: datetime | None = None) -> None:
    throttle_check(
        key=login_key(login),
        limit=LOGIN_FAILURES_ALLOWED,
        window=LOCK_WINDOW,
        now=now,
    )
    if ip:
        throttle_check(
            key=f"ip:{ip}", limit=IP_FAILURES_PER_HOUR, window=timedelta(hours=1), now=now
        )


def devices_throttle_check(devices: Iterable[Device], *, now: datetime | None = None) -> None:
    """Raise ``TooManyAttempts`` with the real wait while django-otp's back-off (each
    wrong code doubles the wait: 1, 2, 4 … seconds) refuses every one of ``devices``.

    Checked before the code: during the wait django-otp refuses even the right code
    without saying why, and the page would call it wrong. A refused try is not a wrong
    code (django-otp does not count it either).
    """
    until: list[datetime] = []
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if allowed:
            return
        if data and data.get("locked_until"):
            until.append(data["locked_until"])
    if until:
        now = now or timezone.now()
        raise TooManyAttempts(retry_after=math.ceil((min(until) - now).total_seconds()))


def second_factor_throttle_check(*, user: User, token: str, now: datetime | None = None) -> None:
    """``devices_throttle_check`` for the devices ``token`` would be checked against: the
    authenticator app for six digits, else the recovery codes."""
    token = "".join((token or "").split())
    model: type[TOTPDevice | StaticDevice] = (
        TOTPDevice if token.isdecimal() and len(token) == 6 else StaticDevice
    )
    devices_throttle_check(model.objects.filter(user=user, confirmed=True), now=now)


# --- codes ----------------------------------------------------------------------------


def _hash(code: str, *, user_id: int, purpose: str) -> str:
    message = f"{user_id}:{purpose}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def code_destination(user: User) -> str:
    """Where codes go: the e-mail address if there is one, else the phone."""
    return user.email or user.phone or ""


def code_issue(*, user: User, purpose: str, now: datetime | None = None) -> OneTimeCode:
    """Make a fresh code for ``user`` (earlier ones of the purpose stop working) and send it."""
    if purpose not in CodePurpose.values:
        raise ValueError(f"Unknown purpose: {purpose!r}")
    now = now or timezone.now()
    recent = OneTimeCode.objects.filter(
        user=user, purpose=purpose, created_at__gte=now - timedelta(hours=1)
    ).count()
    if recent >= CODES_PER_HOUR:
        raise TooManyAttempts(_("Too many codes were sent. Wait an hour and try again."))
    code = f"{secrets.randbelow(1_000_000):06d}"
    with transaction.atomic():
        OneTimeCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(
            used_at=now
        )
        otp = OneTimeCode.objects.create(
            user=user,
            purpose=purpose,
            code_hash=_hash(code, user_id=user.pk, purpose=purpose),
            sent_to=code_destination(user),
            created_at=now,
            expires_at=now + CODE_TTL,
        )
    code_deliver(user=user, code=code, purpose=purpose)
    return otp


def code_verify(*, user: User, purpose: str, code: str, now: datetime | None = None) -> bool:
    """Use the user's live code of ``purpose`` if ``code`` is it; count a wrong try.

    A code tried ``CODE_MAX_ATTEMPTS`` times is dead: ``CodeTriedTooOften`` says so
    (and asks for a new one) instead of calling the right code wrong.
    """
    now = now or timezone.now()
    code = "".join(ch for ch in (code or "") if ch.isdecimal() and ch.isascii())
    with transaction.atomic():
        otp = (
            OneTimeCode.objects.select_for_update()
            .filter(user=user, purpose=purpose, used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if otp is None:
            return False
        if otp.attempts >= CODE_MAX_ATTEMPTS:
            raise CodeTriedTooOften()
        if len(code) == 6 and hmac.compare_digest(
            otp.code_hash, _hash(code, user_id=user.pk, purpose=purpose)
        ):
            otp.used_at = now
            otp.save(update_fields=["used_at"])
            return True
        otp.attempts += 1
        otp.save(update_fields=["attempts"])
        return False


def code_pending(*, user: User, purpose: str) -> bool:
    return OneTimeCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).exists()


def _code_text(code: str, purpose: str) -> tuple[str, str]:
    if purpose == CodePurpose.CONFIRM:
        subject = gettext("Your LAPOR! confirmation code")
        body = gettext("Your LAPOR! code is %(code)s. It works for 15 minutes. Do not share it.")
    else:
        subject = gettext("Your LAPOR! password reset code")
        body = gettext(
            "Your LAPOR! password reset code is %(code)s. It works for 15 minutes. "
            "If you did not ask for it, ignore this message."
        )
    return subject, body % {"code": code}


def code_deliver(*, user: User, code: str, purpose: str) -> None:
    """Send ``code`` by e-mail (or SMS when the account has only a phone).

    Sent at once rather than through the outbox: the person is waiting on the page,
    and the outbox would have to store the code in clear. The SMS goes through the
    gateway of ``lapor.core.sms`` (``settings.SMS_GATEWAY``). In development the code
    is also written to the console log, where no mail or SMS is really sent.
    """
    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        subject, text = _code_text(code, purpose)
    if settings.DEBUG:
        logger.warning("One-time code for user %s (%s): %s", user.pk, purpose, code)
    if user.email:
        send_mail(subject, text, None, [user.email], fail_silently=False)
        return
    if user.phone:
        get_sms_gateway().send(user.phone, text)


__all__ = [
    "CODE_MAX_ATTEMPTS",
    "CODE_TTL",
    "CodeTriedTooOften",
    "TooManyAttempts",
    "attempt_record",
    "code_deliver",
    "code_issue",
    "code_pending",
    "code_verify",
    "devices_throttle_check",
    "login_key",
    "login_keys",
    "login_throttle_check",
    "second_factor_throttle_check",
    "throttle_check",
    "wait_message",
]
