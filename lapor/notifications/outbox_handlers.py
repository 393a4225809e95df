"""The notifications app's outbox subscribers (loaded by ``lapor.core.outbox``).

``notifications`` subscribes to ``report.event`` beside whoever else does (webhooks,
statistics); the e-mail, SMS and digest topics are the app's own, one subscriber each.
Each may run more than once for one message; the services they call are idempotent
(unique notification per user/event/kind, a ``Delivery`` row per sent message).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from lapor.core.models import OutboxMessage
from lapor.core.outbox import OutboxPermanentError, outbox_subscriber

from . import services


def _int(payload: dict[str, Any], key: str) -> int:
    try:
        return int(payload[key])
    except (KeyError, TypeError, ValueError) as exc:
        raise OutboxPermanentError(f"payload without a valid {key!r}") from exc


@outbox_subscriber("report.event", "notifications")
def fan_out_report_event(payload: dict[str, Any], message: OutboxMessage) -> None:
    services.notifications_fan_out_event(event_id=_int(payload, "event_id"))


@outbox_subscriber(services.TOPIC_EMAIL, "notifications.email")
def send_notification_email(payload: dict[str, Any], message: OutboxMessage) -> None:
    services.notification_send_email(notification_id=_int(payload, "notification_id"))


@outbox_subscriber(services.TOPIC_SMS, "notifications.sms")
def send_notification_sms(payload: dict[str, Any], message: OutboxMessage) -> None:
    services.notification_send_sms(notification_id=_int(payload, "notification_id"))


@outbox_subscriber(services.TOPIC_DIGEST, "notifications.digest")
def send_digest(payload: dict[str, Any], message: OutboxMessage) -> None:
    try:
        day = date.fromisoformat(str(payload["date"]))
    except (KeyError, ValueError) as exc:
        raise OutboxPermanentError("digest payload without a valid date") from exc
    services.digest_send(user_id=_int(payload, "user_id"), day=day)
