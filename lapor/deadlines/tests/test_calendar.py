from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest

from lapor.deadlines.calendar import (
    add_working_days,
    is_working_day,
    working_days_between,
    working_days_in_year,
)
from lapor.deadlines.models import Holiday, HolidayKind
from lapor.deadlines.services import holiday_create, holiday_delete
from lapor.testing.factories import make_region

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")


def wib(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=WIB)


def end_of(day: date, zone: ZoneInfo = WIB) -> datetime:
    return datetime.combine(day, time.max, tzinfo=zone)


def test_the_package_carries_the_2026_cuti_bersama_the_calendar_relies_on() -> None:
    days = holidays.country_holidays("ID", categories=("public", "government"), years=2026)
    for day in ["2026-03-18", "2026-03-20", "2026-03-23", "2026-03-24", "2026-12-24"]:
        assert date.fromisoformat(day) in days


def test_filed_on_cuti_bersama_friday_20_march_2026_is_first_counted_on_wednesday_25() -> None:
    filed = wib(2026, 3, 20, 10)
    assert add_working_days(filed, 1, tz="Asia/Jakarta") == end_of(date(2026, 3, 25))
    assert add_working_days(filed, 3, tz="Asia/Jakarta") == end_of(date(2026, 3, 27))
    # 25, 26, 27, 30, 31 March.
    assert add_working_days(filed, 5, tz="Asia/Jakarta") == end_of(date(2026, 3, 31))
    # ... 1, 2 April, then Good Friday 3 April is skipped.
    assert add_working_days(filed, 7, tz="Asia/Jakarta") == end_of(date(2026, 4, 2))
    assert add_working_days(filed, 8, tz="Asia/Jakarta") == end_of(date(2026, 4, 6))


def test_the_result_is_the_last_microsecond_of_the_day_in_the_given_zone() -> None:
    due = add_working_days(wib(2026, 3, 20), 3, tz="Asia/Jakarta")
    assert due.tzinfo is not None
    assert due.utcoffset() == timedelta(hours=7)
    assert (due.hour, due.minute, due.second, due.microsecond) == (23, 59, 59, 999999)


def test_a_filing_late_on_a_working_day_counts_from_the_next_day() -> None:
    # Tuesday 7 April 2026, one minute before midnight.
    due = add_working_days(wib(2026, 4, 7, 23, 59), 3, tz="Asia/Jakarta")
    assert due == end_of(date(2026, 4, 10))


def test_a_filing_just_after_midnight_counts_from_the_next_day_too() -> None:
    due = add_working_days(wib(2026, 4, 8, 0, 1), 1, tz="Asia/Jakarta")
    assert due == end_of(date(2026, 4, 9))


def test_weekends_are_skipped() -> None:
    # Thursday 9 April 2026: Fri 10, Mon 13, Tue 14.
    assert add_working_days(wib(2026, 4, 9), 3, tz="Asia/Jakarta") == end_of(date(2026, 4, 14))


def test_a_filing_on_saturday_is_first_counted_on_monday() -> None:
    filed = wib(2026, 4, 11)
    assert add_working_days(filed, 1, tz="Asia/Jakarta") == end_of(date(2026, 4, 13))
    assert add_working_days(filed, 3, tz="Asia/Jakarta") == end_of(date(2026, 4, 15))


def test_the_local_date_is_taken_in_the_given_timezone() -> None:
    # Thursday 23:30 WIB is already Friday 00:30 WITA.
    filed = wib(2026, 4, 9, 23, 30)
    assert add_working_days(filed, 3, tz="Asia/Jakarta") == end_of(date(2026, 4, 14))
    due = add_working_days(filed, 3, tz="Asia/Makassar")
    assert due == end_of(date(2026, 4, 15), WITA)
    assert due.utcoffset() == timedelta(hours=8)


def test_a_naive_start_is_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(datetime(2026, 4, 9, 10), 3, tz="Asia/Jakarta")
    with pytest.raises(ValueError):
        add_working_days(wib(2026, 4, 9), 0, tz="Asia/Jakarta")


def test_is_working_day() -> None:
    assert is_working_day(date(2026, 3, 25))
    assert not is_working_day(date(2026, 3, 20))  # cuti bersama
    assert not is_working_day(date(2026, 3, 19))  # Nyepi
    assert not is_working_day(date(2026, 3, 28))  # Saturday
    assert not is_working_day(date(2026, 8, 17))
    assert is_working_day(date(2026, 8, 18))


def test_a_local_holiday_applies_to_its_region_and_everything_inside_it() -> None:
    bali = make_region("51", "Bali")
    make_region("51.71", "Kota Denpasar")
    holiday_create(
        date=date(2026, 4, 13), name="Hari raya lokal", kind=HolidayKind.LOCAL, region=bali
    )
    friday = wib(2026, 4, 10)
    assert add_working_days(friday, 1, tz="Asia/Jakarta", region_code="51.71") == end_of(
        date(2026, 4, 14)
    )
    assert add_working_days(friday, 1, tz="Asia/Jakarta", region_code="51.71.01.2001") == end_of(
        date(2026, 4, 14)
    )
    assert add_working_days(friday, 1, tz="Asia/Jakarta", region_code="32.73") == end_of(
        date(2026, 4, 13)
    )
    assert add_working_days(friday, 1, tz="Asia/Jakarta") == end_of(date(2026, 4, 13))
    assert not is_working_day(date(2026, 4, 13), region_code="51")
    assert is_working_day(date(2026, 4, 13), region_code="32.73")
    # A code that merely starts with the same digits is not inside Bali.
    assert is_working_day(date(2026, 4, 13), region_code="5")


def test_a_working_day_correction_removes_a_package_holiday() -> None:
    holiday_create(
        date=date(2026, 3, 24), name="Cuti bersama dibatalkan", kind=HolidayKind.WORKING_DAY
    )
    assert is_working_day(date(2026, 3, 24))
    # Filed Fri 20 March: counted from Tue 24 now: 24, 25, 26.
    assert add_working_days(wib(2026, 3, 20), 3, tz="Asia/Jakarta") == end_of(date(2026, 3, 26))


def test_a_regional_working_day_correction_wins_over_a_national_day_off() -> None:
    jabar = make_region("32", "Jawa Barat")
    holiday_create(date=date(2026, 4, 14), name="Libur nasional tambahan")
    holiday_create(
        date=date(2026, 4, 14), name="Tetap masuk", kind=HolidayKind.WORKING_DAY, region=jabar
    )
    assert not is_working_day(date(2026, 4, 14))
    assert is_working_day(date(2026, 4, 14), region_code="32.73")


def test_the_cache_is_dropped_after_holiday_create_and_holiday_delete() -> None:
    filed = wib(2026, 4, 9)
    assert add_working_days(filed, 1, tz="Asia/Jakarta") == end_of(date(2026, 4, 10))
    holiday = holiday_create(date=date(2026, 4, 10), name="Libur mendadak")
    assert add_working_days(filed, 1, tz="Asia/Jakarta") == end_of(date(2026, 4, 13))
    holiday_delete(holiday=holiday)
    assert not Holiday.objects.exists()
    assert add_working_days(filed, 1, tz="Asia/Jakarta") == end_of(date(2026, 4, 10))


def test_the_10_day_reply_window_across_christmas_and_new_year_2026_27() -> None:
    # Answered Wed 23 Dec 2026. Off: 24 (cuti bersama), 25 (Natal), 1 Jan, 5 Jan 2027
    # (Isra Mikraj). Counted: 28, 29, 30, 31 Dec, 4, 6, 7, 8, 11, 12 Jan.
    due = add_working_days(wib(2026, 12, 23, 15), 10, tz="Asia/Jakarta")
    assert due == end_of(date(2027, 1, 12))


def test_working_days_between() -> None:
    filed = wib(2026, 3, 20, 10)
    assert working_days_between(filed, wib(2026, 3, 27, 9), tz="Asia/Jakarta") == 3
    assert working_days_between(filed, wib(2026, 3, 24, 23, 59), tz="Asia/Jakarta") == 0
    assert working_days_between(filed, wib(2026, 3, 20, 23), tz="Asia/Jakarta") == 0
    assert working_days_between(filed, wib(2026, 3, 1), tz="Asia/Jakarta") == 0
    # Across a year: 240 working days in 2026 after 31 Dec 2025.
    assert working_days_between(wib(2025, 12, 31), wib(2026, 12, 31), tz="Asia/Jakarta") == 240


def test_working_days_between_inverts_add_working_days() -> None:
    start = wib(2026, 1, 1, 8)
    for offset in range(0, 400, 3):
        filed = start + timedelta(days=offset)
        for days in (1, 3, 5, 10, 14, 60):
            due = add_working_days(filed, days, tz="Asia/Jakarta")
            assert working_days_between(filed, due, tz="Asia/Jakarta") == days


def test_add_working_days_matches_a_day_by_day_count() -> None:
    off = holidays.country_holidays(
        "ID", categories=("public", "government"), years=range(2025, 2030)
    )

    def naive(filed: date, days: int) -> date:
        day, left = filed, days
        while left:
            day += timedelta(days=1)
            if day.weekday() < 5 and day not in off:
                left -= 1
        return day

    for offset in range(0, 3 * 365, 5):
        filed = date(2025, 1, 1) + timedelta(days=offset)
        start = datetime.combine(filed, time(12), tzinfo=WIB)
        for days in (1, 5, 14, 60):
            assert add_working_days(start, days, tz="Asia/Jakarta").date() == naive(filed, days)


def test_years_are_computed_lazily_in_both_directions() -> None:
    assert add_working_days(wib(2026, 3, 20), 3, tz="Asia/Jakarta") == end_of(date(2026, 3, 27))
    # An earlier year after a later one, and a far one: Fri 3 Jan 2020 → Mon 6 Jan.
    assert add_working_days(wib(2020, 1, 3), 1, tz="Asia/Jakarta") == end_of(date(2020, 1, 6))
    assert add_working_days(wib(2035, 12, 28), 60, tz="Asia/Jakarta").year == 2036
    assert len(working_days_in_year(2026)) == 240
    # A very long count still works (widens the span as needed).
    far = add_working_days(wib(2026, 1, 1), 1000, tz="Asia/Jakarta")
    assert working_days_between(wib(2026, 1, 1), far, tz="Asia/Jakarta") == 1000
