"""Small JPEG copies of photo attachments, for the report pages on a slow phone.

A thumbnail is made once, from the stored file, and kept in the same storage next to
it, under a name derived from the file's own random name with a keyed hash: nobody can
guess it, and it is never served from storage directly. It is read only through
``reports.views.attachment_thumbnail``, which goes through the same gate as the file
itself (``selectors.attachment_get_visible_to``).

The copy keeps no metadata: the EXIF block of a phone photo holds where it was taken
(GPS), the camera and the time. The picture is turned upright first, from the EXIF
orientation, and then written without it.
"""

from __future__ import annotations

import logging
from io import BytesIO
from typing import IO

from django.core.files.base import ContentFile
from django.utils.crypto import salted_hmac
from PIL import Image, ImageOps

from .models import Attachment

logger = logging.getLogger(__name__)

THUMBNAIL_WIDTH = 480  # px: a 160 px tile on a phone with a 3x screen
THUMBNAIL_MAX_HEIGHT = 960
THUMBNAIL_QUALITY = 70
# Types Pillow reads without plug-ins; a HEIC photo gets a link, not a picture.
THUMBNAIL_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})
_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
# Larger than any phone photo; a bigger picture is a decompression bomb, not evidence.
MAX_PIXELS = 60_000_000


class ThumbnailFailed(Exception):
    """The file is not a photo this module can read."""


def thumbnail_supported(attachment: Attachment) -> bool:
    return attachment.content_type in THUMBNAIL_TYPES


def thumbnail_name(attachment: Attachment) -> str:
    """Where the thumbnail of ``attachment`` is kept: beside the file, with a keyed hash
    of the file's name in its own name."""
    stored = attachment.file.name or ""
    folder, _slash, base = stored.rpartition("/")
    stem = base.rsplit(".", 1)[0]
    key = salted_hmac("lapor.reports.thumbnails", stored).hexdigest()[:20]
    return f"{folder}/{stem}-{key}.thumb.jpg" if folder else f"{stem}-{key}.thumb.jpg"


def thumbnail_render(fh: IO[bytes]) -> bytes:
    """A JPEG at most ``THUMBNAIL_WIDTH`` wide of the photo in ``fh``, without metadata.

    Raises ``ThumbnailFailed`` for anything that is not a readable JPEG, PNG or WebP.
    """
    try:
        with Image.open(fh, formats=sorted(_FORMATS)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ThumbnailFailed(f"{image.width}x{image.height} pixels")
            # JPEG decodes at 1/2, 1/4 or 1/8 when that is still large enough: a 12 MP
            # photo costs a fraction of the memory and time.
            image.draft("RGB", (THUMBNAIL_WIDTH * 2, THUMBNAIL_WIDTH * 2))
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_MAX_HEIGHT))
            if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info:
                rgba = upright.convert("RGBA")
                flat = Image.new("RGB", rgba.size, (255, 255, 255))
                flat.paste(rgba, mask=rgba.getchannel("A"))
            else:
                flat = upright.convert("RGB")
            out = BytesIO()
            # No ``exif=``, ``icc_profile=`` or ``comment=``: nothing of the original's
            # metadata is written.
            flat.save(out, "JPEG", quality=THUMBNAIL_QUALITY, optimize=True, progressive=True)
    except ThumbnailFailed:
        raise
    except Exception as exc:
        # An uploaded file is untrusted input and Pillow's decoders raise many kinds of
        # errors on a damaged one (OSError, ValueError, SyntaxError, struct.error, its
        # DecompressionBombError...). Any of them means "no thumbnail", never a 500.
        raise ThumbnailFailed(repr(exc)) from exc
    return out.getvalue()


def thumbnail_get_or_create(attachment: Attachment) -> str | None:
    """The storage name of ``attachment``'s thumbnail, made now if it is not there yet;
    ``None`` if the file is not a photo that can be shown small (or is missing)."""
    if not thumbnail_supported(attachment) or not attachment.file.name:
        return None
    storage = attachment.file.storage
    name = thumbnail_name(attachment)
    if storage.exists(name):
        return name
    try:
        with attachment.file.open("rb") as fh:
            data = thumbnail_render(fh)
    except FileNotFoundError:
        logger.error("Attachment %s: file %s is missing", attachment.pk, attachment.file.name)
        return None
    except ThumbnailFailed as exc:
        logger.warning("Attachment %s: no thumbnail (%s)", attachment.pk, exc)
        return None
    # Two first requests at once may both write it; the storage keeps both names apart
    # and the next request finds the first.
    return storage.save(name, ContentFile(data))


__all__ = [
    "THUMBNAIL_TYPES",
    "THUMBNAIL_WIDTH",
    "ThumbnailFailed",
    "thumbnail_get_or_create",
    "thumbnail_name",
    "thumbnail_render",
    "thumbnail_supported",
]
