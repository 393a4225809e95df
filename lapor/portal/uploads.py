"""Refusing a too-big upload early: before it is read in full, not after.

``DraftUploadLimit`` goes first in the upload view's handlers. It counts each file's
bytes as they arrive and stops the upload (``StopUpload(connection_reset=True)``: the
rest of the body is not read by Django) as soon as a file passes the limit of its kind;
the kind is read from the file's first bytes, as the attachments' rules read it. The
view also refuses a body whose announced length (``Content-Length``) cannot fit.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from lapor.reports.attachments import detect_file_type
from lapor.reports.choices import AttachmentKind

from .drafts import too_big_message, upload_limit

_HEAD_BYTES = 8192
# Room for the form's other fields and the multipart boundaries.
BODY_OVERHEAD = 256 * 1024


def largest_file_bytes() -> int:
    return max(int(settings.ATTACHMENT_MAX_BYTES), int(settings.ATTACHMENT_VIDEO_MAX_BYTES))


def body_too_long(content_length: Any, *, files_left: int) -> bool:
    """Whether a request body announced as ``content_length`` bytes cannot be an upload
    of ``files_left`` files that each fit."""
    try:
        length = int(content_length or 0)
    except (TypeError, ValueError):
        return False
    return length > max(files_left, 1) * largest_file_bytes() + BODY_OVERHEAD


class DraftUploadLimit(FileUploadHandler):
    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.error: str | None = None
        self._head = b""
        self._kind: str | None = None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self._head = b""
        self._kind = None

    def _kind_of_file(self) -> str:
        if self._kind is None:
            found = detect_file_type(io.BytesIO(self._head))
            # Not recognised from its start (an office document is a zip read at its
            # end): the smaller limit of photos and documents.
            self._kind = found.kind if found is not None else AttachmentKind.DOCUMENT
        return self._kind

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if len(self._head) < _HEAD_BYTES:
            self._head += raw_data[: _HEAD_BYTES - len(self._head)]
        end = start + len(raw_data)
        if end > int(settings.ATTACHMENT_MAX_BYTES) and end > upload_limit(self._kind_of_file()):
            self.error = too_big_message(self.file_name or "", self._kind_of_file())
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
