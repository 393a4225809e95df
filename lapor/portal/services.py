"""Writes from the citizen's pages: filing with files, replying with files, support,
comments and their moderation.

Report moves go through ``reports.services`` (the one state machine); this module only
adds what the portal owns and ties uploaded files to the move they came with, in one
transaction: a refused file leaves no half-made report or reply behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lapor.accounts.choices import Role
from lapor.accounts.selectors import user_has_role
from lapor.core.exceptions import PermissionDenied, ValidationFailed
from lapor.reports import services as report_services
from lapor.reports.attachments import attachment_add
from lapor.reports.choices import Visibility
from lapor.reports.models import Report, ReportEvent
from lapor.reports.selectors import report_list_visible_to
from lapor.reports.transitions import COMMENT_MAX

from .models import Comment, CommentFlag, Support

MAX_FILES = 5


def _check_files(files: Sequence[UploadedFile]) -> None:
    if len(files) > MAX_FILES:
        raise ValidationFailed(
            {"attachments": [_("Attach at most %(n)d files.") % {"n": MAX_FILES}]}
        )


def _attach(
    report: Report, files: Sequence[UploadedFile], user: Any, event: ReportEvent | None
) -> None:
    for uploaded in files:
        try:
            attachment_add(
                report=report,
                uploaded_file=uploaded,
                uploader=user,
                event=event,
                visibility=Visibility.PUBLIC,
            )
        except ValidationFailed as exc:
            name = uploaded.name or ""
            messages = [f"{name}: {m}" for m in exc.errors.get("file", [exc.message])]
            raise ValidationFailed({"attachments": messages}) from None


def report_submit_with_files(
    *, reporter: Any, files: Sequence[UploadedFile] = (), **fields: Any
) -> Report:
    """File a report (``reports.services.report_submit``) with its attachments."""
    _check_files(files)
    with transaction.atomic():
        report = report_services.report_submit(reporter=reporter, **fields)
        event = report.events.order_by("id").first()
        _attach(report, files, reporter, event)
    return report


def _last_event(report: Report, code: str, actor: Any) -> ReportEvent | None:
    return report.events.filter(code=code, actor=actor).order_by("-created_at", "-id").first()


def report_reply_with_files(
    *, report_id: int, actor: Any, note: str, files: Sequence[UploadedFile] = ()
) -> Report:
    """The reporter's reply (``report_reply``) with attachments on the reply."""
    _check_files(files)
    with transaction.atomic():
        report = report_services.report_reply(report_id=report_id, actor=actor, note=note)
        _attach(report, files, actor, _last_event(report, "report.replied", actor))
    return report


def report_complete_with_files(
    *, report_id: int, actor: Any, note: str, files: Sequence[UploadedFile] = ()
) -> Report:
    """The reporter adds the information asked for on hold (``report_complete``)."""
    _check_files(files)
    with transaction.atomic():
        report = report_services.report_complete(report_id=report_id, actor=actor, note=note)
        _attach(report, files, actor, _last_event(report, "report.completed", actor))
    return report


# --- support (dukung) -------------------------------------------------------------------


def _public_report(report_id: int) -> Report:
    report = report_list_visible_to(AnonymousUser()).filter(pk=report_id).first()
    if report is None:
        raise PermissionDenied(_("Only public reports can be supported or commented on."))
    return report


def _signed_in(user: Any) -> None:
    if user is None or not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Sign in first."))


def support_add(*, report_id: int, user: Any, now: datetime | None = None) -> bool:
    """``user`` supports the public report; ``False`` if they already did.

    The counter on the report moves in the same transaction as the row, by an atomic
    ``UPDATE ... + 1``, so concurrent supports never lose a count.
    """
    _signed_in(user)
    report = _public_report(report_id)
    if report.reporter_id == user.pk:
        raise PermissionDenied(_("You cannot support your own report."))
    try:
        with transaction.atomic():
            Support.objects.create(report=report, user=user, created_at=now or timezone.now())
            Report.objects.filter(pk=report.pk).update(support_count=F("support_count") + 1)
    except IntegrityError:
        return False
    return True


def support_remove(*, report_id: int, user: Any) -> bool:
    _signed_in(user)
    with transaction.atomic():
        deleted, _rows = Support.objects.filter(report_id=report_id, user=user).delete()
        if deleted:
            Report.objects.filter(pk=report_id, support_count__gt=0).update(
                support_count=F("support_count") - 1
            )
    return bool(deleted)


# --- comments ---------------------------------------------------------------------------


def comment_add(*, report_id: int, user: Any, body: str, now: datetime | None = None) -> Comment:
    _signed_in(user)
    report = _public_report(report_id)
    body = (body or "").strip()
    if not body:
        raise ValidationFailed({"body": [_("Write your comment.")]})
    if len(body) > COMMENT_MAX:
        raise ValidationFailed(
            {"body": [_("Keep the comment under %(n)d characters.") % {"n": COMMENT_MAX}]}
        )
    return Comment.objects.create(
        report=report, author=user, body=body, created_at=now or timezone.now()
    )


def comment_flag(*, comment_id: int, user: Any, reason: str = "") -> bool:
    """Ask a moderator to look at a comment; ``False`` if ``user`` already asked.

    After ``Comment.HIDE_AFTER_FLAGS`` flags a comment nobody moderated yet is hidden
    until a moderator decides.
    """
    _signed_in(user)
    comment = Comment.objects.filter(pk=comment_id, is_hidden=False).first()
    if comment is None:
        raise ValidationFailed({"comment": [_("No such comment.")]})
    try:
        with transaction.atomic():
            CommentFlag.objects.create(comment=comment, user=user, reason=(reason or "")[:200])
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
    *, comment_id: int, actor: Any, hide: bool, now: datetime | None = None
) -> Comment:
    """A national admin keeps or hides a comment; the decision sticks."""
    if actor is None or not user_has_role(actor, Role.ADMIN_NASIONAL):
        raise PermissionDenied()
    comment = Comment.objects.get(pk=comment_id)
    comment.is_hidden = hide
    comment.moderated_at = now or timezone.now()
    comment.moderated_by = actor
    comment.save(update_fields=["is_hidden", "moderated_at", "moderated_by"])
    return comment


__all__ = [
    "comment_add",
    "comment_flag",
    "comment_moderate",
    "report_complete_with_files",
    "report_reply_with_files",
    "report_submit_with_files",
    "support_add",
    "support_remove",
]
