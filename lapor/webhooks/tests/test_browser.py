"""The webhook pages in a browser: axe-clean at 360 and 1280 px, and the flow (add,
the form's error state, the secret shown once, a test event, send again, new secret,
delete) working without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from lapor.core.outbox import outbox_drain
from lapor.testing.browser import axe_violations
from lapor.testing.otp import force_login_verified
from lapor.webhooks.choices import DeliveryStatus
from lapor.webhooks.models import WebhookDelivery, WebhookEndpoint

from .conftest import Receiver, World

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


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_webhook_pages_are_axe_clean_and_work(
    world: World,
    receiver: Receiver,
    live_server: Any,
    browser: Any,
    javascript: bool,
) -> None:
    base = live_server.url
    receiver.statuses["/down"] = 500
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    _sign_in(page, base, world.developer)
    problems: list[str] = []

    def check(label: str) -> None:
        # axe-core runs as JavaScript: checked in the run with it; the other run proves
        # the pages work without it.
        if javascript:
            _axe(page, label, problems)

    page.goto(base + reverse("console:webhooks"))
    check("list, empty")
    page.locator(f'a[href="{reverse("console:webhook_new", args=[world.regency.pk])}"]').click()
    page.locator("form[novalidate] button[type=submit]").click()
    assert page.locator(".error-summary").count() == 1
    check("new webhook, errors")

    page.fill("#id_url", receiver.url("/down"))
    page.fill("#id_description", "Aplikasi kabupaten")
    page.check("input[name=events][value='report.disposed']")
    page.locator("form[novalidate] button[type=submit]").click()
    secret = page.locator("#webhook-secret").input_value()
    hook = WebhookEndpoint.objects.get()
    assert secret == hook.secret and hook.events == ["report.disposed"]
    check("secret")

    page.goto(base + reverse("console:webhooks"))
    page.locator(f'form[action="{reverse("console:webhook_test", args=[hook.pk])}"] button').click()
    page.locator(".messages").wait_for()
    outbox_drain()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    page.goto(base + reverse("console:webhooks"))
    assert delivery.webhook_id in page.content()
    check("list with a failed delivery")

    receiver.statuses["/down"] = 200
    page.locator(
        f'form[action="{reverse("console:webhook_send_again", args=[delivery.pk])}"] button'
    ).click()
    page.locator(".messages").wait_for()
    outbox_drain()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED

    page.goto(base + reverse("console:webhook_rotate", args=[hook.pk]))
    check("new secret, asking")
    page.locator("form button.btn-danger").click()
    new_secret = page.locator("#webhook-secret").input_value()
    hook.refresh_from_db()
    assert new_secret == hook.secret != secret

    page.goto(base + reverse("console:webhook_delete", args=[hook.pk]))
    check("delete, asking")
    page.locator("form button.btn-danger").click()
    page.wait_for_url(base + reverse("console:webhooks"))
    assert not WebhookEndpoint.objects.exists()
    context.close()
    assert not problems, "\n".join(problems)
