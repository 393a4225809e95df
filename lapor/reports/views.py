"""Report pages that belong to the reports app itself: downloading attachments."""

from __future__ import annotations

import logging

from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from lapor.accounts.middleware import request_principal

from .attachments import download_name
from .choices import AttachmentKind
from .selectors import attachment_get_visible_to

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
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Referrer-Policy"] = "no-referrer"
    # Files of non-public reports must not sit in shared caches.
    response["Cache-Control"] = "private, no-store"
    return response
