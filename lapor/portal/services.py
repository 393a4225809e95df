"""Writes from the citizen's pages: filing with files, replying with files.

Support, comments and their moderation are ``lapor.community``'s.

Report moves go through ``reports.services`` (the one state machine); this module only
adds what the portal owns and ties uploaded files to the move they came with, in one
transaction: a refused file leaves no half-made report or reply behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lapor.core.exceptions import ValidationFailed
from lapor.reports import services as report_services
from lapor.reports.attachments import attachment_add
from lapor.reports.choices import Visibility
from lapor.reports.models import Report, ReportEvent

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


__all__ = [
    "report_complete_with_files",
    "report_reply_with_files",
    "report_submit_with_files",
]
