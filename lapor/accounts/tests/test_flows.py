"""Register, confirm, sign in (with lockout), reset, delete: services and pages."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from lapor.accounts import flows
from lapor.accounts.models import CodePurpose, OneTimeCode, User
from lapor.accounts.otp import (
    CODE_MAX_ATTEMPTS,
    CodeTriedTooOften,
    TooManyAttempts,
    code_issue,
    code_verify,
)
from lapor.core.exceptions import ValidationFailed
from lapor.core.sms import LoggingSmsGateway
from lapor.testing.factories import UserFactory, make_report

pytestmark = pytest.mark.django_db
PASSWORD = "kopi-tubruk-2026"


def last_code() -> str:
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)


def register(client, **data):
    payload = {
        "full_name": "Budi Santoso",
        "email": "budi@example.test",
        "phone": "",
        "password": PASSWORD,
    }
    payload.update(data)
    return client.post(reverse("accounts:register"), payload)


def test_register_confirm_and_land_signed_in(client):
    response = register(client)
    assert response.status_code == 302 and response.url == reverse("accounts:confirm")
    user = User.objects.get(email="budi@example.test")
    assert not user.is_active  # nothing can be filed before the address is proven
    assert len(mail.outbox) == 1 and "budi@example.test" in mail.outbox[0].to
    code = last_code()
    # A wrong code is refused with a message on the field.
    wrong = "000000" if code != "000000" else "111111"
    response = client.post(reverse("accounts:confirm"), {"code": wrong})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    response = client.post(reverse("accounts:confirm"), {"code": code})
    assert response.status_code == 302 and response.url == reverse("portal:my_reports")
    user.refresh_from_db()
    assert user.is_active
    assert client.get(reverse("portal:my_reports")).status_code == 200


def test_register_by_phone_sends_the_code_by_sms(client):
    LoggingSmsGateway.clear()
    register(client, email="", phone="0812-3456-7891")
    user = User.objects.get(phone="+6281234567891")
    assert not user.is_active
    assert LoggingSmsGateway.sent and LoggingSmsGateway.sent[-1].to == "+6281234567891"
    code = re.search(r"\b(\d{6})\b", LoggingSmsGateway.sent[-1].text).group(1)
    flows.account_confirm(user=user, code=code)
    assert User.objects.get(pk=user.pk).is_active


def test_register_keeps_what_was_typed_and_explains_errors(client):
    UserFactory(email="budi@example.test")
    response = register(client, password="123")
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html
    assert 'value="Budi Santoso"' in html  # nothing typed is lost
    assert 'href="#id_email"' in html and 'href="#id_password"' in html


def test_a_code_dies_after_too_many_wrong_tries():
    user = UserFactory(is_active=False)
    code_issue(user=user, purpose=CodePurpose.CONFIRM)
    right = last_code()
    for _ in range(CODE_MAX_ATTEMPTS):
        assert not code_verify(
            user=user, purpose=CodePurpose.CONFIRM, code="999999" if right != "999999" else "888888"
        )
    # Dead: even the right code is refused, and told so (not called "wrong").
    with pytest.raises(CodeTriedTooOften):
        code_verify(user=user, purpose=CodePurpose.CONFIRM, code=right)
    assert OneTimeCode.objects.get(user=user).attempts == CODE_MAX_ATTEMPTS


def test_codes_are_stored_hashed_and_work_once():
    user = UserFactory(is_active=False)
    otp = code_issue(user=user, purpose=CodePurpose.CONFIRM)
    code = last_code()
    assert code not in otp.code_hash
    assert code_verify(user=user, purpose=CodePurpose.CONFIRM, code=code)
    assert not code_verify(user=user, purpose=CodePurpose.CONFIRM, code=code)


def test_too_many_codes_per_hour_are_refused():
    user = UserFactory(is_active=False)
    for _ in range(5):
        code_issue(user=user, purpose=CodePurpose.CONFIRM)
    with pytest.raises(TooManyAttempts):
        code_issue(user=user, purpose=CodePurpose.CONFIRM)
    assert OneTimeCode.objects.filter(user=user, used_at__isnull=True).count() == 1


def test_login_by_email_or_phone_and_lockout(client):
    user = UserFactory(email="ani@example.test", phone="+6281298765432")
    user.set_password(PASSWORD)
    user.save()
    url = reverse("accounts:login")
    response = client.post(url, {"login": "0812-9876-5432", "password": PASSWORD})
    assert response.status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(5):
        response = client.post(url, {"login": "ani@example.test", "password": "salah-sekali"})
        assert response.status_code == 200
    # Locked: even the right password is refused for a while.
    response = client.post(url, {"login": "ani@example.test", "password": PASSWORD})
    assert response.status_code == 200
    assert "15" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unconfirmed_account_is_sent_to_the_code_page(client):
    register(client)
    client.session.flush()
    response = client.post(
        reverse("accounts:login"), {"login": "budi@example.test", "password": PASSWORD}
    )
    assert response.status_code == 302 and response.url == reverse("accounts:confirm")


def test_password_reset_with_a_code(client):
    user = UserFactory(email="citra@example.test")
    response = client.post(reverse("accounts:reset"), {"login": "citra@example.test"})
    assert response.status_code == 302
    code = last_code()
    response = client.post(
        reverse("accounts:reset_confirm"), {"code": code, "password": "teh-manis-hangat-9"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("teh-manis-hangat-9")


def test_reset_request_does_not_tell_who_has_an_account(client):
    response = client.post(reverse("accounts:reset"), {"login": "nobody@example.test"})
    assert response.status_code == 302 and response.url == reverse("accounts:reset_confirm")
    assert mail.outbox == []


def test_delete_account_keeps_reports_without_identity(client):
    user = UserFactory(
        email="dedi@example.test", full_name="Dedi Kurniawan", phone="+6281311112222"
    )
    user.set_password(PASSWORD)
    user.save()
    report = make_report(reporter=user)
    client.force_login(user)
    with pytest.raises(ValidationFailed):
        flows.account_delete(user=user, password="salah")
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active and user.full_name == "" and user.phone is None
    assert "dedi" not in (user.email or "")
    report.refresh_from_db()
    assert report.reporter_id == user.pk
    assert (
        client.post(
            reverse("accounts:login"), {"login": "dedi@example.test", "password": PASSWORD}
        ).status_code
        == 200
    )


def test_profile_update(client):
    user = UserFactory(full_name="Eka")
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"full_name": "Eka Putri", "nik": ""})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Eka Putri"
