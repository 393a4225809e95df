"""Webhooks: managing an agency's endpoints, and delivering report events to them.

Delivery is two outbox hops, so that one endpoint never waits on another:

1. ``report.event`` → subscriber ``webhooks`` (:func:`webhooks_fan_out_event`): finds
   the active endpoints of the agencies that hold the report and want the event, and
   writes for each a :class:`WebhookDelivery` with the payload *as that agency may read
   it* (the agency key's principal and the gate), publishing one ``webhook.send``
   message per endpoint (key ``"{endpoint_id}:{event_id}"``).
2. ``webhook.send`` → subscriber ``webhooks.send`` (:func:`webhook_deliver`): one signed
   POST, recorded on the delivery. A failure raises, so the outbox retries that
   endpoint's row alone with its backoff and dead-letters it after its last attempt.
   A slow endpoint can be given a dispatcher of its own:
   ``manage.py outbox_dispatch --subscriber webhooks.send`` (and the other workers
   ``--exclude-subscriber webhooks.send``).
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import Principal, principal_for_agency_key
from lapor.agencies.models import Agency
from lapor.agencies.selectors import agency_ancestor_ids
from lapor.core.exceptions import NotFound, ValidationFailed
from lapor.core.outbox import OutboxPermanentError, outbox_backoff, outbox_publish
from lapor.reports.events import EVENT_TYPES, event_label
from lapor.reports.models import ReportEvent
from lapor.reports.selectors import (
    event_actor_label_for,
    report_events_visible_to,
    report_get_visible_to,
    report_public_dict,
)
from lapor.reports.visibility import TARGET_VERIFY_STATUSES

from .choices import DeliveryStatus
from .models import WebhookDelivery, WebhookEndpoint
from .selectors import delivery_get, endpoint_get, webhook_agency_get
from .signing import message_id_generate, secret_generate, webhook_headers
from .transport import SendFailed, UnsafeURL, url_check, webhook_post

SEND_TOPIC = "webhook.send"
PING = "ping"
ENDPOINTS_PER_AGENCY = 20
ERROR_LIMIT = 500


# --- managing endpoints (the console) ----------------------------------------------


def _clean(*, url: str, events: list[str], description: str) -> tuple[str, list[str], str]:
    errors: dict[str, list[Any]] = {}
    url = (url or "").strip()
    try:
        if len(url) > 500:
            raise UnsafeURL("too long")
        url_check(url)
    except UnsafeURL:
        errors["url"] = [_("Enter an https:// address of a public server.")]
    unknown = [code for code in events if code not in EVENT_TYPES]
    if unknown:
        errors["events"] = [_("Choose events from the list.")]
    description = (description or "").strip()
    if len(description) > 200:
        errors["description"] = [_("The description is too long.")]
    if errors:
        raise ValidationFailed(errors)
    # In the registry's order, each once.
    return url, [code for code in EVENT_TYPES if code in events], description


def endpoint_create(
    *, actor: Principal, agency_id: int, url: str, events: list[str], description: str = ""
) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint for ``agency_id``; returns it and its secret (to show once)."""
    agency = webhook_agency_get(actor, agency_id=agency_id)
    url, events, description = _clean(url=url, events=events, description=description)
    if WebhookEndpoint.objects.filter(agency=agency).count() >= ENDPOINTS_PER_AGENCY:
        raise ValidationFailed({"url": [_("This agency has as many webhooks as allowed.")]})
    secret = secret_generate()
    endpoint = WebhookEndpoint.objects.create(
        agency=agency,
        url=url,
        events=events,
        description=description,
        secret=secret,
        created_by_id=actor.user_id,
    )
    return endpoint, secret


def endpoint_set_active(*, actor: Principal, endpoint_id: int, active: bool) -> WebhookEndpoint:
    endpoint = endpoint_get(actor, pk=endpoint_id)
    endpoint.is_active = active
    endpoint.save(update_fields=["is_active"])
    return endpoint


def endpoint_rotate_secret(*, actor: Principal, endpoint_id: int) -> tuple[WebhookEndpoint, str]:
    """A new secret for the endpoint (the old one stops at once); returns it to show once."""
    endpoint = endpoint_get(actor, pk=endpoint_id)
    endpoint.secret = secret_generate()
    endpoint.save(update_fields=["secret"])
    return endpoint, endpoint.secret


def endpoint_delete(*, actor: Principal, endpoint_id: int) -> None:
    """Remove the endpoint and its delivery log; its pending sends find nothing to do."""
    endpoint_get(actor, pk=endpoint_id).delete()


def endpoint_send_test(*, actor: Principal, endpoint_id: int) -> WebhookDelivery:
    """Send a ``ping`` to the endpoint through the same path as report events."""
    endpoint = endpoint_get(actor, pk=endpoint_id)
    if not endpoint.is_active:
        raise ValidationFailed({"endpoint": [_("Turn the webhook on first.")]})
    now = timezone.now()
    payload = {
        "type": PING,
        "timestamp": now.isoformat(),
        "data": {
            "endpoint_id": endpoint.pk,
            "agency": endpoint.agency.name,
            "message": "Test event from LAPOR!",
        },
    }
    with transaction.atomic():
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint,
            event_type=PING,
            webhook_id=message_id_generate(),
            payload=payload,
        )
        _publish_send(delivery, key=f"{endpoint.pk}:{PING}:{delivery.pk}")
    return delivery


def delivery_send_again(*, actor: Principal, delivery_id: int) -> WebhookDelivery:
    """Send a delivery once more (same message id, so the receiver can drop a repeat).

    The key includes the tries made so far: a double click sends once.
    """
    delivery = delivery_get(actor, pk=delivery_id)
    if not delivery.endpoint.is_active:
        raise ValidationFailed({"endpoint": [_("Turn the webhook on first.")]})
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.PENDING, next_attempt_at=None, updated_at=timezone.now()
        )
        _publish_send(delivery, key=f"{delivery.pk}:again:{delivery.attempts}")
    delivery.refresh_from_db()
    return delivery


def _publish_send(delivery: WebhookDelivery, *, key: str) -> None:
    outbox_publish(topic=SEND_TOPIC, key=key, payload={"delivery_id": delivery.pk})


# --- fan-out: one report event to the endpoints that may read it -------------------


def _candidate_endpoints(event: ReportEvent) -> list[WebhookEndpoint]:
    report = event.report
    holders: list[Agency | None] = [report.agency, report.unit]
    if report.status in TARGET_VERIFY_STATUSES:
        holders.append(report.target_agency)
    # Each holder and the agencies above it (read from its path, no query).
    agency_ids = {pk for a in holders if a is not None for pk in [*agency_ancestor_ids(a), a.pk]}
    if not agency_ids:
        return []
    return list(
        WebhookEndpoint.objects.filter(is_active=True, agency_id__in=agency_ids)
        .select_related("agency")
        .order_by("pk")
    )


def agency_principal(agency: Agency) -> Principal:
    """What an endpoint of ``agency`` may read: what its agency key reads (no key row
    behind it, hence ``key_id=0``)."""
    return principal_for_agency_key(key_id=0, agency_id=agency.pk, agency_path=agency.path)


def event_payload_for(
    principal: Principal, *, event_id: int, report_id: int
) -> dict[str, Any] | None:
    """The event and its report as ``principal`` reads them, or ``None`` if it may not
    read the report or that event (the gate decides both)."""
    try:
        report = report_get_visible_to(principal, pk=report_id)
    except NotFound:
        return None
    event = report_events_visible_to(principal, report).filter(pk=event_id).first()
    if event is None:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "type": event.code,
            "timestamp": event.created_at.isoformat(),
            "data": {
                "event": {
                    "id": event.pk,
                    "code": event.code,
                    "label": event_label(event.code, official=True),
                    "created_at": event.created_at.isoformat(),
                    "from_status": event.from_status or None,
                    "to_status": event.to_status or None,
                    "visibility": event.visibility,
                    "note": event.note,
                    "actor": event_actor_label_for(principal, event),
                },
                "report": report_public_dict(principal, report),
            },
        }


def webhooks_fan_out_event(*, event_id: int) -> list[WebhookDelivery]:
    """Write a delivery (and publish its send) for every endpoint that wants the event
    and whose agency may read it. Idempotent: a second run adds nothing."""
    if not WebhookEndpoint.objects.filter(is_active=True).exists():
        return []
    event = (
        ReportEvent.objects.select_related(
            "report__agency", "report__unit", "report__target_agency"
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return []
    made: list[WebhookDelivery] = []
    # The gate's reads depend on the agency only: once per agency, not per endpoint.
    payloads: dict[int, dict[str, Any] | None] = {}
    for endpoint in _candidate_endpoints(event):
        if not endpoint.wants(event.code):
            continue
        if endpoint.agency_id not in payloads:
            payloads[endpoint.agency_id] = event_payload_for(
                agency_principal(endpoint.agency), event_id=event.pk, report_id=event.report_id
            )
        payload = payloads[endpoint.agency_id]
        if payload is None:
            continue
        with transaction.atomic():
            delivery = WebhookDelivery.objects.filter(endpoint=endpoint, event_id=event.pk).first()
            if delivery is None:
                try:
                    with transaction.atomic():
                        delivery = WebhookDelivery.objects.create(
                            endpoint=endpoint,
                            event_id=event.pk,
                            event_type=event.code,
                            webhook_id=message_id_generate(),
                            payload=payload,
                        )
                except IntegrityError:
                    # Another worker ran the same fan-out at the same moment.
                    delivery = WebhookDelivery.objects.get(endpoint=endpoint, event_id=event.pk)
            _publish_send(delivery, key=f"{endpoint.pk}:{event.pk}")
        made.append(delivery)
    return made


# --- one try --------------------------------------------------------------------------


def _record(delivery_id: int, **changes: Any) -> None:
    WebhookDelivery.objects.filter(pk=delivery_id).update(
        attempts=F("attempts") + 1, updated_at=timezone.now(), **changes
    )


def webhook_deliver(*, delivery_id: int, attempt: int, max_attempts: int) -> None:
    """One signed POST of the delivery; raises on failure so the outbox retries it.

    ``attempt`` is the outbox row's try number; its last failure leaves the delivery
    ``dead``. An unsafe address fails for good at once (``OutboxPermanentError``).
    """
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None:
        return  # the endpoint was deleted, and its log with it
    endpoint = delivery.endpoint
    if not endpoint.is_active:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED,
            last_error="The webhook is turned off; not sent.",
            next_attempt_at=None,
            updated_at=timezone.now(),
        )
        return
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
    headers = webhook_headers(secret=endpoint.secret, msg_id=delivery.webhook_id, body=body)
    try:
        result = webhook_post(url=endpoint.url, body=body, headers=headers)
    except UnsafeURL as exc:
        _record(
            delivery.pk,
            status=DeliveryStatus.DEAD,
            last_status_code=None,
            last_error=str(exc)[:ERROR_LIMIT],
            duration_ms=0,
            next_attempt_at=None,
        )
        raise OutboxPermanentError(f"Unsafe webhook address: {exc}") from exc
    except Exception as exc:
        # SendFailed, or anything unforeseen: recorded, then the outbox retries.
        last = attempt >= max_attempts
        failed = exc if isinstance(exc, SendFailed) else None
        _record(
            delivery.pk,
            status=DeliveryStatus.DEAD if last else DeliveryStatus.FAILED,
            last_status_code=failed.status if failed else None,
            last_error=(str(exc) if failed else f"{type(exc).__name__}: {exc}")[:ERROR_LIMIT],
            duration_ms=failed.duration_ms if failed else None,
            next_attempt_at=None
            if last
            else timezone.now() + outbox_backoff(attempt, jitter=False),
        )
        raise
    _record(
        delivery.pk,
        status=DeliveryStatus.DELIVERED,
        last_status_code=result.status,
        last_error="",
        duration_ms=result.duration_ms,
        next_attempt_at=None,
    )
