"""Signing in to the console: password, second factor, recovery codes, timeout, audit."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapor.accounts.choices import Role
from lapor.accounts.models import RoleMembership
from lapor.console.access import SEEN_KEY
from lapor.console.choices import LoginEventKind
from lapor.console.models import LoginEvent
from lapor.reports.choices import Status
from lapor.testing.factories import make_member

from .conftest import give_totp, submit, unverified_client, verified_client

pytestmark = pytest.mark.django_db

LOGIN = reverse("console:login")
OTP = reverse("console:otp")
SECURITY = reverse("console:security")
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


# --- bad input: the form's errors, in the console's language, and nothing changed ----------


def shows_error(response: Any, message: str, field_id: str) -> str:
    """The page shows ``message`` in its summary, linked to the field it is about."""
    page: str = response.content.decode()
    assert message in page, page
    assert f'<a href="#{field_id}">{message}</a>' in page
    return page


def test_sign_in_with_an_empty_field_is_refused_before_any_check(client: Client, cast: Any) -> None:
    response = client.post(
        LOGIN, {"login": cast.national.email, "password": ""}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 401
    page = shows_error(response, "Masukkan kata sandi Anda.", "id_password")
    # Beside the field, which points to it.
    assert 'id="id_password_error"' in page
    assert 'aria-describedby="id_password_error"' in page
    assert f'value="{cast.national.email}"' in page
    assert "_auth_user_id" not in client.session
    assert not LoginEvent.objects.exists()
    empty = client.post(LOGIN, {})
    shows_error(empty, "Masukkan alamat email atau nomor HP Anda.", "id_login")
    assert "_auth_user_id" not in client.session
    assert not LoginEvent.objects.exists()


def test_a_wrong_password_and_an_unknown_login_read_the_same(client: Client, cast: Any) -> None:
    wrong = client.post(LOGIN, {"login": cast.national.email, "password": "salah"})
    unknown = client.post(LOGIN, {"login": "tidak.ada@example.test", "password": "salah"})
    for response in (wrong, unknown):
        assert response.status_code == 401
        shows_error(response, "Nama pengguna atau kata sandi salah.", "id_login")
    assert "_auth_user_id" not in client.session
    assert kinds() == [LoginEventKind.PASSWORD_FAILED, LoginEventKind.PASSWORD_FAILED]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Masukkan kode dari aplikasi autentikator Anda."),
        ("12345", "Kode dari aplikasi terdiri dari 6 angka."),
        (
            "kode-salah!",
            "Ketik 6 angka dari aplikasi, atau kode pemulihan yang berisi 10 huruf dan angka.",
        ),
    ],
)
def test_a_code_of_the_wrong_shape_is_refused_without_a_try(
    client: Client, cast: Any, typed: str, message: str
) -> None:
    device = give_totp(cast.national)
    password_step(client, cast.national)
    response = client.post(OTP, {"token": typed, "next": DESK})
    assert response.status_code == 401
    page = shows_error(response, message, "id_token")
    assert 'aria-describedby="id_token_error id_token_helptext"' in page
    # A code is never shown back (a recovery code is a secret).
    assert 'name="token" value=' not in page
    # No device was tried: no failure counted, none audited, the console still shut.
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    assert kinds(cast.national) == [LoginEventKind.PASSWORD_OK]
    assert client.get(DESK)["Location"].startswith(OTP)
    good = client.post(OTP, {"token": code_for(device), "next": DESK})
    assert good["Location"] == DESK


def test_a_wrong_code_is_shown_beside_the_field(client: Client, cast: Any) -> None:
    give_totp(cast.national)
    password_step(client, cast.national)
    response = client.post(OTP, {"token": "123456"})
    assert response.status_code == 401
    page = shows_error(response, "Kode itu salah. Tunggu kode baru, lalu coba lagi.", "id_token")
    assert 'aria-invalid="true"' in page
    assert kinds(cast.national)[-1] == LoginEventKind.OTP_FAILED


def test_a_recovery_code_may_be_typed_in_capitals_with_spaces(cast: Any) -> None:
    code = verified_client(cast.national).post(SECURITY, {"op": "recovery"}).context["codes"][0]
    client = Client()
    password_step(client, cast.national)
    typed = f"{code[:5].upper()} {code[5:]}"
    assert client.post(OTP, {"token": typed, "next": DESK})["Location"] == DESK
    assert kinds(cast.national)[-1] == LoginEventKind.RECOVERY_USED


def test_setting_up_with_a_bad_code_confirms_nothing(client: Client, cast: Any) -> None:
    password_step(client, cast.national)
    client.get(SECURITY)
    response = client.post(SECURITY, {"token": "12 ab"})
    assert response.status_code == 401
    shows_error(response, "Kode dari aplikasi terdiri dari 6 angka.", "id_token")
    # The page still shows the picture to scan.
    assert b"<svg" in response.content
    # A code of the right shape that the app did not show: the service's error.
    wrong = client.post(SECURITY, {"token": "000000"})
    assert wrong.status_code == 401
    shows_error(wrong, "Kode itu salah. Coba kode yang terbaru.", "id_token")
    assert not TOTPDevice.objects.filter(user=cast.national, confirmed=True).exists()
    assert not StaticToken.objects.filter(device__user=cast.national).exists()
    assert kinds(cast.national) == [LoginEventKind.PASSWORD_OK]
    assert client.get(DESK)["Location"].startswith(OTP)


def test_new_recovery_codes_only_from_the_button(cast: Any) -> None:
    client = verified_client(cast.national)
    codes = client.post(SECURITY, {"op": "recovery"}).context["codes"]
    for data in ({"op": "hapus"}, {}):
        response = client.post(SECURITY, data)
        assert response.status_code == 400
        shows_error(response, "Tekan tombol untuk membuat kode pemulihan baru.", "recovery-new")
        assert not response.context["codes"]
    kept = StaticToken.objects.filter(device__user=cast.national).values_list("token", flat=True)
    assert sorted(kept) == sorted(codes)


def invitation_url(user: Any, token: str | None = None) -> str:
    return reverse(
        "console:invitation",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            token or default_token_generator.make_token(user),
        ],
    )


@pytest.fixture
def invitee(cast: Any) -> Any:
    """An official invited by e-mail: a role, and no password yet."""
    user = make_member(Role.ADMIN_UNIT, cast.dinas, full_name="Wawan Undangan")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


@pytest.mark.parametrize(
    ("data", "message", "field_id"),
    [
        (
            {"password": "Kuat-sekali-2026", "password2": "Kuat-sekali-2027"},
            "Kedua kata sandi tidak sama.",
            "id_password2",
        ),
        (
            {"password": "12345678", "password2": "12345678"},
            "Kata sandi ini terlalu umum.",
            "id_password",
        ),
        ({"password": "", "password2": ""}, "Masukkan kata sandi baru.", "id_password"),
        ({"password": "Kuat-sekali-2026"}, "Ketik lagi kata sandi baru.", "id_password2"),
    ],
)
def test_invitation_with_bad_passwords_sets_nothing(
    invitee: Any, data: dict[str, str], message: str, field_id: str
) -> None:
    client = Client()
    url = invitation_url(invitee)
    response = client.post(url, data)
    assert response.status_code == 200
    page = shows_error(response, message, field_id)
    # With its token, the link greets the invitee (the control for the test below).
    assert "Wawan Undangan" in page
    invitee.refresh_from_db()
    assert not invitee.has_usable_password()
    assert not LoginEvent.objects.filter(user=invitee).exists()
    # The link still works, once.
    done = client.post(url, {"password": "Kuat-sekali-2026", "password2": "Kuat-sekali-2026"})
    assert done["Location"] == LOGIN
    invitee.refresh_from_db()
    assert invitee.check_password("Kuat-sekali-2026")
    assert kinds(invitee) == [LoginEventKind.INVITATION_ACCEPTED]
    assert RoleMembership.objects.get(user=invitee).is_active


def test_an_invitation_link_names_nobody_without_its_token(cast: Any, invitee: Any) -> None:
    """User ids are easy to guess: a link with a made-up token is the page of a link that
    no longer works, the same whether the account exists, and names nobody."""
    pages = []
    for url in (
        invitation_url(cast.reporter, token="dis3oc-bukantoken"),
        invitation_url(invitee, token="dis3oc-bukantoken"),
        reverse("console:invitation", args=[urlsafe_base64_encode(b"999999"), "x"]),
        reverse("console:invitation", args=[urlsafe_base64_encode(b"9" * 30), "x"]),
        reverse("console:invitation", args=["bukan-id", "x"]),
    ):
        client = Client()
        page = client.get(url)
        assert page.status_code == 404
        content = page.content.decode()
        for user in (cast.reporter, invitee):
            assert user.full_name not in content
            assert user.email not in content
        assert "Tautan undangan ini sudah tidak berlaku" in content
        # The page itself (the header's language form carries the path and a token).
        pages.append(re.search(r'<section class="narrow">.*?</section>', content, re.S)[0])
        posted = client.post(url, {"password": "Kuat-sekali-2026", "password2": "Kuat-sekali-2026"})
        assert posted.status_code == 404
    assert len(set(pages)) == 1
    cast.reporter.refresh_from_db()
    invitee.refresh_from_db()
    assert cast.reporter.check_password("rahasia-123")
    assert not invitee.has_usable_password()
    assert not LoginEvent.objects.exists()


# --- lockout: the portal's throttle (``accounts.otp``) guards the password step too ----

LOCKED = "Terlalu banyak percobaan. Tunggu 15 menit, lalu coba lagi."
WRONG = "Nama pengguna atau kata sandi salah."


def locked_page(response: Any, login: str) -> str:
    """The sign-in form of a refused reply, without what differs by request (the CSRF
    token) or repeats what was typed (the login)."""
    section = re.search(r'<section class="narrow">.*?</section>', response.content.decode(), re.S)
    assert section is not None
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", section[0])
    return page.replace(login, "LOGIN")


def test_five_wrong_passwords_lock_the_login(client: Client, cast: Any) -> None:
    for _ in range(5):
        response = client.post(LOGIN, {"login": cast.national.email, "password": "salah"})
        assert response.status_code == 401
        shows_error(response, WRONG, "id_login")
    # The sixth try is refused even with the right password, and signs nobody in.
    locked = password_step(client, cast.national)
    assert locked.status_code == 429
    shows_error(locked, LOCKED, "id_login")
    assert WRONG not in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(DESK)["Location"].startswith(LOGIN)
    # Another browser from another address: the login itself is locked.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert password_step(other, cast.national).status_code == 429
    assert "_auth_user_id" not in other.session
    assert kinds() == [LoginEventKind.PASSWORD_FAILED] * 5 + [LoginEventKind.LOCKED_OUT] * 2
    # The audit names the login typed, never the account (nothing was looked up).
    refused = LoginEvent.objects.filter(kind=LoginEventKind.LOCKED_OUT)
    assert set(refused.values_list("login", "user")) == {(cast.national.email, None)}
    # Other officials are not locked out.
    assert password_step(client, cast.regency_admin).status_code == 302


def test_the_lock_reads_the_same_whether_or_not_the_account_exists(
    client: Client, cast: Any
) -> None:
    unknown = "tidak.ada@example.test"
    pages = {}
    for login in (cast.national.email, unknown):
        for _ in range(5):
            client.post(LOGIN, {"login": login, "password": "salah"})
        response = client.post(LOGIN, {"login": login, "password": "rahasia-123"})
        assert response.status_code == 429
        shows_error(response, LOCKED, "id_login")
        pages[login] = locked_page(response, login)
    assert pages[cast.national.email] == pages[unknown]
    assert "_auth_user_id" not in client.session
    assert list(
        LoginEvent.objects.filter(kind=LoginEventKind.LOCKED_OUT)
        .order_by("id")
        .values_list("login", "user")
    ) == [(cast.national.email, None), (unknown, None)]


def test_one_address_gets_thirty_failures_an_hour(cast: Any) -> None:
    client = Client(REMOTE_ADDR="10.0.0.7")
    # Thirty different logins, each well under its own limit.
    for n in range(30):
        response = client.post(LOGIN, {"login": f"tebak{n}@example.test", "password": "salah"})
        assert response.status_code == 401
    locked = password_step(client, cast.national)
    assert locked.status_code == 429
    shows_error(locked, LOCKED, "id_login")
    assert "_auth_user_id" not in client.session
    assert kinds()[-1] == LoginEventKind.LOCKED_OUT
    # The address is locked, not the official: from elsewhere they still sign in.
    elsewhere = Client(REMOTE_ADDR="10.0.0.8")
    assert password_step(elsewhere, cast.national).status_code == 302
    assert kinds(cast.national) == [LoginEventKind.PASSWORD_OK]


def test_the_right_password_before_the_limit_still_works(client: Client, cast: Any) -> None:
    for _ in range(4):
        client.post(LOGIN, {"login": cast.national.email, "password": "salah"})
    response = password_step(client, cast.national)
    assert response.status_code == 302
    assert response["Location"].startswith(SECURITY)
    assert client.session["_auth_user_id"] == str(cast.national.pk)
    # The owner got in: the earlier failures of the login are forgiven.
    other = Client()
    for _ in range(4):
        other.post(LOGIN, {"login": cast.national.email, "password": "salah"})
    assert password_step(other, cast.national).status_code == 302
    assert kinds() == (
        [LoginEventKind.PASSWORD_FAILED] * 4
        + [LoginEventKind.PASSWORD_OK]
        + [LoginEventKind.PASSWORD_FAILED] * 4
        + [LoginEventKind.PASSWORD_OK]
    )


def test_a_login_locked_on_the_portal_is_locked_on_the_console(client: Client, cast: Any) -> None:
    """One throttle for both sign-in pages: guesses cannot be split between them."""
    for _ in range(5):
        client.post(reverse("accounts:login"), {"login": cast.national.email, "password": "x"})
    response = password_step(client, cast.national)
    assert response.status_code == 429
    shows_error(response, LOCKED, "id_login")
    assert "_auth_user_id" not in client.session
