"""What each person was told about a report, how they want to be told, and what went out.

A ``Notification`` is the in-app row (the bell). Its title and body were rendered *for
that recipient* (their language, and only what the visibility selectors let them read),
so showing a row to its owner never needs another privacy decision. E-mail and SMS are
sent from the row through the outbox; each send leaves one ``Delivery`` row, whose
unique key makes a repeated delivery (the outbox delivers at least once) a no-op.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Audience, Channel, Language


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    event = models.ForeignKey(
        "reports.ReportEvent",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=50)
    audience = models.CharField(
        _("as"), max_length=10, choices=Audience.choices, default=Audience.REPORTER
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            # The fan-out of one event may run twice (at-least-once delivery): the
            # second run finds these rows instead of adding copies.
            models.UniqueConstraint(
                fields=["user", "event", "kind"], name="notification_once_per_event"
            ),
        ]
        indexes = [
            # The bell's unread COUNT and the list page, newest first.
            models.Index(
                fields=["user", "read_at", "-created_at"], name="notification_user_unread"
            ),
            models.Index(fields=["user", "-created_at"], name="notification_user_recent"),
        ]

    def __str__(self) -> str:
        # No recipient: admin page titles and log lines print this, and a reporter's
        # notification names the person behind a report (issue 8, finding 2).
        return f"{self.kind} #{self.pk}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationSetting(models.Model):
    """How one person wants to be told. A person without a row gets the defaults of
    ``selectors.notification_setting_defaults`` (which depend on their roles)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_setting",
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.INDONESIAN
    )
    email_enabled = models.BooleanField(_("send e-mail"), default=True)
    sms_enabled = models.BooleanField(_("send SMS"), default=True)
    digest_only = models.BooleanField(
        _("daily digest only"),
        default=False,
        help_text=_(
            "Officials: no instant e-mail or SMS at all; what is due arrives in one "
            "e-mail a day. On by default for national roles, who see the whole country."
        ),
    )
    instant_reminders = models.BooleanField(
        _("reminders at once"),
        default=False,
        help_text=_(
            "Officials: send deadline reminders and overdue warnings by e-mail as they "
            "happen, not only in the daily digest."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"user {self.user_id}"


class Delivery(models.Model):
    """One message that went out on one channel (e-mail, SMS, digest).

    ``key`` is the outbox idempotency key (``notify:{notification_id}:{channel}``,
    ``digest:{user_id}:{date}``): the sender checks it before sending and writes it
    after, so a message redelivered by the outbox is not sent twice.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    notification = models.ForeignKey(
        Notification,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=[Channel.EMAIL, Channel.SMS, Channel.DIGEST]),
                name="delivery_channel_sent",
            )
        ]

    def __str__(self) -> str:
        return self.key
