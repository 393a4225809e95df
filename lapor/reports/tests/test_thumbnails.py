"""Thumbnails of photo attachments: small, without EXIF, behind the file's own gate."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from lapor.reports import thumbnails
from lapor.reports.attachments import attachment_add
from lapor.reports.models import Attachment
from lapor.testing.factories import make_privacy_world
from lapor.testing.otp import force_login_verified

from .test_attachments import HEIC, JPEG, PDF
from .test_visibility import EVENTS, REPORTS, ROLES

pytestmark = pytest.mark.django_db

GPS_MARKER = "GPS-MARKER-S6.9175-E107.6191"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def phone_photo(*, width: int = 1200, height: int = 900, orientation: int = 1) -> bytes:
    """A JPEG as a phone writes it: EXIF with a description, an orientation and GPS."""
    image = Image.new("RGB", (width, height))
    image.paste((200, 30, 30), (0, 0, width // 2, height))  # left half red: shows rotation
    image.paste((30, 30, 200), (width // 2, 0, width, height))
    exif = Image.Exif()
    exif[0x010E] = GPS_MARKER  # ImageDescription
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"  # GPSLatitudeRef
    gps[2] = (6.0, 55.0, 3.0)
    gps[3] = "E"
    gps[4] = (107.0, 37.0, 8.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def add(report, content: bytes, name: str = "foto.jpg", **kwargs) -> Attachment:
    return attachment_add(
        report=report,
        uploaded_file=SimpleUploadedFile(name, content, content_type="image/jpeg"),
        uploader=None,
        **kwargs,
    )


@pytest.fixture
def world():
    w = make_privacy_world()
    w.photos = {key: add(report, phone_photo()) for key, report in w.reports.items()}
    return w


def thumb_url(attachment: Attachment) -> str:
    return f"/attachments/{attachment.pk}/small/"


def read_image(response) -> Image.Image:
    data = b"".join(response.streaming_content)
    image = Image.open(io.BytesIO(data))
    image.load()
    image.raw_bytes = data  # type: ignore[attr-defined]
    return image


def test_the_reporter_gets_a_small_jpeg_without_exif(client, world):
    photo = world.photos["confidential"]
    assert GPS_MARKER.encode() in photo.file.open("rb").read()  # the original carries it
    client.force_login(world.users["reporter"])
    response = client.get(thumb_url(photo))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    image = read_image(response)
    assert image.format == "JPEG"
    assert image.size == (480, 360)
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    assert GPS_MARKER.encode() not in image.raw_bytes
    assert b"Exif\x00\x00" not in image.raw_bytes
    # Headers of a file: no sniffing, sandboxed, and never kept when not public.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Cache-Control"] == "private, no-store"


def test_an_official_handling_the_report_gets_it(client, world):
    force_login_verified(client, world.users["admin_instansi"])
    response = client.get(thumb_url(world.photos["confidential"]))
    assert response.status_code == 200
    assert read_image(response).width == 480


def test_a_photo_anybody_may_see_is_cached_privately_by_the_browser(client, world):
    response = client.get(thumb_url(world.photos["public"]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=86400"


def test_visitor_and_unrelated_citizen_get_404_for_a_confidential_photo(client, world):
    url = thumb_url(world.photos["confidential"])
    assert client.get(url).status_code == 404
    client.force_login(world.users["citizen"])
    assert client.get(url).status_code == 404
    # Nothing was made for them either.
    photo = world.photos["confidential"]
    assert not photo.file.storage.exists(thumbnails.thumbnail_name(photo))


@pytest.mark.parametrize("role", ROLES)
def test_thumbnail_answers_exactly_as_the_file_does(client, world, role):
    """The same rule as the download (the EVENTS table of test_visibility, letter P)."""
    if world.users[role] is not None:
        force_login_verified(client, world.users[role])
    got, expected = {}, {}
    for key, letters in zip(REPORTS, EVENTS[role], strict=True):
        photo = world.photos[key]
        got[key] = (
            client.get(thumb_url(photo)).status_code,
            client.get(f"/attachments/{photo.pk}/").status_code,
        )
        code = 200 if "P" in letters else 404
        expected[key] = (code, code)
    assert got == expected


def test_upright_from_the_exif_orientation(client, world):
    """Orientation 6 (the phone held upright): the thumbnail is portrait, left is red."""
    photo = add(world.reports["public"], phone_photo(orientation=6))
    image = read_image(client.get(thumb_url(photo))).convert("RGB")
    assert image.size == (480, 640)
    # Turned 90° clockwise: the red left half is now on top, the blue half below.
    top, bottom = image.getpixel((240, 20)), image.getpixel((240, 620))
    assert top[0] > 150 and top[2] < 100
    assert bottom[2] > 150 and bottom[0] < 100


def test_made_once_and_kept_under_a_name_nobody_can_guess(client, world, monkeypatch):
    photo = world.photos["public"]
    assert client.get(thumb_url(photo)).status_code == 200
    name = thumbnails.thumbnail_name(photo)
    assert photo.file.storage.exists(name)
    # Beside the file (whose own name is random), with a keyed hash in its name: the
    # same file under another secret key gets another name.
    stem = photo.file.name.rsplit(".", 1)[0]
    assert name.startswith(stem + "-") and name.endswith(".thumb.jpg")
    with override_settings(SECRET_KEY="another-secret-key-for-this-test-only-0123456789"):
        assert thumbnails.thumbnail_name(photo) != name

    def refuse(fh):
        raise AssertionError("rendered again")

    monkeypatch.setattr(thumbnails, "thumbnail_render", refuse)
    response = client.get(thumb_url(photo))
    assert response.status_code == 200
    assert read_image(response).size == (480, 360)


def test_a_pdf_has_no_thumbnail(client, world):
    force_login_verified(client, world.users["admin_nasional"])
    pdf = add(world.reports["public"], PDF, "surat.pdf")
    assert pdf.content_type == "application/pdf"
    assert client.get(f"/attachments/{pdf.pk}/").status_code == 200
    assert client.get(thumb_url(pdf)).status_code == 404


def test_a_heic_photo_has_no_thumbnail(client, world):
    heic = add(world.reports["public"], HEIC, "foto.heic")
    assert heic.content_type == "image/heic"
    assert client.get(thumb_url(heic)).status_code == 404


@pytest.mark.parametrize(
    "content",
    [
        JPEG,  # a JPEG header and nothing after it
        phone_photo()[:2000],  # cut off mid-stream
        b"\xff\xd8\xff\xe0" + b"\xff" * 4000,
    ],
    ids=["header-only", "truncated", "garbage"],
)
def test_a_damaged_photo_is_404_not_500(client, world, content):
    broken = add(world.reports["public"], content)
    assert broken.content_type == "image/jpeg"
    response = client.get(thumb_url(broken))
    assert response.status_code == 404
    assert not broken.file.storage.exists(thumbnails.thumbnail_name(broken))


def test_a_missing_file_is_404(client, world):
    photo = world.photos["public"]
    photo.file.storage.delete(photo.file.name)
    assert client.get(thumb_url(photo)).status_code == 404


def test_a_transparent_png_is_flattened_on_white(client, world):
    image = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    png = add(world.reports["public"], out.getvalue(), "logo.png")
    small = read_image(client.get(thumb_url(png))).convert("RGB")
    assert small.size == (480, 240)
    assert small.getpixel((10, 10)) == (255, 255, 255)


def test_post_is_refused(client, world):
    assert client.post(thumb_url(world.photos["public"])).status_code == 405
