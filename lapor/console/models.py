"""The console's own rows: reply templates, saved views and the login audit. Reports
(and who works on them: ``reports.models.Assignment``) belong to ``lapor.reports`` and
change only through its services."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.core.models import AppendOnlyModel, TimeStampedModel

from .choices import LoginEventKind, Page, TemplateKind


class ReplyTemplate(TimeStampedModel):
    """A reusable text: a question to the reporter, a follow-up, an answer, a reason.

    ``agency`` empty: a national template (the verifiers'); otherwise offered to the
    officials of that agency and its units.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reply_templates",
    )
    kind = models.CharField(_("used for"), max_length=20, choices=TemplateKind.choices)
    title = models.CharField(_("name"), max_length=120)
    body = models.TextField(_("text"))
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ["kind", "title"]
        indexes = [models.Index(fields=["agency", "kind"], name="replytemplate_agency_kind")]

    def __str__(self) -> str:
        return self.title


class SavedView(TimeStampedModel):
    """A named set of filters an official comes back to (``query`` is a query string)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="console_views"
    )
    page = models.CharField(max_length=20, choices=Page.choices)
    name = models.CharField(_("name"), max_length=60)
    query = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "page", "name"], name="savedview_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class LoginEvent(AppendOnlyModel):
    """One step of an official's sign-in, kept for audit (append-only)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="console_login_events",
    )
    login = models.CharField(_("login given"), max_length=150, blank=True)
    kind = models.CharField(_("what happened"), max_length=30, choices=LoginEventKind.choices)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("login event")
        verbose_name_plural = _("login events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="loginevent_user_time")]

    def __str__(self) -> str:
        return f"{self.kind} {self.login} @ {self.created_at:%Y-%m-%d %H:%M}"
