"""The demo report generator and ``manage.py generate_reports``."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from lapor.agencies.choices import AgencyKind
from lapor.demo.bulk import reports_generate
from lapor.demo.generator import DemoPools, ReportGenerator
from lapor.reports.choices import ArchiveReason, Status
from lapor.reports.deadlines import report_recompute_deadlines, report_reminder_at
from lapor.reports.models import (
    OFFICIALS_STEPS,
    EscalationLevel,
    Report,
    ReportEvent,
    ReportSearchDocument,
)
from lapor.reports.search import report_search
from lapor.reports.tracking import is_valid_tracking_id
from lapor.testing.factories import make_agency, make_report

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 4, 3, 0, tzinfo=UTC)  # Monday 10:00 WIB
DUE_FIELDS = (
    "due_at",
    "verification_due_at",
    "hold_due_at",
    "first_followup_due_at",
    "resolution_due_at",
    "reply_due_at",
)


def _check_report(report: Report, events: list[ReportEvent]) -> None:
    assert events, report
    first, last = events[0], events[-1]
    assert first.code == "report.submitted"
    assert (first.from_status, first.to_status) == ("", Status.SUBMITTED)
    assert first.created_at == report.submitted_at
    assert last.to_status == report.status
    for before, after in itertools.pairwise(events):
        assert after.from_status == before.to_status, (report.status, [e.code for e in events])
        assert after.created_at >= before.created_at
    changes = [e for e in events if e.from_status != e.to_status]
    assert report.status_changed_at == changes[-1].created_at
    assert events[-1].created_at <= NOW
    assert report.submitted_at >= NOW - timedelta(days=700)

    codes = [e.code for e in events]
    disposed = [e for e in events if e.code in ("report.disposed", "report.transferred")]
    if disposed:
        assert report.disposed_at == disposed[-1].created_at
        assert (
            report.verified_at == [e for e in events if e.code == "report.disposed"][-1].created_at
        )
    else:
        assert report.disposed_at is None and report.verified_at is None
    follow = [e for e in events if e.code in ("report.followed_up", "report.resolved")]
    assert report.first_followup_at == (follow[0].created_at if follow else None)
    assert (report.closed_at is not None) == (report.status == Status.CLOSED)
    if report.status == Status.RESOLVED:
        assert report.resolved_at == events[-1].created_at
    if report.status == Status.ARCHIVED:
        assert report.archive_reason in ArchiveReason.values
        assert (report.duplicate_of_id is not None) == (report.archive_reason == "duplicate")
        assert report.due_at is None
    if report.status == Status.ESCALATED:
        assert report.agency.code == "ombudsman-ri" and report.unit_id is None
        assert report.ombudsman_consent == "given"
        asked = codes.index("report.consent_asked")
        assert events[asked].created_at - report.submitted_at >= timedelta(days=60)
    if report.status == Status.CLOSED and codes[-1] == "report.closed":
        assert 1 <= report.rating <= 5
    if report.status in (Status.DISPOSED, Status.IN_PROGRESS, Status.RESOLVED):
        assert report.agency_id is not None
    if report.unit_id:
        assert report.unit.path.startswith(report.agency.path)
    for e in events:
        if e.actor_role == "reporter":
            assert e.actor_id == report.reporter_id

    # The stored due dates are the ones the deadline code computes.
    stored = {name: getattr(report, name) for name in DUE_FIELDS}
    report_recompute_deadlines(report)
    assert {name: getattr(report, name) for name in DUE_FIELDS} == stored
    # And the sweeps' bookkeeping is that of a due date nobody has swept yet.
    state = report.sweep_state
    assert state.remind_at == report_reminder_at(report)
    assert state.overdue_at == (report.due_at if report.status in OFFICIALS_STEPS else None)
    assert state.overdue_marked_at is None and state.escalation_due_at is None
    assert state.escalation_level == EscalationLevel.NONE


def test_generated_reports_cover_every_status_with_consistent_events(world):
    result = reports_generate(count=120, seed=7, batch=50, now=NOW)

    assert result.reports == 120
    assert Report.objects.count() == 120
    assert ReportSearchDocument.objects.count() == 120
    assert ReportEvent.objects.count() == result.events
    assert set(Report.objects.values_list("status", flat=True)) == set(Status.values)
    tracking_ids = list(Report.objects.values_list("tracking_id", flat=True))
    assert len(set(tracking_ids)) == 120
    assert all(is_valid_tracking_id(t) for t in tracking_ids)

    events: dict[int, list[ReportEvent]] = {}
    for event in ReportEvent.objects.order_by("created_at", "id"):
        events.setdefault(event.report_id, []).append(event)
    for report in Report.objects.select_related("agency", "unit", "region", "sweep_state"):
        _check_report(report, events[report.pk])


def test_generated_text_is_indonesian_and_names_the_place(world):
    reports_generate(count=40, seed=3, now=NOW)
    for report in Report.objects.all():
        assert 10 <= len(report.title) <= 150
        # 2-5 sentences.
        assert 2 <= len(re.findall(r"(?<!Jl)(?<!KH)[.?!](?:\s|$)", report.description)) <= 5
        assert "{" not in report.title + report.description
        place_names = ("Sarijadi", "Sukarasa", "Kuta", "Wilayah", "Bandung", "Badung")
        assert any(name in report.address for name in place_names)


def test_the_same_seed_gives_the_same_reports(world):
    pools = DemoPools.load(use_routing=False)
    runs = [
        [g.report.description for g in map(lambda _: gen.generate(), range(5))]
        for gen in (ReportGenerator(pools, seed=5, now=NOW) for _ in range(2))
    ]
    assert runs[0] == runs[1]


def test_focus_agency_gets_its_share(world):
    reports_generate(count=200, seed=2, now=NOW, focus=world["pupr"], focus_share=0.5)
    handled = Report.objects.filter(agency=world["pemkot"]).count()
    assert handled >= 60
    assert Report.objects.filter(unit=world["pupr"]).exists()


def test_generate_reports_command(world):
    out = StringIO()
    call_command("generate_reports", count=30, seed=1, batch=10, reporters=3, stdout=out)
    assert "Created 30 reports" in out.getvalue()
    assert Report.objects.count() == 30
    # Reports keep getting their own keys afterwards (the sequence moved on under COPY).
    later = make_report()
    assert later.pk > max(Report.objects.exclude(pk=later.pk).values_list("pk", flat=True))


def test_generate_reports_needs_regions_and_agencies():
    with pytest.raises(CommandError, match="import_wilayah"):
        call_command("generate_reports", count=5, stdout=StringIO())


def test_generate_reports_unknown_agency(world):
    with pytest.raises(CommandError, match="No agency"):
        call_command("generate_reports", count=5, agency="nope", stdout=StringIO())


@pytest.mark.postgres
def test_copy_path_on_postgres(world, django_assert_max_num_queries):
    assert connection.vendor == "postgresql"
    # A batch costs a handful of statements however many reports it holds.
    pools = DemoPools.load(use_routing=False)
    with django_assert_max_num_queries(10):
        reports_generate(count=300, seed=4, batch=300, now=NOW, pools=pools)
    assert Report.objects.count() == 300
    assert ReportEvent.objects.filter(report__status=Status.CLOSED).exists()
    # Every report gets its search document, stemmed by the database.
    assert ReportSearchDocument.objects.count() == 300
    some = Report.objects.order_by("pk").first()
    assert report_search(Report.objects.all(), some.title).filter(pk=some.pk).exists()


@pytest.mark.postgres
def test_forked_producers_write_consistent_reports(world):
    # The path used for large runs: producers generate and format, this process COPYs.
    result = reports_generate(count=400, seed=6, batch=100, now=NOW, producers=2)

    assert result.reports == 400 == Report.objects.count()
    assert ReportSearchDocument.objects.count() == 400
    assert ReportEvent.objects.count() == result.events
    assert Report.objects.values("tracking_id").distinct().count() == 400
    assert set(Report.objects.values_list("status", flat=True)) == set(Status.values)
    events: dict[int, list[ReportEvent]] = {}
    for event in ReportEvent.objects.order_by("created_at", "id"):
        events.setdefault(event.report_id, []).append(event)
    for report in Report.objects.select_related("agency", "unit", "region", "sweep_state")[:100]:
        _check_report(report, events[report.pk])


def test_routing_table_agrees_with_routing_suggest(world):
    from lapor.agencies.models import Category, RoutingRule
    from lapor.agencies.selectors import routing_suggest
    from lapor.reports.choices import Classification

    jalan = Category.objects.get(slug="jalan-rusak")
    infra = Category.objects.get(slug="infrastruktur")
    kesehatan = Category.objects.get(slug="kesehatan")
    other = make_agency("Kementerian PU", AgencyKind.KEMENTERIAN)
    RoutingRule.objects.create(category=infra, agency=other)
    RoutingRule.objects.create(category=jalan, region_id="32.73", agency=world["pemkot"])
    RoutingRule.objects.create(
        category=kesehatan, classification=Classification.INFORMASI, agency=other, priority=2
    )
    RoutingRule.objects.create(category=kesehatan, region_id="32", agency=world["pemkot"])
    RoutingRule.objects.create(region_id="51.03", agency=other, is_active=False)

    pools = DemoPools.load()
    assert pools.routing is not None
    for category in [*Category.objects.all(), None]:
        for place in pools.places:
            for classification in Classification.values:
                expected = routing_suggest(
                    category_id=category.pk if category else None,
                    region_code=place.code,
                    classification=classification,
                )
                found = pools.routing(category.pk if category else None, place.code, classification)
                assert found == expected, (category, place.code, classification)
