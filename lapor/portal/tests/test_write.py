"""Writing a report through the page: with and without the JavaScript helpers."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lapor.agencies.models import RoutingRule
from lapor.reports.models import Attachment, Report

from .conftest import PNG_1PX
from .helpers import DESCRIPTION, build_world, public_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return build_world()


def form_data(w, **overrides):
    data = {
        "classification": "pengaduan",
        "title": "Jalan berlubang di depan pasar",
        "description": DESCRIPTION,
        "incident_date": "2026-01-15",
        "province": "32",
        "regency": "32.73",
        "district": "32.73.01",
        "village": w.village.code,
        "category": str(w.category.pk),
        "address": "Depan Pasar Baru",
        "target_agency": "",
    }
    data.update(overrides)
    return data


def test_write_needs_an_account(client):
    response = client.get(reverse("portal:write"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_write_page_renders_every_part(client, w):
    client.force_login(w.reporter)
    html = client.get(reverse("portal:write")).content.decode()
    for needle in (
        'name="classification"',
        'id="id_title"',
        'id="id_province"',
        'name="is_anonymous"',
        'name="is_confidential"',
        'type="file"',
        "multiple",
        'id="map-open"',
    ):
        assert needle in html
    # The heavy map library is never loaded up front.
    assert 'leaflet.js"' not in html.split('data-js="')[0]


def test_submit_with_photo_gives_tracking_id_and_steps(client, w):
    client.force_login(w.reporter)
    photo = SimpleUploadedFile("jalan.png", PNG_1PX, content_type="image/png")
    response = client.post(reverse("portal:write"), {**form_data(w), "attachments": [photo]})
    assert response.status_code == 302
    report = Report.objects.get()
    assert response.url == reverse("portal:report_sent", kwargs={"tracking_id": report.tracking_id})
    assert report.region_id == w.village.code and report.category_id == w.category.pk
    assert Attachment.objects.filter(report=report, kind="image").count() == 1
    page = client.get(response.url)
    html = page.content.decode()
    assert report.tracking_id in html
    assert "step-current" in html  # verification is the current step, with its due date


def test_errors_are_summarised_and_nothing_typed_is_lost(client, w):
    client.force_login(w.reporter)
    response = client.post(
        reverse("portal:write"), form_data(w, description="Terlalu pendek", classification="")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_description"' in html and 'href="#id_classification_0"' in html
    assert 'value="Jalan berlubang di depan pasar"' in html
    assert "Depan Pasar Baru" in html
    assert f'<option value="{w.village.code}" selected>' in html
    assert Report.objects.count() == 0


def test_service_errors_land_on_the_fields(client, w):
    client.force_login(w.reporter)
    response = client.post(
        reverse("portal:write"), form_data(w, latitude="48.85", longitude="2.35")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_latitude"' in html


def test_without_javascript_the_region_step_fills_the_next_list(client, w):
    client.force_login(w.reporter)
    data = form_data(w, regency="", district="", village="", _step="region")
    response = client.post(reverse("portal:write"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" not in html  # a step is not a submission
    assert '<option value="32.73">' in html
    assert 'value="Jalan berlubang di depan pasar"' in html
    assert Report.objects.count() == 0


def test_region_cascade_partial_for_htmx(client, w):
    response = client.get(reverse("portal:region_options"), {"province": "32"})
    html = response.content.decode()
    assert 'id="id_regency" hx-swap-oob="innerHTML"' in html
    assert '<option value="32.73">' in html
    assert 'id="id_village" hx-swap-oob="innerHTML"' in html


def test_agency_suggestion_from_routing_rules(client, w):
    RoutingRule.objects.create(category=w.topic, region_id="32.73", agency=w.agency)
    client.force_login(w.reporter)
    response = client.post(
        reverse("portal:agency_suggest"), {"category": w.category.pk, "village": w.village.code}
    )
    html = response.content.decode()
    assert w.agency.name in html and f'value="{w.agency.pk}"' in html
    # Choosing it sends the report straight to that agency.
    response = client.post(reverse("portal:write"), form_data(w, target_agency=str(w.agency.pk)))
    assert response.status_code == 302
    assert Report.objects.get().agency_id == w.agency.pk


def test_similar_open_reports_are_suggested(client, w):
    existing = public_report(w, title="Jalan berlubang dekat sekolah")
    response = client.get(
        reverse("portal:similar"), {"title": "Jalan berlubang parah", "village": w.village.code}
    )
    assert existing.tracking_id in response.content.decode()
    confidential = public_report(w, title="Pungutan liar sekolah", is_confidential=True)
    response = client.get(reverse("portal:similar"), {"title": "Pungutan liar"})
    assert confidential.tracking_id not in response.content.decode()


def test_refused_file_keeps_the_report_unmade(client, w):
    client.force_login(w.reporter)
    bad = SimpleUploadedFile("foto.jpg", b"<html>not a photo</html>", content_type="image/jpeg")
    response = client.post(reverse("portal:write"), {**form_data(w), "attachments": [bad]})
    assert response.status_code == 200
    assert 'href="#id_attachments"' in response.content.decode()
    assert Report.objects.count() == 0
