"""The Integrations pages in a browser: axe-clean at 360 and 1280 px, and the whole
flow (create → the key shown once → copy → revoke) with and without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from lapor.accounts.principals import SYSTEM
from lapor.integrations import services
from lapor.integrations.models import ApiKey
from lapor.testing.browser import axe_violations
from lapor.testing.otp import force_login_verified

from .conftest import KeyCast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = ({"width": 360, "height": 740}, {"width": 1280, "height": 800})


def _sign_in(page: Any, base: str, user: Any) -> None:
    client = force_login_verified(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])


def _axe(page: Any, label: str, problems: list[str]) -> None:
    for size in WIDTHS:
        page.set_viewport_size(size)
        for v in axe_violations(page):
            problems.append(f"{label} at {size['width']}px: {v}")


def test_integrations_pages_are_axe_clean_and_work(
    cast: KeyCast, live_server: Any, page: Any
) -> None:
    base = live_server.url
    used, raw_used = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="SIPD")
    services.apikey_authenticate(raw_used, ip="203.0.113.9")
    gone, _raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="Lama")
    services.apikey_revoke(actor=SYSTEM, key_id=gone.pk)
    _sign_in(page, base, cast.developer)
    problems: list[str] = []

    page.goto(base + reverse("console:integrations"))
    assert page.locator("h1").inner_text()
    _axe(page, "list", problems)

    page.locator(f'a[href="{reverse("console:apikey_new", args=[cast.agency.pk])}"]').click()
    # The form in its error state (the browser's own checks are off: novalidate).
    page.locator("form[novalidate] button[type=submit]").click()
    assert page.locator(".error-summary").count() == 1
    _axe(page, "new key, errors", problems)

    page.fill("#id_name", "Aplikasi kota")
    page.locator("form[novalidate] button[type=submit]").click()
    box = page.locator("#new-key")
    raw = box.input_value()
    assert raw.startswith("lapor_")
    # copy.js (deferred) shows the copy button.
    page.locator("[data-copy]").wait_for(state="visible")
    _axe(page, "key created", problems)
    assert services.apikey_authenticate(raw, ip=None) is not None

    page.goto(base + reverse("console:apikey_revoke", args=[used.pk]))
    _axe(page, "revoke", problems)
    page.locator("form button.btn-danger").click()
    page.wait_for_url(base + reverse("console:integrations"))
    assert page.locator(".messages").inner_text()
    assert ApiKey.objects.get(pk=used.pk).revoked_at is not None
    assert raw[15:] not in page.content()
    _axe(page, "list after revoke", problems)
    assert not problems, "\n".join(problems)


def test_without_javascript(cast: KeyCast, live_server: Any, page_nojs: Any) -> None:
    base = live_server.url
    _sign_in(page_nojs, base, cast.admin)
    page_nojs.goto(base + reverse("console:apikey_new", args=[cast.agency.pk]))
    page_nojs.fill("#id_name", "Tanpa JS")
    page_nojs.locator("form[novalidate] button[type=submit]").click()
    raw = page_nojs.locator("#new-key").input_value()
    assert services.apikey_authenticate(raw, ip=None) is not None
    # The copy button needs JavaScript, so it stays hidden; the box is there to copy.
    assert not page_nojs.locator("[data-copy]").is_visible()
    key = ApiKey.objects.get(name="Tanpa JS")
    page_nojs.goto(base + reverse("console:apikey_revoke", args=[key.pk]))
    page_nojs.locator("form button.btn-danger").click()
    page_nojs.wait_for_url(base + reverse("console:integrations"))
    assert ApiKey.objects.get(pk=key.pk).revoked_at is not None
