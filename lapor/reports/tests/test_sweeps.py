"""The deadline sweeps, walked with frozen time through every deadline of a report.

July 2026 has no holiday, so working days are Monday to Friday: a report filed on
Monday 6 July is first counted on Tuesday 7 July.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lapor.core.models import OutboxMessage
from lapor.reports import services
from lapor.reports.choices import ArchiveReason, Classification, OmbudsmanConsent, Status
from lapor.reports.deadlines import DueState, report_due_state
from lapor.reports.models import EscalationLevel, Report, ReportEvent
from lapor.reports.sweeps import ESCALATE_TO_NATIONAL_AFTER_DAYS, sweep_all
from lapor.reports.tasks import run_sweeps_task

from .flow_world import FAST_HASHERS, World, build_world, report_in

WIB = ZoneInfo("Asia/Jakarta")
ZERO = {
    "holds_archived": 0,
    "auto_closed": 0,
    "consent_asked": 0,
    "reminders": 0,
    "overdue": 0,
    "escalated_to_agency": 0,
    "escalated_to_national": 0,
}


def at(m: int, d: int, hh: int = 10, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(2026, m, d, hh, mm, ss, tzinfo=WIB)


def end_of(m: int, d: int) -> datetime:
    return datetime.combine(date(2026, m, d), time(23, 59, 59, 999999), tzinfo=WIB)


def counts(**nonzero: int) -> dict[str, int]:
    return {**ZERO, **nonzero}


@pytest.fixture
def world(settings, db) -> World:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return build_world()


@pytest.fixture
def clock():
    with time_machine.travel(at(7, 6), tick=False) as traveller:
        yield traveller


def submit(w: World) -> Report:
    return services.report_submit(
        actor=w.actor("reporter"),
        classification=Classification.PENGADUAN,
        title="Jalan berlubang di depan pasar",
        description="Jalan di depan pasar berlubang besar sejak sebulan dan membahayakan.",
    ).report


def fresh(report: Report) -> Report:
    return Report.objects.select_related("agency", "region", "sweep_state").get(pk=report.pk)


def events(report: Report, code: str) -> list[ReportEvent]:
    return list(ReportEvent.objects.filter(report=report, code=code).order_by("id"))


def sweep_twice(expected: dict[str, int]) -> None:
    """The sweep does ``expected``; a second run at the same moment does nothing."""
    assert sweep_all() == expected
    assert sweep_all() == ZERO


def assert_published(event: ReportEvent) -> None:
    message = OutboxMessage.objects.get(
        idempotency_key=f"report.event:{event.pk}", subscriber="notifications"
    )
    assert message.topic == "report.event"
    assert message.payload == {
        "event_id": event.pk,
        "report_id": event.report_id,
        "code": event.code,
    }


def test_reminder_overdue_and_escalation_up_the_chain(world, clock):
    report = submit(world)
    assert report.due_at == end_of(7, 9)
    assert report.sweep_state.remind_at == at(7, 8, 0)
    sweep_twice(ZERO)

    # Tuesday, last minute: two working days left, no reminder yet.
    clock.move_to(at(7, 7, 23, 59))
    assert report_due_state(fresh(report), now=at(7, 7, 23, 59)) == DueState.ON_TIME
    sweep_twice(ZERO)

    # Wednesday 00:00: due by the end of the next working day.
    clock.move_to(at(7, 8, 0))
    assert report_due_state(fresh(report), now=at(7, 8, 0)) == DueState.DUE_SOON
    sweep_twice(counts(reminders=1))
    [reminder] = events(report, "report.reminder")
    assert reminder.visibility == "internal"
    assert reminder.actor_id is None and reminder.actor_role == "system"
    assert reminder.data["due"] == "verification_due_at"
    assert datetime.fromisoformat(reminder.data["due_at"]) == end_of(7, 9)
    assert_published(reminder)

    # Disposed to a unit: a new step, a new due date, a new reminder.
    clock.move_to(at(7, 8, 10))
    services.report_dispose(
        report_id=report.pk,
        actor=world.actor("national"),
        agency_id=world.agency.pk,
        unit_id=world.unit.pk,
    )
    report = fresh(report)
    assert report.due_at == end_of(7, 15)
    assert report.sweep_state.remind_at == at(7, 14, 0)
    clock.move_to(at(7, 14, 0))
    sweep_twice(counts(reminders=1))
    assert [e.data["due"] for e in events(report, "report.reminder")] == [
        "verification_due_at",
        "first_followup_due_at",
    ]

    # Thursday: the unit missed its first follow-up. Marked overdue, raised to the agency.
    clock.move_to(at(7, 16, 0, 1))
    sweep_twice(counts(overdue=1, escalated_to_agency=1))
    report = fresh(report)
    assert report.sweep_state.overdue_marked_at == at(7, 16, 0, 1)
    assert report.sweep_state.escalation_level == EscalationLevel.AGENCY
    assert ESCALATE_TO_NATIONAL_AFTER_DAYS == 3
    assert report.sweep_state.escalation_due_at == end_of(7, 21)  # Fri 17, Mon 20, Tue 21
    [overdue] = events(report, "report.overdue")
    assert (overdue.visibility, overdue.data["due"]) == ("internal", "first_followup_due_at")
    [to_agency] = events(report, "report.escalated_to_agency")
    assert to_agency.data["level"] == 1
    assert (to_agency.data["agency"], to_agency.data["unit"]) == (world.agency.pk, world.unit.pk)
    assert_published(overdue)
    assert_published(to_agency)

    # Still overdue three working days later: the national admin is told.
    clock.move_to(at(7, 21, 23, 59))
    sweep_twice(ZERO)
    clock.move_to(at(7, 22, 0, 0, 1))
    sweep_twice(counts(escalated_to_national=1))
    report = fresh(report)
    assert (report.sweep_state.escalation_level, report.sweep_state.escalation_due_at) == (
        EscalationLevel.NATIONAL,
        None,
    )
    [to_national] = events(report, "report.escalated_to_national")
    assert to_national.data["level"] == 2
    assert_published(to_national)

    # The unit finally follows up: a new step, and its bookkeeping starts over.
    clock.move_to(at(7, 22, 9))
    services.report_follow_up(
        report_id=report.pk, actor=world.actor("unit_admin"), note="Sedang kami tangani."
    )
    report = fresh(report)
    assert report.status == Status.IN_PROGRESS
    assert report.due_at == report.resolution_due_at == end_of(7, 28)  # 14 wd from 8 July
    assert (report.sweep_state.overdue_marked_at, report.sweep_state.escalation_level) == (
        None,
        EscalationLevel.NONE,
    )
    assert report.sweep_state.escalation_due_at is None
    assert report.sweep_state.remind_at == at(7, 27, 0)
    sweep_twice(ZERO)


def test_an_overdue_step_at_the_agency_itself_goes_to_the_national_admin(world, clock):
    report = submit(world)
    clock.move_to(at(7, 8, 10))
    services.report_dispose(
        report_id=report.pk, actor=world.actor("national"), agency_id=world.agency.pk
    )
    clock.move_to(at(7, 16, 0, 1))
    sweep_twice(counts(reminders=0, overdue=1, escalated_to_national=1))
    report = fresh(report)
    assert report.sweep_state.escalation_level == EscalationLevel.NATIONAL
    assert events(report, "report.escalated_to_national")[0].data["unit"] is None


def test_a_move_that_keeps_the_due_date_keeps_its_marks(world, clock):
    report = submit(world)
    clock.move_to(at(7, 8, 10))
    services.report_dispose(
        report_id=report.pk, actor=world.actor("national"), agency_id=world.agency.pk
    )
    clock.move_to(at(7, 16, 0, 1))
    sweep_twice(counts(overdue=1, escalated_to_national=1))
    marked = fresh(report)

    # Passing it to a unit changes no due date: still overdue, still escalated, no repeat.
    clock.move_to(at(7, 16, 9))
    services.report_dispose_to_unit(
        report_id=report.pk, actor=world.actor("agency_admin"), unit_id=world.unit.pk
    )
    report = fresh(report)
    assert report.due_at == marked.due_at
    assert report.sweep_state.overdue_marked_at == marked.sweep_state.overdue_marked_at
    assert report.sweep_state.escalation_level == EscalationLevel.NATIONAL
    sweep_twice(ZERO)


def test_the_national_verifiers_own_late_step_is_marked_but_not_escalated(world, clock):
    report = submit(world)
    clock.move_to(at(7, 10, 0, 1))  # verification was due at the end of Thursday 9 July
    # The reminder window was missed while the sweeps were down: no late reminder.
    sweep_twice(counts(overdue=1))
    report = fresh(report)
    assert (report.sweep_state.remind_at, report.sweep_state.escalation_level) == (
        None,
        EscalationLevel.NONE,
    )
    assert not events(report, "report.reminder")


def test_ombudsman_consent_asked_after_60_days_then_the_reporter_hands_it_over(world, clock):
    report = submit(world)
    clock.move_to(at(7, 8, 10))
    services.report_dispose(
        report_id=report.pk, actor=world.actor("national"), agency_id=world.agency.pk
    )
    clock.move_to(at(7, 9, 10))
    services.report_follow_up(
        report_id=report.pk, actor=world.actor("agency_admin"), note="Sedang kami periksa."
    )

    # 59 days after submission: not yet (its overdue resolution is marked meanwhile).
    clock.move_to(at(7, 6) + timedelta(days=59, hours=23))
    result = sweep_all()
    assert result["consent_asked"] == 0
    assert (result["overdue"], result["escalated_to_national"]) == (1, 1)
    assert sweep_all() == ZERO

    clock.move_to(at(7, 6) + timedelta(days=60))
    sweep_twice(counts(consent_asked=1))
    report = fresh(report)
    assert (report.status, report.ombudsman_consent) == (Status.IN_PROGRESS, "asked")
    [asked] = events(report, "report.consent_asked")
    assert (asked.actor_id, asked.actor_role, asked.visibility) == (None, "system", "reporter")
    assert_published(asked)

    # The reporter consents: the hand-over.
    clock.move_to(at(9, 7, 9))
    services.report_escalate(report_id=report.pk, actor=world.actor("reporter"))
    report = fresh(report)
    assert report.status == Status.ESCALATED
    assert report.ombudsman_consent == OmbudsmanConsent.GIVEN
    assert report.agency_id == world.ombudsman_agency.pk
    assert (report.sweep_state.overdue_marked_at, report.sweep_state.escalation_level) == (
        None,
        EscalationLevel.NONE,
    )
    sweep_twice(ZERO)


def test_a_refused_consent_is_not_asked_again_by_the_sweep(world, clock):
    report = submit(world)
    clock.move_to(at(7, 8, 10))
    services.report_dispose(
        report_id=report.pk, actor=world.actor("national"), agency_id=world.agency.pk
    )
    clock.move_to(at(7, 6) + timedelta(days=60))
    assert sweep_all()["consent_asked"] == 1
    services.report_refuse_consent(report_id=report.pk, actor=world.actor("reporter"))
    clock.move_to(at(7, 6) + timedelta(days=90))
    assert sweep_all()["consent_asked"] == 0
    assert fresh(report).ombudsman_consent == OmbudsmanConsent.REFUSED


def test_an_answer_left_unanswered_for_10_working_days_closes(world, clock):
    report = submit(world)
    clock.move_to(at(7, 8, 10))
    services.report_dispose(
        report_id=report.pk, actor=world.actor("national"), agency_id=world.agency.pk
    )
    clock.move_to(at(7, 13, 10))
    services.report_resolve(
        report_id=report.pk, actor=world.actor("agency_admin"), note="Jalan sudah kami tambal."
    )
    report = fresh(report)
    assert report.reply_due_at == report.due_at == end_of(7, 27)

    # The reporter is reminded the last working day before.
    clock.move_to(at(7, 24, 0))
    sweep_twice(counts(reminders=1))
    [reminder] = events(report, "report.reminder")
    assert (reminder.visibility, reminder.data["due"]) == ("reporter", "reply_due_at")

    clock.move_to(at(7, 27, 23, 59))
    sweep_twice(ZERO)
    clock.move_to(at(7, 28, 0, 0, 1))
    sweep_twice(counts(auto_closed=1))
    report = fresh(report)
    assert report.status == Status.CLOSED
    assert report.closed_at == at(7, 28, 0, 0, 1)
    assert report.due_at is None
    [closed] = events(report, "report.auto_closed")
    assert (closed.actor_id, closed.actor_role) == (None, "system")
    assert_published(closed)


def test_an_expired_hold_is_archived_as_incomplete_and_the_reporter_told(world, clock):
    report = submit(world)
    clock.move_to(at(7, 7, 10))
    services.report_hold(
        report_id=report.pk, actor=world.actor("national"), note="Di mana tepatnya lokasinya?"
    )
    report = fresh(report)
    assert report.hold_due_at == report.due_at == end_of(7, 21)

    clock.move_to(at(7, 20, 0))
    sweep_twice(counts(reminders=1))
    assert events(report, "report.reminder")[0].visibility == "reporter"

    clock.move_to(at(7, 21, 23, 59))
    sweep_twice(ZERO)
    clock.move_to(at(7, 22, 0, 0, 1))
    sweep_twice(counts(holds_archived=1))
    report = fresh(report)
    assert (report.status, report.archive_reason) == (Status.ARCHIVED, ArchiveReason.INCOMPLETE)
    [archived] = events(report, "report.archived")
    assert (archived.visibility, archived.actor_role) == ("reporter", "system")
    assert archived.data == {"reason": "incomplete"}
    assert_published(archived)


def test_completing_a_hold_re_arms_the_verification_reminder(world, clock):
    report = submit(world)
    clock.move_to(at(7, 8, 0))
    assert sweep_all()["reminders"] == 1
    clock.move_to(at(7, 8, 10))
    services.report_hold(report_id=report.pk, actor=world.actor("national"), note="Kapan terjadi?")
    clock.move_to(at(7, 9, 10))
    services.report_complete(
        report_id=report.pk, actor=world.actor("reporter"), note="Terjadi tanggal 1 Juli."
    )
    report = fresh(report)
    assert report.due_at == end_of(7, 14)
    assert report.sweep_state.remind_at == at(7, 13, 0)
    clock.move_to(at(7, 13, 0))
    sweep_twice(counts(reminders=1))
    assert len(events(report, "report.reminder")) == 2


def test_the_reminder_time_is_exactly_when_the_due_state_turns_due_soon(world, clock):
    report = submit(world)
    # Friday 10 July: verification due Tuesday 14 (after the weekend), reminder Monday.
    clock.move_to(at(7, 10, 15))
    services.report_hold(report_id=report.pk, actor=world.actor("national"), note="Kapan terjadi?")
    services.report_complete(
        report_id=report.pk, actor=world.actor("reporter"), note="Terjadi tanggal 1 Juli."
    )
    report = fresh(report)
    assert report.due_at == end_of(7, 15)
    remind_at = report.sweep_state.remind_at
    assert report_due_state(report, now=remind_at - timedelta(microseconds=1)) == DueState.ON_TIME
    assert report_due_state(report, now=remind_at) == DueState.DUE_SOON


def test_nothing_due_costs_the_same_few_queries_however_many_reports_are_open(world, clock):
    from django.utils import timezone

    now = timezone.now()

    def open_reports(n: int) -> None:
        for status in (Status.SUBMITTED, Status.DISPOSED, Status.IN_PROGRESS, Status.RESOLVED):
            for _ in range(n):
                report_in(
                    world,
                    status,
                    now=now,
                    submitted_at=now - timedelta(days=5),
                    due_at=now + timedelta(days=5),
                    reply_due_at=now + timedelta(days=5),
                    hold_due_at=now + timedelta(days=5),
                    remind_at=now + timedelta(days=4),
                )

    open_reports(3)
    with CaptureQueriesContext(connection) as few:
        assert sweep_all() == ZERO
    open_reports(20)
    with CaptureQueriesContext(connection) as many:
        assert sweep_all() == ZERO
    assert len(many) == len(few) <= 20


def test_large_runs_go_in_batches(world, clock):
    from django.utils import timezone

    now = timezone.now()
    for _ in range(7):
        report_in(world, Status.RESOLVED, now=now, due_at=now - timedelta(days=1))
    assert sweep_all(batch_size=3) == counts(auto_closed=7)
    assert Report.objects.filter(status=Status.CLOSED).count() == 7


def test_run_sweeps_command_and_task(world, clock):
    report = submit(world)
    clock.move_to(at(7, 8, 0))
    out = StringIO()
    call_command("run_sweeps", stdout=out)
    assert "reminders 1" in out.getvalue()
    assert len(events(report, "report.reminder")) == 1

    clock.move_to(at(7, 10, 0, 0, 1))
    assert run_sweeps_task.call() == counts(overdue=1)
    assert run_sweeps_task.call() == ZERO


def test_run_sweeps_help_documents_cron_and_systemd():
    from lapor.reports.management.commands.run_sweeps import HELP

    assert "*/5 * * * *" in HELP
    assert "run_sweeps --loop --interval 300" in HELP
