"""Report events to webhooks: fan-out, privacy, signed delivery, retries, timeouts, SSRF."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from lapor.core.models import OutboxMessage, OutboxStatus
from lapor.core.outbox import outbox_drain
from lapor.reports import services as report_services
from lapor.webhooks import services, transport
from lapor.webhooks.choices import DeliveryStatus
from lapor.webhooks.models import WebhookDelivery, WebhookEndpoint
from lapor.webhooks.signing import webhook_verify
from lapor.webhooks.transport import UnsafeURL, url_check

from .conftest import Receiver, World, dispose, official, submit

pytestmark = pytest.mark.django_db


def endpoint(world: World, url: str, *, events: list[str] | None = None) -> WebhookEndpoint:
    made, _secret = services.endpoint_create(
        actor=official(world.regency_admin),
        agency_id=world.regency.pk,
        url=url,
        events=events or [],
    )
    return made


def sent(to: WebhookEndpoint) -> list[WebhookDelivery]:
    return list(WebhookDelivery.objects.filter(endpoint=to).order_by("pk"))


def filed(world: World, **fields: Any) -> Any:
    """A report sent and its ``report.submitted`` fanned out (to nobody: no agency
    holds it yet), so that what follows is only what the test does next."""
    report = submit(world.reporter, **fields)
    outbox_drain()
    return report


def send_rows() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(subscriber="webhooks.send").order_by("pk"))


# --- fan-out ------------------------------------------------------------------------


def test_each_event_goes_to_each_endpoint_that_holds_the_report_and_wants_it(
    world: World, receiver: Receiver
) -> None:
    everything = endpoint(world, receiver.url("/all"))
    answers_only = endpoint(world, receiver.url("/answers"), events=["report.resolved"])
    unit_hook = WebhookEndpoint.objects.create(
        agency=world.dinas, url=receiver.url("/unit"), secret="whsec_AAAA"
    )
    other_hook = WebhookEndpoint.objects.create(
        agency=world.other, url=receiver.url("/other"), secret="whsec_AAAA"
    )
    off = endpoint(world, receiver.url("/off"))
    services.endpoint_set_active(actor=official(world.developer), endpoint_id=off.pk, active=False)

    report = submit(world.reporter)
    outbox_drain()
    # Submitted without a chosen agency: no agency holds it yet, nobody hears of it.
    assert not WebhookDelivery.objects.exists()
    disposed = dispose(world, report, world.regency)
    outbox_drain()
    to_unit = report_services.report_dispose_to_unit(
        report_id=report.pk, actor=official(world.regency_admin), unit_id=world.dinas.pk
    )
    outbox_drain()

    # Disposed to the regency: its endpoint that wants everything; passed to the unit:
    # that one and the unit's.
    assert [d.event_type for d in sent(everything)] == [
        "report.disposed",
        "report.disposed_to_unit",
    ]
    assert [d.event_id for d in sent(everything)] == [disposed.pk, to_unit.pk]
    assert [d.event_type for d in sent(unit_hook)] == ["report.disposed_to_unit"]
    assert sent(answers_only) == [] and sent(other_hook) == [] and sent(off) == []
    # One send per endpoint and event, each its own outbox row, keyed endpoint:event.
    assert {m.idempotency_key for m in send_rows()} == {
        f"{everything.pk}:{disposed.pk}",
        f"{everything.pk}:{to_unit.pk}",
        f"{unit_hook.pk}:{to_unit.pk}",
    }
    assert sorted(r.path for r in receiver.received) == ["/all", "/all", "/unit"]
    assert all(d.status == DeliveryStatus.DELIVERED for d in WebhookDelivery.objects.all())


def test_fanning_out_twice_sends_once(world: World, receiver: Receiver) -> None:
    hook = endpoint(world, receiver.url("/all"))
    event = dispose(world, filed(world), world.regency)
    first = services.webhooks_fan_out_event(event_id=event.pk)
    second = services.webhooks_fan_out_event(event_id=event.pk)
    assert [d.pk for d in first] == [d.pk for d in second]
    assert len(sent(hook)) == 1
    assert len(send_rows()) == 1


# --- privacy ------------------------------------------------------------------------


def test_an_anonymous_reporter_is_in_no_payload_and_a_named_one_reaches_the_agency(
    world: World, receiver: Receiver
) -> None:
    endpoint(world, receiver.url("/all"))
    anonymous = submit(world.reporter, is_anonymous=True)
    dispose(world, anonymous, world.regency)
    named = submit(world.reporter, title="Lampu jalan mati di gang mawar")
    dispose(world, named, world.regency)
    outbox_drain()

    def of(report: Any) -> list[Any]:
        return [
            r
            for r in receiver.received
            if r.json()["data"]["report"]["tracking_id"] == report.tracking_id
        ]

    assert len(of(anonymous)) == 2
    for hidden in of(anonymous):
        assert hidden.json()["data"]["report"]["reporter"] is None
        assert hidden.json()["data"]["report"]["is_anonymous"] is True
        assert b"Rahasiawati" not in hidden.body and b"siti@example.org" not in hidden.body
    # What was saved for the log holds no more than what was sent.
    stored = [
        d.payload
        for d in WebhookDelivery.objects.all()
        if d.payload["data"]["report"]["tracking_id"] == anonymous.tracking_id
    ]
    assert len(stored) == 2  # submitted (heard once disposed) and disposed
    assert all("Rahasiawati" not in json.dumps(p) for p in stored)
    assert all(p["data"]["event"]["actor"] != "Siti Rahasiawati" for p in stored)
    # Positive control: the agency's officials read a named reporter, and so does its app.
    shown = of(named)[0].json()["data"]["report"]["reporter"]
    assert shown == {
        "name": "Siti Rahasiawati",
        "email": "siti@example.org",
        "phone": shown["phone"],
    }


def test_a_confidential_reports_events_go_only_to_the_agencies_that_handle_it(
    world: World, receiver: Receiver
) -> None:
    ours = endpoint(world, receiver.url("/ours"))
    theirs = WebhookEndpoint.objects.create(
        agency=world.other, url=receiver.url("/theirs"), secret="whsec_AAAA"
    )
    report = filed(world, is_confidential=True, title="Pungutan liar di kantor desa")
    dispose(world, report, world.regency)
    outbox_drain()
    assert [d.event_type for d in sent(ours)] == ["report.disposed"]
    assert sent(theirs) == []
    assert [r.path for r in receiver.received] == ["/ours"]
    assert receiver.received[0].json()["data"]["report"]["title"] == "Pungutan liar di kantor desa"


def test_internal_notes_reach_the_handling_agency_only(world: World, receiver: Receiver) -> None:
    ours = endpoint(world, receiver.url("/ours"))
    report = submit(world.reporter)
    dispose(world, report, world.regency)
    report_services.report_dispose_to_unit(
        report_id=report.pk, actor=official(world.regency_admin), unit_id=world.dinas.pk
    )
    note = report_services.report_note_add(
        report_id=report.pk, actor=official(world.regency_admin), note="Catatan internal rahasia"
    )
    theirs = WebhookEndpoint.objects.create(
        agency=world.other, url=receiver.url("/theirs"), secret="whsec_AAAA"
    )
    outbox_drain()
    noted = [d for d in sent(ours) if d.event_id == note.pk]
    assert noted and noted[0].payload["data"]["event"]["note"] == "Catatan internal rahasia"
    assert sent(theirs) == []


# --- signed delivery ------------------------------------------------------------------


def test_deliveries_arrive_signed_and_verify_with_the_endpoints_secret(
    world: World, receiver: Receiver
) -> None:
    _hook, secret = services.endpoint_create(
        actor=official(world.developer),
        agency_id=world.regency.pk,
        url=receiver.url("/hook"),
        events=["report.disposed"],
        description="Aplikasi pengaduan kabupaten",
    )
    assert secret.startswith("whsec_") and WebhookEndpoint.objects.get().secret == secret
    report = submit(world.reporter)
    event = dispose(world, report, world.regency)
    outbox_drain()

    [got] = receiver.on("/hook")
    webhook_verify(secret=secret, headers=got.headers, body=got.body)
    assert got.headers["Content-Type"] == "application/json"
    body = got.json()
    assert body["type"] == "report.disposed"
    assert body["data"]["event"]["id"] == event.pk
    assert body["data"]["report"]["tracking_id"] == report.tracking_id
    delivery = WebhookDelivery.objects.get()
    assert got.headers["webhook-id"] == delivery.webhook_id
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.last_status_code == 200
    assert delivery.attempts == 1
    assert delivery.duration_ms is not None and delivery.last_error == ""


def test_a_test_event_goes_the_same_way(world: World, receiver: Receiver) -> None:
    hook, secret = services.endpoint_create(
        actor=official(world.developer),
        agency_id=world.regency.pk,
        url=receiver.url("/ping"),
        events=[],
    )
    delivery = services.endpoint_send_test(actor=official(world.developer), endpoint_id=hook.pk)
    outbox_drain()
    [got] = receiver.on("/ping")
    webhook_verify(secret=secret, headers=got.headers, body=got.body)
    assert got.json()["type"] == "ping"
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.event_id is None


# --- retries, dead letters, send again -----------------------------------------------


def test_a_failing_endpoint_is_retried_with_backoff_then_dead_then_sent_again(
    world: World, receiver: Receiver, settings: Any
) -> None:
    settings.OUTBOX_MAX_ATTEMPTS = 3
    settings.OUTBOX_BACKOFF_BASE_SECONDS = 30
    settings.OUTBOX_BACKOFF_JITTER = 0
    receiver.statuses["/fail"] = 500
    _hook, secret = services.endpoint_create(
        actor=official(world.developer),
        agency_id=world.regency.pk,
        url=receiver.url("/fail"),
        events=[],
    )
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        dispose(world, filed(world), world.regency)
        outbox_drain()
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
            DeliveryStatus.FAILED,
            1,
            500,
        )
        assert "HTTP 500" in delivery.last_error
        assert delivery.next_attempt_at == start + timedelta(seconds=30)
        [row] = send_rows()
        assert row.status == OutboxStatus.PENDING and row.next_attempt_at == start + timedelta(
            seconds=30
        )

        outbox_drain()  # not due yet: nothing sent
        assert len(receiver.on("/fail")) == 1

        clock.shift(timedelta(seconds=31))
        outbox_drain()
        assert len(receiver.on("/fail")) == 2
        clock.shift(timedelta(seconds=61))
        outbox_drain()
        assert len(receiver.on("/fail")) == 3

        delivery.refresh_from_db()
        row.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.DEAD, 3)
        assert delivery.next_attempt_at is None
        assert row.status == OutboxStatus.DEAD
        # Every try was the same message, each signed afresh.
        tries = receiver.on("/fail")
        assert {t.headers["webhook-id"] for t in tries} == {delivery.webhook_id}
        for t in tries:
            webhook_verify(
                secret=secret,
                headers=t.headers,
                body=t.body,
                now=int(t.headers["webhook-timestamp"]),
            )

        clock.shift(timedelta(hours=1))
        outbox_drain()
        assert len(receiver.on("/fail")) == 3  # dead stays dead

        receiver.statuses["/fail"] = 204
        again = services.delivery_send_again(
            actor=official(world.regency_admin), delivery_id=delivery.pk
        )
        assert again.status == DeliveryStatus.PENDING
        # A double click sends once.
        services.delivery_send_again(actor=official(world.regency_admin), delivery_id=delivery.pk)
        outbox_drain()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        DeliveryStatus.DELIVERED,
        4,
        204,
    )
    tries = receiver.on("/fail")
    assert len(tries) == 4 and tries[-1].headers["webhook-id"] == delivery.webhook_id


def test_a_redirect_is_a_failure_and_is_not_followed(world: World, receiver: Receiver) -> None:
    receiver.statuses["/moved"] = 302
    endpoint(world, receiver.url("/moved"))
    dispose(world, filed(world), world.regency)
    outbox_drain()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.last_status_code == 302
    assert "redirect not followed" in delivery.last_error
    assert [r.path for r in receiver.received] == ["/moved"]


def test_a_slow_endpoint_fails_fast_and_does_not_hold_back_another(
    world: World, receiver: Receiver, monkeypatch: Any
) -> None:
    monkeypatch.setattr(transport, "TOTAL_TIMEOUT", 1.0)
    receiver.delays["/slow"] = 4
    slow = endpoint(world, receiver.url("/slow"))
    fast = endpoint(world, receiver.url("/fast"))
    dispose(world, filed(world), world.regency)
    began = time.monotonic()
    report = outbox_drain()
    took = time.monotonic() - began
    assert took < 3.5, took
    [slow_delivery] = sent(slow)
    [fast_delivery] = sent(fast)
    assert fast_delivery.status == DeliveryStatus.DELIVERED
    assert len(receiver.on("/fast")) == 1
    assert slow_delivery.status == DeliveryStatus.FAILED
    assert "Timed out" in slow_delivery.last_error
    assert slow_delivery.duration_ms is not None and slow_delivery.duration_ms < 2500
    assert report.failed == 1


# --- SSRF ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "http://example.org/hook",
        "ftp://example.org/hook",
        "https://user:pass@example.org/hook",
    ],
)
def test_private_addresses_and_plain_http_are_refused(url: str, settings: Any) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    with pytest.raises(UnsafeURL):
        url_check(url)


def test_public_https_addresses_pass_the_check(settings: Any) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    url_check("https://8.8.8.8/hook")
    url_check("https://hooks.example.org/lapor?x=1")


def test_an_endpoint_that_resolves_to_a_private_address_is_never_called(
    world: World, receiver: Receiver, settings: Any
) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    from lapor.core.exceptions import ValidationFailed

    with pytest.raises(ValidationFailed):
        services.endpoint_create(
            actor=official(world.developer),
            agency_id=world.regency.pk,
            url=receiver.url("/ssrf"),
            events=[],
        )
    # A name that resolves to loopback (stored before the rule, or by DNS changing).
    hook = WebhookEndpoint.objects.create(
        agency=world.regency, url=f"https://localhost:{receiver.port}/ssrf", secret="whsec_AAAA"
    )
    dispose(world, filed(world), world.regency)
    outbox_drain()
    [delivery] = sent(hook)
    assert delivery.status == DeliveryStatus.DEAD
    assert "private or local" in delivery.last_error
    assert receiver.received == []
    [row] = send_rows()
    assert row.status == OutboxStatus.DEAD
