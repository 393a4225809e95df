"""Second factors are write-only, and officials sign in only where one is asked.

Finding 9: the Django admin showed every official's TOTP key (and its QR page) and
recovery codes in clear, to a superuser who holds no role. Device rows in the admin now
show only whose device it is, its name, whether it is confirmed and when it was last
used; deleting one is the reset (the official enrols again in the console).

And an official who signs in on the citizens' page (``/akun/masuk/``) with a password
is handed to the console's second-factor step instead of being signed in as usual.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapor.accounts.choices import Role
from lapor.testing.factories import UserFactory, make_agency, make_member
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.django_db

KEY = "3132333435363738393031323334353637383930"
RECOVERY = "pulih-rhs-123"  # StaticToken.token holds 16 characters
PASSWORD = "rahasia-123"  # UserFactory's


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def official():
    user = make_member(Role.ADMIN_INSTANSI, make_agency("Dinas Contoh"), full_name="Andi")
    totp = TOTPDevice.objects.create(user=user, name="Ponsel Andi", key=KEY, confirmed=True)
    static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    StaticToken.objects.create(device=static, token=RECOVERY)
    return user, totp, static


@pytest.fixture
def root(client):
    force_login_verified(client, UserFactory(is_staff=True, is_superuser=True))
    client.cookies["django_language"] = "en"
    return client


def _pages(client, totp, static):
    urls = [
        "/admin/",
        "/admin/otp_totp/totpdevice/",
        f"/admin/otp_totp/totpdevice/{totp.pk}/change/",
        "/admin/otp_static/staticdevice/",
        f"/admin/otp_static/staticdevice/{static.pk}/change/",
    ]
    return {url: client.get(url) for url in urls}


def test_the_admin_never_shows_a_totp_key_or_a_recovery_code(root, official):
    _user, totp, static = official
    for url, response in _pages(root, totp, static).items():
        assert response.status_code == 200, url
        html = response.content.decode()
        assert KEY not in html and KEY.upper() not in html, url
        assert RECOVERY not in html, url
        assert "qrcode" not in html.lower(), url
        # The device is listed by name, confirmation and last use, never its settings.
        assert 'name="key"' not in html and 'name="token"' not in html, url


def test_the_qr_code_pages_are_gone(root, official):
    _user, totp, _static = official
    for suffix in ("config", "qrcode"):
        response = root.get(f"/admin/otp_totp/totpdevice/{totp.pk}/{suffix}/")
        assert response.status_code in (302, 404), suffix
        assert KEY not in response.content.decode()
        assert not response.get("Content-Type", "").startswith("image/"), suffix


def test_devices_cannot_be_added_or_edited_in_the_admin(root, official):
    user, totp, _static = official
    assert root.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    assert root.get("/admin/otp_static/staticdevice/add/").status_code == 403
    root.post(
        f"/admin/otp_totp/totpdevice/{totp.pk}/change/",
        {"user": user.pk, "name": "x", "key": "00" * 20, "confirmed": "on"},
    )
    totp.refresh_from_db()
    assert totp.key == KEY


def test_deleting_a_device_is_the_reset(root, official):
    _user, totp, static = official
    for model, device in (("otp_totp/totpdevice", totp), ("otp_static/staticdevice", static)):
        page = root.get(f"/admin/{model}/{device.pk}/delete/")
        assert page.status_code == 200
        assert KEY not in page.content.decode() and RECOVERY not in page.content.decode()
        response = root.post(f"/admin/{model}/{device.pk}/delete/", {"post": "yes"})
        assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=totp.pk).exists()
    assert not StaticDevice.objects.filter(pk=static.pk).exists()


# --- signing in on the citizens' page ---------------------------------------------------


def test_an_official_signing_in_on_the_citizens_page_goes_to_the_second_factor(client, official):
    user, _totp, _static = official
    response = client.post(reverse("accounts:login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("console:otp"))
    # Until the code is given, the session carries no verified second factor, and the
    # console still asks for it.
    console = client.get(reverse("console:home"))
    assert console.status_code == 302
    assert reverse("console:otp") in console["Location"]


def test_an_official_without_an_app_yet_is_sent_to_set_one_up(client):
    user = make_member(Role.PENGAWAS, full_name="Hadi Pengawas")
    response = client.post(reverse("accounts:login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    target = response["Location"]
    assert target.startswith(reverse("console:otp")) or target.startswith(
        reverse("console:security")
    )


def test_a_citizen_signs_in_as_before(client):
    user = UserFactory(full_name="Siti Rahmawati")
    response = client.post(reverse("accounts:login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:my_reports")
