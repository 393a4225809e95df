"""What the public adds to a report: support (dukung), comments and their flags.

These rows hang off a report, so they are read through the report's gate: each
queryset's ``visible_to(principal)`` keeps the rows of reports in
``Report.objects.visible_to(principal)``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import Principal
from lapor.reports.models import Report


class SupportQuerySet(models.QuerySet["Support"]):
    def visible_to(self, principal: Principal) -> SupportQuerySet:
        """Support given to reports ``principal`` may read (the report's gate)."""
        return self.filter(report__in=Report.objects.visible_to(principal))


class Support(models.Model):
    """One account supports (dukung) one public report, once."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = SupportQuerySet.as_manager()

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["report", "user"], name="community_support_once")
        ]

    def __str__(self) -> str:
        # Ids only: a supporter's name is nobody's business.
        return f"{self.user_id} → {self.report_id}"


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible_to(self, principal: Principal) -> CommentQuerySet:
        """Comments on reports ``principal`` may read (the report's gate), hidden or not."""
        return self.filter(report__in=Report.objects.visible_to(principal))

    def shown(self) -> CommentQuerySet:
        """Comments not hidden by flags or by a moderator."""
        return self.filter(is_hidden=False)


class Comment(models.Model):
    """A signed-in person's comment on a public report.

    Anyone signed in may flag a comment for moderation; after ``HIDE_AFTER_FLAGS``
    flags from different people it is hidden until a national admin decides.
    """

    HIDE_AFTER_FLAGS = 3
    BODY_MAX = 2_000

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="comments",
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)
    flag_count = models.PositiveIntegerField(_("flags"), default=0)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["report", "created_at"], name="community_comment_report"),
            # The moderation queue: flagged comments nobody has decided on yet.
            models.Index(
                fields=["-flag_count"],
                name="community_comment_flagged",
                condition=models.Q(flag_count__gt=0, moderated_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]


class CommentFlag(models.Model):
    """Someone asked a moderator to look at a comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comment flag")
        verbose_name_plural = _("comment flags")
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="community_flag_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} flags {self.comment_id}"
