"""Writes from the citizen's pages: filing with files, replying with files.

Support, comments and their moderation are ``lapor.community``'s.

Report moves go through ``reports.services`` (the one state machine), which stores a
move's files on the move's own event in the move's transaction: a refused file leaves
no half-made report or reply behind. This module only adds the portal's own limit on
files and names their errors after the portal's field.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import Principal
from lapor.core.exceptions import ValidationFailed
from lapor.reports import services as report_services
from lapor.reports.models import Report, ReportEvent

MAX_FILES = 5


def _check_files(files: Sequence[UploadedFile]) -> None:
    if len(files) > MAX_FILES:
        raise ValidationFailed(
            {"attachments": [_("Attach at most %(n)d files.") % {"n": MAX_FILES}]}
        )


@contextmanager
def _files_as_attachments() -> Iterator[None]:
    """The reports app names a move's files ``files``; the portal's field is
    ``attachments``."""
    try:
        yield
    except ValidationFailed as exc:
        if "files" not in exc.errors:
            raise
        errors = dict(exc.errors)
        errors["attachments"] = errors.pop("files")
        raise ValidationFailed(errors) from None


def report_submit_with_files(
    *, actor: Principal, files: Sequence[UploadedFile] = (), **fields: Any
) -> Report:
    """File a report (``reports.services.report_submit``) with its attachments, which go
    on the ``report.submitted`` event; returns the new report."""
    _check_files(files)
    with _files_as_attachments():
        return report_services.report_submit(actor=actor, files=files, **fields).report


def report_reply_with_files(
    *, report_id: int, actor: Principal, note: str, files: Sequence[UploadedFile] = ()
) -> ReportEvent:
    """The reporter's reply (``report_reply``) with attachments on the reply."""
    _check_files(files)
    with _files_as_attachments():
        return report_services.report_reply(
            report_id=report_id, actor=actor, note=note, files=files
        )


def report_complete_with_files(
    *, report_id: int, actor: Principal, note: str, files: Sequence[UploadedFile] = ()
) -> ReportEvent:
    """The reporter adds the information asked for on hold (``report_complete``)."""
    _check_files(files)
    with _files_as_attachments():
        return report_services.report_complete(
            report_id=report_id, actor=actor, note=note, files=files
        )


__all__ = [
    "report_complete_with_files",
    "report_reply_with_files",
    "report_submit_with_files",
]
