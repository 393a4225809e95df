"""Shared model pieces: timestamps and append-only rows."""

from __future__ import annotations

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyQuerySet(models.QuerySet):
    """Rows that record history are written once and never changed or removed."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only")


class AppendOnlyError(Exception):
    pass


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only")


def _outbox_default_max_attempts() -> int:
    from django.conf import settings

    return int(getattr(settings, "OUTBOX_MAX_ATTEMPTS", 12))


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    DELIVERING = "delivering", _("delivering")
    DELIVERED = "delivered", _("delivered")
    DEAD = "dead", _("dead")


# A row a worker may claim: not yet delivered, or left ``delivering`` by a dead worker.
_DUE_STATUSES = [OutboxStatus.PENDING, OutboxStatus.DELIVERING]


class OutboxMessage(models.Model):
    """One subscriber's delivery of a message published by a committed change.

    Publishing a message to a topic writes one row per subscriber of the topic (the
    notifications, a webhook, the statistics), in the same transaction as the change
    that causes it, so the promise commits with the change or not at all.
    ``lapor.core.outbox`` runs each row's subscriber afterwards, at least once, and
    keeps the row (``dead``) when every attempt failed. Each row has its own attempts,
    backoff and dead letter: one subscriber failing never holds back another.

    ``idempotency_key`` is the publisher's key (``report.event:42``), the same for every
    subscriber's row; with ``subscriber`` it is unique, so publishing again is a no-op.

    ``next_attempt_at`` is when the row is next due: for a ``pending`` row the time of its
    next try, for a ``delivering`` row the end of the worker's lease, so one index on
    ``(next_attempt_at, id)`` finds new, retried and orphaned rows alike, in the order a
    worker claims them: a claim reads the ten rows it takes, not every due row (a sweep
    publishes 10,000 at once). The index holds only rows still to deliver, so the
    delivered history does not weigh on it.
    """

    topic = models.CharField(_("topic"), max_length=100)
    subscriber = models.CharField(_("subscriber"), max_length=100)
    payload = models.JSONField(_("payload"), default=dict, encoder=DjangoJSONEncoder)
    # Unique through ``Meta.constraints``, not ``unique=True``: on PostgreSQL that would
    # add a second, ``varchar_pattern_ops`` index for LIKE, which nothing here runs and
    # every insert would pay for.
    idempotency_key = models.CharField(_("idempotency key"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveIntegerField(
        _("max attempts"), default=_outbox_default_max_attempts
    )
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    locked_by = models.CharField(_("locked by"), max_length=100, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=models.Q(status__in=_DUE_STATUSES),
                name="core_outbox_due_idx",
            ),
            # The same for a worker given some subscribers only (``--subscriber``).
            models.Index(
                fields=["subscriber", "next_attempt_at", "id"],
                condition=models.Q(status__in=_DUE_STATUSES),
                name="core_outbox_subscriber_due_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key", "subscriber"], name="core_outbox_key_subscriber"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.idempotency_key} > {self.subscriber} ({self.status})"
