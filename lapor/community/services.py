"""Writes: support (dukung), comments, flags and their moderation.

Every write names its ``principal`` and reaches the report through the gate
(``Report.objects.visible_to``): a report one may not read is ``NotFound``, exactly as
if it did not exist. Support and comments are for public reports only, and only from
a signed-in person.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import Principal
from lapor.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from lapor.reports.choices import PUBLIC_STATUSES
from lapor.reports.models import Report

from .models import Comment, CommentFlag, Support


def _signed_in(principal: Principal) -> int:
    if not principal.is_person or principal.user_id is None:
        raise PermissionDenied(_("Sign in first."))
    return principal.user_id


def _public_report(principal: Principal, report_id: int) -> Report:
    """The report, if ``principal`` may read it and it is public.

    Two answers on purpose: a report one may not read is ``NotFound`` (its existence is
    not told); one that can be read but is not public (one's own confidential report, a
    report still being checked) is refused in words.
    """
    report = (
        Report.objects.visible_to(principal)
        .filter(pk=report_id)
        .only("pk", "reporter_id", "status", "is_confidential")
        .first()
    )
    if report is None:
        raise NotFound(_("No such report."))
    if report.is_confidential or report.status not in PUBLIC_STATUSES:
        raise PermissionDenied(_("Only public reports can be supported or commented on."))
    return report


# --- support (dukung) -------------------------------------------------------------------


def support_add(*, principal: Principal, report_id: int, now: datetime | None = None) -> bool:
    """``principal`` supports the public report; ``False`` if they already did.

    The counter on the report moves in the same transaction as the row, by an atomic
    ``UPDATE ... + 1``, so concurrent supports never lose a count.
    """
    user_id = _signed_in(principal)
    report = _public_report(principal, report_id)
    if principal.owns(report.reporter_id):
        raise PermissionDenied(_("You cannot support your own report."))
    try:
        with transaction.atomic():
            Support.objects.create(report=report, user_id=user_id, created_at=now or timezone.now())
            Report.objects.filter(pk=report.pk).update(support_count=F("support_count") + 1)
    except IntegrityError:
        return False
    return True


def support_remove(*, principal: Principal, report_id: int) -> bool:
    """``principal`` withdraws their support; ``False`` if they had given none."""
    user_id = _signed_in(principal)
    if not Report.objects.visible_to(principal).filter(pk=report_id).exists():
        raise NotFound(_("No such report."))
    with transaction.atomic():
        deleted, _rows = Support.objects.filter(report_id=report_id, user_id=user_id).delete()
        if deleted:
            Report.objects.filter(pk=report_id, support_count__gt=0).update(
                support_count=F("support_count") - 1
            )
    return bool(deleted)


# --- comments ---------------------------------------------------------------------------


def comment_add(
    *, principal: Principal, report_id: int, body: str, now: datetime | None = None
) -> Comment:
    """``principal`` comments on a public report they may read."""
    user_id = _signed_in(principal)
    report = _public_report(principal, report_id)
    body = (body or "").strip()
    if not body:
        raise ValidationFailed({"body": [_("Write your comment.")]})
    if len(body) > Comment.BODY_MAX:
        raise ValidationFailed(
            {"body": [_("Keep the comment under %(n)d characters.") % {"n": Comment.BODY_MAX}]}
        )
    return Comment.objects.create(
        report=report, author_id=user_id, body=body, created_at=now or timezone.now()
    )


def comment_flag(*, principal: Principal, comment_id: int, reason: str = "") -> bool:
    """Ask a moderator to look at a comment; ``False`` if ``principal`` already asked.

    After ``Comment.HIDE_AFTER_FLAGS`` flags a comment nobody moderated yet is hidden
    until a national admin decides. Only comments one can see can be flagged.
    """
    user_id = _signed_in(principal)
    comment = Comment.objects.visible_to(principal).shown().filter(pk=comment_id).only("pk").first()
    if comment is None:
        raise NotFound(_("No such comment."))
    try:
        with transaction.atomic():
            CommentFlag.objects.create(
                comment=comment, user_id=user_id, reason=(reason or "")[:200]
            )
            Comment.objects.filter(pk=comment.pk).update(flag_count=F("flag_count") + 1)
            Comment.objects.filter(
                pk=comment.pk,
                flag_count__gte=Comment.HIDE_AFTER_FLAGS,
                moderated_at__isnull=True,
            ).update(is_hidden=True)
    except IntegrityError:
        return False
    return True


def comment_moderate(
    *, principal: Principal, comment_id: int, hide: bool, now: datetime | None = None
) -> Comment:
    """A national admin keeps or hides a comment; the decision sticks (later flags do
    not hide it again)."""
    if not principal.is_national_admin:
        raise PermissionDenied()
    with transaction.atomic():
        comment = (
            Comment.objects.visible_to(principal).select_for_update().filter(pk=comment_id).first()
        )
        if comment is None:
            raise NotFound(_("No such comment."))
        comment.is_hidden = hide
        comment.moderated_at = now or timezone.now()
        comment.moderated_by_id = principal.user_id
        comment.save(update_fields=["is_hidden", "moderated_at", "moderated_by"])
    return comment


__all__ = [
    "comment_add",
    "comment_flag",
    "comment_moderate",
    "support_add",
    "support_remove",
]
