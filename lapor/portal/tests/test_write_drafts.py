"""The draft's files: checked like attachments, refused early when too big, shown and
removable only by their owner, purged when stale."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import StopUpload
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from lapor.portal import drafts
from lapor.portal.models import DraftFile, WriteDraft
from lapor.portal.services import MAX_FILES
from lapor.portal.uploads import DraftUploadLimit
from lapor.testing.factories import UserFactory, as_official

from .conftest import PNG_1PX
from .helpers import build_world

pytestmark = pytest.mark.django_db

# The start of an MP4 video (an ISO media "ftyp" box), padded to any size.
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"


@pytest.fixture
def w():
    return build_world()


def upload(client, *files, url=None):
    return client.post(url or reverse("portal:write_files_upload"), {"attachments": list(files)})


def png(name="foto.png", size=(40, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def stored_draft_files():
    _dirs, names = (
        default_storage.listdir("write-drafts")
        if default_storage.exists("write-drafts")
        else ([], [])
    )
    return names


def test_an_upload_is_kept_with_a_preview_for_its_owner(client, w):
    client.force_login(w.reporter)
    response = upload(client, png())
    assert response.status_code == 302 and response.url.endswith("#files-list")
    item = DraftFile.objects.get()
    assert item.draft.owner_id == w.reporter.pk
    assert item.kind == "image" and item.content_type == "image/png"
    assert item.original_name == "foto.png" and item.size > 0
    # Stored under a random name, never the reporter's.
    assert item.file.name.startswith("write-drafts/") and "foto" not in item.file.name
    preview = client.get(reverse("portal:write_file_preview", args=[item.pk]))
    assert preview.status_code == 200 and preview["Content-Type"] == "image/jpeg"
    assert "no-store" in preview["Cache-Control"]
    # The headers of every served file (reports.views.file_response_headers).
    assert preview["X-Content-Type-Options"] == "nosniff"
    assert preview["Referrer-Policy"] == "no-referrer"
    thumb = Image.open(io.BytesIO(b"".join(preview.streaming_content)))
    assert thumb.size == (40, 30)  # small pictures stay small
    html = client.get(reverse("portal:write_files")).content.decode()
    assert reverse("portal:write_file_preview", args=[item.pk]) in html
    assert "/media/" not in html


def test_continue_with_a_chosen_file_keeps_it_and_goes_on(client, w):
    client.force_login(w.reporter)
    response = client.post(
        reverse("portal:write_files_upload"), {"attachments": [png()], "_action": "continue"}
    )
    assert response.url == reverse("portal:write_story")
    assert DraftFile.objects.count() == 1


def test_another_person_or_a_visitor_cannot_see_or_remove_a_draft_file(client, w):
    client.force_login(w.reporter)
    upload(client, png())
    item = DraftFile.objects.get()
    preview = reverse("portal:write_file_preview", args=[item.pk])
    remove = reverse("portal:write_file_remove", args=[item.pk])

    client.force_login(UserFactory())
    assert client.get(preview).status_code == 404
    assert client.post(remove).status_code == 404
    assert "foto.png" not in client.get(reverse("portal:write_files")).content.decode()
    client.logout()
    assert client.get(preview).status_code == 404
    assert client.post(remove).status_code == 404
    assert DraftFile.objects.filter(pk=item.pk).exists()
    assert default_storage.exists(item.file.name)


def test_the_owner_removes_a_file(client, w, django_capture_on_commit_callbacks):
    client.force_login(w.reporter)
    upload(client, png())
    item = DraftFile.objects.get()
    # The preview was made and stored (reports.thumbnails' renderer), a JPEG.
    assert item.thumbnail.name and default_storage.exists(item.thumbnail.name)
    with default_storage.open(item.thumbnail.name, "rb") as fh:
        assert fh.read(3) == b"\xff\xd8\xff"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:write_file_remove", args=[item.pk]))
    assert response.status_code == 302
    assert not DraftFile.objects.exists()
    assert not default_storage.exists(item.file.name)
    assert not default_storage.exists(item.thumbnail.name)


def test_a_file_that_is_not_what_it_claims_is_refused(client, w):
    client.force_login(w.reporter)
    bad = SimpleUploadedFile("foto.jpg", b"<html>not a photo</html>", content_type="image/jpeg")
    response = upload(client, bad)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_attachments"' in html and "foto.jpg" in html
    assert not DraftFile.objects.exists() and stored_draft_files() == []


def test_a_too_big_photo_is_refused_naming_the_photo_limit(client, w, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    settings.ATTACHMENT_VIDEO_MAX_BYTES = 200_000
    client.force_login(w.reporter)
    big = png("besar.png", size=(400, 400))  # a real PNG, well over 1000 bytes
    assert big.size > 1000
    response = upload(client, big)
    assert response.status_code == 200
    html = response.content.decode()
    limit = str(filesizeformat(1000)).replace("\xa0", " ")
    assert "besar.png" in html and limit in html.replace("\xa0", " ")
    assert str(filesizeformat(200_000)).replace("\xa0", " ") not in html.split("error-message")[1]
    assert not DraftFile.objects.exists() and stored_draft_files() == []


def test_a_video_has_the_video_limit(client, w, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    settings.ATTACHMENT_VIDEO_MAX_BYTES = 100_000
    client.force_login(w.reporter)
    ok = SimpleUploadedFile("klip.mp4", MP4_HEAD + b"\0" * 5000, content_type="video/mp4")
    assert upload(client, ok).status_code == 302
    assert DraftFile.objects.get().kind == "video"
    big = SimpleUploadedFile("panjang.mp4", MP4_HEAD + b"\0" * 150_000, content_type="video/mp4")
    response = upload(client, big)
    html = response.content.decode().replace("\xa0", " ")
    assert "panjang.mp4" in html and str(filesizeformat(100_000)).replace("\xa0", " ") in html
    assert DraftFile.objects.count() == 1


def test_the_limit_handler_stops_reading_at_the_limit(settings):
    """The handler refuses while the file is still arriving, not after it is stored."""
    settings.ATTACHMENT_MAX_BYTES = 100_000
    settings.ATTACHMENT_VIDEO_MAX_BYTES = 300_000
    handler = DraftUploadLimit()
    handler.new_file("files", "foto.jpg", "image/jpeg", None)
    chunk = b"\xff\xd8\xff\xe0" + b"\0" * (64 * 1024 - 4)  # a JPEG, 64 KB at a time
    assert handler.receive_data_chunk(chunk, 0) == chunk
    with pytest.raises(StopUpload) as stopped:
        handler.receive_data_chunk(b"\0" * 64 * 1024, 64 * 1024)
    assert stopped.value.connection_reset is True  # the rest of the body is not read
    assert "foto.jpg" in handler.error and filesizeformat(100_000) in handler.error

    video = DraftUploadLimit()
    video.new_file("files", "klip.mp4", "video/mp4", None)
    head = MP4_HEAD + b"\0" * (64 * 1024 - len(MP4_HEAD))
    video.receive_data_chunk(head, 0)
    video.receive_data_chunk(b"\0" * 64 * 1024, 64 * 1024)  # past the photo limit: fine
    with pytest.raises(StopUpload):
        video.receive_data_chunk(b"\0" * 200 * 1024, 128 * 1024)
    assert filesizeformat(300_000) in video.error


def test_a_body_longer_than_any_allowed_upload_is_refused_unread(client, w, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    settings.ATTACHMENT_VIDEO_MAX_BYTES = 2000
    client.force_login(w.reporter)
    big = SimpleUploadedFile("besar.png", PNG_1PX + b"\0" * 400_000, content_type="image/png")
    response = upload(client, big)
    assert response.status_code == 413
    html = response.content.decode().replace("\xa0", " ")
    assert str(filesizeformat(1000)).replace("\xa0", " ") in html
    assert str(filesizeformat(2000)).replace("\xa0", " ") in html
    assert not DraftFile.objects.exists()


def test_at_most_five_files(client, w):
    client.force_login(w.reporter)
    for i in range(MAX_FILES):
        upload(client, png(f"foto{i}.png"))
    response = upload(client, png("satu-lagi.png"))
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert DraftFile.objects.count() == MAX_FILES
    html = client.get(reverse("portal:write_files")).content.decode()
    assert 'type="file"' not in html  # no more room: no picker


def test_the_limits_are_stated_from_the_settings(client, w, settings):
    settings.ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
    settings.ATTACHMENT_VIDEO_MAX_BYTES = 80 * 1024 * 1024
    client.force_login(w.reporter)
    html = client.get(reverse("portal:write_files")).content.decode()
    assert 'data-max-bytes="20971520"' in html and 'data-video-max-bytes="83886080"' in html
    hint = html.split('id="id_attachments_helptext"')[1].split("</p>")[0].replace("\xa0", " ")
    assert str(filesizeformat(20 * 1024 * 1024)).replace("\xa0", " ") in hint
    assert str(filesizeformat(80 * 1024 * 1024)).replace("\xa0", " ") in hint


def test_services_refuse_a_visitor_and_another_persons_draft(w):
    from lapor.accounts.principals import VISITOR
    from lapor.core.exceptions import NotFound, PermissionDenied

    owner = as_official(w.reporter)
    draft = drafts.draft_get_or_create(principal=owner)
    assert drafts.draft_get(principal=VISITOR) is None
    with pytest.raises(PermissionDenied):
        drafts.draft_get_or_create(principal=VISITOR)
    other = as_official(UserFactory())
    with pytest.raises(NotFound):
        drafts.draft_save_answers(principal=other, draft=draft, answers={"title": "x"})
    with pytest.raises(NotFound):
        drafts.draft_file_add(principal=other, draft=draft, uploaded=png())
    with pytest.raises(ValueError):
        drafts.draft_save_answers(principal=owner, draft=draft, answers={"reporter": 1})
    assert WriteDraft.objects.get().data == {}


def test_purge_removes_stale_drafts_and_their_files(client, w, django_capture_on_commit_callbacks):
    client.force_login(w.reporter)
    upload(client, png())
    stale = DraftFile.objects.get()
    WriteDraft.objects.filter(pk=stale.draft_id).update(
        updated_at=timezone.now() - timedelta(days=8)
    )
    fresh_user = UserFactory()
    client.force_login(fresh_user)
    upload(client, png("baru.png"))
    fresh = DraftFile.objects.get(draft__owner=fresh_user)

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_write_drafts", stdout=out)
    assert "Purged 1 draft" in out.getvalue()
    assert not WriteDraft.objects.filter(owner=w.reporter).exists()
    assert not DraftFile.objects.filter(pk=stale.pk).exists()
    assert not default_storage.exists(stale.file.name)
    assert not default_storage.exists(stale.thumbnail.name)
    assert DraftFile.objects.filter(pk=fresh.pk).exists()
    assert default_storage.exists(fresh.file.name)
