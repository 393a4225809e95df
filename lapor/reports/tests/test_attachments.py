"""Attachments: what is accepted (by content), how it is stored, who may download it."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from lapor.core.exceptions import ValidationFailed
from lapor.reports.attachments import attachment_add, sanitize_filename
from lapor.reports.choices import AttachmentKind, Visibility
from lapor.reports.models import Attachment, ReportEvent
from lapor.testing.factories import make_privacy_world, make_report
from lapor.testing.otp import force_login_verified

from .test_visibility import EVENTS, REPORTS, ROLES

pytestmark = pytest.mark.django_db


# --- sample files, built byte by byte (no fixtures on disk) -------------------------


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    box = major + b"\x00\x00\x00\x00" + b"".join(compatible)
    return struct.pack(">I", len(box) + 8) + b"ftyp" + box + b"\x00\x00\x00\x08free" * 8


HEIC = ftyp(b"heic", b"mif1", b"heic")
MP4 = ftyp(b"isom", b"isom", b"iso2", b"avc1", b"mp41")
MP4_AVC1 = ftyp(b"avc1", b"avc1")
GP3 = ftyp(b"3gp4", b"isom", b"3gp4")
MOV = ftyp(b"qt  ", b"qt  ")
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 64
MKV = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x88matroska" + b"\x00" * 64

_CT = "application/vnd.openxmlformats-officedocument"
OOXML_MAIN = {
    "docx": ("word/document.xml", f"{_CT}.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", f"{_CT}.spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", f"{_CT}.presentationml.presentation.main+xml"),
    "docm": ("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
}


def ooxml(kind: str) -> bytes:
    part, content_type = OOXML_MAIN[kind]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>',
        )
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr(part, "<document/>")
    return buf.getvalue()


def odf(mime: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", mime, compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


def plain_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("payload.exe", b"MZ\x90\x00")
    return buf.getvalue()


def ole2(*names: str) -> bytes:
    """A compound file with a header sector and one directory sector holding ``names``."""
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    )
    header = header.ljust(512, b"\x00")

    def entry(name: str, kind: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        return (raw.ljust(64, b"\x00") + struct.pack("<HB", len(raw), kind)).ljust(128, b"\x00")

    directory = entry("Root Entry", 5) + b"".join(
        entry(n, 1 if n in ("Macros", "_VBA_PROJECT_CUR") else 2) for n in names
    )
    directory = directory.ljust(512, b"\x00")
    return header + directory + b"\x00" * 512


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
HTML = b"<!DOCTYPE html><html><body><script>document.cookie</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64
SCRIPT = b"#!/bin/sh\nrm -rf /\n"
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ATTACHMENT_MAX_BYTES = 100_000
    settings.ATTACHMENT_VIDEO_MAX_BYTES = 300_000
    with translation.override("en"):
        yield


def upload(content: bytes, name: str = "berkas.bin", content_type: str = "image/png"):
    # The browser's content type is deliberately wrong in most cases: it is ignored.
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- what is accepted --------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "mime", "ext", "kind"),
    [
        (JPEG, "image/jpeg", "jpg", AttachmentKind.IMAGE),
        (png_bytes(), "image/png", "png", AttachmentKind.IMAGE),
        (WEBP, "image/webp", "webp", AttachmentKind.IMAGE),
        (HEIC, "image/heic", "heic", AttachmentKind.IMAGE),
        (PDF, "application/pdf", "pdf", AttachmentKind.DOCUMENT),
        (ooxml("docx"), f"{_CT}.wordprocessingml.document", "docx", AttachmentKind.DOCUMENT),
        (ooxml("xlsx"), f"{_CT}.spreadsheetml.sheet", "xlsx", AttachmentKind.DOCUMENT),
        (ooxml("pptx"), f"{_CT}.presentationml.presentation", "pptx", AttachmentKind.DOCUMENT),
        (
            odf("application/vnd.oasis.opendocument.text"),
            "application/vnd.oasis.opendocument.text",
            "odt",
            AttachmentKind.DOCUMENT,
        ),
        (ole2("WordDocument", "1Table"), "application/msword", "doc", AttachmentKind.DOCUMENT),
        (ole2("Workbook"), "application/vnd.ms-excel", "xls", AttachmentKind.DOCUMENT),
        (MP4, "video/mp4", "mp4", AttachmentKind.VIDEO),
        (MP4_AVC1, "video/mp4", "mp4", AttachmentKind.VIDEO),
        (GP3, "video/3gpp", "3gp", AttachmentKind.VIDEO),
        (MOV, "video/quicktime", "mov", AttachmentKind.VIDEO),
        (WEBM, "video/webm", "webm", AttachmentKind.VIDEO),
    ],
)
def test_accepted_types_detected_from_content(content, mime, ext, kind):
    report = make_report()
    attachment = attachment_add(
        report=report, uploaded_file=upload(content, "tanpa-nama.exe"), uploader=report.reporter
    )
    attachment.refresh_from_db()
    assert (attachment.content_type, attachment.kind) == (mime, kind)
    assert attachment.storage_name.endswith(f".{ext}")
    assert attachment.file.name.endswith(attachment.storage_name)
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    with attachment.file.open("rb") as fh:
        assert fh.read() == content


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (HTML, "foto.jpg"),
        (SVG, "gambar.svg"),
        (EXE, "laporan.pdf"),
        (ELF, "video.mp4"),
        (SCRIPT, "catatan.txt"),
        (b"just some text", "catatan.txt"),
        (GIF, "animasi.gif"),
        (MKV, "rekaman.mkv"),
        (plain_zip(), "dokumen.docx"),
        (ooxml("docm"), "makro.docx"),
        (odf("application/x-unknown"), "dokumen.odt"),
        (ole2("SummaryInformation"), "installer.doc"),  # an MSI-like compound file
        (ole2("WordDocument", "Macros"), "makro.doc"),
        (ole2("Workbook", "_VBA_PROJECT_CUR"), "makro.xls"),
        (b"PK\x03\x04 not really a zip", "rusak.docx"),
    ],
)
def test_everything_else_is_refused(content, name):
    report = make_report()
    with pytest.raises(ValidationFailed) as exc:
        attachment_add(report=report, uploaded_file=upload(content, name), uploader=None)
    assert "cannot be attached" in exc.value.errors["file"][0]
    assert not Attachment.objects.exists()


def test_size_limits_per_kind(settings):
    report = make_report()
    big_picture = png_bytes() + b"\x00" * (settings.ATTACHMENT_MAX_BYTES + 1)
    with pytest.raises(ValidationFailed) as exc:
        attachment_add(report=report, uploaded_file=upload(big_picture), uploader=None)
    assert "too big" in exc.value.errors["file"][0]

    # A video may be bigger than a photo, up to its own limit.
    video = MP4 + b"\x00" * (settings.ATTACHMENT_MAX_BYTES + 1)
    assert attachment_add(report=report, uploaded_file=upload(video), uploader=None).kind == "video"
    too_long = MP4 + b"\x00" * settings.ATTACHMENT_VIDEO_MAX_BYTES
    with pytest.raises(ValidationFailed):
        attachment_add(report=report, uploaded_file=upload(too_long), uploader=None)
    with pytest.raises(ValidationFailed) as exc:
        attachment_add(report=report, uploaded_file=upload(b""), uploader=None)
    assert "empty" in exc.value.errors["file"][0]
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.png", "passwd.png"),
        ("C:\\Users\\budi\\Foto KTP.jpg", "Foto KTP.jpg"),
        ('a<b>:"c|d?*.pdf', "a_b___c_d__.pdf"),
        ("nama\x00\x1f\u202eexe.png", "namaexe.png"),
        ("   ", "lampiran"),
        ("x" * 300 + ".pdf", "x" * 196 + ".pdf"),
    ],
)
def test_original_name_is_sanitised(given, kept):
    assert sanitize_filename(given) == kept


def test_storage_name_is_random_and_not_the_users():
    report = make_report()
    first = attachment_add(
        report=report, uploaded_file=upload(png_bytes(), "../evil.html"), uploader=None
    )
    second = attachment_add(
        report=report, uploaded_file=upload(png_bytes(), "../evil.html"), uploader=None
    )
    assert first.original_name == "evil.html"
    assert first.storage_name != second.storage_name
    assert "evil" not in first.file.name
    assert first.file.name.startswith("attachments/")
    assert first.storage_name.endswith(".png")


def test_attachment_is_never_more_visible_than_its_event():
    report = make_report()
    note = ReportEvent.objects.create(
        report=report, code="report.disposed_to_unit", visibility=Visibility.INTERNAL
    )
    attachment = attachment_add(
        report=report, uploaded_file=upload(PDF), uploader=None, event=note, visibility="public"
    )
    assert attachment.visibility == Visibility.INTERNAL
    other = ReportEvent.objects.create(report=make_report(), code="report.followed_up")
    with pytest.raises(ValueError):
        attachment_add(report=report, uploaded_file=upload(PDF), uploader=None, event=other)


# --- who may download --------------------------------------------------------------


@pytest.fixture
def world():
    w = make_privacy_world()
    w.files = {}
    for key, report in w.reports.items():
        w.files[key] = {
            "P": attachment_add(report=report, uploaded_file=upload(png_bytes()), uploader=None),
            "R": attachment_add(
                report=report, uploaded_file=upload(PDF), uploader=None, visibility="reporter"
            ),
            # Public by its own flag, but on an internal note: internal.
            "I": attachment_add(
                report=report,
                uploaded_file=upload(PDF, "memo.pdf"),
                uploader=None,
                event=w.events[key]["internal"],
            ),
        }
    return w


@pytest.mark.parametrize("role", ROLES)
def test_download_per_role(client, world, role):
    """Expected: the EVENTS table of test_visibility (same rule for files as for notes)."""
    if world.users[role] is not None:
        # Officials with their second factor verified, as the console signs them in.
        force_login_verified(client, world.users[role])
    got, expected = {}, {}
    for key, letters in zip(REPORTS, EVENTS[role], strict=True):
        for letter, attachment in world.files[key].items():
            response = client.get(f"/attachments/{attachment.pk}/")
            got[(key, letter)] = response.status_code
            expected[(key, letter)] = 200 if letter in letters else 404
    assert got == expected


def test_download_of_a_missing_id_is_404(client, world):
    force_login_verified(client, world.users["admin_nasional"])
    assert client.get("/attachments/999999/").status_code == 404


def test_download_headers_for_an_image(client, world):
    attachment = world.files["public"]["P"]
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content) == png_bytes()


def test_download_headers_for_a_document(client, world):
    force_login_verified(client, world.users["admin_instansi"])
    attachment = world.files["public"]["I"]
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Content-Disposition"] == 'attachment; filename="memo.pdf"'
    assert "no-store" in response["Cache-Control"]


def test_download_uses_detected_type_and_extension_not_the_uploaded_ones(client):
    report = make_report(status="closed")
    attachment = attachment_add(
        report=report,
        uploaded_file=upload(PDF, "page.html", content_type="text/html"),
        uploader=None,
    )
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="page.pdf"'


def test_download_refuses_post(client, world):
    attachment = world.files["public"]["P"]
    assert client.post(f"/attachments/{attachment.pk}/").status_code == 405


def test_missing_file_on_disk_is_404_not_500(client, world):
    attachment = world.files["public"]["P"]
    attachment.file.storage.delete(attachment.file.name)
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 404
