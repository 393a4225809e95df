"""Files attached to a report: what is accepted and how it is stored.

The type is read from the file's CONTENT (``filetype`` plus a look inside zip and OLE2
containers), never from its name or the browser's Content-Type: a file called
``foto.jpg`` that is really HTML or an executable is refused. Only photos, common
documents and videos are accepted; everything is stored under a random name with the
extension of the type found, and served back (``reports.views.attachment_download``)
with that type only.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from lapor.accounts.models import User
from lapor.core.exceptions import ValidationFailed

from .choices import AttachmentKind, Visibility
from .models import Attachment, Report, ReportEvent
from .selectors import visibility_stricter


@dataclass(frozen=True)
class FileType:
    mime: str
    extension: str
    kind: str


JPEG = FileType("image/jpeg", "jpg", AttachmentKind.IMAGE)
PNG = FileType("image/png", "png", AttachmentKind.IMAGE)
WEBP = FileType("image/webp", "webp", AttachmentKind.IMAGE)
HEIC = FileType("image/heic", "heic", AttachmentKind.IMAGE)
PDF = FileType("application/pdf", "pdf", AttachmentKind.DOCUMENT)
DOC = FileType("application/msword", "doc", AttachmentKind.DOCUMENT)
XLS = FileType("application/vnd.ms-excel", "xls", AttachmentKind.DOCUMENT)
_OOXML = "application/vnd.openxmlformats-officedocument"
DOCX = FileType(f"{_OOXML}.wordprocessingml.document", "docx", AttachmentKind.DOCUMENT)
XLSX = FileType(f"{_OOXML}.spreadsheetml.sheet", "xlsx", AttachmentKind.DOCUMENT)
PPTX = FileType(f"{_OOXML}.presentationml.presentation", "pptx", AttachmentKind.DOCUMENT)
ODT = FileType("application/vnd.oasis.opendocument.text", "odt", AttachmentKind.DOCUMENT)
ODS = FileType("application/vnd.oasis.opendocument.spreadsheet", "ods", AttachmentKind.DOCUMENT)
ODP = FileType("application/vnd.oasis.opendocument.presentation", "odp", AttachmentKind.DOCUMENT)
MP4 = FileType("video/mp4", "mp4", AttachmentKind.VIDEO)
GP3 = FileType("video/3gpp", "3gp", AttachmentKind.VIDEO)
WEBM = FileType("video/webm", "webm", AttachmentKind.VIDEO)
MOV = FileType("video/quicktime", "mov", AttachmentKind.VIDEO)

# Types ``filetype`` recognises by their signature alone.
_BY_SIGNATURE = {t.mime: t for t in (JPEG, PNG, WEBP, HEIC, PDF, MP4, WEBM, MOV)}
# The main part of an OOXML package names what it is ([Content_Types].xml). Macro-
# enabled and template variants have other content types and are refused.
_OOXML_MAIN = {
    f"{_OOXML}.wordprocessingml.document.main+xml": DOCX,
    f"{_OOXML}.spreadsheetml.sheet.main+xml": XLSX,
    f"{_OOXML}.presentationml.presentation.main+xml": PPTX,
}
_ODF = {t.mime: t for t in (ODT, ODS, ODP)}
_BY_SIGNATURE["video/x-m4v"] = MP4
# ISO media brands of 3GPP files (filetype's own 3gp test looks at the wrong offset).
_3GP_BRANDS = (b"3gp", b"3g2")
# Other brands phones write on MP4 video, which filetype does not list.
_MP4_BRANDS = (b"iso2", b"iso4", b"iso5", b"iso6", b"avc1", b"dash", b"mp71", b"MSNV")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEAD_BYTES = 8192
_MAX_MANIFEST_BYTES = 512 * 1024

MSG_REFUSED = _(
    "This kind of file cannot be attached. Attach a photo (JPEG, PNG, WebP, HEIC), "
    "a document (PDF, Word, Excel, PowerPoint, OpenDocument) or a video "
    "(MP4, 3GP, WebM, MOV)."
)


def detect_file_type(fh: IO[bytes]) -> FileType | None:
    """The accepted type of an open, seekable file, from its content; ``None`` if refused."""
    fh.seek(0)
    head = fh.read(_HEAD_BYTES)
    fh.seek(0)
    if head.startswith(_ZIP_MAGIC):
        return _zip_type(fh)
    if head.startswith(_OLE_MAGIC):
        return _ole_type(fh)
    if head[4:8] == b"ftyp" and head[8:11] in _3GP_BRANDS:
        return GP3
    guess = filetype.guess(head)
    if guess is not None:
        return _BY_SIGNATURE.get(guess.mime)
    if head[4:8] == b"ftyp" and head[8:12] in _MP4_BRANDS:
        return MP4
    return None


def _zip_type(fh: IO[bytes]) -> FileType | None:
    """An office document is a zip whose manifest names the document type; any other
    zip (archives, APKs, JARs, macro-enabled documents) is refused."""
    try:
        with zipfile.ZipFile(fh) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 100:
                    return None
                return _ODF.get(archive.read(info).decode("ascii", "replace").strip())
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size > _MAX_MANIFEST_BYTES:
                    return None
                manifest = archive.read(info).decode("utf-8", "replace")
                if "vbaProject" in manifest or "macroEnabled" in manifest:
                    return None
                found = {t for ct, t in _OOXML_MAIN.items() if f'"{ct}"' in manifest}
                return found.pop() if len(found) == 1 else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError):
        return None
    finally:
        fh.seek(0)
    return None


# Directory entries of OLE2 compound files are 128 bytes on 128-byte boundaries (as
# are sectors): the UTF-16 name padded to 64 bytes, its byte length including the
# terminator (u16), then the object type (u8; 1 = storage, 2 = stream).
_OLE_CHUNK = 128 * 8192


def _ole_entries(fh: IO[bytes]) -> set[str]:
    entries: set[str] = set()
    fh.seek(0)
    base = 0
    while chunk := fh.read(_OLE_CHUNK):
        for rel in range(0, len(chunk) - 127, 128):
            if base + rel < 512:  # the header
                continue
            length = int.from_bytes(chunk[rel + 64 : rel + 66], "little")
            if chunk[rel + 66] not in (1, 2) or not 4 <= length <= 64 or length % 2:
                continue
            if chunk[rel + length - 2 : rel + length] != b"\x00\x00":
                continue
            try:
                entries.add(chunk[rel : rel + length - 2].decode("utf-16-le"))
            except UnicodeDecodeError:
                continue
        base += len(chunk)
    fh.seek(0)
    return entries


def _ole_type(fh: IO[bytes]) -> FileType | None:
    """Legacy Word/Excel files are OLE2 compound files, as are installers (MSI) and
    other things; the streams inside tell which. Files with macros are refused."""
    entries = _ole_entries(fh)
    if entries & {"Macros", "_VBA_PROJECT_CUR", "VBA"}:
        return None
    if "WordDocument" in entries:
        return DOC
    if entries & {"Workbook", "Book"}:
        return XLS
    return None


def sanitize_filename(name: str) -> str:
    """A file name fit to show and to offer on download: no path, no control or
    reserved characters, at most 200 characters, never empty."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*;]', "_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 200 - len(ext) - 1] + "." + ext) if dot and len(ext) <= 10 else name[:200]
    return name or "lampiran"


def download_name(attachment: Attachment) -> str:
    """The name offered on download: the uploader's name with the extension of the type
    actually found, so that a PDF called ``x.html`` is not saved as HTML."""
    stem = os.path.splitext(attachment.original_name)[0] or "lampiran"
    ext = os.path.splitext(attachment.storage_name)[1]
    return f"{stem}{ext}"


def _limit_for(kind: str) -> int:
    if kind == AttachmentKind.VIDEO:
        return settings.ATTACHMENT_VIDEO_MAX_BYTES
    return settings.ATTACHMENT_MAX_BYTES


def _too_big(limit: int) -> ValidationFailed:
    message = _("This file is too big. The limit is %(limit)s.") % {"limit": filesizeformat(limit)}
    return ValidationFailed({"file": [message]})


def attachment_check(uploaded_file: UploadedFile) -> FileType:
    """The file's accepted type; ``ValidationFailed`` (key ``file``) if it is empty, too
    big or not a kind we accept. Cheap enough to run on every file of a move before
    the move takes its lock, so that a bad file refuses the move before anything is
    stored."""
    size = uploaded_file.size or 0
    if size == 0:
        raise ValidationFailed({"file": [_("The file is empty.")]})
    largest = max(settings.ATTACHMENT_MAX_BYTES, settings.ATTACHMENT_VIDEO_MAX_BYTES)
    if size > largest:
        raise _too_big(largest)
    ftype = detect_file_type(uploaded_file)
    if ftype is None:
        raise ValidationFailed({"file": [MSG_REFUSED]})
    if size > _limit_for(ftype.kind):
        raise _too_big(_limit_for(ftype.kind))
    return ftype


def attachment_add(
    *,
    report: Report,
    uploaded_file: UploadedFile,
    uploader: User | None,
    event: ReportEvent | None = None,
    visibility: str = Visibility.PUBLIC,
) -> Attachment:
    """Check and store one file for ``report`` (optionally on one of its events).

    Whether ``uploader`` may add files to this report is the calling service's
    decision (report submission, follow-up ...); this checks the file itself. An
    attachment on an event is never more visible than the event.
    """
    if visibility not in Visibility.values:
        raise ValueError(f"Unknown visibility: {visibility!r}")
    if event is not None:
        if event.report_id != report.pk:
            raise ValueError("The event belongs to another report.")
        visibility = visibility_stricter(visibility, event.visibility)

    ftype = attachment_check(uploaded_file)
    size = uploaded_file.size or 0
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)

    attachment = Attachment(
        report=report,
        event=event,
        storage_name=f"{secrets.token_hex(16)}.{ftype.extension}",
        original_name=sanitize_filename(uploaded_file.name or ""),
        content_type=ftype.mime,
        size=size,
        sha256=digest.hexdigest(),
        kind=ftype.kind,
        visibility=visibility,
        uploaded_by=uploader,
    )
    attachment.file.save(attachment.storage_name, uploaded_file, save=False)
    try:
        attachment.save()
    except Exception:
        # Do not leave an orphan file behind when the row cannot be written.
        attachment.file.delete(save=False)
        raise
    return attachment


__all__ = [
    "FileType",
    "attachment_add",
    "attachment_check",
    "detect_file_type",
    "download_name",
    "sanitize_filename",
]
