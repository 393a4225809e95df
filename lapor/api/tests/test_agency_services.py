"""The agency app's services: filing on behalf, its moves as the agency, idempotency and
the changes feed (issue 10)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, connections
from django.utils import timezone

from lapor.accounts.choices import Role
from lapor.accounts.models import User
from lapor.accounts.principals import Principal, principal_for_agency_key
from lapor.agencies.models import Agency
from lapor.api import services
from lapor.api.changes import GAP_TTL, Cursor, changes_page
from lapor.api.models import ExternalReport, IdempotencyKey
from lapor.core.exceptions import PermissionDenied
from lapor.reports import services as report_services
from lapor.reports.choices import Channel, Classification, Status, Visibility
from lapor.reports.events import events_append
from lapor.reports.models import Report, ReportEvent
from lapor.reports.permissions import AGENCY_KEY
from lapor.reports.selectors import (
    event_actor_label_for,
    report_get_visible_to,
    report_reporter_identity_for,
)
from lapor.reports.transitions import Action, allowed_actions
from lapor.testing.factories import (
    UserFactory,
    as_citizen,
    as_official,
    make_agency,
    make_member,
    make_unit,
)

DESCRIPTION = "Lampu jalan di gang tiga mati sejak dua minggu, warga takut lewat malam hari."


@dataclass
class Cast:
    agency: Agency
    unit: Agency
    other: Agency
    key: Principal
    other_key: Principal
    national: Principal
    admin: Principal


def make_cast() -> Cast:
    agency = make_agency("Pemerintah Kota Bandung")
    unit = make_unit(agency, "Dinas Perhubungan")
    other = make_agency("Pemerintah Kota Bogor")
    return Cast(
        agency=agency,
        unit=unit,
        other=other,
        key=principal_for_agency_key(key_id=1, agency_id=agency.pk, agency_path=agency.path),
        other_key=principal_for_agency_key(key_id=2, agency_id=other.pk, agency_path=other.path),
        national=as_official(make_member(Role.ADMIN_NASIONAL)),
        admin=as_official(make_member(Role.ADMIN_INSTANSI, agency)),
    )


@pytest.fixture
def cast(db: Any) -> Cast:
    return make_cast()


def file(cast: Cast, external_id: str = "APP-1", **kwargs: Any) -> tuple[Report, bool]:
    fields: dict[str, Any] = {
        "classification": Classification.PENGADUAN,
        "title": "Lampu jalan mati",
        "description": DESCRIPTION,
        "reporter_name": "Rina Warga",
        "reporter_email": "rina@example.test",
        "reporter_phone": "0812-2222-3333",
    }
    fields.update(kwargs)
    return services.agency_report_create(actor=cast.key, external_id=external_id, **fields)


def disposed(cast: Cast, agency: Agency | None = None, **kwargs: Any) -> Report:
    """A report filed by a citizen and sent to ``agency`` by the national verifier."""
    citizen = as_citizen(UserFactory(full_name="Siti Pelapor"))
    event = report_services.report_submit(
        actor=citizen,
        classification=Classification.PENGADUAN,
        title="Jalan berlubang",
        description=DESCRIPTION,
        **kwargs,
    )
    report_services.report_dispose(
        report_id=event.report.pk,
        actor=cast.national,
        agency_id=(agency or cast.agency).pk,
        note="Catatan verifikator untuk instansi",
    )
    return Report.objects.get(pk=event.report.pk)


# --- filing on behalf -------------------------------------------------------------


def test_filing_creates_an_inactive_reporter_and_records_the_channel(cast: Cast) -> None:
    report, created = file(cast)
    assert created
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert report.channel == Channel.INTEGRATION
    assert report.agency_id is None  # with the national verifier, like any report
    reporter = User.objects.get(pk=report.reporter_id)
    assert (reporter.email, reporter.phone, reporter.full_name) == (
        "rina@example.test",
        "+6281222223333",
        "Rina Warga",
    )
    assert not reporter.is_active
    assert not reporter.has_usable_password()
    event = ReportEvent.objects.get(report=report)
    assert (event.code, event.actor_id, event.actor_agency_id) == (
        "report.submitted",
        reporter.pk,
        cast.agency.pk,
    )
    assert ExternalReport.objects.get().external_id == "APP-1"


def test_the_same_external_id_returns_the_first_report(cast: Cast) -> None:
    first, created = file(cast)
    again, created_again = file(cast, title="Judul lain sama sekali")
    assert created and not created_again
    assert again.pk == first.pk
    assert Report.objects.count() == 1
    # Another agency's app may use the same id for its own report.
    other, other_created = services.agency_report_create(
        actor=cast.other_key,
        external_id="APP-1",
        classification=Classification.PENGADUAN,
        title="Lampu jalan mati",
        description=DESCRIPTION,
    )
    assert other_created and other.pk != first.pk
    assert other.reporter_id is None


def test_an_existing_person_is_matched_by_email_then_phone(cast: Cast) -> None:
    person = User.objects.create_user(email="rina@example.test", full_name="Rina Asli")
    report, _ = file(cast)
    assert report.reporter_id == person.pk
    person.refresh_from_db()
    assert person.full_name == "Rina Asli" and person.is_active  # untouched
    by_phone = User.objects.create_user(phone="+6281299990000")
    report2, _ = file(cast, "APP-2", reporter_email="", reporter_phone="0812 9999 0000")
    assert report2.reporter_id == by_phone.pk


def test_filing_for_its_own_agency_follows_the_reporters_choice(cast: Cast) -> None:
    report, _ = file(cast, target_agency_id=cast.agency.pk)
    report.refresh_from_db()
    assert (report.agency_id, report.target_agency_id) == (cast.agency.pk, cast.agency.pk)
    # The agency's admin verifies it; its key may not (no verifier moves).
    with pytest.raises(PermissionDenied):
        report_services.report_dispose(
            report_id=report.pk, actor=cast.key, agency_id=cast.agency.pk
        )
    report_services.report_dispose(report_id=report.pk, actor=cast.admin, agency_id=cast.agency.pk)
    assert Report.objects.get(pk=report.pk).status == Status.DISPOSED


def test_a_bad_phone_is_refused_and_nothing_is_kept(cast: Cast) -> None:
    from lapor.core.exceptions import ValidationFailed

    with pytest.raises(ValidationFailed):
        file(cast, reporter_phone="12")
    with pytest.raises(ValidationFailed):
        file(cast, description="pendek")
    assert not Report.objects.exists() and not ExternalReport.objects.exists()
    assert not User.objects.filter(email="rina@example.test").exists()


# --- the agency-side moves -----------------------------------------------------------


def test_the_key_makes_the_agency_side_moves_as_the_agency(cast: Cast) -> None:
    report = disposed(cast)
    event = report_services.report_dispose_to_unit(
        report_id=report.pk, actor=cast.key, unit_id=cast.unit.pk
    )
    assert (event.actor_id, event.actor_role, event.actor_agency_id) == (
        None,
        AGENCY_KEY,
        cast.agency.pk,
    )
    follow = report_services.report_follow_up(report_id=report.pk, actor=cast.key, note="Dicek")
    answer = report_services.report_resolve(report_id=report.pk, actor=cast.key, note="Selesai")
    saved = Report.objects.get(pk=report.pk)
    assert (saved.status, saved.unit_id) == (Status.RESOLVED, cast.unit.pk)
    assert saved.first_followup_at == follow.created_at
    # The report page names the agency, not "System".
    reporter = as_citizen(saved.reporter)
    answer = ReportEvent.objects.select_related("report", "actor_agency").get(pk=answer.pk)
    assert event_actor_label_for(reporter, answer) == "Pemerintah Kota Bandung"


def test_the_key_declines_and_transfers(cast: Cast) -> None:
    report = disposed(cast)
    report_services.report_transfer(
        report_id=report.pk, actor=cast.key, agency_id=cast.other.pk, note="Kewenangan Bogor"
    )
    assert Report.objects.get(pk=report.pk).agency_id == cast.other.pk
    # Now Bogor's: Bandung's key can do nothing more on it.
    with pytest.raises(PermissionDenied):
        report_services.report_follow_up(report_id=report.pk, actor=cast.key, note="x")
    report_services.report_decline(report_id=report.pk, actor=cast.other_key, note="Bukan kami")
    saved = Report.objects.get(pk=report.pk)
    assert (saved.status, saved.agency_id) == (Status.SUBMITTED, None)


def test_the_key_makes_no_move_on_another_agencys_report_nor_a_national_one(cast: Cast) -> None:
    report = disposed(cast, agency=cast.other)
    for move in (
        lambda: report_services.report_follow_up(report_id=report.pk, actor=cast.key, note="x"),
        lambda: report_services.report_resolve(report_id=report.pk, actor=cast.key, note="x"),
        lambda: report_services.report_decline(report_id=report.pk, actor=cast.key, note="x"),
        lambda: report_services.report_transfer(
            report_id=report.pk, actor=cast.key, agency_id=cast.agency.pk, note="x"
        ),
    ):
        with pytest.raises(PermissionDenied):
            move()
    # On its own reports: exactly the agency-side moves, never the verifier's.
    own = disposed(cast)
    assert set(allowed_actions(own, cast.key)) == {
        Action.DISPOSE_TO_UNIT,
        Action.DECLINE,
        Action.TRANSFER,
        Action.FOLLOW_UP,
        Action.RESOLVE,
    }
    assert allowed_actions(report, cast.key) == []
    submitted, _ = file(cast, "APP-9", target_agency_id=cast.agency.pk)
    submitted = Report.objects.select_related("agency").get(pk=submitted.pk)
    assert allowed_actions(submitted, cast.key) == []
    assert set(allowed_actions(submitted, cast.admin)) >= {Action.DISPOSE, Action.HOLD}
    with pytest.raises(PermissionDenied):
        report_services.report_archive(report_id=submitted.pk, actor=cast.key, reason="spam")
    assert ReportEvent.objects.filter(actor_role=AGENCY_KEY).count() == 0


def test_anonymous_reporter_is_hidden_from_the_key_as_from_its_officials(cast: Cast) -> None:
    report = disposed(cast, is_anonymous=True)
    report = report_get_visible_to(cast.key, pk=report.pk)
    assert report_reporter_identity_for(cast.key, report) is None
    assert report_reporter_identity_for(cast.admin, report) is None
    named = disposed(cast)
    named = report_get_visible_to(cast.key, pk=named.pk)
    assert report_reporter_identity_for(cast.key, named) == report_reporter_identity_for(
        cast.admin, named
    )


# --- idempotency --------------------------------------------------------------------


def test_idempotent_runs_once_and_answers_repeats_from_the_store(cast: Cast) -> None:
    calls: list[int] = []

    def fn() -> tuple[int, Any]:
        calls.append(1)
        return 201, {"n": len(calls)}

    first = services.idempotent(principal=cast.key, key="k1", fingerprint="a", fn=fn)
    again = services.idempotent(principal=cast.key, key="k1", fingerprint="a", fn=fn)
    assert first == again == (201, {"n": 1})
    assert len(calls) == 1
    status, body = services.idempotent(principal=cast.key, key="k1", fingerprint="b", fn=fn)
    assert status == 422 and body["code"] == "idempotency_key_reused"
    # Another client's same key is its own.
    assert services.idempotent(principal=cast.other_key, key="k1", fingerprint="b", fn=fn) == (
        201,
        {"n": 2},
    )
    row = IdempotencyKey.objects.get(principal="agency_key:1", key="k1")
    assert (row.status, row.body) == (201, {"n": 1})


def test_idempotent_keeps_nothing_when_the_work_fails(cast: Cast) -> None:
    def boom() -> tuple[int, Any]:
        raise PermissionDenied()

    with pytest.raises(PermissionDenied):
        services.idempotent(principal=cast.key, key="k", fingerprint="a", fn=boom)
    assert not IdempotencyKey.objects.exists()


def test_idempotency_keys_are_purged_after_a_day(cast: Cast) -> None:
    services.idempotent(principal=cast.key, key="old", fingerprint="a", fn=lambda: (200, {}))
    services.idempotent(principal=cast.key, key="new", fingerprint="a", fn=lambda: (200, {}))
    IdempotencyKey.objects.filter(key="old").update(created_at=timezone.now() - timedelta(hours=25))
    assert services.idempotency_purge() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_with_one_key_file_one_report() -> None:
    cast = make_cast()
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def request(n: int) -> None:
        try:

            def fn() -> tuple[int, Any]:
                report, created = file(cast, f"APP-RACE-{n}")  # different external ids
                return (201 if created else 200), {"tracking_id": report.tracking_id}

            barrier.wait()
            results.append(
                services.idempotent(principal=cast.key, key="same", fingerprint="f", fn=fn)
            )
        except Exception as exc:
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2 and results[0] == results[1], results
    assert Report.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_filings_with_one_external_id_file_one_report() -> None:
    cast = make_cast()
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def request() -> None:
        try:
            barrier.wait()
            report, created = file(cast, "APP-SAME")
            results.append((report.pk, created))
        except Exception as exc:
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(created for _, created in results) == [False, True], results
    assert results[0][0] == results[1][0]
    assert (
        Report.objects.count() == 1 and User.objects.filter(email="rina@example.test").count() == 1
    )


# --- the changes feed ---------------------------------------------------------------


def drain(principal: Principal, cursor: str | None) -> tuple[list[int], str]:
    seen: list[int] = []
    while True:
        page = changes_page(principal, cursor=cursor, limit=2)
        seen += [e.pk for e in page.events]
        cursor = page.cursor
        if not page.has_more:
            return seen, cursor


def test_the_feed_pages_every_event_of_its_reports_once_across_restarts(cast: Cast) -> None:
    mine = disposed(cast)
    theirs = disposed(cast, agency=cast.other)
    report_services.report_follow_up(report_id=theirs.pk, actor=cast.other_key, note="Bogor")
    report_services.report_follow_up(report_id=mine.pk, actor=cast.key, note="Satu")
    expected = list(
        ReportEvent.objects.filter(report=mine).order_by("pk").values_list("pk", flat=True)
    )
    seen, cursor = drain(cast.key, None)
    assert seen == expected
    # Internal notes of the agency's reports come along (its officials read them) …
    codes = set(ReportEvent.objects.filter(pk__in=seen).values_list("code", flat=True))
    assert "report.noted" in codes
    # … and nothing of Bogor's report, not even its public events.
    assert not ReportEvent.objects.filter(pk__in=seen, report=theirs).exists()

    # "Restart": the client kept only the string. Nothing new: nothing again.
    assert drain(cast.key, cursor)[0] == []
    report_services.report_resolve(report_id=mine.pk, actor=cast.key, note="Dua")
    report_services.report_resolve(report_id=theirs.pk, actor=cast.other_key, note="Bogor")
    new, cursor2 = drain(cast.key, cursor)
    assert new == list(
        ReportEvent.objects.filter(report=mine, pk__gt=seen[-1]).values_list("pk", flat=True)
    )
    assert len(new) == 1
    assert drain(cast.key, cursor2)[0] == []


def _reserve_event_id() -> int:
    """An id drawn now and used later: an event whose transaction commits late."""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SELECT nextval(pg_get_serial_sequence('reports_reportevent', 'id'))")
            return int(c.fetchone()[0])
    last = ReportEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return last + 1


def _event(report: Report, pk: int | None, note: str) -> ReportEvent:
    [event] = events_append(
        [
            ReportEvent(
                pk=pk,
                report_id=report.pk,
                code="report.noted",
                actor_agency_id=report.agency_id,
                note=note,
                visibility=Visibility.INTERNAL,
                from_status=report.status,
                to_status=report.status,
                created_at=timezone.now(),
            )
        ]
    )
    return event


def test_an_event_committed_late_with_a_lower_id_is_still_delivered(cast: Cast) -> None:
    mine = disposed(cast)
    _seen, cursor = drain(cast.key, None)
    late_id = _reserve_event_id()
    # Another move overtakes it: a higher id, committed and read first.
    overtaking = _event(mine, None if connection.vendor == "postgresql" else late_id + 1, "B")
    assert overtaking.pk > late_id
    page = changes_page(cast.key, cursor=cursor)
    assert [e.pk for e in page.events] == [overtaking.pk]
    assert late_id in Cursor.decode(page.cursor).gaps
    # The late one commits: the client that paged past it still gets it, once.
    late = _event(mine, late_id, "A")
    page2 = changes_page(cast.key, cursor=page.cursor)
    assert [e.pk for e in page2.events] == [late.pk]
    assert changes_page(cast.key, cursor=page2.cursor).events == []
    assert late_id not in Cursor.decode(page2.cursor).gaps


def test_a_hole_that_stays_empty_is_forgotten_after_its_time(cast: Cast) -> None:
    mine = disposed(cast)
    _seen, cursor = drain(cast.key, None)
    hole = _reserve_event_id()
    _event(mine, None if connection.vendor == "postgresql" else hole + 1, "B")
    page = changes_page(cast.key, cursor=cursor)
    assert hole in Cursor.decode(page.cursor).gaps
    later = changes_page(cast.key, cursor=page.cursor, now=timezone.now() + GAP_TTL)
    assert later.events == [] and Cursor.decode(later.cursor).gaps == {}  # all expired


def test_a_bad_cursor_is_a_validation_error(cast: Cast) -> None:
    from lapor.core.exceptions import ValidationFailed

    for bad in ("%%%", "eyJ3IjoiYSJ9", "bm9wZQ"):
        with pytest.raises(ValidationFailed):
            changes_page(cast.key, cursor=bad)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_real_late_commit_on_postgresql_is_delivered_after_the_overtaking_one() -> None:
    """Two real transactions: the first draws the lower id and commits last."""
    from django.db import transaction

    cast = make_cast()
    mine = disposed(cast)
    _seen, cursor = drain(cast.key, None)
    drawn = threading.Event()
    release = threading.Event()
    late: list[int] = []

    def slow_move() -> None:
        try:
            with transaction.atomic():
                late.append(_event(mine, None, "late").pk)
                drawn.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=slow_move)
    thread.start()
    assert drawn.wait(10)
    overtaking = _event(mine, None, "overtaking")  # autocommit: committed now
    page = changes_page(cast.key, cursor=cursor)
    assert [e.pk for e in page.events] == [overtaking.pk]
    release.set()
    thread.join()
    assert late and late[0] < overtaking.pk
    page2 = changes_page(cast.key, cursor=page.cursor)
    assert [e.pk for e in page2.events] == late
    assert changes_page(cast.key, cursor=page2.cursor).events == []


def test_the_purge_command_forgets_old_keys(cast: Cast) -> None:
    from io import StringIO

    from django.core.management import call_command

    services.idempotent(principal=cast.key, key="old", fingerprint="a", fn=lambda: (200, {}))
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(days=2))
    out = StringIO()
    call_command("purge_idempotency_keys", stdout=out)
    assert "1 idempotency keys purged" in out.getvalue()
    assert not IdempotencyKey.objects.exists()


def test_cursors_out_of_range_are_refused_not_a_server_error(cast: Cast) -> None:
    import base64
    import json

    from lapor.api.changes import agency_reports_page
    from lapor.core.exceptions import ValidationFailed

    def enc(value: Any) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()

    with pytest.raises(ValidationFailed):
        changes_page(cast.key, cursor=enc({"w": 2**70, "g": []}))
    with pytest.raises(ValidationFailed):
        changes_page(cast.key, cursor=enc({"w": 1, "g": [[-5, 0]]}))
    with pytest.raises(ValidationFailed):
        agency_reports_page(cast.key, cursor=enc(["2026-01-01T00:00:00+00:00", 2**70]))
    with pytest.raises(ValidationFailed):
        agency_reports_page(cast.key, cursor=enc(["0001-01-01T00:00:00+23:00", 1]))
