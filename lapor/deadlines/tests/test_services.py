from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.management import call_command

from lapor.core.exceptions import ValidationFailed
from lapor.deadlines import calendar, rules
from lapor.deadlines.calendar import is_working_day
from lapor.deadlines.models import Holiday, HolidayKind
from lapor.deadlines.services import holiday_create, holiday_delete
from lapor.reports.choices import Classification
from lapor.testing.factories import make_region

pytestmark = pytest.mark.django_db


def test_finish_days_by_classification() -> None:
    assert rules.finish_days(Classification.PENGADUAN_PENGAWASAN) == 60
    assert rules.finish_days(Classification.PENGADUAN) == 14
    assert rules.finish_days(Classification.INFORMASI) == 5
    assert rules.finish_days(Classification.ASPIRASI) == 5
    assert set(rules.FINISH_DAYS) == set(Classification.values)
    with pytest.raises(ValueError):
        rules.finish_days("unknown")


def test_holiday_create_validates() -> None:
    with pytest.raises(ValidationFailed) as exc:
        holiday_create(date=date(2026, 4, 13), name="Lokal", kind=HolidayKind.LOCAL)
    assert "region" in exc.value.errors
    with pytest.raises(ValidationFailed):
        holiday_create(date=date(2026, 4, 13), name="x", kind="nonsense")
    holiday_create(date=date(2026, 4, 13), name="Libur")
    with pytest.raises(ValidationFailed) as exc:
        holiday_create(date=date(2026, 4, 13), name="Libur lagi")
    assert "date" in exc.value.errors
    # The same date for a region is another row.
    holiday_create(
        date=date(2026, 4, 13), name="Lokal", kind=HolidayKind.LOCAL, region=make_region("51")
    )
    assert Holiday.objects.count() == 2


def test_another_process_changing_holidays_is_noticed_through_the_shared_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert is_working_day(date(2026, 4, 10))
    # Another process writes a row and bumps the shared version; this process has
    # its own arrays still.
    Holiday.objects.create(date=date(2026, 4, 10), name="Libur", kind=HolidayKind.NATIONAL)
    cache.set("deadlines:calendar:version", 12345, timeout=None)
    assert is_working_day(date(2026, 4, 10))  # not checked again yet
    monkeypatch.setattr(calendar, "_VERSION_CHECK_SECONDS", 0.0)
    assert not is_working_day(date(2026, 4, 10))


def test_holiday_delete_restores_the_day() -> None:
    holiday = holiday_create(date=date(2026, 4, 10), name="Libur")
    assert not is_working_day(date(2026, 4, 10))
    holiday_delete(holiday=holiday)
    assert is_working_day(date(2026, 4, 10))


def test_holidays_show_prints_the_effective_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    bali = make_region("51", "Bali")
    holiday_create(date=date(2026, 4, 13), name="Hari raya Bali", kind="local", region=bali)
    holiday_create(date=date(2026, 3, 24), name="Masuk", kind=HolidayKind.WORKING_DAY)
    call_command("holidays_show", "--year", "2026", "--region", "51.71", skip_checks=True)
    out = capsys.readouterr().out
    assert "2026-03-20 Fri  Cuti Bersama Hari Raya Idul Fitri" in out
    assert "2026-04-13 Mon  Hari raya Bali" in out
    assert "2026-03-24 Tue  Cuti" not in out
    assert "2026-03-24 Tue  + working day: Masuk" in out
    assert "240 working days in 2026 (region 51.71)." in out  # +24 Mar, -13 Apr


def test_an_aware_datetime_in_another_zone_is_converted_first() -> None:
    # 2026-04-09 17:00 UTC is Fri 10 April 00:00 WIB.
    start = datetime(2026, 4, 9, 17, 0, tzinfo=ZoneInfo("UTC"))
    due = calendar.add_working_days(start, 1, tz="Asia/Jakarta")
    assert due.date() == date(2026, 4, 13)


def test_holidays_show_lists_working_day_corrections(capsys: pytest.CaptureFixture[str]) -> None:
    make_region("51")
    holiday_create(date=date(2026, 3, 28), name="Sabtu masuk", kind=HolidayKind.WORKING_DAY)
    call_command("holidays_show", "--year", "2026", skip_checks=True)
    out = capsys.readouterr().out
    assert "2026-03-28 Sat  + working day: Sabtu masuk" in out
    assert "241 working days in 2026." in out


def test_region_within() -> None:
    assert calendar.region_within("51.71", "51")
    assert calendar.region_within("51", "51")
    assert not calendar.region_within("5", "51")
    assert not calendar.region_within("52.01", "5")
    assert not calendar.region_within(None, "51")
