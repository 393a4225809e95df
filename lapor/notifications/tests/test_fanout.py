"""Who is told about which event: the fan-out of ``report.event``, event by event."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from lapor.accounts.principals import SYSTEM
from lapor.notifications.channels.sms import LoggingSmsGateway
from lapor.notifications.choices import Audience
from lapor.notifications.models import Delivery, Notification, NotificationSetting
from lapor.reports import services as reports
from lapor.reports.choices import ArchiveReason, Status, Visibility
from lapor.reports.models import Report, ReportEvent

from .conftest import Cast, deliver, fan_out, last_event, received, step, submit

pytestmark = pytest.mark.usefixtures("frozen")


def told(event: ReportEvent) -> dict[str, str]:
    """``{cast key: audience}`` of the notifications written for ``event``."""
    return {
        n.user.full_name: n.audience
        for n in Notification.objects.filter(event=event).select_related("user")
    }


def names(cast: Cast, **audiences: str) -> dict[str, str]:
    return {cast.users[k].full_name: a for k, a in audiences.items()}


REP, OFF = Audience.REPORTER, Audience.OFFICIAL


def test_submitted_confirms_with_tracking_id_on_every_channel(every_channel: Cast) -> None:
    cast = every_channel
    report = submit(cast)
    step(last_event(report, "report.submitted"))

    got = received(cast.users["reporter"])
    assert [n.kind for n in got.in_app] == ["report.submitted"]
    assert f"#{report.tracking_id}" in got.in_app[0].body
    assert got.in_app[0].url == f"/laporan/{report.tracking_id}/"
    assert len(got.emails) == 1 and f"#{report.tracking_id}" in got.emails[0].subject
    assert "https://lapor.test/laporan/" in got.emails[0].body
    assert len(got.sms) == 1 and f"#{report.tracking_id}" in got.sms[0].text
    assert len(got.sms[0].text) <= 160
    # Nobody verifies a report without a chosen agency but the national admins, who
    # find it in their queue and their digest: no official is told one by one.
    assert told(last_event(report)) == names(cast, reporter=REP)


def test_submitted_to_a_chosen_agency_tells_its_admin_to_verify(cast: Cast) -> None:
    report = submit(cast, target_agency_id=cast.agency.pk)
    fan_out(last_event(report))
    assert told(last_event(report)) == names(cast, reporter=REP, agency_admin=OFF)
    note = Notification.objects.get(user=cast.users["agency_admin"])
    assert note.url == f"/konsol/laporan/{report.tracking_id}/"
    # In the admin's language (Indonesian unless they chose otherwise).
    with translation.override("id"):
        assert note.title == gettext("New report to verify")


def test_the_whole_flow_tells_the_right_people(cast: Cast) -> None:
    report = submit(cast)
    national, agency_admin = cast.actor("national"), cast.actor("agency_admin")
    pk = report.pk

    reports.report_hold(report_id=pk, actor=national, note="Di mana tepatnya lokasinya?")
    fan_out(ev := last_event(report))
    assert told(ev) == names(cast, reporter=REP)
    assert "Di mana tepatnya lokasinya?" in Notification.objects.get(event=ev).body

    reports.report_complete(report_id=pk, actor=cast.actor("reporter"), note="Jl. Merdeka 10.")
    fan_out(ev := last_event(report))
    # The verifier who must act again is told; the reporter made the move.
    assert told(ev) == names(cast, national=OFF)

    reports.report_dispose(report_id=pk, actor=national, agency_id=cast.agency.pk)
    fan_out(ev := last_event(report))
    assert told(ev) == names(cast, reporter=REP, agency_admin=OFF)

    reports.report_dispose_to_unit(
        report_id=pk, actor=agency_admin, unit_id=cast.unit.pk, note="Tolong ditangani."
    )
    fan_out(ev := last_event(report))
    assert told(ev) == names(cast, unit_admin=OFF)  # internal: never the reporter

    reports.report_follow_up(report_id=pk, actor=cast.actor("unit_admin"), note="Sedang dicek.")
    fan_out(ev := last_event(report))
    assert told(ev) == names(cast, reporter=REP)

    reports.report_resolve(report_id=pk, actor=agency_admin, note="Sudah ditambal.")
    fan_out(ev := last_event(report))
    assert told(ev) == names(cast, reporter=REP)
    body = Notification.objects.get(event=ev).body
    assert "Sudah ditambal." in body
    with translation.override("id"):
        assert gettext("Your report has been answered") == Notification.objects.get(event=ev).title

    reports.report_reply(report_id=pk, actor=cast.actor("reporter"), note="Masih berlubang.")
    fan_out(ev := last_event(report))
    assert told(ev) == names(cast, agency_admin=OFF, unit_admin=OFF)
    assert (
        "Masih berlubang." in Notification.objects.get(event=ev, user=cast.users["unit_admin"]).body
    )

    reports.report_resolve(report_id=pk, actor=agency_admin, note="Sudah diaspal ulang.")
    fan_out(last_event(report))
    reports.report_close(report_id=pk, actor=cast.actor("reporter"), rating=5)
    fan_out(ev := last_event(report))
    assert told(ev) == names(cast, reporter=REP)
    # Nobody outside the report heard anything at any step.
    for key in ("citizen", "other_agency_admin", "other_unit_admin", "pengawas", "developer"):
        assert not Notification.objects.filter(user=cast.users[key]).exists(), key


def test_archive_tells_the_reporter_why(cast: Cast) -> None:
    report = submit(cast)
    reports.report_archive(
        report_id=report.pk, actor=cast.actor("national"), reason=ArchiveReason.OUT_OF_SCOPE
    )
    fan_out(ev := last_event(report))
    assert told(ev) == names(cast, reporter=REP)
    with translation.override("id"):
        assert str(ArchiveReason.OUT_OF_SCOPE.label) in Notification.objects.get(event=ev).body


def test_decline_goes_to_the_national_verifiers_and_transfer_to_the_new_agency(
    cast: Cast,
) -> None:
    report = submit(cast)
    reports.report_dispose(
        report_id=report.pk, actor=cast.actor("national"), agency_id=cast.agency.pk
    )
    reports.report_transfer(
        report_id=report.pk,
        actor=cast.actor("agency_admin"),
        agency_id=cast.other.pk,
        note="Jalan kabupaten.",
    )
    fan_out(ev := last_event(report))
    assert told(ev) == names(cast, other_agency_admin=OFF)

    reports.report_decline(
        report_id=report.pk, actor=cast.actor("other_agency_admin"), note="Bukan."
    )
    fan_out(ev := last_event(report))
    assert told(ev) == names(cast, national=OFF)


def test_auto_close_consent_and_escalation(cast: Cast, frozen: Any) -> None:
    report = submit(cast)
    pk = report.pk
    reports.report_dispose(report_id=pk, actor=cast.actor("national"), agency_id=cast.agency.pk)
    frozen.shift(61 * 24 * 3600)
    reports.report_ask_consent(report_id=pk, actor=SYSTEM)
    fan_out(ev := last_event(report))
    assert told(ev) == names(cast, reporter=REP)
    assert "Ombudsman" in Notification.objects.get(event=ev).body

    reports.report_escalate(report_id=pk, actor=cast.actor("reporter"))
    fan_out(ev := last_event(report))
    # The reporter's consent is confirmed; the Ombudsman learns it has a new case. The
    # agency admin, who no longer holds the report, is not told its content.
    assert told(ev) == names(cast, reporter=REP, ombudsman=OFF)

    reports.report_resolve(report_id=pk, actor=cast.actor("ombudsman"), note="Selesai.")
    frozen.shift(30 * 24 * 3600)
    reports.report_auto_close(report_id=pk)
    fan_out(ev := last_event(report))
    assert told(ev) == names(cast, reporter=REP)
    with translation.override("id"):
        assert Notification.objects.get(event=ev).title == gettext("Your report is closed")


def sweep_event(report: Report, code: str, *, due: str, visibility: str) -> ReportEvent:
    """A sweep's event, as the deadlines sweep writes it (actor: the system)."""
    return ReportEvent.objects.create(
        report=report, code=code, visibility=visibility, data={"due": due}
    )


@pytest.mark.parametrize(
    ("status", "code", "due", "visibility", "expected"),
    [
        (
            Status.SUBMITTED,
            "report.reminder",
            "verification",
            Visibility.INTERNAL,
            {"national": OFF},
        ),
        (
            Status.SUBMITTED,
            "report.overdue",
            "verification",
            Visibility.INTERNAL,
            {"national": OFF},
        ),
        (Status.ON_HOLD, "report.reminder", "hold", Visibility.REPORTER, {"reporter": REP}),
        (Status.RESOLVED, "report.reminder", "reply", Visibility.REPORTER, {"reporter": REP}),
        (
            Status.DISPOSED,
            "report.reminder",
            "first_followup",
            Visibility.INTERNAL,
            {"agency_admin": OFF, "unit_admin": OFF},
        ),
        (
            Status.IN_PROGRESS,
            "report.overdue",
            "resolution",
            Visibility.INTERNAL,
            {"agency_admin": OFF, "unit_admin": OFF},
        ),
        (Status.ESCALATED, "report.overdue", "resolution", Visibility.INTERNAL, {"ombudsman": OFF}),
        (
            Status.IN_PROGRESS,
            "report.escalated_to_agency",
            "resolution",
            Visibility.INTERNAL,
            {"agency_admin": OFF},
        ),
        (
            Status.IN_PROGRESS,
            "report.escalated_to_national",
            "resolution",
            Visibility.INTERNAL,
            {"national": OFF},
        ),
    ],
)
def test_sweep_events_reach_whoever_owns_the_step(
    cast: Cast, status: str, code: str, due: str, visibility: str, expected: dict[str, str]
) -> None:
    from lapor.testing.factories import make_report

    fields: dict[str, Any] = {"status": status, "reporter": cast.users["reporter"]}
    if status in (Status.DISPOSED, Status.IN_PROGRESS, Status.RESOLVED):
        fields |= {"agency": cast.agency, "unit": cast.unit}
    if status == Status.ESCALATED:
        fields |= {"agency": cast.ombudsman_agency, "ombudsman_consent": "given"}
    report = make_report(**fields)
    event = sweep_event(report, code, due=due, visibility=visibility)
    fan_out(event)
    assert told(event) == names(cast, **expected)


def test_officials_get_reminders_by_mail_only_in_the_digest_unless_instant(cast: Cast) -> None:
    from lapor.testing.factories import make_report

    report = make_report(
        status=Status.IN_PROGRESS, agency=cast.agency, reporter=cast.users["reporter"]
    )
    NotificationSetting.objects.create(user=cast.users["agency_admin"], instant_reminders=False)
    event = sweep_event(report, "report.overdue", due="resolution", visibility=Visibility.INTERNAL)
    step(event)
    got = received(cast.users["agency_admin"])
    assert len(got.in_app) == 1 and got.emails == [] and got.sms == []

    NotificationSetting.objects.filter(user=cast.users["agency_admin"]).update(
        instant_reminders=True
    )
    event = sweep_event(report, "report.reminder", due="resolution", visibility=Visibility.INTERNAL)
    step(event)
    assert len(received(cast.users["agency_admin"]).emails) == 1


def test_national_roles_default_to_digest_only(cast: Cast) -> None:
    report = submit(cast)
    reports.report_hold(report_id=report.pk, actor=cast.actor("national"), note="Lokasinya?")
    reports.report_complete(report_id=report.pk, actor=cast.actor("reporter"), note="Jl. A 1.")
    step(last_event(report))
    got = received(cast.users["national"])
    assert len(got.in_app) == 1  # in the app at once
    assert got.emails == [] and got.sms == []  # no instant mail for a national admin
    # An agency admin gets instant e-mail but no SMS by default.
    reports.report_dispose(
        report_id=report.pk, actor=cast.actor("national"), agency_id=cast.agency.pk
    )
    step(last_event(report))
    got = received(cast.users["agency_admin"])
    assert len(got.emails) == 1 and got.sms == []


def test_running_the_handler_twice_duplicates_nothing(every_channel: Cast) -> None:
    cast = every_channel
    report = submit(cast, target_agency_id=cast.agency.pk)
    event = last_event(report)
    fan_out(event)
    deliver()
    counts = (Notification.objects.count(), len(mail.outbox), len(LoggingSmsGateway.sent))
    assert counts == (2, 2, 2)

    fan_out(event)  # the outbox delivers at least once
    deliver()
    deliver(again=True)  # and a worker may die after sending, before marking it done
    assert (Notification.objects.count(), len(mail.outbox), len(LoggingSmsGateway.sent)) == counts
    assert Delivery.objects.count() == 4


def test_a_recipient_who_lost_access_before_the_mail_went_gets_no_mail(
    every_channel: Cast,
) -> None:
    cast = every_channel
    report = submit(cast, is_confidential=True)
    reports.report_dispose(
        report_id=report.pk, actor=cast.actor("national"), agency_id=cast.agency.pk
    )
    fan_out(last_event(report))  # the agency admin's e-mail and SMS are promised ...
    reports.report_transfer(
        report_id=report.pk, actor=cast.actor("national"), agency_id=cast.other.pk, note="Salah."
    )
    deliver()  # ... but the confidential report is another agency's by the time they go out
    got = received(cast.users["agency_admin"])
    assert len(got.in_app) == 1 and got.emails == [] and got.sms == []


def test_integration_report_without_reporter_tells_only_officials(cast: Cast) -> None:
    report = submit(cast, actor=SYSTEM, target_agency_id=cast.agency.pk, channel="integration")
    fan_out(last_event(report))
    assert told(last_event(report)) == names(cast, agency_admin=OFF)


def test_unknown_or_missing_event_is_harmless(cast: Cast) -> None:
    report = submit(cast)
    event = ReportEvent.objects.create(report=report, code="report.something_new")
    fan_out(event)
    assert not Notification.objects.filter(event=event).exists()
    from lapor.notifications.services import notifications_fan_out_event

    assert notifications_fan_out_event(event_id=10**9) == []
