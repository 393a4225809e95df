"""The console's webhook pages over HTTP: who reaches them, add (secret shown once),
turn off and on, new secret, delete, send a test event, send again, and another
agency's rows answering 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from lapor.accounts.choices import Role
from lapor.core.models import OutboxMessage
from lapor.core.outbox import outbox_drain
from lapor.testing.factories import make_member
from lapor.webhooks.choices import DeliveryStatus
from lapor.webhooks.models import WebhookDelivery, WebhookEndpoint
from lapor.webhooks.signing import webhook_verify
from lapor.webhooks.tests.conftest import Receiver, receiver  # noqa: F401 (a fixture)

from .conftest import Cast, unverified_client, verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _webhook_settings(settings: Any) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    settings.OUTBOX_KICK_ON_COMMIT = False


def add(client: Any, cast: Cast, url: str, **extra: Any) -> Any:
    return client.post(
        reverse("console:webhook_new", args=[cast.regency.pk]), {"url": url, **extra}
    )


def hook_of(cast: Cast, url: str = "https://app.example.go.id/lapor") -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(
        agency=cast.regency, url=url, secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    )


def test_the_agency_admin_and_developer_reach_the_page_others_do_not(cast: Cast) -> None:
    developer = make_member(Role.DEVELOPER, cast.regency, full_name="Dewi Developer")
    mine = hook_of(cast)
    theirs = WebhookEndpoint.objects.create(
        agency=cast.other, url="https://lain.example.go.id/hook", secret="whsec_AAAA"
    )
    url = reverse("console:webhooks")
    for user in (cast.regency_admin, developer):
        page = verified_client(user).get(url)
        assert page.status_code == 200
        assert mine.url in page.content.decode()
        assert theirs.url not in page.content.decode()
    # A unit admin manages no webhooks; the Integrasi page links here.
    assert verified_client(cast.dinas_admin).get(url).status_code == 404
    integrations = verified_client(cast.regency_admin).get(reverse("console:integrations"))
    assert url in integrations.content.decode()
    # Without the second factor: sent to the code step.
    response = unverified_client(cast.regency_admin).get(url)
    assert response.status_code == 302 and reverse("console:otp") in response["Location"]


def test_adding_a_webhook_shows_its_secret_once(cast: Cast) -> None:
    client = verified_client(cast.regency_admin)
    form = client.get(reverse("console:webhook_new", args=[cast.regency.pk]))
    assert form.status_code == 200 and 'name="events"' in form.content.decode()
    response = add(
        client,
        cast,
        "https://app.example.go.id/lapor",
        description="Aplikasi pengaduan kabupaten",
        events=["report.disposed", "report.resolved"],
    )
    assert response.status_code == 200
    saved = WebhookEndpoint.objects.get()
    assert saved.agency == cast.regency and saved.created_by == cast.regency_admin
    assert saved.events == ["report.disposed", "report.resolved"]
    assert saved.description == "Aplikasi pengaduan kabupaten" and saved.is_active
    assert saved.secret.startswith("whsec_") and saved.secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    # Never again.
    assert saved.secret not in client.get(reverse("console:webhooks")).content.decode()


def test_a_wrong_address_comes_back_with_its_error_and_saves_nothing(
    cast: Cast, settings: Any
) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    client = verified_client(cast.regency_admin)
    for url in ("http://app.example.go.id/lapor", "https://10.0.0.5/hook", ""):
        response = add(client, cast, url)
        assert response.status_code == 200
        assert "error-summary" in response.content.decode()
    response = add(client, cast, "https://app.example.go.id/", events=["report.nonsense"])
    assert "error-summary" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_turn_off_and_on_new_secret_and_delete(cast: Cast) -> None:
    client = verified_client(cast.regency_admin)
    hook = hook_of(cast)
    client.post(reverse("console:webhook_active", args=[hook.pk]))
    hook.refresh_from_db()
    assert not hook.is_active
    client.post(reverse("console:webhook_active", args=[hook.pk]), {"active": "1"})
    hook.refresh_from_db()
    assert hook.is_active

    old = hook.secret
    ask = client.get(reverse("console:webhook_rotate", args=[hook.pk]))
    assert ask.status_code == 200
    hook.refresh_from_db()
    assert hook.secret == old  # asking changes nothing
    done = client.post(reverse("console:webhook_rotate", args=[hook.pk]))
    hook.refresh_from_db()
    assert hook.secret != old and hook.secret in done.content.decode()

    assert client.get(reverse("console:webhook_delete", args=[hook.pk])).status_code == 200
    assert WebhookEndpoint.objects.filter(pk=hook.pk).exists()
    gone = client.post(reverse("console:webhook_delete", args=[hook.pk]))
    assert gone.status_code == 302
    assert not WebhookEndpoint.objects.filter(pk=hook.pk).exists()


def test_another_agencys_webhooks_are_404(cast: Cast) -> None:
    hook = hook_of(cast)
    delivery = WebhookDelivery.objects.create(
        endpoint=hook, event_type="ping", webhook_id="msg_x", payload={"type": "ping"}
    )
    stranger = verified_client(cast.other_admin)
    for name in ("webhook_active", "webhook_rotate", "webhook_delete", "webhook_test"):
        assert stranger.post(reverse(f"console:{name}", args=[hook.pk])).status_code == 404
    for name in ("webhook_rotate", "webhook_delete"):
        assert stranger.get(reverse(f"console:{name}", args=[hook.pk])).status_code == 404
    assert (
        stranger.post(reverse("console:webhook_send_again", args=[delivery.pk])).status_code == 404
    )
    assert stranger.get(reverse("console:webhook_new", args=[cast.regency.pk])).status_code == 404
    response = stranger.post(
        reverse("console:webhook_new", args=[cast.regency.pk]), {"url": "https://x.example/"}
    )
    assert response.status_code == 404
    hook.refresh_from_db()
    assert hook.is_active and hook.secret == "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    assert not OutboxMessage.objects.exists()


def test_send_a_test_event_and_send_again_over_http(
    cast: Cast,
    receiver: Receiver,  # noqa: F811
) -> None:
    client = verified_client(cast.regency_admin)
    add(client, cast, receiver.url("/hook"))
    hook = WebhookEndpoint.objects.get()
    response = client.post(reverse("console:webhook_test", args=[hook.pk]))
    assert response.status_code == 302
    outbox_drain()
    [got] = receiver.on("/hook")
    webhook_verify(secret=hook.secret, headers=got.headers, body=got.body)
    assert got.json()["type"] == "ping"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DELIVERED

    page = client.get(reverse("console:webhooks")).content.decode()
    assert delivery.webhook_id in page
    assert reverse("console:webhook_send_again", args=[delivery.pk]) in page

    again = client.post(reverse("console:webhook_send_again", args=[delivery.pk]))
    assert again.status_code == 302
    outbox_drain()
    tries = receiver.on("/hook")
    assert len(tries) == 2 and tries[1].headers["webhook-id"] == delivery.webhook_id
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 2)

    # A turned-off webhook takes no test event.
    client.post(reverse("console:webhook_active", args=[hook.pk]))
    client.post(reverse("console:webhook_test", args=[hook.pk]))
    assert WebhookDelivery.objects.count() == 1
