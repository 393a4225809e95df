"""``reports.deadlines``: due dates by status, and the traffic light."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from lapor.deadlines.models import HolidayKind
from lapor.deadlines.services import holiday_create
from lapor.regions.models import Timezone
from lapor.reports.choices import Classification, Status
from lapor.reports.deadlines import (
    SWEEP_FIELDS,
    DueState,
    report_due_state,
    report_recompute_deadlines,
    report_region_code,
    report_timezone,
)
from lapor.reports.models import OFFICIALS_STEPS, EscalationLevel, Report
from lapor.testing.factories import make_agency, make_region

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")

FILED = datetime(2026, 3, 20, 10, tzinfo=WIB)  # Friday, cuti bersama Idul Fitri


def end_of(y: int, m: int, d: int, zone: ZoneInfo = WIB) -> datetime:
    return datetime.combine(date(y, m, d), time.max, tzinfo=zone)


def report(**fields: Any) -> Report:
    fields.setdefault("classification", Classification.PENGADUAN)
    fields.setdefault("submitted_at", FILED)
    fields.setdefault("status_changed_at", FILED)
    return Report(title="Jalan rusak", description="...", **fields)


def changed(r: Report) -> set[str]:
    """The report's fields and the sweep state's columns a recomputation sets."""
    fields, sweep = report_recompute_deadlines(r)
    # The overdue sweep's due date: the report's, while the step is the officials'.
    assert sweep["overdue_at"] == (r.due_at if r.status in OFFICIALS_STEPS else None)
    return {*fields, *(set(sweep) - {"overdue_at"})}


def test_submitted() -> None:
    r = report(status=Status.SUBMITTED, hold_due_at=end_of(2026, 3, 1))
    assert changed(r) == {"verification_due_at", "hold_due_at", "due_at", *SWEEP_FIELDS}
    assert r.verification_due_at == end_of(2026, 3, 27)
    assert r.due_at == r.verification_due_at
    assert r.hold_due_at is None


def test_on_hold() -> None:
    held = datetime(2026, 3, 26, 9, tzinfo=WIB)  # Thursday
    r = report(
        status=Status.ON_HOLD, status_changed_at=held, verification_due_at=end_of(2026, 3, 27)
    )
    assert changed(r) == {"hold_due_at", "due_at", *SWEEP_FIELDS}
    # 27, 30, 31 Mar, 1, 2, (3 Good Friday), 6, 7, 8, 9, 10 Apr.
    assert r.hold_due_at == end_of(2026, 4, 10)
    assert r.due_at == r.hold_due_at
    assert r.verification_due_at == end_of(2026, 3, 27)  # kept as history


@pytest.mark.parametrize(
    ("classification", "resolution_due"),
    [
        (Classification.ASPIRASI, end_of(2026, 3, 31)),
        (Classification.INFORMASI, end_of(2026, 3, 31)),
        # 25-27, 30, 31 Mar, 1, 2, 6-10, 13, 14 Apr.
        (Classification.PENGADUAN, end_of(2026, 4, 14)),
    ],
)
def test_disposed(classification: str, resolution_due: datetime) -> None:
    r = report(status=Status.DISPOSED, classification=classification, disposed_at=FILED)
    assert changed(r) == {
        "first_followup_due_at",
        "resolution_due_at",
        "due_at",
        *SWEEP_FIELDS,
    }
    assert r.first_followup_due_at == end_of(2026, 3, 31)
    assert r.resolution_due_at == resolution_due
    assert r.due_at == r.first_followup_due_at


def test_in_progress_counts_resolution_from_disposition_not_from_the_follow_up() -> None:
    r = report(
        status=Status.IN_PROGRESS,
        classification=Classification.PENGADUAN,
        disposed_at=FILED,
        status_changed_at=datetime(2026, 4, 2, 9, tzinfo=WIB),
        first_followup_due_at=end_of(2026, 3, 31),
    )
    assert changed(r) == {"resolution_due_at", "due_at", *SWEEP_FIELDS}
    assert r.resolution_due_at == end_of(2026, 4, 14)
    assert r.due_at == r.resolution_due_at
    assert r.first_followup_due_at == end_of(2026, 3, 31)


def test_in_progress_pengaduan_berkadar_pengawasan_gets_60_working_days() -> None:
    r = report(
        status=Status.IN_PROGRESS,
        classification=Classification.PENGADUAN_PENGAWASAN,
        disposed_at=FILED,
    )
    report_recompute_deadlines(r)
    # 5 in March, 21 in April (not 3 Apr), 16 in May (not 1, 14, 15, 27, 28),
    # 18 in June (not 1 and 16 Jun): the 60th is Friday 26 June.
    assert r.resolution_due_at == end_of(2026, 6, 26)


def test_resolved_gives_the_reporter_10_working_days_across_new_year() -> None:
    answered = datetime(2026, 12, 23, 15, tzinfo=WIB)
    r = report(
        status=Status.RESOLVED,
        disposed_at=FILED,
        resolved_at=answered,
        status_changed_at=answered,
        resolution_due_at=end_of(2026, 4, 14),
    )
    assert changed(r) == {"reply_due_at", "due_at", *SWEEP_FIELDS}
    assert r.reply_due_at == end_of(2027, 1, 12)
    assert r.due_at == r.reply_due_at
    assert r.resolution_due_at == end_of(2026, 4, 14)


def test_escalated_gives_the_ombudsman_60_working_days_from_the_hand_over() -> None:
    r = report(status=Status.ESCALATED, disposed_at=FILED, status_changed_at=FILED)
    assert changed(r) == {"resolution_due_at", "due_at", *SWEEP_FIELDS}
    assert r.resolution_due_at == end_of(2026, 6, 26)
    assert r.due_at == r.resolution_due_at


@pytest.mark.parametrize("status", [Status.ARCHIVED, Status.CLOSED])
def test_terminal_statuses_have_nothing_due_but_keep_history(status: str) -> None:
    r = report(
        status=status,
        due_at=end_of(2026, 3, 27),
        verification_due_at=end_of(2026, 3, 27),
        reply_due_at=end_of(2026, 4, 10),
    )
    # due_at moved (to nothing): the sweeps' bookkeeping for it starts over too.
    fields, sweep = report_recompute_deadlines(r)
    assert fields == ["due_at"]
    assert set(sweep) == {"overdue_at", *SWEEP_FIELDS}
    assert set(sweep.values()) == {None, EscalationLevel.NONE}
    assert r.due_at is None
    assert r.verification_due_at == end_of(2026, 3, 27)
    assert r.reply_due_at == end_of(2026, 4, 10)


def test_the_function_is_pure_recomputing_twice_gives_the_same_dates() -> None:
    r = report(status=Status.DISPOSED, disposed_at=FILED)
    report_recompute_deadlines(r)
    first = (r.first_followup_due_at, r.resolution_due_at, r.due_at)
    # The due date is the same, so the sweeps' marks for it stand.
    assert report_recompute_deadlines(r).sweep == {"overdue_at": r.due_at}
    assert (r.first_followup_due_at, r.resolution_due_at, r.due_at) == first


def test_the_agencys_timezone_and_region_decide() -> None:
    makassar = make_region("73.71", "Kota Makassar", tz=Timezone.WITA)
    agency = make_agency(region=makassar)
    assert agency.timezone == Timezone.WITA
    # Thursday 9 April 23:30 WIB is Friday 00:30 WITA.
    moved = datetime(2026, 4, 9, 23, 30, tzinfo=WIB)
    r = report(status=Status.DISPOSED, agency=agency, disposed_at=moved, status_changed_at=moved)
    assert report_timezone(r) == "Asia/Makassar"
    assert report_region_code(r) == "73.71"
    report_recompute_deadlines(r)
    # Counted from Mon 13 April: 13, 14, 15, 16, 17.
    assert r.first_followup_due_at == end_of(2026, 4, 17, WITA)
    assert r.first_followup_due_at.utcoffset().total_seconds() == 8 * 3600


def test_without_agency_the_reports_region_decides_then_wib() -> None:
    jayapura = make_region("94.71", "Kota Jayapura", tz=Timezone.WIT)
    r = report(status=Status.SUBMITTED, region=jayapura)
    assert report_timezone(r) == "Asia/Jayapura"
    report_recompute_deadlines(r)
    assert r.verification_due_at == end_of(2026, 3, 27, WIT)
    bare = report(status=Status.SUBMITTED)
    assert report_timezone(bare) == "Asia/Jakarta"
    assert report_region_code(bare) is None


def test_local_holidays_follow_the_agencys_region_over_the_reports() -> None:
    bali = make_region("51", "Bali", tz=Timezone.WITA)
    denpasar = make_region("51.71", "Kota Denpasar", tz=Timezone.WITA)
    bandung = make_region("32.73", "Kota Bandung")
    holiday_create(date=date(2026, 4, 13), name="Hari raya", kind=HolidayKind.LOCAL, region=bali)
    friday = datetime(2026, 4, 10, 10, tzinfo=WIB)
    r = report(status=Status.SUBMITTED, region=denpasar, status_changed_at=friday)
    report_recompute_deadlines(r)
    assert r.verification_due_at == end_of(2026, 4, 16, WITA)  # 14, 15, 16
    # Handled by an agency in Bandung: Bali's holiday no longer applies.
    r.agency = make_agency(region=bandung)
    report_recompute_deadlines(r)
    assert r.verification_due_at == end_of(2026, 4, 15)  # 13, 14, 15 WIB


class TestDueState:
    due = end_of(2026, 3, 27)  # Friday

    def at(self, *args: int) -> datetime:
        return datetime(*args, tzinfo=WIB)

    def test_nothing_due(self) -> None:
        assert report_due_state(report(status=Status.CLOSED), now=self.at(2026, 3, 25)) == ""

    @pytest.mark.parametrize(
        ("now", "state"),
        [
            ((2026, 3, 25, 10), DueState.ON_TIME),  # Wed: next working day ends Thu
            ((2026, 3, 26, 0, 0), DueState.DUE_SOON),  # Thu: due by the end of Fri
            ((2026, 3, 27, 23, 59), DueState.DUE_SOON),
            ((2026, 3, 28, 0, 0), DueState.OVERDUE),
            ((2026, 4, 6, 9), DueState.OVERDUE),
        ],
    )
    def test_around_the_boundary(self, now: tuple[int, ...], state: str) -> None:
        r = report(status=Status.SUBMITTED, due_at=self.due)
        assert report_due_state(r, now=self.at(*now)) == state

    def test_exactly_at_the_due_moment_is_not_yet_overdue(self) -> None:
        r = report(status=Status.SUBMITTED, due_at=self.due)
        assert report_due_state(r, now=self.due) == DueState.DUE_SOON

    def test_a_weekend_and_holidays_count_towards_due_soon(self) -> None:
        # Due end of Wed 25 March. From Tue 17 March the next working day is the 25th
        # itself (18-24 March are Nyepi, Idul Fitri and their cuti bersama); from
        # Monday 16 it is Tuesday 17.
        r = report(status=Status.SUBMITTED, due_at=end_of(2026, 3, 25))
        assert report_due_state(r, now=self.at(2026, 3, 19, 12)) == DueState.DUE_SOON
        assert report_due_state(r, now=self.at(2026, 3, 17, 12)) == DueState.DUE_SOON
        assert report_due_state(r, now=self.at(2026, 3, 16, 12)) == DueState.ON_TIME

    def test_labels(self) -> None:
        assert DueState.OVERDUE.label == "Overdue"
        assert set(DueState.values) == {"on_time", "due_soon", "overdue"}
