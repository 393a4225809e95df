"""The registry of event codes and the one writer of events (``reports.events``), and a
move's files, stored on the move's own event."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from lapor.core.exceptions import PermissionDenied, ValidationFailed
from lapor.core.models import OutboxMessage
from lapor.reports import services, sweeps
from lapor.reports.choices import Status, Visibility
from lapor.reports.events import (
    EVENT_TYPES,
    FILES_MAX,
    UnknownEventCode,
    event_append,
    event_label,
    events_append,
)
from lapor.reports.models import Attachment, ReportEvent
from lapor.reports.permissions import Acting
from lapor.reports.transitions import TRANSITIONS, Action, transition

from .flow_world import FAST_HASHERS, World, build_world, report_in, snapshot
from .test_attachments import PDF, png_bytes


@pytest.fixture
def world(settings, db, tmp_path) -> World:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


# --- the registry -------------------------------------------------------------------

# Every code some code path writes, written out by hand: a new code must be added here
# and to the registry, with its audience and its labels.
WRITTEN_CODES = {
    *(move.event for move in TRANSITIONS.values()),
    sweeps.REMINDER,
    sweeps.OVERDUE,
    sweeps.ESCALATED_TO_AGENCY,
    sweeps.ESCALATED_TO_NATIONAL,
    services.NOTE_EVENT,
    services.ASSIGN_EVENT,
    services.UNASSIGN_EVENT,
    "report.redacted",  # the verifier's manual redaction (reports.masking)
}


def test_every_code_written_is_registered():
    assert set(EVENT_TYPES) >= WRITTEN_CODES
    assert set(EVENT_TYPES) == WRITTEN_CODES, "a registered code nobody writes"


@pytest.mark.parametrize("code", sorted(EVENT_TYPES))
def test_every_registered_code_has_an_audience_and_labels(code):
    kind = EVENT_TYPES[code]
    assert kind.code == code
    assert kind.audience in Visibility.values
    for language in ("en", "id"):
        with translation.override(language):
            for official in (False, True):
                label = event_label(code, official=official)
                assert label and label != code, (language, official)


def test_labels_are_translated_to_indonesian():
    with translation.override("id"):
        indonesian = event_label("report.disposed")
    with translation.override("en"):
        english = event_label("report.disposed")
    assert english == "Checked and sent to the agency"
    assert indonesian != english


def test_the_moves_audiences_are_the_registrys():
    for move in TRANSITIONS.values():
        assert move.visibility == EVENT_TYPES[move.event].audience
    assert EVENT_TYPES["report.disposed_to_unit"].audience == Visibility.INTERNAL
    assert EVENT_TYPES["report.noted"].audience == Visibility.INTERNAL


def test_an_unknown_code_still_has_a_readable_label():
    # Events from an older release keep their code as their name on the timeline.
    assert event_label("report.from_an_old_release") == "report.from_an_old_release"


# --- the writer -----------------------------------------------------------------------


def test_writing_an_unregistered_code_fails_and_writes_nothing(world):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    before = snapshot(report)
    with pytest.raises(UnknownEventCode):
        event_append(report=report, code="report.something_new", actor=world.actor("system"))
    with pytest.raises(UnknownEventCode):
        events_append(
            [
                ReportEvent(report_id=report.pk, code="report.reminder"),
                ReportEvent(report_id=report.pk, code="report.note"),
            ]
        )
    assert snapshot(report) == before
    assert not OutboxMessage.objects.exists()


def test_an_event_gets_its_codes_audience_and_is_published(world):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    event = event_append(report=report, code="report.overdue", actor=world.actor("system"))
    assert (event.visibility, event.actor_id, event.actor_role) == ("internal", None, "system")
    assert (event.from_status, event.to_status) == (Status.IN_PROGRESS, Status.IN_PROGRESS)
    assert OutboxMessage.objects.filter(idempotency_key=f"report.event:{event.pk}").exists()


def test_the_writer_records_the_capacity_and_the_reporter(world):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    national = world.actor("national")
    noted = event_append(
        report=report,
        code="report.noted",
        actor=national,
        note="Cek ulang lokasi.",
        acting=Acting("admin_nasional", national.scopes[0]),
    )
    assert (noted.actor_id, noted.actor_role) == (national.user_id, "admin_nasional")
    redacted = event_append(report=report, code="report.redacted", actor=world.actor("reporter"))
    assert (redacted.actor_role, redacted.visibility) == ("reporter", "internal")
    # An official's event without the capacity it is written in is a programming error.
    with pytest.raises(ValueError):
        event_append(report=report, code="report.noted", actor=national, note="Tanpa peran.")


def test_a_batch_of_events_is_written_and_published_together(world):
    now = timezone.now()
    reports = [report_in(world, Status.IN_PROGRESS, now=now) for _ in range(3)]
    written = events_append(
        [ReportEvent(report_id=r.pk, code="report.overdue", created_at=now) for r in reports]
        + [ReportEvent(report_id=reports[0].pk, code="report.escalated_to_national")]
    )
    assert all(e.pk for e in written)
    assert ReportEvent.objects.filter(pk__in=[e.pk for e in written]).count() == 4
    keys = {f"report.event:{e.pk}" for e in written}
    assert set(OutboxMessage.objects.values_list("idempotency_key", flat=True)) == keys


# --- a move returns its event and stores its files on it ----------------------------


def test_a_move_with_files_stores_them_on_its_own_event(world):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    earlier = event_append(report=report, code="report.overdue", actor=world.actor("system"))
    event = transition(
        report_id=report.pk,
        action=Action.FOLLOW_UP,
        actor=world.actor("agency_admin"),
        note="Foto perbaikan terlampir.",
        files=[upload(png_bytes(), "foto.png"), upload(PDF, "berita-acara.pdf")],
    )
    assert event.code == "report.followed_up" and event.report.pk == report.pk
    files = list(Attachment.objects.filter(report=report).order_by("id"))
    assert [f.original_name for f in files] == ["foto.png", "berita-acara.pdf"]
    assert {f.event_id for f in files} == {event.pk}
    assert {f.visibility for f in files} == {event.visibility}
    assert {f.uploaded_by_id for f in files} == {world.users["agency_admin"].pk}
    assert not earlier.attachments.exists()


def test_files_on_an_internal_move_are_internal(world):
    report = report_in(world, Status.DISPOSED, now=timezone.now())
    event = services.report_decline(
        report_id=report.pk,
        actor=world.actor("agency_admin"),
        note="Bukan kewenangan kami, lihat surat.",
        files=[upload(PDF, "surat.pdf")],
    )
    (attachment,) = event.attachments.all()
    assert attachment.visibility == event.visibility == Visibility.INTERNAL


def test_a_bad_file_refuses_the_move_and_nothing_is_written(world):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    before = snapshot(report)
    with pytest.raises(ValidationFailed) as exc:
        transition(
            report_id=report.pk,
            action=Action.RESOLVE,
            actor=world.actor("agency_admin"),
            note="Sudah diperbaiki.",
            files=[upload(PDF, "ok.pdf"), upload(b"<html>not a photo</html>", "foto.jpg")],
        )
    assert list(exc.value.errors) == ["files"]
    assert "foto.jpg" in exc.value.errors["files"][0]
    assert snapshot(report) == before
    assert not Attachment.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_too_many_files_refuse_the_move(world):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    with pytest.raises(ValidationFailed):
        transition(
            report_id=report.pk,
            action=Action.FOLLOW_UP,
            actor=world.actor("agency_admin"),
            note="Banyak foto.",
            files=[upload(PDF, f"{i}.pdf") for i in range(FILES_MAX + 1)],
        )
    assert not Attachment.objects.exists()


def test_a_refused_move_stores_no_file(world):
    report = report_in(world, Status.IN_PROGRESS, now=timezone.now())
    with pytest.raises(PermissionDenied):
        transition(
            report_id=report.pk,
            action=Action.FOLLOW_UP,
            actor=world.actor("other_agency_admin"),
            note="Bukan laporan kami.",
            files=[upload(PDF, "x.pdf")],
        )
    assert not Attachment.objects.exists()


def test_filing_with_files_puts_them_on_the_submitted_event(world):
    event = services.report_submit(
        actor=world.actor("reporter"),
        classification="pengaduan",
        title="Jalan berlubang di Jalan Merdeka",
        description="Sejak dua minggu jalan di depan pasar berlubang besar dan berbahaya.",
        files=[upload(png_bytes(), "lubang.png")],
    )
    (attachment,) = Attachment.objects.all()
    assert (attachment.event_id, attachment.report_id) == (event.pk, event.report.pk)
    assert event.code == "report.submitted"
