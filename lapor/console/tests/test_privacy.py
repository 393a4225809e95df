"""Issue 8, findings 3 and 5: what the console itself may not give away.

Finding 3: "Possible duplicates" on the verification desk matched on the reporter, so
an agency verifier of an anonymous report was shown the same person's named reports.
Finding 5: the national verifier's note for the agency was shown on the public page.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from lapor.console.selectors import report_possible_duplicates
from lapor.reports.models import Report, ReportEvent
from lapor.testing.factories import CategoryFactory, UserFactory, make_region

from .conftest import official, person, submit, verified_client

pytestmark = pytest.mark.django_db


def console_page(client: Client, report: Report) -> str:
    response = client.get(reverse("console:report", args=[report.tracking_id]))
    assert response.status_code == 200
    return response.content.decode()


def public_page(client: Client, report: Report) -> Any:
    return client.get(reverse("portal:report", args=[report.tracking_id]))


# --- finding 3: possible duplicates ----------------------------------------------------


def _named_and_anonymous(cast: Any) -> tuple[Report, Report]:
    """The same person's named report (elsewhere, on another topic, public) and their
    anonymous report to the regency, which the regency's admin verifies."""
    make_region("32.73", name="Kota Bandung")
    named = submit(
        cast.reporter,
        title="Pungutan liar di kantor kelurahan",
        description="Petugas kelurahan meminta uang tambahan untuk surat pengantar KTP.",
        region_code="32.73",
        category_id=CategoryFactory().pk,
    )
    verified_client(cast.national).post(
        reverse("console:report_action", args=[named.tracking_id, "dispose"]),
        {"agency_id": cast.other.pk, "title": named.title, "classification": "pengaduan"},
    )
    anonymous = submit(
        cast.reporter,
        title="Jembatan gantung di desa hampir putus",
        is_anonymous=True,
        target_agency_id=cast.regency.pk,
        category_id=CategoryFactory().pk,
    )
    return Report.objects.get(pk=named.pk), anonymous


def test_agency_verifier_is_not_shown_the_anonymous_reporters_named_reports(cast: Any) -> None:
    named, anonymous = _named_and_anonymous(cast)
    client = verified_client(cast.regency_admin)
    # The named report is public: the agency verifier may read it on its own...
    assert client.get(reverse("portal:report", args=[named.tracking_id])).status_code == 200
    # ...but nothing on the anonymous report's page may point to it.
    html = console_page(client, anonymous)
    assert "act-archive" in html  # the duplicates block is on this page
    assert named.tracking_id not in html
    assert named.title not in html


def test_national_admin_matches_duplicates_by_reporter(cast: Any) -> None:
    named, anonymous = _named_and_anonymous(cast)
    html = console_page(verified_client(cast.national), anonymous)
    assert named.tracking_id in html


def test_agency_verifier_still_gets_matches_by_region_and_topic(cast: Any) -> None:
    category = CategoryFactory()
    someone_else = submit(
        UserFactory(),
        title="Jalan desa berlubang dekat pasar",
        category_id=category.pk,
        target_agency_id=cast.regency.pk,
    )
    mine = submit(
        cast.reporter,
        title="Jalan rusak di depan pasar desa",
        category_id=category.pk,
        target_agency_id=cast.regency.pk,
        is_anonymous=True,
    )
    html = console_page(verified_client(cast.regency_admin), mine)
    assert someone_else.tracking_id in html


def test_duplicates_by_reporter_only_for_the_national_admin(cast: Any) -> None:
    named, anonymous = _named_and_anonymous(cast)
    assert named in report_possible_duplicates(official(cast.national), anonymous)
    for user in (cast.regency_admin, cast.ombudsman_user, cast.pengawas):
        assert named not in report_possible_duplicates(official(user), anonymous), user


def test_a_topic_match_never_ties_a_named_report_to_the_same_persons_anonymous_one(
    cast: Any,
) -> None:
    """The other way round: the agency verifier knows a named report's reporter, so the
    same person's anonymous report on the same topic is no "possible duplicate" for them,
    while another person's anonymous report is."""
    category = CategoryFactory()
    hidden = submit(
        cast.reporter,
        title="Sampah menumpuk di sungai desa",
        category_id=category.pk,
        target_agency_id=cast.regency.pk,
        is_anonymous=True,
    )
    stranger = submit(
        UserFactory(),
        title="Sampah di sungai dekat jembatan",
        category_id=category.pk,
        target_agency_id=cast.regency.pk,
        is_anonymous=True,
    )
    named = submit(
        cast.reporter,
        title="Sampah sungai belum diangkut",
        category_id=category.pk,
        target_agency_id=cast.regency.pk,
    )
    verifier = official(cast.regency_admin)
    found = report_possible_duplicates(verifier, named)
    assert stranger in found
    assert hidden not in found
    html = console_page(verified_client(cast.regency_admin), named)
    assert stranger.tracking_id in html
    assert hidden.tracking_id not in html
    # The national admin may know both reporters: the match stands for them.
    assert hidden in report_possible_duplicates(official(cast.national), named)


def test_no_duplicates_for_an_official_without_the_second_factor(cast: Any) -> None:
    _named, anonymous = _named_and_anonymous(cast)
    # A half-signed-in national admin is a citizen: the anonymous report is not theirs
    # to read, and nothing is matched by reporter.
    assert report_possible_duplicates(person(cast.national), anonymous) == []


# --- finding 5: the verifier's note for the agency ---------------------------------------

NOTE_MARKER = "CATATAN-UNTUK-INSTANSI-7f3a: pelapor pernah melapor hal serupa"


def test_note_for_the_agency_is_internal(cast: Any) -> None:
    report = submit(cast.reporter)
    national = verified_client(cast.national)
    response = national.post(
        reverse("console:report_action", args=[report.tracking_id, "dispose"]),
        {
            "agency_id": cast.regency.pk,
            "title": report.title,
            "classification": "pengaduan",
            "note": NOTE_MARKER,
        },
    )
    assert response.status_code == 302

    # The public page as a visitor, and as the reporter: the move is there, the note not.
    for client in (Client(), verified_client(cast.reporter)):
        public = public_page(client, report)
        assert public.status_code == 200
        assert NOTE_MARKER not in public.content.decode()
    # The handling agency's officer reads it in the console.
    assert NOTE_MARKER in console_page(verified_client(cast.regency_admin), report)


def test_bulk_note_for_the_agency_is_internal(cast: Any) -> None:
    reports = [submit(cast.reporter, title=f"Lampu jalan mati di gang nomor {i}") for i in (1, 2)]
    verified_client(cast.national).post(
        reverse("console:desk_bulk"),
        {
            "op": "dispose",
            "agency_id": cast.regency.pk,
            "ids": [r.pk for r in reports],
            "note": NOTE_MARKER,
        },
    )
    officer = verified_client(cast.regency_admin)
    for report in reports:
        assert NOTE_MARKER not in public_page(Client(), report).content.decode()
        assert NOTE_MARKER in console_page(officer, report)
        # What was stored: the public move carries no note, an internal one holds it.
        assert ReportEvent.objects.get(report=report, code="report.disposed").note == ""
        noted = ReportEvent.objects.get(report=report, code="report.noted")
        assert (noted.note, noted.visibility) == (NOTE_MARKER, "internal")


def test_a_bulk_archive_refuses_the_internal_note(cast: Any) -> None:
    """The desk's bulk note is labelled "officials only"; an archive's note is the
    reporter's to read. Archiving with it is refused and nothing is written."""
    report = submit(cast.reporter, title="Lampu jalan mati di gang nomor 9")
    before = ReportEvent.objects.filter(report=report).count()
    verified_client(cast.national).post(
        reverse("console:desk_bulk"), {"op": "spam", "ids": [report.pk], "note": NOTE_MARKER}
    )
    report.refresh_from_db()
    assert report.status == "submitted"
    assert ReportEvent.objects.filter(report=report).count() == before
    assert not ReportEvent.objects.filter(note__contains=NOTE_MARKER).exists()


# Each free-text field an official writes, and who reads what is written in it.
AUDIENCES = {
    "dispose-note": "internal",
    "dispose-title": "public",
    "hold-note": "reporter",
    "archive-note": "reporter",
    "note-note": "internal",
}


def _audience_of(html: str, field_id: str) -> str | None:
    """The audience the form states for the field (``data-audience`` on its hint)."""
    import re

    match = re.search(
        rf'<p class="hint audience" id="{field_id}-audience" data-audience="(\w+)">', html
    )
    return match.group(1) if match else None


def test_every_free_text_field_states_its_audience(cast: Any) -> None:
    report = submit(cast.reporter)
    html = console_page(verified_client(cast.national), report)
    for field_id, audience in AUDIENCES.items():
        assert _audience_of(html, field_id) == audience, field_id
        assert f'aria-describedby="{field_id}-audience' in html, field_id

    report = Report.objects.get(pk=report.pk)
    verified_client(cast.national).post(
        reverse("console:report_action", args=[report.tracking_id, "dispose"]),
        {"agency_id": cast.regency.pk, "title": report.title, "classification": "pengaduan"},
    )
    html = console_page(verified_client(cast.regency_admin), report)
    for field_id, audience in {
        "dispose_to_unit-note": "internal",
        "follow_up-note": "choice",
        "resolve-note": "public",
        "decline-note": "internal",
        "transfer-note": "internal",
        "note-note": "internal",
    }.items():
        assert _audience_of(html, field_id) == audience, field_id
