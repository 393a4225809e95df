"""Writes: telling people about what happened to reports, and keeping their settings.

The flow (all through the transactional outbox, so nothing is lost and nothing is
sent twice):

1. every ``ReportEvent`` publishes ``report.event``; its handler calls
   :func:`notifications_fan_out_event`, which finds whom the event concerns
   (``selectors.event_recipients``), drops everyone who may not read the report or
   the event (``reports.selectors``), writes one in-app ``Notification`` per person
   (rendered for them, in their language) and promises an e-mail and/or SMS per
   person as outbox messages keyed ``notify:{notification_id}:{channel}``;
2. the ``notification.email`` / ``notification.sms`` handlers call
   :func:`notification_send_email` / :func:`notification_send_sms`, which check again
   (the person may have lost access or turned the channel off), send, and record a
   ``Delivery`` under the same key;
3. once a day :func:`notifications_send_digests` promises each working official one
   digest e-mail (``digest:{user_id}:{date}``), sent by :func:`digest_send`.

Officials get every notification in the app at once. E-mail and SMS go out at once
unless they chose ``digest_only`` (the default for national roles); deadline
reminders and overdue warnings reach officials by e-mail only in the digest unless
they chose ``instant_reminders``.

Log lines carry ids only: never a name, a contact, a title or a note.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lapor.accounts.models import User
from lapor.accounts.principals import Principal, principal_for_user
from lapor.core.exceptions import NotFound, ValidationFailed
from lapor.core.outbox import outbox_key_published, outbox_publish
from lapor.deadlines.calendar import DEFAULT_TZ
from lapor.reports.models import ReportEvent
from lapor.reports.selectors import report_events_visible_to, report_get_visible_to

from . import selectors
from .channels.sms import get_sms_gateway, mask_number, sms_fit
from .choices import Audience, Channel, Language
from .messages import render_event_for
from .models import Delivery, Notification, NotificationSetting
from .selectors import (
    DEADLINE_CODES,
    digest_for,
    digest_recipients,
    event_recipients,
    notification_setting_for,
)

logger = logging.getLogger(__name__)

TOPIC_EMAIL = "notification.email"
TOPIC_SMS = "notification.sms"
TOPIC_DIGEST = "notification.digest"


def notification_key(notification_id: int, channel: str) -> str:
    return f"notify:{notification_id}:{channel}"


def digest_key(user_id: int, day: date) -> str:
    return f"digest:{user_id}:{day.isoformat()}"


def _site_url() -> str:
    return str(getattr(settings, "NOTIFICATIONS_SITE_URL", "")).rstrip("/")


# --- fan-out -------------------------------------------------------------------------


def _instant_channels(
    user: User, setting: NotificationSetting, audience: str, code: str
) -> list[str]:
    """The channels to send on now, besides the in-app row."""
    if audience == Audience.OFFICIAL:
        if setting.digest_only:
            return []
        if code in DEADLINE_CODES and not setting.instant_reminders:
            return []
    channels: list[str] = []
    if setting.email_enabled and user.email:
        channels.append(Channel.EMAIL)
    if setting.sms_enabled and user.phone:
        channels.append(Channel.SMS)
    return channels


def notifications_fan_out_event(*, event_id: int) -> list[Notification]:
    """Tell everyone ``event`` concerns, each only what they may read. Idempotent.

    Returns the notifications of this event (found or created).
    """
    event = ReportEvent.objects.filter(pk=event_id).select_related("report").first()
    if event is None:
        logger.info("Notification fan-out: event %s no longer exists", event_id)
        return []
    report_id = event.report_id
    # Routing reads the report as it is now (who holds it now is whom to tell).
    routing_report = (
        type(event.report)
        .objects.select_related("reporter", "agency", "unit", "target_agency")
        .get(pk=report_id)
    )
    results: list[Notification] = []
    skipped = 0
    with transaction.atomic():
        for recipient in event_recipients(event, routing_report):
            user = recipient.user
            # The recipient as they read the report when signed in (officials with their
            # second factor: ``notification_list_for`` gates again whoever reads it).
            principal = principal_for_user(user, verified=True)
            try:
                # THE privacy gate: the report as this person may read it ...
                report = report_get_visible_to(principal, pk=report_id)
            except NotFound:
                skipped += 1
                continue
            # ... and the event only if its visibility reaches them (an internal note
            # never reaches the reporter).
            visible_event = report_events_visible_to(principal, report).filter(pk=event.pk).first()
            if visible_event is None:
                skipped += 1
                continue
            setting = notification_setting_for(user)
            with translation.override(setting.language):
                rendered = render_event_for(principal, recipient.audience, visible_event, report)
            if rendered is None:
                continue
            notification, created = Notification.objects.get_or_create(
                user=user,
                event=event,
                kind=event.code,
                defaults={
                    "report_id": report_id,
                    "audience": recipient.audience,
                    "title": rendered.title,
                    "body": rendered.body,
                    "url": rendered.url,
                },
            )
            results.append(notification)
            if not created:
                continue  # a repeated run: its messages were promised the first time
            for channel in _instant_channels(user, setting, recipient.audience, event.code):
                outbox_publish(
                    topic=TOPIC_EMAIL if channel == Channel.EMAIL else TOPIC_SMS,
                    key=notification_key(notification.pk, channel),
                    payload={"notification_id": notification.pk},
                )
    logger.info(
        "Event %s (%s) of report %s: %d notifications, %d recipients without access",
        event.pk,
        event.code,
        report_id,
        len(results),
        skipped,
    )
    return results


# --- sending -------------------------------------------------------------------------


def _still_readable(notification: Notification) -> bool:
    """Whether the recipient may still read the report (it may have become confidential
    or moved to another agency since the notification was written)."""
    if notification.report_id is None:
        return True
    principal = principal_for_user(notification.user, verified=True)
    try:
        report_get_visible_to(principal, pk=notification.report_id)
    except NotFound:
        return False
    return True


def _record(
    key: str, *, user_id: int, channel: str, notification_id: int | None = None, item_count: int = 0
) -> None:
    Delivery.objects.bulk_create(
        [
            Delivery(
                key=key,
                user_id=user_id,
                notification_id=notification_id,
                channel=channel,
                item_count=item_count,
            )
        ],
        ignore_conflicts=True,
    )


def _load(notification_id: int) -> Notification | None:
    return Notification.objects.select_related("user", "report").filter(pk=notification_id).first()


def _subject(notification: Notification) -> str:
    if notification.report_id and notification.report:
        return f"LAPOR! #{notification.report.tracking_id}: {notification.title}"
    return f"LAPOR!: {notification.title}"


def notification_send_email(*, notification_id: int) -> bool:
    """Send the e-mail of one notification (once). Returns whether a mail went out."""
    notification = _load(notification_id)
    if notification is None:
        return False
    key = notification_key(notification.pk, Channel.EMAIL)
    if Delivery.objects.filter(key=key).exists():
        return False
    user = notification.user
    setting = notification_setting_for(user)
    if not (user.is_active and user.email and setting.email_enabled):
        logger.info("Notification %s: e-mail skipped (turned off)", notification.pk)
        return False
    if not _still_readable(notification):
        logger.info("Notification %s: e-mail skipped (no access any more)", notification.pk)
        return False
    link = _site_url() + (notification.url or "/notifikasi/")
    context = {
        "name": user.get_short_name() if user.full_name else "",
        "title": notification.title,
        "body": notification.body,
        "link": link,
        "settings_link": _site_url() + "/notifikasi/pengaturan/",
        "language": setting.language,
    }
    with translation.override(setting.language):
        subject = _subject(notification)
        text = render_to_string("notifications/email/notification.txt", context)
        html = render_to_string("notifications/email/notification.html", context)
    _send_mail(to=user.email, subject=subject, text=text, html=html, language=setting.language)
    _record(key, user_id=user.pk, channel=Channel.EMAIL, notification_id=notification.pk)
    logger.info("Notification %s: e-mail sent to user %s", notification.pk, user.pk)
    return True


def _send_mail(*, to: str, subject: str, text: str, html: str, language: str) -> None:
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split())[:200],
        body=text,
        to=[to],
        headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    # Raises on failure: the outbox retries with backoff.
    message.send(fail_silently=False)


def notification_sms_text(notification: Notification) -> str:
    """At most 160 characters: the tracking number and the title, never report text."""
    if notification.report_id and notification.report:
        return sms_fit(f"LAPOR! #{notification.report.tracking_id}: {notification.title}")
    return sms_fit(f"LAPOR!: {notification.title}")


def notification_send_sms(*, notification_id: int) -> bool:
    """Send the SMS of one notification (once). Returns whether an SMS went out."""
    notification = _load(notification_id)
    if notification is None:
        return False
    key = notification_key(notification.pk, Channel.SMS)
    if Delivery.objects.filter(key=key).exists():
        return False
    user = notification.user
    setting = notification_setting_for(user)
    if not (user.is_active and user.phone and setting.sms_enabled):
        logger.info("Notification %s: SMS skipped (turned off)", notification.pk)
        return False
    if not _still_readable(notification):
        logger.info("Notification %s: SMS skipped (no access any more)", notification.pk)
        return False
    with translation.override(setting.language):
        text = notification_sms_text(notification)
    get_sms_gateway().send(user.phone, text)
    _record(key, user_id=user.pk, channel=Channel.SMS, notification_id=notification.pk)
    logger.info("Notification %s: SMS sent to %s", notification.pk, mask_number(user.phone))
    return True


# --- the daily digest ----------------------------------------------------------------


def _local_today(now: datetime) -> date:
    return timezone.localtime(now, ZoneInfo(DEFAULT_TZ)).date()


def notifications_send_digests(*, day: date | None = None, now: datetime | None = None) -> int:
    """Promise today's digest to every working official who wants e-mail. Idempotent:
    one outbox message per (official, day). Returns how many were newly promised."""
    now = now or timezone.now()
    day = day or _local_today(now)
    promised = 0
    for user in digest_recipients().iterator(chunk_size=500):
        setting = notification_setting_for(user)
        if not setting.email_enabled:
            continue
        key = digest_key(user.pk, day)
        if outbox_key_published(topic=TOPIC_DIGEST, key=key):
            continue  # promised by an earlier run today
        with transaction.atomic():
            outbox_publish(
                topic=TOPIC_DIGEST,
                key=key,
                payload={"user_id": user.pk, "date": day.isoformat()},
            )
        promised += 1
    logger.info("Digests for %s: %d promised", day.isoformat(), promised)
    return promised


def digest_send(*, user_id: int, day: date, now: datetime | None = None) -> bool:
    """Send one official's digest for ``day`` (once; nothing when nothing is due)."""
    key = digest_key(user_id, day)
    if Delivery.objects.filter(key=key).exists():
        return False
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    setting = notification_setting_for(user)
    if not setting.email_enabled:
        return False
    limit = int(getattr(settings, "NOTIFICATIONS_DIGEST_MAX_ITEMS", 50))
    with translation.override(setting.language):  # the status labels, in their language
        digest = digest_for(user, now=now, limit=limit)
    if not digest.total:
        _record(key, user_id=user.pk, channel=Channel.DIGEST, item_count=0)
        logger.info("Digest %s: nothing due", key)
        return False
    console_url: str = getattr(
        settings, "NOTIFICATIONS_CONSOLE_REPORT_URL", "/konsol/laporan/{tracking_id}/"
    )
    rows = [
        {"item": item, "link": _site_url() + console_url.format(tracking_id=item.tracking_id)}
        for item in digest.items
    ]
    context: dict[str, Any] = {
        "name": user.get_short_name() if user.full_name else "",
        "digest": digest,
        "rows": rows,
        "more": digest.total - len(digest.items),
        "settings_link": _site_url() + "/notifikasi/pengaturan/",
        "language": setting.language,
    }
    with translation.override(setting.language):
        subject = _("LAPOR!: %(count)d reports due, %(overdue)d overdue") % {
            "count": digest.total,
            "overdue": digest.overdue,
        }
        text = render_to_string("notifications/email/digest.txt", context)
        html = render_to_string("notifications/email/digest.html", context)
    _send_mail(to=user.email, subject=subject, text=text, html=html, language=setting.language)
    _record(key, user_id=user.pk, channel=Channel.DIGEST, item_count=digest.total)
    logger.info("Digest %s: sent, %d items", key, digest.total)
    return True


# --- the person's own hand -----------------------------------------------------------


def notification_mark_read(*, principal: Principal, notification_id: int) -> bool:
    """Mark one of the principal's notifications read; ``False`` if it is not one they
    may read (``selectors.notification_list_for``)."""
    mine = selectors.notification_list_for(principal).filter(pk=notification_id)
    return bool(mine.filter(read_at__isnull=True).update(read_at=timezone.now())) or (mine.exists())


def notification_mark_all_read(*, principal: Principal) -> int:
    """Mark read every notification the principal may read now (and only those), in
    one statement."""
    unread = selectors.notification_list_for(principal).filter(read_at__isnull=True)
    return unread.update(read_at=timezone.now())


def notification_setting_update(
    *,
    user: User,
    language: str,
    email_enabled: bool,
    sms_enabled: bool,
    digest_only: bool | None = None,
    instant_reminders: bool | None = None,
) -> NotificationSetting:
    """Save the user's choices. ``digest_only``/``instant_reminders`` are for officials;
    ``None`` keeps what is there."""
    if language not in Language.values:
        raise ValidationFailed({"language": [_("Choose a language.")]})
    setting = notification_setting_for(user)
    setting.language = language
    setting.email_enabled = bool(email_enabled)
    setting.sms_enabled = bool(sms_enabled)
    if digest_only is not None:
        setting.digest_only = bool(digest_only)
    if instant_reminders is not None:
        setting.instant_reminders = bool(instant_reminders)
    if setting.pk is None:
        setting.save()
    else:
        setting.save(
            update_fields=[
                "language",
                "email_enabled",
                "sms_enabled",
                "digest_only",
                "instant_reminders",
                "updated_at",
            ]
        )
    return setting


__all__: list[Any] = [
    "TOPIC_DIGEST",
    "TOPIC_EMAIL",
    "TOPIC_SMS",
    "digest_key",
    "digest_send",
    "notification_key",
    "notification_mark_all_read",
    "notification_mark_read",
    "notification_send_email",
    "notification_send_sms",
    "notification_setting_update",
    "notifications_fan_out_event",
    "notifications_send_digests",
]
