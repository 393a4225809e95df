"""Report pages that belong to the reports app itself: attachments and their thumbnails."""

from __future__ import annotations

import logging

from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from lapor.accounts.middleware import request_principal
from lapor.accounts.principals import VISITOR

from .attachments import download_name
from .choices import AttachmentKind
from .models import Attachment
from .selectors import attachment_get_visible_to
from .thumbnails import thumbnail_get_or_create

logger = logging.getLogger(__name__)


@require_safe
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an attachment the user may read; 404 for anything else.

    Served with the type detected at upload, never sniffed: ``nosniff`` and a
    sandboxing CSP keep a crafted file from running as a page on our origin, and only
    photos open in the browser; everything else is a download.
    """
    attachment = attachment_get_visible_to(request_principal(request), pk)
    try:
        fh = attachment.file.open("rb")
    except FileNotFoundError:
        logger.error("Attachment %s: file %s is missing", attachment.pk, attachment.file.name)
        raise Http404(_("No such file.")) from None
    response = FileResponse(
        fh,
        content_type=attachment.content_type,
        as_attachment=attachment.kind != AttachmentKind.IMAGE,
        filename=download_name(attachment),
    )
    file_response_headers(response)
    # Files of non-public reports must not sit in shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def attachment_thumbnail(request: HttpRequest, pk: int) -> FileResponse:
    """A small JPEG of a photo attachment (``reports.thumbnails``), for whoever may read
    the photo itself: the same gate, the same 404 for everybody else, and a 404 for a
    file that is not a photo or cannot be read."""
    attachment = attachment_get_visible_to(request_principal(request), pk)
    name = thumbnail_get_or_create(attachment)
    if name is None:
        raise Http404(_("No such file."))
    response = FileResponse(attachment.file.storage.open(name, "rb"), content_type="image/jpeg")
    file_response_headers(response)
    # A thumbnail anybody may see is kept by the browser for a day (pages come back on
    # a slow connection); anything else is never stored, like the file itself.
    public = Attachment.objects.visible_to(VISITOR).filter(pk=attachment.pk).exists()
    response["Cache-Control"] = "private, max-age=86400" if public else "private, no-store"
    return response


def file_response_headers(response: HttpResponseBase) -> None:
    """The headers of every served file (attachments, thumbnails, draft previews): no
    sniffing, no scripts, not embedded elsewhere, no referrer."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Referrer-Policy"] = "no-referrer"
