"""The public list: filters, search, pagination, lookup, and its query budget."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lapor.reports.choices import Classification, Status
from lapor.reports.search import report_search, search_documents_write
from lapor.testing.factories import make_report

from .helpers import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return build_world()


def test_filters_and_search(client, w):
    road = make_report(
        title="Jalan berlubang di Sukajadi",
        status=Status.IN_PROGRESS,
        agency=w.agency,
        region=w.village,
        category=w.category,
    )
    idea = make_report(
        title="Usul taman bermain anak",
        status=Status.CLOSED,
        classification=Classification.ASPIRASI,
    )
    # Made outside the flow: their search documents are written as submission would.
    search_documents_write([road.pk, idea.pk])
    html = client.get(reverse("portal:browse")).content.decode()
    assert road.title in html and idea.title in html
    html = client.get(reverse("portal:browse"), {"classification": "aspirasi"}).content.decode()
    assert idea.title in html and road.title not in html
    html = client.get(reverse("portal:browse"), {"province": "32"}).content.decode()
    assert road.title in html and idea.title not in html
    html = client.get(reverse("portal:browse"), {"category": w.topic.pk}).content.decode()
    assert road.title in html and idea.title not in html
    html = client.get(reverse("portal:browse"), {"agency": w.agency.code}).content.decode()
    assert road.title in html and idea.title not in html
    html = client.get(reverse("portal:browse"), {"q": "taman"}).content.decode()
    assert idea.title in html and road.title not in html


@pytest.mark.postgres
def test_full_text_search_stems_indonesian(w):
    from lapor.reports.models import Report

    report = make_report(title="Perbaikan jalan yang rusak parah", status=Status.IN_PROGRESS)
    search_documents_write([report.pk])
    found = report_search(Report.objects.all(), "perbaikan jalanan")
    # "perbaikan" is stemmed to "baik"; the words match across forms.
    assert found.count() == 1


def test_pagination_without_count(client, w):
    for i in range(25):
        make_report(title=f"Laporan nomor {i:02d} tentang jalan", status=Status.DISPOSED)
    first = client.get(reverse("portal:browse")).content.decode()
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = client.get(reverse("portal:browse"), {"page": 2}).content.decode()
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_public_list_query_budget(client, w):
    for _ in range(20):
        make_report(
            status=Status.IN_PROGRESS, agency=w.agency, region=w.village, category=w.category
        )
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("portal:browse")).status_code == 200
    # Page rows (one query, with agency/category/region joined), topics, provinces,
    # session-less request: no query per row.
    assert len(ctx.captured_queries) <= 5, [q["sql"][:120] for q in ctx.captured_queries]


def test_lookup_by_tracking_id(client, w):
    report = make_report(status=Status.DISPOSED)
    response = client.get(
        reverse("portal:lookup"), {"id": f"#{report.tracking_id[:5]} {report.tracking_id[5:]}"}
    )
    assert response.status_code == 302 and report.tracking_id in response.url
    response = client.get(reverse("portal:lookup"), {"id": "12345"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
