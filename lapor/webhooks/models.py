"""An agency's webhook endpoints and the deliveries made to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lapor.core.models import TimeStampedModel

from .choices import DeliveryStatus


class WebhookEndpoint(models.Model):
    """A URL of an agency's app that receives its report events, signed with ``secret``.

    The secret is kept (not hashed): every delivery is signed with it. The console shows
    it once, when the endpoint is made or its secret rotated.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
    )
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    # Event codes of ``reports.events.EVENT_TYPES``; empty: every event.
    events = models.JSONField(_("events"), default=list, blank=True)
    secret = models.CharField(_("secret"), max_length=100)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        indexes = [models.Index(fields=["agency", "is_active"])]

    def __str__(self) -> str:
        return f"Webhook #{self.pk}"

    def wants(self, code: str) -> bool:
        """Whether this endpoint asked for events of ``code`` (no filter: all)."""
        return not self.events or code in self.events


class WebhookDelivery(TimeStampedModel):
    """One message to one endpoint (a report event or a test ``ping``) and its tries.

    ``webhook_id`` (``msg_…``) is the Standard Webhooks message id: the same for every
    try and every "send again", so the receiver can drop repeats.
    """

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    # The report event sent; empty for a test event (``ping``).
    event_id = models.BigIntegerField(_("event"), null=True, blank=True)
    event_type = models.CharField(_("event type"), max_length=60)
    webhook_id = models.CharField(_("message id"), max_length=40, unique=True)
    payload = models.JSONField(_("payload"))
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    last_status_code = models.PositiveSmallIntegerField(_("last status code"), null=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True)
    next_attempt_at = models.DateTimeField(_("next attempt by"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            # One delivery per endpoint and report event, however often the fan-out runs.
            models.UniqueConstraint(
                fields=["endpoint", "event_id"],
                condition=models.Q(event_id__isnull=False),
                name="webhooks_delivery_one_per_event",
            )
        ]
        indexes = [models.Index(fields=["endpoint", "-created_at"])]

    def __str__(self) -> str:
        return self.webhook_id
