"""Signing in with an e-mail address or a mobile number."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate

from lapor.accounts.services import user_create

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-rahasia-9"


@pytest.fixture
def user():
    return user_create(
        email="Siti@Example.test", phone="081234567890", password=PASSWORD, full_name="Siti"
    )


@pytest.mark.parametrize(
    "login",
    [
        "siti@example.test",
        "SITI@EXAMPLE.TEST",
        "  Siti@example.Test ",
        "081234567890",
        "0812-3456-7890",
        "+6281234567890",
        "6281234567890",
        "+62 812 3456 7890",
    ],
)
def test_login_by_email_in_any_case_or_phone_in_any_form(user, login):
    assert authenticate(None, username=login, password=PASSWORD) == user


@pytest.mark.parametrize(
    ("login", "password"),
    [
        ("siti@example.test", "salah"),
        ("081234567890", ""),
        ("budi@example.test", PASSWORD),  # no such user
        ("081299998888", PASSWORD),
        ("bukan-nomor", PASSWORD),
        ("", PASSWORD),
    ],
)
def test_login_refused(user, login, password):
    assert authenticate(None, username=login, password=password) is None


def test_inactive_user_cannot_log_in(user):
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert authenticate(None, username="siti@example.test", password=PASSWORD) is None


def test_login_through_the_admin_login_page_needs_the_second_factor(client, user):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user.is_staff = True
    user.save(update_fields=["is_staff"])
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    # The right password alone does not open the admin.
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "0812 3456 7890", "password": PASSWORD}
    )
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": "0812 3456 7890",
            "password": PASSWORD,
            "otp_token": f"{totp(device.bin_key):06d}",
        },
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
