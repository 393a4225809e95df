"""The search document (``ReportSearchDocument``) is written with the words, and only then."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lapor.reports import services
from lapor.reports.choices import Classification
from lapor.reports.models import Report, ReportSearchDocument
from lapor.reports.search import report_search

from .flow_world import FAST_HASHERS, World, build_world

TABLE = ReportSearchDocument._meta.db_table


@pytest.fixture
def world(settings, db) -> World:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return build_world()


def submit(w: World) -> Report:
    return services.report_submit(
        actor=w.actor("reporter"),
        classification=Classification.PENGADUAN,
        title="Jalan berlubang di Jalan Merdeka",
        description="Sejak dua minggu jalan di depan pasar berlubang besar dan sudah ada "
        "pengendara motor yang jatuh.",
    ).report


def document_of(report: Report) -> str:
    return str(ReportSearchDocument.objects.get(report=report).document)


def test_submission_writes_the_document(world):
    report = submit(world)
    assert "pasar" in document_of(report).lower()
    assert list(report_search(Report.objects.all(), "merdeka")) == [report]


def test_dispose_with_a_corrected_title_rewrites_the_document(world):
    report = submit(world)
    before = document_of(report)
    with CaptureQueriesContext(connection) as ctx:
        services.report_dispose(
            report_id=report.pk,
            actor=world.actor("national"),
            agency_id=world.agency.pk,
            corrections={"title": "Trotoar ambles di depan Puskesmas Cibeunying"},
        )
    assert any(TABLE in q["sql"] for q in ctx.captured_queries)
    after = document_of(report)
    assert after != before and "cibeunying" in after.lower()
    # The new word finds it; a word only the old title had no longer does.
    assert list(report_search(Report.objects.all(), "cibeunying")) == [report]
    assert list(report_search(Report.objects.all(), "merdeka")) == []


def test_a_status_only_move_does_not_write_the_document(world):
    report = submit(world)
    before = document_of(report)
    with CaptureQueriesContext(connection) as ctx:
        report = services.report_dispose(
            report_id=report.pk, actor=world.actor("national"), agency_id=world.agency.pk
        ).report
        services.report_follow_up(
            report_id=report.pk, actor=world.actor("agency_admin"), note="Tim sudah meninjau."
        )
    assert not [q["sql"] for q in ctx.captured_queries if TABLE in q["sql"]]
    assert document_of(report) == before
