"""Filing a report and walking it through the flow, with frozen time and real deadlines."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from lapor.accounts.choices import Role
from lapor.accounts.principals import SYSTEM, principal_for_user
from lapor.agencies.choices import AgencyKind
from lapor.core.exceptions import (
    InvalidTransition,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)
from lapor.reports import services
from lapor.reports.choices import ArchiveReason, Classification, OmbudsmanConsent, Status
from lapor.reports.models import Report, ReportEvent
from lapor.reports.permissions import REPORTER
from lapor.reports.permissions import SYSTEM as SYSTEM_ROLE
from lapor.reports.tracking import is_valid_tracking_id, luhn_check_digit
from lapor.reports.transitions import Action
from lapor.testing.factories import CategoryFactory, make_agency, make_region

from .flow_world import FAST_HASHERS, World, build_world, report_in, snapshot

WIB = ZoneInfo("Asia/Jakarta")


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=WIB)


def end_of(y: int, m: int, d: int) -> datetime:
    """How the calendar writes a due date: the end of that working day, WIB."""
    return datetime.combine(date(y, m, d), time(23, 59, 59, 999999), tzinfo=WIB)


@pytest.fixture
def world(settings, db) -> World:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return build_world()


def submit(w: World, **overrides) -> ReportEvent:
    kwargs = {
        "actor": w.actor("reporter"),
        "classification": Classification.PENGADUAN,
        "title": "Jalan berlubang di Jalan Merdeka",
        "description": "Sejak dua minggu jalan di depan pasar berlubang besar dan sudah ada "
        "pengendara motor yang jatuh.",
    }
    return services.report_submit(**(kwargs | overrides))


def events(report: Report) -> list[ReportEvent]:
    return list(ReportEvent.objects.filter(report=report).order_by("id"))


# --- the whole happy path ---------------------------------------------------------


def test_happy_path_with_deadlines_and_events(world, django_capture_on_commit_callbacks):
    reporter = world.actor("reporter")
    national = world.actor("national")
    agency_admin = world.actor("agency_admin")
    unit_admin = world.actor("unit_admin")

    with time_machine.travel(at(2026, 3, 20), tick=False) as clock:
        # Friday 20 March 2026 is cuti bersama; Idul Fitri, the weekend and two more
        # days of leave follow: counting starts on Wednesday 25 March.
        with django_capture_on_commit_callbacks(execute=True):
            submitted = submit(world, region_code=make_region("32.73").code)
        report = submitted.report
        assert is_valid_tracking_id(report.tracking_id)
        assert report.status == Status.SUBMITTED
        assert report.verification_due_at == end_of(2026, 3, 27)
        assert report.due_at == report.verification_due_at
        assert (submitted.code, submitted.report_id) == ("report.submitted", report.pk)

        clock.move_to(at(2026, 3, 25))
        with django_capture_on_commit_callbacks(execute=True):
            disposed_event = services.report_dispose(
                report_id=report.pk,
                actor=national,
                agency_id=world.agency.pk,
                corrections={"title": "Jalan berlubang di depan Pasar Merdeka"},
            )
        report = disposed_event.report
        assert report.status == Status.DISPOSED
        assert report.verified_at == report.disposed_at == at(2026, 3, 25)
        assert report.first_followup_due_at == end_of(2026, 4, 1)  # 5 wd
        assert report.resolution_due_at == end_of(2026, 4, 15)  # 14 wd; Good Friday off
        assert report.due_at == report.first_followup_due_at
        assert disposed_event == events(report)[-1]
        assert disposed_event.data == {
            "agency": {"old": None, "new": world.agency.pk},
            "unit": {"old": None, "new": None},
            "corrections": {
                "title": {
                    "old": "Jalan berlubang di Jalan Merdeka",
                    "new": "Jalan berlubang di depan Pasar Merdeka",
                }
            },
        }

        clock.move_to(at(2026, 3, 25, 14))
        report = services.report_dispose_to_unit(
            report_id=report.pk, actor=agency_admin, unit_id=world.unit.pk
        ).report
        assert (report.status, report.unit_id) == (Status.DISPOSED, world.unit.pk)

        clock.move_to(at(2026, 3, 27))
        report = services.report_follow_up(
            report_id=report.pk, actor=unit_admin, note="Tim sudah meninjau lokasi."
        ).report
        assert report.status == Status.IN_PROGRESS
        assert report.first_followup_at == at(2026, 3, 27)
        assert report.due_at == report.resolution_due_at == end_of(2026, 4, 15)

        clock.move_to(at(2026, 3, 28))  # a Saturday: reporters write any day
        report = services.report_reply(
            report_id=report.pk, actor=reporter, note="Terima kasih, kapan diperbaiki?"
        ).report
        assert report.status == Status.IN_PROGRESS

        clock.move_to(at(2026, 3, 30))
        report = services.report_resolve(
            report_id=report.pk, actor=unit_admin, note="Jalan sudah ditambal."
        ).report
        assert report.status == Status.RESOLVED
        assert report.resolved_at == at(2026, 3, 30)
        assert report.reply_due_at == report.due_at == end_of(2026, 4, 14)  # 10 wd

        clock.move_to(at(2026, 3, 31))
        report = services.report_reply(
            report_id=report.pk, actor=reporter, note="Tambalannya sudah lepas lagi."
        ).report
        assert report.status == Status.IN_PROGRESS
        assert report.resolved_at is None
        assert report.due_at == end_of(2026, 4, 15)  # still counted from disposition

        clock.move_to(at(2026, 4, 6))
        report = services.report_resolve(
            report_id=report.pk, actor=agency_admin, note="Jalan sudah diaspal ulang."
        ).report
        assert report.reply_due_at == end_of(2026, 4, 20)

        clock.move_to(at(2026, 4, 7))
        report = services.report_close(
            report_id=report.pk, actor=reporter, rating=5, comment="Cepat!", satisfied=True
        ).report
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    assert (report.rating, report.rating_comment, report.reporter_satisfied) == (5, "Cepat!", True)
    assert report.closed_at == at(2026, 4, 7)
    assert report.due_at is None
    assert report.version == 9  # filed as version 1, then eight moves

    timeline = [
        (e.code, e.actor_id, e.actor_role, e.from_status, e.to_status, e.visibility)
        for e in events(report)
    ]
    na, aa, ua = national.user_id, agency_admin.user_id, unit_admin.user_id
    rp = reporter.user_id
    assert timeline == [
        ("report.submitted", rp, REPORTER, "", "submitted", "public"),
        ("report.disposed", na, Role.ADMIN_NASIONAL, "submitted", "disposed", "public"),
        ("report.disposed_to_unit", aa, Role.ADMIN_INSTANSI, "disposed", "disposed", "internal"),
        ("report.followed_up", ua, Role.ADMIN_UNIT, "disposed", "in_progress", "public"),
        ("report.replied", rp, REPORTER, "in_progress", "in_progress", "reporter"),
        ("report.resolved", ua, Role.ADMIN_UNIT, "in_progress", "resolved", "public"),
        ("report.replied", rp, REPORTER, "resolved", "in_progress", "reporter"),
        ("report.resolved", aa, Role.ADMIN_INSTANSI, "in_progress", "resolved", "public"),
        ("report.closed", rp, REPORTER, "resolved", "closed", "public"),
    ]
    assert events(report)[-1].note == "Cepat!"
    assert events(report)[-1].data == {"rating": 5, "satisfied": True}


# --- other paths ------------------------------------------------------------------


def test_hold_then_complete_restarts_verification(world):
    with time_machine.travel(at(2026, 4, 6), tick=False) as clock:
        report = submit(world).report
        assert report.verification_due_at == end_of(2026, 4, 9)
        report = services.report_hold(
            report_id=report.pk, actor=world.actor("national"), note="Di jalan mana tepatnya?"
        ).report
        assert report.status == Status.ON_HOLD
        assert report.due_at == report.hold_due_at == end_of(2026, 4, 20)  # 10 wd

        clock.move_to(at(2026, 4, 13))
        report = services.report_complete(
            report_id=report.pk, actor=world.actor("reporter"), note="Jalan Merdeka no. 5."
        ).report
    assert report.status == Status.SUBMITTED
    assert report.hold_due_at is None
    assert report.verification_due_at == report.due_at == end_of(2026, 4, 16)
    assert [e.code for e in events(report)][-2:] == ["report.held", "report.completed"]
    assert events(report)[-2].note == "Di jalan mana tepatnya?"


def test_decline_returns_the_report_to_the_national_verifier(world):
    report = report_in(world, Status.DISPOSED, now=datetime.now(tz=WIB))
    report = services.report_decline(
        report_id=report.pk, actor=world.actor("agency_admin"), note="Ini urusan provinsi."
    ).report
    assert (report.status, report.agency_id, report.unit_id) == (Status.SUBMITTED, None, None)
    assert report.verification_due_at is not None and report.due_at == report.verification_due_at
    event = events(report)[-1]
    assert (event.code, event.visibility) == ("report.declined", "internal")
    assert event.data["agency"] == {"old": world.agency.pk, "new": None}


def test_transfer_restarts_the_agency_clocks(world):
    with time_machine.travel(at(2026, 4, 6), tick=False):
        report = report_in(world, Status.DISPOSED, now=at(2026, 4, 6))
        report = services.report_transfer(
            report_id=report.pk,
            actor=world.actor("national"),
            agency_id=world.other.pk,
            note="Jalan provinsi, bukan kota.",
        ).report
    assert (report.status, report.agency_id, report.unit_id) == (
        Status.DISPOSED,
        world.other.pk,
        None,
    )
    assert report.disposed_at == at(2026, 4, 6)
    assert report.first_followup_due_at == end_of(2026, 4, 13)
    event = events(report)[-1]
    assert event.data["agency"] == {"old": world.agency.pk, "new": world.other.pk}
    # The first agency no longer holds it.
    with pytest.raises(PermissionDenied):
        services.report_follow_up(
            report_id=report.pk, actor=world.actor("agency_admin"), note="Sudah kami cek."
        )


def test_transfer_to_the_same_agency_is_refused(world):
    report = report_in(world, Status.DISPOSED, now=datetime.now(tz=WIB))
    before = snapshot(report)
    with pytest.raises(ValidationFailed) as exc:
        services.report_transfer(
            report_id=report.pk,
            actor=world.actor("agency_admin"),
            agency_id=world.agency.pk,
            note="Salah kirim.",
        )
    assert set(exc.value.errors) == {"agency_id"}
    assert snapshot(report) == before


def test_archive_as_duplicate(world):
    original = submit(world).report
    copy = submit(world).report
    national = world.actor("national")
    before = snapshot(copy)
    for bad in ("", "123", f"#{copy.tracking_id}"):
        with pytest.raises(ValidationFailed) as exc:
            services.report_archive(
                report_id=copy.pk,
                actor=national,
                reason=ArchiveReason.DUPLICATE,
                duplicate_of=bad,
            )
        assert set(exc.value.errors) == {"duplicate_of"}
    assert snapshot(copy) == before

    spaced = f"# {original.tracking_id[:5]} {original.tracking_id[5:]}"
    copy = services.report_archive(
        report_id=copy.pk, actor=national, reason=ArchiveReason.DUPLICATE, duplicate_of=spaced
    ).report
    assert (copy.status, copy.archive_reason, copy.duplicate_of_id) == (
        Status.ARCHIVED,
        ArchiveReason.DUPLICATE,
        original.pk,
    )
    assert copy.due_at is None
    event = events(copy)[-1]
    assert (event.code, event.visibility) == ("report.archived", "reporter")
    assert event.data == {"reason": "duplicate", "duplicate_of": original.tracking_id}


def test_consent_escalation_and_the_ombudsman_answers(world):
    reporter = world.actor("reporter")
    ombudsman = world.actor("ombudsman")
    with time_machine.travel(at(2026, 6, 15), tick=False) as clock:
        report = report_in(
            world, Status.IN_PROGRESS, now=at(2026, 6, 15), submitted_at=at(2026, 4, 1)
        )
        report = services.report_ask_consent(report_id=report.pk, actor=SYSTEM).report
        assert report.ombudsman_consent == OmbudsmanConsent.ASKED
        assert events(report)[-1].actor_role == SYSTEM_ROLE

        clock.move_to(at(2026, 6, 22))
        report = services.report_escalate(report_id=report.pk, actor=reporter).report
        assert report.status == Status.ESCALATED
        assert (report.agency_id, report.unit_id) == (world.ombudsman_agency.pk, None)
        assert report.ombudsman_consent == OmbudsmanConsent.GIVEN
        assert report.status_changed_at == at(2026, 6, 22)
        assert report.resolution_due_at == report.due_at
        assert report.due_at > at(2026, 9, 1)  # 60 wd from the hand-over

        # The agency has lost it; the Ombudsman follows up, and it stays escalated.
        with pytest.raises(PermissionDenied):
            services.report_follow_up(
                report_id=report.pk, actor=world.actor("agency_admin"), note="Masih kami proses."
            )
        report = services.report_follow_up(
            report_id=report.pk, actor=ombudsman, note="Ombudsman meminta klarifikasi."
        ).report
        assert report.status == Status.ESCALATED

        clock.move_to(at(2026, 7, 1))
        report = services.report_resolve(
            report_id=report.pk, actor=ombudsman, note="Instansi sudah memperbaiki layanan."
        ).report
        assert report.status == Status.RESOLVED
        # A reply reopens the report for the Ombudsman, not for the agency.
        report = services.report_reply(
            report_id=report.pk, actor=reporter, note="Belum ada perubahan di lapangan."
        ).report
        assert report.status == Status.ESCALATED
        report = services.report_resolve(
            report_id=report.pk, actor=ombudsman, note="Sudah dicek ulang, sudah diperbaiki."
        ).report
        reply_due = report.reply_due_at

    with pytest.raises(InvalidTransition):
        services.report_auto_close(report_id=report.pk, now=reply_due)
    report = services.report_auto_close(
        report_id=report.pk, now=reply_due + timedelta(seconds=1)
    ).report
    assert report.status == Status.CLOSED
    assert [e.code for e in events(report)] == [
        "report.consent_asked",
        "report.escalated",
        "report.followed_up",
        "report.resolved",
        "report.replied",
        "report.resolved",
        "report.auto_closed",
    ]
    closing = events(report)[-1]
    assert (closing.actor_id, closing.actor_role, closing.from_status) == (
        None,
        SYSTEM_ROLE,
        "resolved",
    )


def test_refused_consent_keeps_the_report_with_the_agency(world):
    report = report_in(
        world,
        Status.IN_PROGRESS,
        now=datetime.now(tz=WIB),
        ombudsman_consent=OmbudsmanConsent.ASKED,
    )
    report = services.report_refuse_consent(
        report_id=report.pk, actor=world.actor("reporter")
    ).report
    assert (report.status, report.ombudsman_consent, report.agency_id) == (
        Status.IN_PROGRESS,
        OmbudsmanConsent.REFUSED,
        world.agency.pk,
    )
    # The national admin may ask again later.
    report = services.report_ask_consent(report_id=report.pk, actor=world.actor("national")).report
    assert report.ombudsman_consent == OmbudsmanConsent.ASKED


def test_escalation_needs_the_ombudsman_agency(world):
    world.ombudsman_agency.delete()
    report = report_in(
        world,
        Status.IN_PROGRESS,
        now=datetime.now(tz=WIB),
        ombudsman_consent=OmbudsmanConsent.ASKED,
    )
    before = snapshot(report)
    with pytest.raises(ServiceError):
        services.report_escalate(report_id=report.pk, actor=world.actor("reporter"))
    assert snapshot(report) == before


# --- bad input changes nothing ------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "role", "action", "kwargs", "fields"),
    [
        ("submitted", "national", "dispose", {"params": {}}, {"agency_id"}),
        ("submitted", "national", "dispose", {"params": {"agency_id": "x"}}, {"agency_id"}),
        ("submitted", "national", "dispose", {"params": {"agency_id": 0}}, {"agency_id"}),
        (
            "submitted",
            "national",
            "dispose",
            {"params": {"agency_id": "OTHER", "unit_id": "UNIT", "title": "pendek"}},
            {"unit_id", "title"},
        ),
        (
            "submitted",
            "national",
            "dispose",
            {"params": {"agency_id": "UNIT"}},
            {"agency_id"},
        ),
        (
            "submitted",
            "national",
            "dispose",
            {"params": {"agency_id": "AGENCY", "is_confidential": "ya", "status": "closed"}},
            {"is_confidential", "status"},
        ),
        ("submitted", "national", "hold", {"note": "   "}, {"note"}),
        ("submitted", "national", "archive", {"params": {"reason": "boring"}}, {"reason"}),
        (
            "submitted",
            "national",
            "archive",
            {"params": {"reason": "spam", "duplicate_of": "1234567897"}},
            {"duplicate_of"},
        ),
        ("disposed", "agency_admin", "dispose_to_unit", {"params": {}}, {"unit_id"}),
        (
            "disposed",
            "agency_admin",
            "dispose_to_unit",
            {"params": {"unit_id": "OTHER_UNIT"}},
            {"unit_id"},
        ),
        (
            "disposed",
            "agency_admin",
            "dispose_to_unit",
            {"params": {"unit_id": "UNIT"}},
            {"unit_id"},
        ),
        ("disposed", "agency_admin", "decline", {}, {"note"}),
        ("disposed", "agency_admin", "transfer", {"params": {"agency_id": "OTHER"}}, {"note"}),
        ("disposed", "agency_admin", "follow_up", {"note": ""}, {"note"}),
        (
            "disposed",
            "agency_admin",
            "follow_up",
            {"note": "x", "visibility": "all"},
            {"visibility"},
        ),
        (
            "in_progress",
            "reporter",
            "reply",
            {"note": "ok", "visibility": "internal"},
            {"visibility"},
        ),
        ("resolved", "reporter", "close", {"params": {}}, {"rating"}),
        ("resolved", "reporter", "close", {"params": {"rating": 0}}, {"rating"}),
        ("resolved", "reporter", "close", {"params": {"rating": 6}}, {"rating"}),
        ("resolved", "reporter", "close", {"params": {"rating": True}}, {"rating"}),
        (
            "resolved",
            "reporter",
            "close",
            {"params": {"rating": 3, "satisfied": "no"}},
            {"satisfied"},
        ),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(world, status, role, action, kwargs, fields):
    names = {
        "AGENCY": world.agency.pk,
        "OTHER": world.other.pk,
        "UNIT": world.unit.pk,
        "OTHER_UNIT": make_agency("Unit lain", kind=AgencyKind.UNIT, parent=world.other).pk,
    }
    params = {k: names.get(v, v) for k, v in kwargs.get("params", {}).items()}
    kwargs = kwargs | ({"params": params} if "params" in kwargs else {})
    report = report_in(world, status, now=datetime.now(tz=WIB))
    before = snapshot(report)
    with pytest.raises(ValidationFailed) as exc:
        services.transition(report_id=report.pk, action=action, actor=world.actor(role), **kwargs)
    assert set(exc.value.errors) == fields
    assert snapshot(report) == before


def test_dispose_corrections_are_recorded(world):
    category = CategoryFactory()
    region = make_region("35.78")
    report = submit(world).report
    report = services.report_dispose(
        report_id=report.pk,
        actor=world.actor("national"),
        agency_id=world.agency.pk,
        unit_id=world.subunit.pk,
        corrections={
            "classification": Classification.PENGADUAN_PENGAWASAN,
            "category_id": category.pk,
            "region_code": region.code,
            "is_anonymous": True,
            "is_confidential": True,
            "title": "Jalan berlubang di Jalan Merdeka",  # unchanged: not recorded
        },
    ).report
    report.refresh_from_db()
    assert (report.agency_id, report.unit_id, report.category_id, report.region_id) == (
        world.agency.pk,
        world.subunit.pk,
        category.pk,
        "35.78",
    )
    assert report.is_anonymous and report.is_confidential
    assert events(report)[-1].data["corrections"] == {
        "classification": {"old": "pengaduan", "new": "pengaduan_pengawasan"},
        "category": {"old": None, "new": category.pk},
        "region": {"old": None, "new": "35.78"},
        "is_anonymous": {"old": False, "new": True},
        "is_confidential": {"old": False, "new": True},
    }


# --- filing -------------------------------------------------------------------------


def test_submit_with_everything(world, django_capture_on_commit_callbacks):
    category = CategoryFactory()
    region = make_region("32.73.01")
    with django_capture_on_commit_callbacks(execute=True):
        report = submit(
            world,
            incident_date=date(2026, 1, 5),
            region_code=region.code,
            latitude="-6.9147",
            longitude=107.6098,
            address="  Jl. Merdeka   no. 5 ",
            category_id=category.pk,
            target_agency_id=world.agency.pk,
            is_anonymous=True,
            channel="api",
        ).report
    report.refresh_from_db()
    assert report.latitude == Decimal("-6.914700")
    assert report.longitude == Decimal("107.609800")
    assert report.address == "Jl. Merdeka no. 5"
    assert (report.target_agency_id, report.agency_id) == (world.agency.pk, world.agency.pk)
    assert report.is_anonymous and not report.is_confidential
    assert report.channel == "api"
    assert report.version == 1
    (event,) = events(report)
    assert event.data == {"channel": "api", "target_agency": world.agency.pk}
    # The picked agency's admin verifies it.
    from lapor.reports.transitions import allowed_actions

    assert Action.DISPOSE in allowed_actions(report, world.actor("agency_admin"))


def test_submit_by_an_integration_without_account(world):
    report = submit(world, actor=SYSTEM, channel="integration").report
    assert report.reporter_id is None
    assert events(report)[0].actor_role == SYSTEM_ROLE


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"title": "Pendek"}, {"title"}),
        ({"title": "x" * 151}, {"title"}),
        ({"description": "Terlalu singkat."}, {"description"}),
        ({"classification": "keluhan"}, {"classification"}),
        ({"incident_date": date(2026, 3, 22)}, {"incident_date"}),
        ({"latitude": "-6.9"}, {"location"}),
        ({"latitude": "-12.4634", "longitude": "130.8456"}, {"location"}),  # Darwin
        ({"latitude": "-6.9", "longitude": "abc"}, {"longitude"}),
        ({"region_code": "99.99"}, {"region_code"}),
        ({"category_id": "INACTIVE_CATEGORY"}, {"category_id"}),
        ({"target_agency_id": "INACTIVE_AGENCY"}, {"target_agency_id"}),
        ({"target_agency_id": "UNIT"}, {"target_agency_id"}),
        ({"is_confidential": "yes"}, {"is_confidential"}),
        ({"channel": "fax"}, {"channel"}),
        ({"title": "", "description": ""}, {"title", "description"}),
    ],
)
def test_submit_refuses_bad_input(world, overrides, fields):
    names = {
        "INACTIVE_CATEGORY": CategoryFactory(is_active=False).pk,
        "INACTIVE_AGENCY": make_agency("Instansi Lama", is_active=False).pk,
        "UNIT": world.unit.pk,
    }
    overrides = {k: names.get(v, v) if isinstance(v, str) else v for k, v in overrides.items()}
    with (
        time_machine.travel(at(2026, 3, 20, 23, 30), tick=False),
        pytest.raises(ValidationFailed) as exc,
    ):
        submit(world, **overrides)
    assert set(exc.value.errors) == fields
    assert not Report.objects.exists()
    assert not ReportEvent.objects.exists()


def test_submit_accepts_today_in_papua(world):
    # 23:30 WIB on 20 March is already 21 March in Jayapura (WIT).
    with time_machine.travel(at(2026, 3, 20, 23, 30), tick=False):
        report = submit(world, incident_date=date(2026, 3, 21)).report
    assert report.incident_date == date(2026, 3, 21)


def test_submit_by_an_inactive_user_is_refused(world):
    reporter = world.user("reporter")
    reporter.is_active = False
    reporter.save(update_fields=["is_active"])
    with pytest.raises(PermissionDenied):
        submit(world, actor=principal_for_user(reporter, verified=True))
    assert not Report.objects.exists()


def test_submit_draws_again_when_the_tracking_id_is_taken(world, monkeypatch):
    first = submit(world).report
    fresh = "100000000" + luhn_check_digit("100000000")
    assert is_valid_tracking_id(fresh)
    draws = iter([first.tracking_id, fresh])
    monkeypatch.setattr(services, "generate_tracking_id", lambda: next(draws))
    second = submit(world).report
    assert second.tracking_id == fresh
    assert Report.objects.count() == 2


def test_the_verifiers_note_for_the_agency_is_internal_whoever_calls(world):
    """Finding 5, in the engine: a disposition is public, its note is for the agency.
    Any caller (console, API, bulk) gets the note as an internal event beside the move."""
    from lapor.accounts.principals import VISITOR
    from lapor.reports.selectors import report_events_visible_to

    first = submit(world).report
    moved = services.report_dispose(
        report_id=first.pk,
        actor=world.actor("national"),
        agency_id=world.agency.pk,
        note="MARKER-FOR-THE-AGENCY",
    )
    assert moved.code == "report.disposed" and moved.note == ""
    noted = ReportEvent.objects.get(report=first, code="report.noted")
    assert (noted.note, noted.visibility) == ("MARKER-FOR-THE-AGENCY", "internal")
    assert noted.actor_id == moved.actor_id and noted.created_at == moved.created_at
    public = report_events_visible_to(VISITOR, Report.objects.get(pk=first.pk))
    assert "MARKER-FOR-THE-AGENCY" not in " ".join(e.note for e in public)
    assert [e.code for e in public][-1] == "report.disposed"

    second = submit(world).report
    result = services.transition_many(
        report_ids=[second.pk],
        action=Action.DISPOSE,
        actor=world.actor("national"),
        note="MARKER-IN-BULK",
        params={"agency_id": world.agency.pk},
    )
    assert result.done == [second.pk] and [e.code for e in result.events] == ["report.disposed"]
    assert ReportEvent.objects.get(report=second, code="report.disposed").note == ""
    bulk_note = ReportEvent.objects.get(report=second, code="report.noted")
    assert (bulk_note.note, bulk_note.visibility) == ("MARKER-IN-BULK", "internal")


def test_a_duplicate_names_only_a_report_the_verifier_may_read(world):
    """The original of a duplicate is looked up through the gate: an agency verifier
    cannot probe for a confidential report of another agency by its tracking ID."""
    hidden = submit(world, is_confidential=True).report  # waiting for the national desk
    mine = submit(world, target_agency_id=world.agency.pk).report
    verifier = world.actor("agency_admin")
    with pytest.raises(ValidationFailed) as refused:
        services.report_archive(
            report_id=mine.pk,
            actor=verifier,
            reason=ArchiveReason.DUPLICATE,
            duplicate_of=hidden.tracking_id,
        )
    assert "duplicate_of" in refused.value.errors
    assert Report.objects.get(pk=mine.pk).status == Status.SUBMITTED
    # The national verifier reads both: the same call goes through (positive control).
    services.report_archive(
        report_id=mine.pk,
        actor=world.actor("national"),
        reason=ArchiveReason.DUPLICATE,
        duplicate_of=hidden.tracking_id,
    )
    assert Report.objects.get(pk=mine.pk).duplicate_of_id == hidden.pk
