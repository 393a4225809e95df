"""The Django admin's one-step sign-in (issue 9), as an exit: it must not tell who has
an account, and a locked account stays locked however the attacker knocks.

* No oracle: an unknown login, a wrong password, a citizen's account and a deactivated
  staff account read the same, with the same status, and an unknown login is locked
  after as many tries as a real one (a lock only real accounts got would tell them).
* One lock per account: the same mobile number written another way (+62…, 62…, 0…,
  with dashes) or an e-mail address in capitals is the same login for the lock, as it
  is for signing in.
* Guessing the authenticator code with a known password counts towards the lock: the
  right password alone must not forgive the failures before it.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapor.accounts.otp import LOGIN_FAILURES_ALLOWED
from lapor.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/login/?next=/admin/"
PASSWORD = "rahasia-123"  # UserFactory's
KEY = "3132333435363738393031323334353637383930"
PHONE = "+6281234567890"
EMAIL = "admin.nasional@example.test"
LOCKED = "Too many tries. Wait 15 minutes and try again."


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff():
    user = UserFactory(email=EMAIL, phone=PHONE, is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=user, name="Ponsel", key=KEY, confirmed=True)
    return user, device


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0):06d}"


def _wrong(device: TOTPDevice) -> str:
    return "000000" if _code(device) != "000000" else "111111"


def _client() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _sign_in(client: Client, login: str, password: str, token: str):
    return client.post(URL, {"username": login, "password": password, "otp_token": token})


def _errors(html: str) -> str:
    found = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert found is not None
    return found.group(0)


def test_nobody_learns_who_has_a_staff_account(staff):
    _user, device = staff
    UserFactory(email="warga@example.test")
    UserFactory(email="mantan@example.test", is_staff=True, is_active=False)
    answers = set()
    for login in (EMAIL, "tidak.ada@example.test", "warga@example.test", "mantan@example.test"):
        password = "salah-sekali" if login == EMAIL else PASSWORD
        response = _sign_in(_client(), login, password, _code(device))
        assert response.status_code == 401, login
        answers.add(_errors(response.content.decode()))
    assert len(answers) == 1, answers


def test_an_unknown_login_or_a_citizen_is_locked_like_a_staff_account(staff):
    """The lock itself says nothing: the same number of tries, the same answer, for a
    staff account's wrong password, an unknown login, and a citizen's right password
    (which reads "not a staff account" and so counts as the failure it reads as)."""
    _user, device = staff
    UserFactory(email="warga@example.test")
    pages = []
    for login, password in (
        (EMAIL, "salah"),
        ("tidak.ada@example.test", "salah"),
        ("warga@example.test", PASSWORD),
    ):
        client = _client()
        for _ in range(LOGIN_FAILURES_ALLOWED):
            assert _sign_in(client, login, password, "000000").status_code == 401
        response = _sign_in(client, login, password, _code(device))
        assert response.status_code == 429, login
        pages.append(_errors(response.content.decode()))
    assert len(set(pages)) == 1 and LOCKED in pages[0]


@pytest.mark.parametrize(
    "other_spelling", ["081234567890", "6281234567890", "0812-3456-7890", "+62 812 3456 7890"]
)
def test_a_phone_number_written_another_way_is_the_same_locked_account(staff, other_spelling):
    _user, device = staff
    client = _client()
    for _ in range(LOGIN_FAILURES_ALLOWED):
        assert _sign_in(client, PHONE, "salah", "000000").status_code == 401
    # The right password and code, the number written another way: still locked.
    response = _sign_in(client, other_spelling, PASSWORD, _code(device))
    assert response.status_code == 429, response.content.decode()[:300]
    assert "_auth_user_id" not in client.session


def test_an_e_mail_address_in_capitals_is_the_same_locked_account(staff):
    _user, device = staff
    client = _client()
    for _ in range(LOGIN_FAILURES_ALLOWED):
        assert _sign_in(client, EMAIL, "salah", "000000").status_code == 401
    response = _sign_in(client, EMAIL.upper(), PASSWORD, _code(device))
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_guessing_the_code_with_the_right_password_locks_the_account(staff):
    """Each wrong code is a failed sign-in: the right password before it does not wipe
    the count. Each try waits out django-otp's own back-off (1, 2, 4 … seconds), so the
    lock is what stops the guessing."""
    _user, device = staff
    client = _client()
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(LOGIN_FAILURES_ALLOWED):
            response = _sign_in(client, EMAIL, PASSWORD, _wrong(device))
            assert response.status_code == 401
            clock.shift(timedelta(seconds=60))
        response = _sign_in(client, EMAIL, PASSWORD, _code(device))
    assert response.status_code == 429, response.content.decode()[:300]
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    assert device.throttling_failure_count == LOGIN_FAILURES_ALLOWED  # the last not tried


def test_a_right_code_after_a_typo_signs_in_and_forgives(staff):
    """The positive control: one mistyped code, then the right one, gets in, and the
    failures are forgiven (the owner got in)."""
    user, device = staff
    client = _client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert _sign_in(client, EMAIL, PASSWORD, _wrong(device)).status_code == 401
        clock.shift(timedelta(seconds=60))
        response = _sign_in(client, EMAIL, PASSWORD, _code(device))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    from lapor.accounts.models import AuthAttempt

    assert not AuthAttempt.objects.filter(key__startswith="login:", succeeded=False).exists()
