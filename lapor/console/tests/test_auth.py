"""Signing in to the console: password, second factor, recovery codes, timeout, audit."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapor.console.access import SEEN_KEY
from lapor.console.choices import LoginEventKind
from lapor.console.models import LoginEvent
from lapor.reports.choices import Status

from .conftest import give_totp, submit, unverified_client, verified_client

pytestmark = pytest.mark.django_db

LOGIN = reverse("console:login")
DESK = reverse("console:desk")


def kinds(user: Any = None) -> list[str]:
    qs = LoginEvent.objects.all() if user is None else LoginEvent.objects.filter(user=user)
    return list(qs.order_by("created_at", "id").values_list("kind", flat=True))


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def password_step(client: Client, user: Any) -> Any:
    return client.post(LOGIN, {"login": user.email, "password": "rahasia-123"})


def test_anonymous_visitor_is_sent_to_sign_in(client: Client, cast: Any) -> None:
    response = client.get(DESK)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_wrong_password_is_refused_and_audited(client: Client, cast: Any) -> None:
    response = client.post(LOGIN, {"login": cast.national.email, "password": "salah"})
    assert response.status_code == 401
    assert "_auth_user_id" not in client.session
    event = LoginEvent.objects.get()
    assert event.kind == LoginEventKind.PASSWORD_FAILED
    assert event.login == cast.national.email
    assert event.ip == "127.0.0.1"


def test_a_reporter_cannot_sign_in_to_the_console(client: Client, cast: Any) -> None:
    response = password_step(client, cast.reporter)
    assert response.status_code == 401
    assert "_auth_user_id" not in client.session
    assert kinds(cast.reporter) == [LoginEventKind.NOT_OFFICIAL]


def test_first_sign_in_sets_up_the_authenticator_with_recovery_codes(
    client: Client, cast: Any
) -> None:
    response = password_step(client, cast.national)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("console:security"))
    # Signed in with a password only: the console stays shut.
    assert client.get(DESK)["Location"].startswith(reverse("console:otp"))

    page = client.get(reverse("console:security"))
    assert page.status_code == 200
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=cast.national, confirmed=False)

    wrong = client.post(reverse("console:security"), {"token": "000000"})
    assert wrong.status_code == 401
    done = client.post(reverse("console:security"), {"token": code_for(device)})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10
    assert codes[0] in done.content.decode()
    assert client.get(DESK).status_code == 200
    assert kinds(cast.national) == [LoginEventKind.PASSWORD_OK, LoginEventKind.ENROLLED]


def test_returning_official_types_the_code(client: Client, cast: Any) -> None:
    device = give_totp(cast.national)
    response = password_step(client, cast.national)
    assert response["Location"].startswith(reverse("console:otp"))
    assert client.get(DESK)["Location"].startswith(reverse("console:otp"))
    bad = client.post(reverse("console:otp"), {"token": "123456"})
    assert bad.status_code == 401
    device.refresh_from_db()
    device.throttle_reset()
    good = client.post(reverse("console:otp"), {"token": code_for(device), "next": DESK})
    assert good.status_code == 302
    assert good["Location"] == DESK
    assert client.get(DESK).status_code == 200
    assert kinds(cast.national) == [
        LoginEventKind.PASSWORD_OK,
        LoginEventKind.OTP_FAILED,
        LoginEventKind.OTP_OK,
    ]


def test_a_password_alone_cannot_set_up_a_second_authenticator(client: Client, cast: Any) -> None:
    give_totp(cast.national)
    password_step(client, cast.national)
    response = client.get(reverse("console:security"))
    assert response["Location"].startswith(reverse("console:otp"))
    assert client.post(reverse("console:security"), {"token": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=cast.national).count() == 1


def test_a_recovery_code_works_once(cast: Any) -> None:
    client = verified_client(cast.national)
    page = client.post(reverse("console:security"), {"op": "recovery"})
    code = page.context["codes"][0]

    first = Client()
    password_step(first, cast.national)
    assert first.post(reverse("console:otp"), {"token": code}).status_code == 302
    assert first.get(DESK).status_code == 200
    assert LoginEventKind.RECOVERY_USED in kinds(cast.national)

    second = Client()
    password_step(second, cast.national)
    assert second.post(reverse("console:otp"), {"token": code}).status_code == 401
    assert second.get(DESK).status_code == 302


def test_without_a_second_factor_an_official_cannot_act(cast: Any) -> None:
    report = submit(cast.reporter)
    client = unverified_client(cast.national)
    url = reverse("console:report_action", args=[report.tracking_id, "dispose"])
    response = client.post(url, {"agency_id": cast.regency.pk, "title": report.title})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("console:otp"))
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    # Nor read: the report page and the lists need the second factor too.
    for page in (
        reverse("console:report", args=[report.tracking_id]),
        DESK,
        reverse("console:inbox"),
        reverse("console:oversight"),
        reverse("console:agency"),
    ):
        assert client.get(page)["Location"].startswith(reverse("console:otp"))


def test_htmx_requests_are_redirected_with_a_header(cast: Any) -> None:
    client = unverified_client(cast.national)
    response = client.get(DESK, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("console:otp"))


def test_an_idle_session_times_out(cast: Any, settings: Any) -> None:
    settings.CONSOLE_IDLE_SECONDS = 60
    client = verified_client(cast.national)
    assert client.get(DESK).status_code == 200
    session = client.session
    session[SEEN_KEY] = int(time.time()) - 3600
    session.save()
    response = client.get(DESK)
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session
    assert kinds(cast.national)[-1] == LoginEventKind.TIMEOUT


def test_sign_out_is_audited(cast: Any) -> None:
    client = verified_client(cast.national)
    response = client.post(reverse("console:logout"))
    assert response["Location"] == LOGIN
    assert kinds(cast.national) == [LoginEventKind.LOGOUT]
    assert client.get(DESK)["Location"].startswith(LOGIN)


def test_a_signed_in_reporter_gets_no_console(cast: Any) -> None:
    client = Client()
    client.force_login(cast.reporter)
    assert client.get(DESK).status_code == 403


def test_demo_totp_command_gives_demo_officials_the_printed_key(cast: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    from lapor.accounts.models import User
    from lapor.console.management.commands.console_demo_totp import (
        DEMO_TOTP_KEY_HEX,
        demo_totp_code,
    )

    demo = User.objects.create_user(email="verifikator@lapor.localhost", password="x")
    from lapor.accounts.services import membership_grant

    membership_grant(user=demo, role="admin_nasional")
    out = StringIO()
    call_command("console_demo_totp", stdout=out)
    device = TOTPDevice.objects.get(user=demo, confirmed=True)
    assert device.key == DEMO_TOTP_KEY_HEX
    assert demo_totp_code() in out.getvalue()
    # Real (non-demo) officials are left alone.
    assert not TOTPDevice.objects.filter(user=cast.national).exists()
