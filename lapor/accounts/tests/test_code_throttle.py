"""Too many tries: the page says "wait N seconds" (or "ask for a new code"), never
"wrong" for the right code (issue 9).

Citizens' one-time codes die after ``CODE_MAX_ATTEMPTS`` wrong tries, and ten failures
in 15 minutes lock the account's codes; officials' authenticator codes are throttled by
django-otp (each failure doubles the wait). In every case the right code typed while
refused gets the reason and the real wait, and the refused try is not another failure.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapor.accounts import flows
from lapor.accounts.choices import Role
from lapor.accounts.models import AuthAttempt, OneTimeCode, User
from lapor.accounts.otp import (
    CODE_MAX_ATTEMPTS,
    LOCK_WINDOW,
    CodeTriedTooOften,
    TooManyAttempts,
    second_factor_throttle_check,
    wait_message,
)
from lapor.testing.factories import UserFactory, make_agency, make_member

pytestmark = pytest.mark.django_db

PASSWORD = "kopi-tubruk-2026"
KEY = "3132333435363738393031323334353637383930"
MSG_BAD_CODE_EN = "This code is wrong or has expired"
MSG_DEAD_EN = "This code was tried too many times and no longer works. Ask for a new code."


def _last_code() -> str:
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)  # type: ignore[union-attr]


def _wrong(right: str) -> str:
    return "000000" if right != "000000" else "111111"


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


@pytest.fixture
def registering(client):
    """A citizen who has just registered and is on the code page."""
    client.post(
        reverse("accounts:register"),
        {"full_name": "Budi Santoso", "email": "budi@example.test", "password": PASSWORD},
    )
    return client, User.objects.get(email="budi@example.test")


# --- the wait, in words -------------------------------------------------------------------


def test_the_wait_is_said_in_seconds_then_minutes():
    with translation.override("en"):
        assert wait_message(1) == "Too many tries. Wait 1 second and try again."
        assert wait_message(31.2) == "Too many tries. Wait 32 seconds and try again."
        assert wait_message(899) == "Too many tries. Wait 15 minutes and try again."
        assert wait_message(0) == "Too many tries. Wait 1 second and try again."


# --- citizens' codes ----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_right_code_after_too_many_wrong_ones_is_not_called_wrong(registering, language):
    client, user = registering
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    right = _last_code()
    url = reverse("accounts:confirm")
    for _ in range(CODE_MAX_ATTEMPTS):
        response = client.post(url, {"code": _wrong(right)})
        assert _in(language, MSG_BAD_CODE_EN + ". Check the message or ask for a new code.") in (
            response.content.decode()
        )
    failures = AuthAttempt.objects.filter(succeeded=False).count()

    response = client.post(url, {"code": right})
    html = response.content.decode()
    assert response.status_code == 200
    assert _in(language, MSG_DEAD_EN) in html
    assert _in(language, MSG_BAD_CODE_EN + ". Check the message or ask for a new code.") not in (
        html
    )
    assert 'aria-invalid="true"' in html and 'href="#id_code"' in html
    # Nothing changed: not active, not one more failure, the code not tried again.
    user.refresh_from_db()
    assert not user.is_active
    assert AuthAttempt.objects.filter(succeeded=False).count() == failures
    assert OneTimeCode.objects.get(user=user, used_at__isnull=True).attempts == CODE_MAX_ATTEMPTS

    # A new code works.
    client.post(url, {"resend": "1"})
    response = client.post(url, {"code": _last_code()})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active


def test_ten_failures_lock_the_codes_and_the_page_says_how_long(registering):
    client, user = registering
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("accounts:confirm")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(2):  # two codes, five wrong tries each
            right = _last_code()
            for _ in range(CODE_MAX_ATTEMPTS):
                client.post(url, {"code": _wrong(right)})
            clock.shift(timedelta(minutes=1))
            client.post(url, {"resend": "1"})
        # Ten failures, the first two minutes ago: free again in 13 minutes.
        response = client.post(url, {"code": _last_code()})
        assert "Too many tries. Wait 13 minutes and try again." in response.content.decode()
        assert "wrong" not in response.content.decode()
        assert AuthAttempt.objects.filter(succeeded=False).count() == 2 * CODE_MAX_ATTEMPTS
        user.refresh_from_db()
        assert not user.is_active
        # In the last minute and a half it counts seconds.
        clock.shift(LOCK_WINDOW - timedelta(minutes=2, seconds=30))
        response = client.post(url, {"code": _last_code()})
        assert "Too many tries. Wait 30 seconds and try again." in response.content.decode()
        # Once the first failures have aged out, the right code works.
        clock.shift(timedelta(seconds=30))
        response = client.post(url, {"code": _last_code()})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active


def test_the_service_raises_the_wait_and_records_nothing():
    user = UserFactory(is_active=False)
    now = timezone.now()
    AuthAttempt.objects.bulk_create(
        [
            AuthAttempt(key=f"code:{user.pk}", succeeded=False, created_at=now)
            for _ in range(2 * CODE_MAX_ATTEMPTS)
        ]
    )
    with pytest.raises(TooManyAttempts) as caught:
        flows.account_confirm(user=user, code="123456", now=now + timedelta(seconds=10))
    assert caught.value.retry_after == int(LOCK_WINDOW.total_seconds()) - 10
    assert caught.value.status_code == 429
    assert AuthAttempt.objects.count() == 2 * CODE_MAX_ATTEMPTS


def test_a_dead_reset_code_says_so_on_the_code_field(client):
    user = UserFactory(email="citra@example.test")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(reverse("accounts:reset"), {"login": "citra@example.test"})
    right = _last_code()
    url = reverse("accounts:reset_confirm")
    for _ in range(CODE_MAX_ATTEMPTS):
        client.post(url, {"code": _wrong(right), "password": "teh-manis-hangat-9"})
    response = client.post(url, {"code": right, "password": "teh-manis-hangat-9"})
    html = response.content.decode()
    assert MSG_DEAD_EN in html and 'id="id_code_error"' in html
    user.refresh_from_db()
    assert not user.check_password("teh-manis-hangat-9")
    with pytest.raises(CodeTriedTooOften):
        flows.password_reset_confirm(
            login="citra@example.test", code=right, password="teh-manis-hangat-9"
        )


# --- officials' authenticator codes (console) ---------------------------------------------


@pytest.fixture
def official(client):
    user = make_member(Role.ADMIN_INSTANSI, make_agency("Dinas Contoh"), full_name="Andi")
    device = TOTPDevice.objects.create(user=user, name="Ponsel", key=KEY, confirmed=True)
    client.post(reverse("console:login"), {"login": user.email, "password": "rahasia-123"})
    assert client.session["_auth_user_id"] == str(user.pk)
    return client, user, device


def _code(device: TOTPDevice) -> str:
    """The code the app shows now (``time_machine`` moves django-otp's clock too)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0):06d}"


@pytest.mark.parametrize("language", ["en", "id"])
def test_console_right_code_during_the_back_off_says_wait(official, language):
    client, _user, device = official
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(6):
            client.post(reverse("console:otp"), {"token": _wrong(_code(device))})
            device.refresh_from_db()
            clock.shift(timedelta(seconds=2 ** (device.throttling_failure_count - 1)))
        # Six failures in a row; the last one now waits 32 seconds. The right code
        # typed 2 seconds after it is refused with the real wait.
        clock.shift(-timedelta(seconds=30))
        response = client.post(reverse("console:otp"), {"token": _code(device)})
        html = response.content.decode()
        assert response.status_code == 429
        with translation.override(language):
            assert wait_message(30) in html
        assert _in(language, "That code is not right. Wait for a new code and try again.") not in (
            html
        )
        assert "otp_device_id" not in client.session  # not verified
        device.refresh_from_db()
        assert device.throttling_failure_count == 6  # not counted as a seventh failure
        # After the wait, the right code gets in.
        clock.shift(timedelta(seconds=31))
        response = client.post(reverse("console:otp"), {"token": _code(device)})
    assert response.status_code == 302
    assert client.session.get("otp_device_id") == device.persistent_id


def test_second_factor_throttle_check_reads_the_right_device():
    user = UserFactory()
    device = TOTPDevice.objects.create(user=user, name="Ponsel", key=KEY, confirmed=True)
    now = timezone.now()
    second_factor_throttle_check(user=user, token="123456", now=now)  # no failure yet
    device.throttling_failure_count = 3
    device.throttling_failure_timestamp = now
    device.save()
    with time_machine.travel(now + timedelta(seconds=1), tick=False):
        with pytest.raises(TooManyAttempts) as caught:
            second_factor_throttle_check(user=user, token="123 456")
        assert caught.value.retry_after == 3
        # A recovery code is checked against the recovery codes, which are not waiting.
        second_factor_throttle_check(user=user, token="pulih-abc-123")
