"""The report being written: a draft on the server, one per citizen, with its files.

A phone on a bad connection loses pages; a draft kept on the server does not. Each
step of the write flow saves its answers here, and each file is uploaded and kept on
its own, so that no round trip without JavaScript drops what was chosen. On send the
draft becomes a report (``portal.drafts.draft_send``) and is deleted; stale drafts are
purged (``manage.py purge_write_drafts``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lapor.core.models import TimeStampedModel

# Draft files live under a random name in this folder of the default storage, which is
# never served directly (MEDIA_URL is not routed): only the owner's preview view reads it.
DRAFT_FILE_DIR = "write-drafts"


class WriteDraft(TimeStampedModel):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="write_drafts",
    )
    # One draft per citizen, in any of their sessions; the session that last touched
    # it is kept for the record.
    session_key = models.CharField(_("session"), max_length=40, blank=True)
    data = models.JSONField(_("answers"), default=dict, blank=True)

    class Meta:
        verbose_name = _("report draft")
        verbose_name_plural = _("report drafts")
        constraints = [models.UniqueConstraint(fields=["owner"], name="portal_one_draft_per_owner")]
        indexes = [models.Index(fields=["updated_at"])]

    def __str__(self) -> str:
        return f"WriteDraft #{self.pk} (User #{self.owner_id})"


class DraftFile(models.Model):
    draft = models.ForeignKey(
        WriteDraft, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=DRAFT_FILE_DIR, max_length=200)
    thumbnail = models.FileField(
        _("thumbnail"), upload_to=DRAFT_FILE_DIR, max_length=200, blank=True
    )
    original_name = models.CharField(_("original name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("draft file")
        verbose_name_plural = _("draft files")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"DraftFile #{self.pk}"
