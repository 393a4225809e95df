"""The public list's filters (reports.listing), as the portal and the API use them."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from lapor.reports.choices import Status
from lapor.reports.listing import ReportFilters, public_reports
from lapor.testing.factories import make_report

pytestmark = pytest.mark.django_db


def test_days_at_the_ends_of_the_calendar_filter_without_crashing():
    report = make_report(
        status=Status.IN_PROGRESS, submitted_at=datetime(2026, 3, 1, tzinfo=ZoneInfo("UTC"))
    )
    for filters in (
        ReportFilters(date_from=date.min),
        ReportFilters(date_to=date.max),
        ReportFilters(date_from=date.min, date_to=date.max),
    ):
        assert list(public_reports(filters)) == [report]
    assert list(public_reports(ReportFilters(date_from=date.max))) == []
    assert list(public_reports(ReportFilters(date_to=date.min))) == []
