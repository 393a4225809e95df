"""The report page: timeline, the reporter's reply, accept-and-rate, consent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lapor.accounts.principals import SYSTEM
from lapor.reports import services
from lapor.reports.choices import OmbudsmanConsent, Status
from lapor.reports.models import Attachment, Report
from lapor.testing.factories import as_official

from .conftest import PNG_1PX
from .helpers import answered_report, build_world, public_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return build_world()


def url(report, name="portal:report"):
    return reverse(name, kwargs={"tracking_id": report.tracking_id})


def test_public_page_shows_timeline_and_follow_ups(client, w):
    report = answered_report(w)
    html = client.get(url(report)).content.decode()
    assert report.title in html
    assert "Sudah kami cek ke lokasi." in html and "Jalan sudah ditambal." in html
    # Officials appear as their agency to the public, never by name.
    assert "Andi Instansi" not in html and w.agency.name in html
    # Dates in the agency's timezone, Indonesian by default.
    assert "WIB" in html
    assert "Rahmawati" not in html  # the public sees the first name only
    assert "Siti" in html


def test_reporter_replies_with_a_file(client, w):
    report = public_report(w)
    services.report_follow_up(
        report_id=report.pk, actor=as_official(w.clerk), note="Kami jadwalkan perbaikan."
    )
    client.force_login(w.reporter)
    html = client.get(url(report)).content.decode()
    assert url(report, "portal:report_reply") in html
    photo = SimpleUploadedFile("bukti.png", PNG_1PX, content_type="image/png")
    response = client.post(
        url(report, "portal:report_reply"),
        {"note": "Belum diperbaiki sampai hari ini.", "attachments": [photo]},
    )
    assert response.status_code == 302
    event = report.events.get(code="report.replied")
    assert Attachment.objects.get(report=report).event_id == event.pk
    html = client.get(url(report)).content.decode()
    assert "Belum diperbaiki sampai hari ini." in html and "bukti.png" in html


def test_reply_errors_show_on_the_page(client, w):
    report = public_report(w)
    client.force_login(w.reporter)
    response = client.post(url(report, "portal:report_reply"), {"note": ""})
    assert response.status_code == 200
    assert 'href="#id_note"' in response.content.decode()


def test_accept_and_rate(client, w):
    report = answered_report(w)
    client.force_login(w.reporter)
    html = client.get(url(report)).content.decode()
    assert url(report, "portal:report_close") in html
    response = client.post(
        url(report, "portal:report_close"),
        {"rating": "4", "satisfied": "yes", "comment": "Terima kasih."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.CLOSED and report.rating == 4 and report.reporter_satisfied


def test_rating_is_required(client, w):
    report = answered_report(w)
    client.force_login(w.reporter)
    response = client.post(url(report, "portal:report_close"), {"satisfied": "no"})
    assert response.status_code == 200
    assert 'href="#id_rating_0"' in response.content.decode()
    assert Report.objects.get(pk=report.pk).status == Status.RESOLVED


def test_others_cannot_reply_or_rate(client, w):
    report = answered_report(w)
    client.force_login(w.clerk)
    assert (
        client.post(
            url(report, "portal:report_close"), {"rating": "5", "satisfied": "yes"}
        ).status_code
        == 404
    )
    assert client.post(url(report, "portal:report_reply"), {"note": "Palsu"}).status_code == 404


def test_ombudsman_consent_when_offered(client, w):
    from lapor.testing.factories import make_agency

    make_agency("Ombudsman RI", code="ombudsman-ri")
    then = timezone.now() - timedelta(days=70)
    report = public_report(w, now=then)
    Report.objects.filter(pk=report.pk).update(submitted_at=then)
    services.report_ask_consent(report_id=report.pk, actor=SYSTEM)
    client.force_login(w.reporter)
    html = client.get(url(report)).content.decode()
    assert url(report, "portal:report_consent") in html
    response = client.post(url(report, "portal:report_consent"), {"consent": "yes"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.ESCALATED and report.ombudsman_consent == OmbudsmanConsent.GIVEN


def test_my_reports_lists_own_reports_with_status(client, w):
    confidential = public_report(w, is_confidential=True, title="Perundungan di kantor kelurahan")
    client.force_login(w.reporter)
    html = client.get(reverse("portal:my_reports")).content.decode()
    assert confidential.tracking_id in html  # one's own confidential report is there
