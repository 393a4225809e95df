"""What the API keeps of its own: agency apps' report ids and idempotency keys."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalReport(models.Model):
    """A report an agency's app filed, under the app's own id for it (``external_id``):
    filing the same id again returns this report instead of a second one."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    external_id = models.CharField(_("external ID"), max_length=100)
    report = models.OneToOneField(
        "reports.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="external_ref",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("report from an agency app")
        verbose_name_plural = _("reports from agency apps")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "external_id"], name="api_external_report_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}:{self.external_id}"


class IdempotencyKey(models.Model):
    """The stored answer to a POST sent with an ``Idempotency-Key`` header, so a retry
    gets the same answer and does nothing twice (``api.services.idempotent``).

    ``principal`` says whose key it is (``agency_key:<id>``, ``user:<id>``): two clients
    may pick the same key. Rows older than a day are purged (``idempotency_purge``).
    """

    principal = models.CharField(_("principal"), max_length=64)
    key = models.CharField(_("key"), max_length=255)
    fingerprint = models.CharField(_("request fingerprint"), max_length=64)
    # Null while the first request is still being answered.
    status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    body = models.JSONField(_("response body"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=["principal", "key"], name="api_idempotency_unique")
        ]

    def __str__(self) -> str:
        return f"{self.principal}:{self.key[:20]}"
