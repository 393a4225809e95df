"""The webhooks app's outbox subscribers (loaded by ``lapor.core.outbox``).

``webhooks`` on ``report.event`` fans an event out to the endpoints that may read it;
``webhooks.send`` on ``webhook.send`` makes one signed POST to one endpoint. Each
endpoint's send is its own outbox row, with its own retries and dead letter, so a slow
or failing endpoint holds back nobody else (and can be given its own worker:
``outbox_dispatch --subscriber webhooks.send``).
"""

from __future__ import annotations

from typing import Any

from lapor.core.models import OutboxMessage
from lapor.core.outbox import OutboxPermanentError, outbox_subscriber

from . import services


def _int(payload: dict[str, Any], key: str) -> int:
    try:
        return int(payload[key])
    except (KeyError, TypeError, ValueError) as exc:
        raise OutboxPermanentError(f"payload without a valid {key!r}") from exc


@outbox_subscriber("report.event", "webhooks")
def fan_out_report_event(payload: dict[str, Any], message: OutboxMessage) -> None:
    services.webhooks_fan_out_event(event_id=_int(payload, "event_id"))


@outbox_subscriber(services.SEND_TOPIC, "webhooks.send")
def send_webhook(payload: dict[str, Any], message: OutboxMessage) -> None:
    services.webhook_deliver(
        delivery_id=_int(payload, "delivery_id"),
        attempt=message.attempts,
        max_attempts=message.max_attempts,
    )
