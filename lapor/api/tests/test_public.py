"""The public reads over HTTP: filters, cursor pages, the gate, masking, timelines."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from lapor.agencies.choices import AgencyKind, Classification
from lapor.reports.choices import Status, Visibility
from lapor.reports.models import Attachment, Report
from lapor.reports.search import search_documents_write
from lapor.testing.factories import (
    CategoryFactory,
    make_agency,
    make_privacy_world,
    make_region,
    make_report,
    make_unit,
)

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")


def get(client: Any, url: str, **kwargs: Any) -> Any:
    response = client.get(url, **kwargs)
    return response, json.loads(response.content)


def public(**fields: Any) -> Report:
    fields.setdefault("status", Status.IN_PROGRESS)
    fields.setdefault("description", "Mohon segera ditangani.")
    report = make_report(**fields)
    search_documents_write([report.pk])
    return report


def ids(body: dict[str, Any]) -> list[str]:
    return [item["tracking_id"] for item in body["items"]]


# --- the list --------------------------------------------------------------------------


def test_list_is_the_public_list_newest_first_without_what_the_gate_hides(client):
    world = make_privacy_world()
    response, body = get(client, "/api/v1/reports")
    assert response.status_code == 200
    listed = ids(body)
    assert world.reports["public"].tracking_id in listed
    assert world.reports["anonymous"].tracking_id in listed
    for hidden in ("confidential", "unverified", "archived"):
        assert world.reports[hidden].tracking_id not in listed
    assert body["next"] is None and body["next_cursor"] is None
    item = body["items"][0]
    assert set(item) == {
        "tracking_id", "title", "classification", "classification_label", "status",
        "status_label", "category", "region_code", "region", "agency", "submitted_at",
        "support_count", "url", "web_url",
    }  # fmt: skip
    assert item["url"].endswith(f"/api/v1/reports/{item['tracking_id']}")
    assert item["web_url"].endswith(f"/laporan/{item['tracking_id']}/")


def test_list_for_a_signed_in_reporter_is_still_the_public_list(client):
    world = make_privacy_world()
    client.force_login(world.users["reporter"])
    _, body = get(client, "/api/v1/reports")
    assert world.reports["confidential"].tracking_id not in ids(body)


def test_list_never_names_an_anonymous_reporter_or_shows_private_notes(client):
    world = make_privacy_world()
    for url in ("/api/v1/reports", f"/api/v1/reports/{world.reports['anonymous'].tracking_id}"):
        text = client.get(url).content.decode()
        for marker in ("Rahmawati", "siti.pelapor@example.test", "81234567890"):
            assert marker not in text, (url, marker)
        assert "Siti" not in text, url
        assert "INTERNAL-NOTE" not in text and "REPORTER-NOTE" not in text, url
    # Positive control: the anonymous report's public note is there.
    text = client.get(f"/api/v1/reports/{world.reports['anonymous'].tracking_id}").content
    assert b"PUBLIC-NOTE-anonymous" in text


def test_filters(client):
    bandung = make_region("32.73.01", name="Sukajadi")
    bogor = make_region("32.71")
    city = make_agency("Pemerintah Kota Bandung")
    dinas = make_unit(city, "Dinas PU")
    elsewhere = make_agency("Pemerintah Kota Bogor")
    topic = CategoryFactory()
    sub = CategoryFactory(parent=topic)
    day = datetime(2026, 3, 10, 9, tzinfo=WIB)
    a = public(
        title="Jalan berlubang",
        agency=city,
        unit=dinas,
        region=bandung,
        category=sub,
        submitted_at=day,
    )
    b = public(
        title="Lampu jalan mati",
        agency=elsewhere,
        region=bogor,
        status=Status.CLOSED,
        classification=Classification.ASPIRASI,
        submitted_at=day + timedelta(days=5),
    )
    c = public(
        title="Sampah menumpuk",
        agency=elsewhere,
        region=bogor,
        submitted_at=day + timedelta(days=10),
    )

    def listed(query: str) -> set[str]:
        response, body = get(client, f"/api/v1/reports?{query}")
        assert response.status_code == 200, body
        return set(ids(body))

    assert listed("") == {a.tracking_id, b.tracking_id, c.tracking_id}
    assert listed("q=berlubang") == {a.tracking_id}
    assert listed("q=jalan") == {a.tracking_id, b.tracking_id}
    assert listed("status=closed") == {b.tracking_id}
    assert listed("status=submitted") == set()  # never public: empty, not an error
    assert listed("classification=aspirasi") == {b.tracking_id}
    assert listed(f"category={topic.pk}") == {a.tracking_id}  # the topic holds its subtopic
    assert listed(f"agency={city.code}") == {a.tracking_id}
    assert listed(f"agency={dinas.code}") == {a.tracking_id}
    assert listed("agency=no-such-agency") == set()
    assert listed("region=32.73") == {a.tracking_id}
    assert listed("region=32") == {a.tracking_id, b.tracking_id, c.tracking_id}
    assert listed("date_from=2026-03-15") == {b.tracking_id, c.tracking_id}
    assert listed("date_to=2026-03-15") == {a.tracking_id, b.tracking_id}
    assert listed("date_from=2026-03-11&date_to=2026-03-19") == {b.tracking_id}


def test_cursor_pages_have_no_duplicates_or_gaps_while_reports_arrive(client):
    base = timezone.now() - timedelta(days=1)
    # Two share one second to the microsecond: the id breaks the tie.
    times = [base - timedelta(minutes=i) for i in range(7)] + [base - timedelta(minutes=3)]
    first = [public(submitted_at=t) for t in times]
    expected = [
        r.tracking_id for r in sorted(first, key=lambda r: (r.submitted_at, r.pk), reverse=True)
    ]
    seen: list[str] = []
    response, body = get(client, "/api/v1/reports?limit=3&status=in_progress")
    pages = 1
    while True:
        seen += ids(body)
        # New reports arrive between pages; they are newer, so they belong to page one.
        public(submitted_at=timezone.now())
        if not body["next"]:
            break
        assert "status=in_progress" in body["next"] and "limit=3" in body["next"]
        response, body = get(client, body["next"])
        assert response.status_code == 200
        pages += 1
    assert seen == expected
    assert pages == 3


def test_limit_bounds_and_a_bad_cursor_are_field_errors(client):
    response, body = get(client, "/api/v1/reports?limit=101")
    assert response.status_code == 422
    assert body["code"] == "validation_error" and "limit" in body["fields"]
    response, body = get(client, "/api/v1/reports?limit=0")
    assert response.status_code == 422 and "limit" in body["fields"]
    for cursor in ("bm90LWpzb24", "eyJ4IjoxfQ", "eyJ0Ijoibm8iLCJpIjoxfQ"):
        response, body = get(client, f"/api/v1/reports?cursor={cursor}")
        assert response.status_code == 422, cursor
        assert body["code"] == "validation_error"
        assert list(body["fields"]) == ["cursor"]
    response, body = get(client, "/api/v1/reports?date_from=yesterday")
    assert response.status_code == 422 and "date_from" in body["fields"]
    # The ends of the calendar filter nothing away (reports.listing), never crash.
    for query in ("date_to=9999-12-31", "date_from=0001-01-01"):
        response, body = get(client, f"/api/v1/reports?{query}")
        assert response.status_code == 200, query


def test_list_masks_personal_data_in_titles(client):
    reporter_name = "Siti Rahmawati"
    from lapor.testing.factories import UserFactory

    report = public(
        title="Hubungi 081234567890 atau siti@example.test, NIK 3273010101900001",
        reporter=UserFactory(full_name=reporter_name),
    )
    _, body = get(client, "/api/v1/reports")
    (item,) = body["items"]
    assert item["tracking_id"] == report.tracking_id
    for secret in ("081234567890", "siti@example.test", "3273010101900001"):
        assert secret not in item["title"]


# --- one report ------------------------------------------------------------------------


def test_one_report_with_its_public_timeline_and_file_urls(client):
    world = make_privacy_world()
    report = world.reports["public"]
    photo = Attachment.objects.create(
        report=report,
        event=world.events["public"]["followed_up"],
        file="x/photo.jpg",
        storage_name="photo.jpg",
        original_name="photo.jpg",
        content_type="image/jpeg",
        size=1234,
        sha256="0" * 64,
        kind="image",
        visibility=Visibility.PUBLIC,
    )
    hidden = Attachment.objects.create(
        report=report,
        file="x/memo.pdf",
        storage_name="memo.pdf",
        original_name="memo.pdf",
        content_type="application/pdf",
        size=99,
        sha256="1" * 64,
        kind="document",
        visibility=Visibility.INTERNAL,
    )
    response, body = get(client, f"/api/v1/reports/{report.tracking_id}")
    assert response.status_code == 200
    assert body["tracking_id"] == report.tracking_id
    assert body["reporter"] == {"name": "Siti", "email": None, "phone": None}
    notes = [e["note"] for e in body["timeline"]]
    assert notes == ["PUBLIC-NOTE-public", "ANSWER-NOTE-public"]
    answer = body["timeline"][1]
    assert answer["actor"] == world.agency.name  # an official reads as the agency
    assert "Andi" not in response.content.decode()
    (file,) = answer["attachments"]
    assert file["id"] == photo.pk and file["url"].endswith(f"/attachments/{photo.pk}/")
    assert body["attachments"] == []
    assert str(hidden.pk) not in [str(a["id"]) for e in body["timeline"] for a in e["attachments"]]
    assert "unit" not in body or body["unit"] is None  # handling fields: officials only


def test_confidential_and_unpublished_reports_are_404_like_missing_ones(client):
    world = make_privacy_world()
    for key in ("confidential", "unverified", "archived"):
        response, body = get(client, f"/api/v1/reports/{world.reports[key].tracking_id}")
        assert response.status_code == 404, key
        assert body == {"code": "not_found", "message": body["message"], "fields": {}}
    missing, body_missing = get(client, "/api/v1/reports/1234567897")
    assert missing.status_code == 404
    assert body_missing == body
    bad, _ = get(client, "/api/v1/reports/not-an-id")
    assert bad.status_code == 404


def test_the_reporter_reads_their_own_confidential_report_through_the_session(client):
    world = make_privacy_world()
    client.force_login(world.users["reporter"])
    report = world.reports["confidential"]
    response, body = get(client, f"/api/v1/reports/{report.tracking_id}")
    assert response.status_code == 200
    assert body["reporter"]["email"] == "siti.pelapor@example.test"
    assert "REPORTER-NOTE-confidential" in [e["note"] for e in body["timeline"]]
    assert "INTERNAL-NOTE-confidential" not in response.content.decode()


def test_an_anonymous_report_hides_its_reporter_even_from_a_signed_in_official(client):
    from lapor.testing.otp import force_login_verified

    world = make_privacy_world()
    force_login_verified(client, world.users["admin_instansi"])
    report = world.reports["anonymous"]
    response, body = get(client, f"/api/v1/reports/{report.tracking_id}")
    assert response.status_code == 200
    assert body["reporter"] is None
    assert "Siti" not in response.content.decode()
    # The official related to it reads the internal note (positive control).
    assert "INTERNAL-NOTE-anonymous" in [e["note"] for e in body["timeline"]]


# --- categories, agencies, regions -------------------------------------------------------


def test_categories_with_their_english_names(client, settings):
    topic = CategoryFactory(name="Infrastruktur", name_en="Infrastructure", sort_order=1)
    sub = CategoryFactory(name="Jalan rusak", name_en="Damaged roads", parent=topic)
    CategoryFactory(name="Lama", is_active=False)
    response, body = get(client, "/api/v1/categories")
    assert response.status_code == 200
    assert [(c["id"], c["parent"]) for c in body] == [(topic.pk, None), (sub.pk, topic.pk)]
    assert body[1]["label"] == "Jalan rusak"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _, body = get(client, "/api/v1/categories")
    assert body[1]["label"] == "Damaged roads" and body[1]["name"] == "Jalan rusak"


def test_agencies_search_kind_parent_and_pages(client):
    city = make_agency("Pemerintah Kota Bandung")
    units = [make_unit(city, f"Dinas {n}") for n in ("A", "B", "C")]
    make_agency("Kementerian Kesehatan", kind=AgencyKind.KEMENTERIAN)

    def codes(query: str) -> list[str]:
        response, body = get(client, f"/api/v1/agencies?{query}")
        assert response.status_code == 200, body
        return [a["code"] for a in body["items"]]

    assert codes("q=bandung") == [city.code]
    assert codes("kind=kementerian") != [] and city.code not in codes("kind=kementerian")
    assert codes(f"parent={city.code}") == [u.code for u in units]
    _, page1 = get(client, f"/api/v1/agencies?parent={city.code}&limit=2")
    assert len(page1["items"]) == 2 and page1["next"]
    _, page2 = get(client, page1["next"])
    assert [a["code"] for a in page1["items"] + page2["items"]] == [u.code for u in units]
    assert page2["next"] is None
    (unit,) = [a for a in page2["items"]]
    assert unit["parent"] == city.code and unit["kind"] == "unit"


def test_regions_children_and_provinces(client):
    make_region("32.73.01", name="Sukajadi")
    make_region("51.71", name="Kota Denpasar")
    _, provinces = get(client, "/api/v1/regions")
    assert {r["code"] for r in provinces} == {"32", "51"}
    assert all(r["parent"] is None and r["level"] == 1 for r in provinces)
    _, children = get(client, "/api/v1/regions?parent=32.73")
    assert [(r["code"], r["name"], r["parent"]) for r in children] == [
        ("32.73.01", "Sukajadi", "32.73")
    ]
    _, none = get(client, "/api/v1/regions?parent=99")
    assert none == []


def test_an_agency_key_reads_what_its_agency_reads_and_nothing_of_another(client):
    from lapor.accounts.principals import SYSTEM
    from lapor.integrations.services import apikey_create

    world = make_privacy_world()
    _key, mine = apikey_create(actor=SYSTEM, agency_id=world.agency.pk, name="App")
    _key, theirs = apikey_create(actor=SYSTEM, agency_id=world.other.pk, name="App lain")
    confidential = f"/api/v1/reports/{world.reports['confidential'].tracking_id}"
    response, body = get(client, confidential, HTTP_AUTHORIZATION=f"Bearer {mine}")
    assert response.status_code == 200
    assert body["reporter"]["name"] == "Siti Rahmawati"  # a handler reads the reporter
    assert "INTERNAL-NOTE-confidential" in [e["note"] for e in body["timeline"]]
    response, body = get(client, confidential, HTTP_AUTHORIZATION=f"Bearer {theirs}")
    assert response.status_code == 404 and body["code"] == "not_found"
    anonymous = f"/api/v1/reports/{world.reports['anonymous'].tracking_id}"
    response, body = get(client, anonymous, HTTP_AUTHORIZATION=f"Bearer {mine}")
    assert response.status_code == 200 and body["reporter"] is None
    assert "Siti" not in response.content.decode()
    # The list stays the public list, whoever asks.
    _, listed = get(client, "/api/v1/reports", HTTP_AUTHORIZATION=f"Bearer {mine}")
    assert world.reports["confidential"].tracking_id not in ids(listed)


def test_a_page_of_reports_costs_the_same_queries_whatever_its_length(
    client, django_assert_max_num_queries
):
    agency, region, category = make_agency(), make_region("32.73"), CategoryFactory()
    for _ in range(3):
        public(agency=agency, region=region, category=category)
    with django_assert_max_num_queries(3):
        assert client.get("/api/v1/reports?limit=100").status_code == 200
    for _ in range(30):
        public(agency=agency, region=region, category=category)
    with django_assert_max_num_queries(3) as captured:
        response, body = get(client, "/api/v1/reports?limit=100")
    assert response.status_code == 200 and len(body["items"]) == 33
    assert len(captured.captured_queries) >= 1
