"""A verifier hides a passage from the public by hand (``reports.redaction``)."""

from __future__ import annotations

import pytest
from django.utils import translation

from lapor.accounts.choices import Role
from lapor.accounts.principals import VISITOR, principal_for_user
from lapor.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from lapor.reports import services
from lapor.reports.choices import Status, Visibility
from lapor.reports.models import Report, ReportEvent
from lapor.reports.public_text import event_note_for, report_text_for
from lapor.reports.search import report_search, search_documents_write
from lapor.reports.selectors import report_public_dict
from lapor.testing.factories import UserFactory, make_agency, make_member, make_report, make_unit

pytestmark = pytest.mark.django_db

PASSAGE = "rumah cat kuning di belakang Masjid Al-Ikhlas"
DESCRIPTION = (
    "Lampu jalan di gang kami mati sejak Januari. Saya tinggal di rumah cat kuning di "
    "belakang Masjid Al-Ikhlas, jadi tiap malam anak saya pulang mengaji lewat gang gelap."
)


@pytest.fixture(autouse=True)
def _english_and_fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override("en"):
        yield


@pytest.fixture
def w():
    agency = make_agency("Dinas Perhubungan Kota Contoh")
    unit = make_unit(agency, "Bidang Penerangan Jalan")
    other = make_agency("Kabupaten Lain")
    reporter = UserFactory(full_name="Rina Marlina")
    users = {
        "reporter": reporter,
        "citizen": UserFactory(full_name="Warga Lain"),
        "national": make_member(Role.ADMIN_NASIONAL, None),
        "agency_admin": make_member(Role.ADMIN_INSTANSI, agency),
        "unit_admin": make_member(Role.ADMIN_UNIT, unit),
        "other_agency_admin": make_member(Role.ADMIN_INSTANSI, other),
        "ombudsman": make_member(Role.OMBUDSMAN, None),
        "pengawas": make_member(Role.PENGAWAS, None),
    }
    public = make_report(
        reporter=reporter,
        agency=agency,
        unit=unit,
        status=Status.IN_PROGRESS,
        title="Lampu jalan mati di gang",
        description=DESCRIPTION,
    )
    # Waiting for verification by the agency the reporter picked (it holds it).
    picked = make_report(
        reporter=reporter,
        agency=agency,
        target_agency=agency,
        status=Status.SUBMITTED,
        title="Lampu jalan mati lagi",
        description=DESCRIPTION,
    )
    search_documents_write([public.pk, picked.pk])
    return {"users": users, "public": public, "picked": picked, "agency": agency}


def actor(w, key, *, verified=True):
    return principal_for_user(w["users"][key], verified=verified)


def redact(w, key, report_key="public", passage=PASSAGE, **kwargs):
    return services.report_redact(
        actor=actor(w, key, **kwargs), report_id=w[report_key].pk, passage=passage
    )


def reload(report):
    return Report.objects.select_related("reporter", "agency", "unit").get(pk=report.pk)


def test_the_national_admin_hides_a_passage_stored_with_an_internal_event(w):
    event = redact(w, "national")
    report = reload(w["public"])
    assert report.redactions == [PASSAGE]
    assert event.code == "report.redacted"
    assert event.visibility == Visibility.INTERNAL
    assert event.actor_id == w["users"]["national"].pk
    assert event.actor_role == Role.ADMIN_NASIONAL
    assert event.data == {"passage": PASSAGE}
    assert event.from_status == event.to_status == Status.IN_PROGRESS
    assert report.status == Status.IN_PROGRESS


def test_the_event_and_its_passage_reach_only_the_officials(w):
    event = redact(w, "national")
    for key in ("reporter", "citizen", "other_agency_admin"):
        readable = ReportEvent.objects.visible_to(actor(w, key))
        assert not readable.filter(pk=event.pk).exists(), key
    assert not ReportEvent.objects.visible_to(VISITOR).filter(pk=event.pk).exists()
    for key in ("agency_admin", "national"):
        assert ReportEvent.objects.visible_to(actor(w, key)).filter(pk=event.pk).exists(), key


def test_the_public_reads_the_placeholder_and_the_reporter_and_handlers_the_text(w):
    redact(w, "national")
    report = reload(w["public"])
    public = report_text_for(VISITOR, report).description
    assert "Masjid Al-Ikhlas" not in public and "[hidden by the verifier]" in public
    assert "Lampu jalan di gang kami mati" in public
    assert report_public_dict(VISITOR, report)["description"] == public
    for key in ("citizen", "other_agency_admin"):
        assert report_text_for(actor(w, key), report).description == public, key
    assert report_text_for(actor(w, "agency_admin", verified=False), report).description == public
    for key in ("reporter", "agency_admin", "unit_admin", "national", "ombudsman", "pengawas"):
        assert report_text_for(actor(w, key), report).description == DESCRIPTION, key


def test_the_passage_is_hidden_in_public_notes_too(w):
    note = ReportEvent.objects.create(
        report=w["public"],
        code="report.followed_up",
        visibility=Visibility.PUBLIC,
        note="Petugas sudah memasang lampu di dekat rumah cat kuning di belakang Masjid Al-Ikhlas.",
    )
    redact(w, "national", passage="Masjid Al-Ikhlas")
    note = ReportEvent.objects.select_related("report__reporter").get(pk=note.pk)
    assert "Al-Ikhlas" not in event_note_for(VISITOR, note)
    assert "Al-Ikhlas" in event_note_for(actor(w, "reporter"), note)


def test_a_passage_only_in_a_public_note_may_be_hidden(w):
    ReportEvent.objects.create(
        report=w["public"],
        code="report.followed_up",
        visibility=Visibility.PUBLIC,
        note="Kami hubungi Pak RT Sugeng di pos ronda.",
    )
    redact(w, "national", passage="Pak RT Sugeng")
    assert reload(w["public"]).redactions == ["Pak RT Sugeng"]


def test_the_public_search_no_longer_finds_the_passage(w):
    public = Report.objects.visible_to(VISITOR)
    assert list(report_search(public, "Al-Ikhlas")) == [w["public"]]
    redact(w, "national")
    assert list(report_search(public, "Al-Ikhlas")) == []
    assert list(report_search(public, "mengaji")) == [w["public"]]


def test_the_agency_verifier_of_a_report_its_reporter_sent_it_may_redact(w):
    event = redact(w, "agency_admin", report_key="picked")
    assert event.actor_role == Role.ADMIN_INSTANSI
    assert event.actor_agency_id == w["agency"].pk
    assert reload(w["picked"]).redactions == [PASSAGE]


@pytest.mark.parametrize(
    "key", ["agency_admin", "unit_admin", "ombudsman", "pengawas", "reporter", "citizen"]
)
def test_who_is_not_the_verifier_is_refused_and_nothing_changes(w, key):
    # The handling agency did not verify this report (nobody picked it): not its call.
    with pytest.raises(PermissionDenied):
        redact(w, key)
    assert reload(w["public"]).redactions == []
    assert not ReportEvent.objects.filter(code="report.redacted").exists()


def test_a_national_admin_without_a_verified_second_factor_is_refused(w):
    with pytest.raises(PermissionDenied):
        redact(w, "national", verified=False)
    assert reload(w["public"]).redactions == []


def test_a_report_the_actor_may_not_read_looks_like_none(w):
    with pytest.raises(NotFound):
        redact(w, "other_agency_admin", report_key="picked")
    with pytest.raises(NotFound):
        services.report_redact(actor=VISITOR, report_id=w["picked"].pk, passage=PASSAGE)


@pytest.mark.parametrize(
    "passage",
    ["", "  ", "ab", "tidak ada di laporan ini", "x" * 501],
)
def test_a_passage_that_is_missing_or_not_in_the_text_is_refused(w, passage):
    with pytest.raises(ValidationFailed) as exc:
        redact(w, "national", passage=passage)
    assert "passage" in exc.value.errors
    assert reload(w["public"]).redactions == []
    assert not ReportEvent.objects.filter(code="report.redacted").exists()


def test_a_passage_is_matched_as_written_whatever_case_and_spacing(w):
    redact(w, "national", passage="  RUMAH CAT KUNING   di belakang ")
    report = reload(w["public"])
    assert report.redactions == ["RUMAH CAT KUNING di belakang"]
    assert "kuning" not in report_text_for(VISITOR, report).description.lower()


def test_the_same_passage_twice_is_refused(w):
    redact(w, "national")
    with pytest.raises(ValidationFailed):
        redact(w, "national", passage=PASSAGE.upper())
    assert reload(w["public"]).redactions == [PASSAGE]
    assert ReportEvent.objects.filter(code="report.redacted").count() == 1
