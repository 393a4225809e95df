"""The console's reads take a principal: an official whose second factor is not verified
is a citizen there, and gets none of an official's lists or reports."""

from __future__ import annotations

from typing import Any

import pytest

from lapor.console import selectors
from lapor.core.exceptions import NotFound
from lapor.reports.models import Report

from .conftest import official, person, submit

pytestmark = pytest.mark.django_db


def _work(cast: Any) -> tuple[Report, Report]:
    """A report waiting for verification, and one at the regency being worked on."""
    waiting = submit(cast.reporter, target_agency_id=cast.regency.pk, is_confidential=True)
    at_agency = submit(cast.reporter, title="Laporan yang sudah di instansi kabupaten")
    Report.objects.filter(pk=at_agency.pk).update(status="disposed", agency=cast.regency)
    return waiting, Report.objects.get(pk=at_agency.pk)


def test_verified_officials_get_their_lists(cast: Any) -> None:
    waiting, at_agency = _work(cast)
    assert [r.report for r in selectors.desk_queue(official(cast.regency_admin)).rows] == [waiting]
    inbox = selectors.inbox_list(official(cast.regency_admin), filters=selectors.InboxFilter())
    assert [r.report for r in inbox.rows] == [at_agency]
    assert selectors.inbox_counters(official(cast.regency_admin))["disposed"] == 1
    found = selectors.console_report_get(
        official(cast.regency_admin), tracking_id=waiting.tracking_id
    )
    assert found == waiting


def test_the_same_officials_without_the_second_factor_get_nothing(cast: Any) -> None:
    waiting, at_agency = _work(cast)
    for user in (cast.regency_admin, cast.national):
        principal = person(user)
        access = selectors.console_access_for(principal)
        assert access.roles == frozenset()
        assert not (access.desk or access.inbox or access.oversight or access.agency_admin)
        assert selectors.desk_queue(principal).rows == []
        inbox = selectors.inbox_list(principal, filters=selectors.InboxFilter())
        assert inbox.rows == []
        assert selectors.inbox_counters(principal)["disposed"] == 0
        assert selectors.oversight_list(principal, tab="escalated").rows == []
        assert selectors.agency_admin_agencies(principal) == []
        assert selectors.agencies_for_dispose(principal).count() == 0
        assert selectors.reply_templates_for(principal) == []
        for report in (waiting, at_agency):
            with pytest.raises(NotFound):
                selectors.console_report_get(principal, tracking_id=report.tracking_id)
