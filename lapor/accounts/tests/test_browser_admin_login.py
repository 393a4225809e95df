"""The admin's one-step sign-in in a real browser, at 360 px and 1280 px (issue 9)."""

from __future__ import annotations

import os

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapor.testing.browser import axe_violations
from lapor.testing.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-123"  # UserFactory's
KEY = "3132333435363738393031323334353637383930"


def _shot(page, name: str) -> None:
    """Screenshots for a person to look at: ``SCREENSHOT_DIR=/tmp/shots pytest …``."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [360, 1280])
def test_admin_sign_in_in_one_submit(page, live_server, width):
    user = UserFactory(email="admin@example.test", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=user, name="Ponsel", key=KEY, confirmed=True)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert axe_violations(page) == []
    _shot(page, f"admin-login-{width}")

    # A wrong code: the error summary and the field's message, nothing signed in.
    page.get_by_label("Alamat email atau nomor HP").fill("admin@example.test")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_otp_token").fill(
        "000000" if f"{totp(device.bin_key):06d}" != "000000" else "1"
    )
    page.locator("#login-form [type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_otp_token").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []
    _shot(page, f"admin-login-error-{width}")

    assert page.locator("#id_otp_token").input_value() == ""  # a code is not shown back

    # All three at once, one submit: the admin opens. (After one wrong code django-otp
    # wants a second's pause; a person takes longer than that to type the next one.)
    page.wait_for_timeout(1100)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_otp_token").fill(f"{totp(device.bin_key):06d}")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.locator("#content-main").is_visible()
