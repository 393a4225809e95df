"""An agency's API keys: the secret is shown once and stored only as its SHA-256."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """One integration key of one agency (its subtree is the key's scope).

    The raw key (``lapor_<prefix>_<secret>``) is returned once by ``apikey_create``
    and never stored: ``key_hash`` is the SHA-256 of the whole key. The secret is 32
    random bytes, so a fast hash is enough (nothing to brute-force, unlike a password).
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="api_keys",
    )
    name = models.CharField(_("name"), max_length=100)
    # The key's first characters after ``lapor_``: what people see to tell keys apart.
    prefix = models.CharField(_("prefix"), max_length=8, unique=True)
    key_hash = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    last_used_ip = models.GenericIPAddressField(_("last used from"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        # Never the secret: only the prefix people see anyway.
        return f"{self.name} ({self.prefix}…)"

    def is_active_at(self, when: datetime | None = None) -> bool:
        """Neither revoked nor expired at ``when`` (now by default)."""
        now = when or timezone.now()
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > now

    @property
    def status(self) -> str:
        """``active``, ``expired`` or ``revoked`` (for pages and the command line)."""
        if self.revoked_at is not None:
            return "revoked"
        if not self.is_active_at():
            return "expired"
        return "active"
