"""Log lines are an exit too (issue 9 review): what a citizen writes in the guided write
flow, the names of the files they upload, and the tracking ID of a Rahasia report never
reach the log, at any level.

The whole flow runs over HTTP with every logger recording (DEBUG and up, exceptions
with their text), then the records are searched for the markers. A photo Pillow cannot
read (an iPhone's HEIC, without a HEIC decoder) is the case that used to log its file
name, through the exception's text.
"""

from __future__ import annotations

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lapor.portal.models import DraftFile
from lapor.reports.models import Report
from lapor.testing.factories import UserFactory, make_region

from . import world as w

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Jalan rusak QZLOGTITLE di depan sekolah"
DRAFT_DESC = "Lubang besar QZLOGDESC di depan sekolah dasar, sudah tiga bulan tidak diperbaiki."
DRAFT_ADDRESS = "Jalan QZLOGADDRESS nomor 7"
HEIC_NAME = "IMG-QZLOGHEICNAME.heic"
PNG_NAME = "foto-QZLOGPNGNAME.png"
MARKERS = ("QZLOGTITLE", "QZLOGDESC", "QZLOGADDRESS", "QZLOGHEICNAME", "QZLOGPNGNAME")

# The start of a HEIC file: accepted as a photo by its content, unreadable to Pillow here.
HEIC_BYTES = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.OUTBOX_KICK_ON_COMMIT = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    """Every record as a handler would write it: message, exception and its text."""
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(record) for record in caplog.records)


def _write_and_send(client, *, confidential: bool) -> None:
    response = client.post(
        reverse("portal:write"),
        {"province": "32", "regency": "32.04", "district": "", "village": "", "address": ""},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("portal:write"),
        {
            "province": "32",
            "regency": "32.04",
            "district": "",
            "village": "",
            "address": DRAFT_ADDRESS,
        },
    )
    assert response.status_code == 302
    for name, body, mime in (
        (HEIC_NAME, HEIC_BYTES, "image/heic"),
        (PNG_NAME, w.png_with_text("QZLOGPNGBYTES"), "image/png"),
    ):
        upload = SimpleUploadedFile(name, body, content_type=mime)
        response = client.post(reverse("portal:write_files_upload"), {"attachments": [upload]})
        assert response.status_code == 302, response.content[:500]
    for step in ("portal:write_files", "portal:write_check"):
        assert client.get(reverse(step)).status_code == 200
    for item in DraftFile.objects.all():
        client.get(reverse("portal:write_file_preview", args=[item.pk]))
    response = client.post(
        reverse("portal:write_story"),
        {"title": DRAFT_TITLE, "description": DRAFT_DESC, "incident_date": ""},
    )
    assert response.status_code == 302
    assert (
        client.post(reverse("portal:write_kind"), {"classification": "pengaduan"}).status_code
        == 302
    )
    assert client.post(reverse("portal:write_agency"), {"target_agency": ""}).status_code == 302
    privacy = {"is_anonymous": "on", "is_confidential": "on"} if confidential else {}
    assert client.post(reverse("portal:write_privacy"), privacy).status_code == 302
    assert client.get(reverse("portal:write_check")).status_code == 200
    assert client.post(reverse("portal:write_send")).status_code == 302


def test_the_write_flow_logs_no_text_no_file_name_and_no_tracking_id(client, caplog):
    make_region("32.04", name="Kabupaten Contoh")
    citizen = UserFactory(full_name="Warga Penulis")
    client.force_login(citizen)
    caplog.set_level(logging.DEBUG)

    _write_and_send(client, confidential=True)

    report = Report.objects.get(reporter=citizen)
    assert report.is_confidential and report.attachments.count() == 2  # the flow really ran
    assert {a.original_name for a in report.attachments.all()} == {HEIC_NAME, PNG_NAME}
    logged = _logged(caplog)
    # The HEIC photo got no preview, and that was logged (a positive control: the
    # records are really captured), without its name.
    assert "No preview for an uploaded draft photo" in logged
    found = [m for m in (*MARKERS, report.tracking_id) if m.lower() in logged.lower()]
    assert not found, f"logged: {found}\n{logged}"
