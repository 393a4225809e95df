"""The Django admin's sign-in: login, password and the authenticator code in one submit,
in Indonesian by default and in English on request (issue 9).

Before, django-otp's form asked for a device in a second submit, in English only.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapor.accounts.models import AuthAttempt
from lapor.accounts.otp import wait_message
from lapor.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/login/?next=/admin/"
PASSWORD = "rahasia-123"  # UserFactory's
KEY = "3132333435363738393031323334353637383930"
BAD_LOGIN = "The login and the password do not match a staff account."
BAD_CODE = "The code from the authenticator app is not right. Type the newest code."


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0):06d}"


def _wrong(device: TOTPDevice) -> str:
    return "000000" if _code(device) != "000000" else "111111"


@pytest.fixture
def staff():
    user = UserFactory(email="admin@example.test", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=user, name="Ponsel", key=KEY, confirmed=True)
    return user, device


def _sign_in(client: Client, login: str, password: str, token: str):
    return client.post(URL, {"username": login, "password": password, "otp_token": token})


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_form_asks_for_all_three_in_indonesian_by_default(client):
    html = client.get(URL).content.decode()
    assert '<html lang="id"' in html
    for name in ("username", "password", "otp_token"):
        assert f'name="{name}"' in html
    assert 'name="otp_device"' not in html and 'name="otp_challenge"' not in html
    assert 'autocomplete="one-time-code"' in html
    for english in ("E-mail address or mobile number", "Code from the authenticator app"):
        assert _in("id", english) in html
    assert "OTP Token" not in html and "OTP Device" not in html
    english = client.get(URL, HTTP_COOKIE=f"{settings.LANGUAGE_COOKIE_NAME}=en")
    assert "Code from the authenticator app" in english.content.decode()


def test_one_submit_with_a_real_code_opens_the_admin(client, staff):
    user, device = staff
    response = _sign_in(client, "admin@example.test", PASSWORD, _code(device))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/agencies/agency/").status_code == 200


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_wrong_code_is_said_on_the_code_field(client, staff, language):
    _user, device = staff
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = _sign_in(client, "admin@example.test", PASSWORD, _wrong(device))
    html = response.content.decode()
    assert response.status_code == 401
    assert _in(language, BAD_CODE) in html
    assert 'id="id_otp_token_error"' in html and 'href="#id_otp_token"' in html
    field = re.search(r'<input[^>]*name="otp_token"[^>]*>', html)
    assert field is not None and 'aria-invalid="true"' in field.group(0)
    assert re.search(r'aria-describedby="[^"]*id_otp_token_error', field.group(0))
    assert 'value="admin@example.test"' in html  # what was typed stays
    assert not _signed_in(client)
    assert client.get("/admin/").status_code == 302
    # It counts as a failed sign-in for the lockout.
    assert AuthAttempt.objects.filter(key="login:admin@example.test", succeeded=False).count() == 1


def test_wrong_password_unknown_login_and_non_staff_read_the_same(client, staff):
    _user, device = staff
    citizen = UserFactory(email="warga@example.test")
    TOTPDevice.objects.create(user=citizen, name="Ponsel", key=KEY, confirmed=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    pages = []
    for login, password in (
        ("admin@example.test", "salah-sekali"),
        ("tidak.ada@example.test", PASSWORD),
        ("warga@example.test", PASSWORD),  # the right password, but not staff
    ):
        response = _sign_in(client, login, password, _code(device))
        html = response.content.decode()
        assert response.status_code == 401, login
        assert BAD_LOGIN in html, login
        assert BAD_CODE not in html, login
        assert not _signed_in(client)
        errors = re.search(r'<div class="error-summary".*?</div>', html, re.S)
        assert errors is not None
        pages.append(errors.group(0))
    assert len(set(pages)) == 1


def test_staff_without_an_authenticator_app_is_refused(client):
    UserFactory(email="baru@example.test", is_staff=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = _sign_in(client, "baru@example.test", PASSWORD, "123456")
    assert response.status_code == 401
    assert "no authenticator app yet" in response.content.decode()
    assert not _signed_in(client)


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_locked_login_is_refused_with_429_even_with_everything_right(client, staff, language):
    _user, device = staff
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for _ in range(5):
        assert _sign_in(client, "admin@example.test", "salah", "000000").status_code == 401
    response = _sign_in(client, "admin@example.test", PASSWORD, _code(device))
    assert response.status_code == 429
    assert _in(language, "Too many tries. Wait 15 minutes and try again.") in (
        response.content.decode()
    )
    assert not _signed_in(client)
    device.refresh_from_db()
    assert device.throttling_failure_count == 0  # the code was never tried


def test_the_right_code_during_the_back_off_says_wait_not_wrong(client, staff):
    _user, device = staff
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(3):
            assert _sign_in(client, "admin@example.test", PASSWORD, _wrong(device)).status_code == (
                401
            )
            device.refresh_from_db()
            clock.shift(timedelta(seconds=2 ** (device.throttling_failure_count - 1)))
        clock.shift(-timedelta(seconds=1))  # the third failure waits 4 s: 1 s left
        response = _sign_in(client, "admin@example.test", PASSWORD, _code(device))
        assert response.status_code == 429
        html = response.content.decode()
        with translation.override("en"):
            assert wait_message(1) in html
        assert BAD_CODE not in html
        device.refresh_from_db()
        assert device.throttling_failure_count == 3
        assert not _signed_in(client)
        clock.shift(timedelta(seconds=1))
        response = _sign_in(client, "admin@example.test", PASSWORD, _code(device))
    assert response.status_code == 302
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_empty_fields_are_said_on_their_fields_and_nothing_is_looked_up(client, staff):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(URL, {"username": "admin@example.test", "password": "", "otp_token": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter your password." in html
    assert "Enter the code from the authenticator app." in html
    assert not AuthAttempt.objects.exists()
