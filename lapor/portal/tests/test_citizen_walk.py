"""What a citizen stumbled on when walking the whole path (issue 9 review), over HTTP.

Each test fails on the page as it was: an agency suggestion in English on Indonesian
pages, "similar reports" from another city, a confidential report "anyone can find",
a reply that landed mid-page, a rating saved but never shown back, no way back to "My
reports", a sign-in page that did not say why it was asked for.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from lapor.agencies.models import RoutingRule
from lapor.reports.models import Report, ReportEvent
from lapor.testing.factories import UserFactory, make_agency, make_region

from .helpers import answered_report, build_world, public_report
from .test_write_flow import walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return build_world()


def text_of(response) -> str:
    """The page's words without tags, spaces folded."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_suggested_agency_is_named_in_indonesian(client, w):
    RoutingRule.objects.create(category=w.topic, region_id="32.73", agency=w.agency)
    client.force_login(w.reporter)
    walk(client, w)
    page = text_of(client.get(reverse("portal:write_agency")))
    assert f"{w.agency.name} (disarankan untuk topik dan tempat ini)" in page
    assert "suggested for" not in page
    client.cookies["django_language"] = "en"
    page = text_of(client.get(reverse("portal:write_agency"), HTTP_ACCEPT_LANGUAGE="en"))
    assert f"{w.agency.name} (suggested for this topic and place)" in page


def test_similar_reports_stay_in_the_chosen_area(client, w):
    bandung = public_report(w, title="Jalan berlubang dekat sekolah")
    make_region("51.71.01", name="Denpasar Selatan")
    in_bali = client.get(
        reverse("portal:similar"), {"title": "Jalan berlubang parah", "region": "51.71.01"}
    )
    assert bandung.tracking_id not in in_bali.content.decode()
    # The same words in Bandung, or with no place chosen yet, do find it.
    for region in ("32.73", ""):
        found = client.get(
            reverse("portal:similar"), {"title": "Jalan berlubang parah", "region": region}
        )
        assert bandung.tracking_id in found.content.decode()


def test_the_sent_page_promises_others_can_find_only_a_public_report(client, w):
    client.force_login(w.reporter)
    walk(client, w, privacy={"is_confidential": "on"})
    response = client.post(reverse("portal:write_send"), follow=True)
    report = Report.objects.get(reporter=w.reporter)
    assert report.is_confidential
    page = text_of(response)
    assert "Anda bisa menemukan laporan Anda" in page
    assert "orang lain" not in page

    walk(client, w)
    response = client.post(reverse("portal:write_send"), follow=True)
    assert "Anda dan orang lain bisa menemukan laporan itu" in text_of(response)


def test_a_reply_lands_at_the_top_where_its_confirmation_stands(client, w):
    report = answered_report(w)
    client.force_login(w.reporter)
    url = reverse("portal:report", kwargs={"tracking_id": report.tracking_id})
    response = client.post(
        reverse("portal:report_reply", kwargs={"tracking_id": report.tracking_id}),
        {"note": "Jalannya masih berlubang di sisi timur."},
    )
    assert response.status_code == 302 and response.url == url
    assert "Tanggapan Anda sudah dikirim ke instansi." in text_of(client.get(url))
    saved = ReportEvent.objects.filter(report=report).order_by("-pk").first()
    assert saved is not None and saved.note == "Jalannya masih berlubang di sisi timur."


def test_the_reporter_reads_back_the_rating_they_saved(client, w):
    report = answered_report(w)
    client.force_login(w.reporter)
    response = client.post(
        reverse("portal:report_close", kwargs={"tracking_id": report.tracking_id}),
        {"rating": "2", "satisfied": "no", "comment": "Baru separuh yang ditambal."},
        follow=True,
    )
    report.refresh_from_db()
    assert (report.rating, report.reporter_satisfied) == (2, False)
    page = text_of(response)
    assert "Terima kasih. Penilaian Anda sudah disimpan dan laporan ini ditutup." in page
    assert "Penilaian Anda 2 dari 5 · masalahnya belum selesai Baru separuh yang ditambal." in (
        page
    )
    # Anyone else reads the report without the reporter's rating block.
    client.force_login(UserFactory())
    url = reverse("portal:report", kwargs={"tracking_id": report.tracking_id})
    assert "Penilaian Anda" not in text_of(client.get(url))


def test_the_report_page_leads_its_reporter_back_to_my_reports(client, w):
    report = public_report(w)
    url = reverse("portal:report", kwargs={"tracking_id": report.tracking_id})
    back = f'class="back-link" href="{reverse("portal:my_reports")}"'
    client.force_login(w.reporter)
    assert back in client.get(url).content.decode()
    client.force_login(UserFactory())
    assert back not in client.get(url).content.decode()


def test_the_sign_in_page_says_why_when_writing_asked_for_it(client):
    response = client.get(reverse("portal:write"))
    assert response.status_code == 302
    page = client.get(response.url)
    assert 'id="sign-in-why"' in page.content.decode()
    assert "Masuk dulu untuk menulis laporan" in text_of(page)
    plain = client.get(reverse("accounts:login"))
    assert 'id="sign-in-why"' not in plain.content.decode()
    other = client.get(reverse("accounts:login"), {"next": reverse("portal:my_reports")})
    assert 'id="sign-in-why"' not in other.content.decode()


def test_the_story_step_asks_what_happened_once(client, w):
    client.force_login(w.reporter)
    page = text_of(client.get(reverse("portal:write_story")))
    # The heading asks; the box under it is labelled differently (it said the same).
    assert page.count("Apa yang terjadi?") == 2  # the <title> and the heading
    assert "Ceritakan kejadiannya" in page


def test_the_check_page_writes_the_place_as_the_report_page_does(client, w):
    client.force_login(w.reporter)
    walk(client, w)
    page = text_of(client.get(reverse("portal:write_check")))
    # Village first, province last: the order of an Indonesian address and the report page.
    assert "Sukajadi, Wilayah 32.73.01, Wilayah 32.73, Wilayah 32" in page


def test_the_check_page_warns_when_the_chosen_agency_no_longer_fits_the_place(client, w):
    """The suggested agency chosen for one place, then the place changed from the check
    page: the old agency would still get the report, so the page says so."""
    denpasar = make_agency("Pemerintah Kota Denpasar", region=make_region("51.71"))
    make_region("51.71.01.1001", name="Sanur")
    RoutingRule.objects.create(category=w.topic, region_id="51.71", agency=denpasar)
    RoutingRule.objects.create(category=w.topic, region_id="32.73", agency=w.agency)
    client.force_login(w.reporter)
    walk(
        client,
        w,
        place={"province": "51", "regency": "51.71", "district": "", "village": ""},
        agency=str(denpasar.pk),
    )
    page = client.get(reverse("portal:write_check")).content.decode()
    assert 'id="agency-other"' not in page  # the suggestion was taken: nothing to say
    response = client.post(
        reverse("portal:write") + "?ubah=1",
        {"province": "32", "regency": "32.73", "district": "", "village": "", "address": ""},
    )
    assert response.url == reverse("portal:write_check")
    page = text_of(client.get(reverse("portal:write_check")))
    assert (
        "Untuk tempat dan topik ini LAPOR! akan menyarankan Pemerintah Kota Bandung. "
        "Periksa apakah instansi yang Anda pilih sudah tepat." in page
    )
    # What would be sent is what the page shows: the agency chosen, in the new place.
    client.post(reverse("portal:write_send"))
    report = Report.objects.get(reporter=w.reporter)
    assert (report.region_id, report.target_agency_id) == ("32.73", denpasar.pk)
