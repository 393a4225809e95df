"""What each person may be told, on every channel (in-app, e-mail, SMS).

The hard rules: an official never reads an anonymous reporter's identity; a
confidential report reaches nobody who may not read it; internal notes never reach
the reporter; the public (and officials of other agencies) hear nothing; log lines
hold ids only.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from lapor.notifications import selectors as notification_selectors
from lapor.notifications.choices import Audience
from lapor.notifications.models import Notification
from lapor.notifications.selectors import Recipient
from lapor.reports import services as reports
from lapor.reports.models import Report

from .conftest import (
    DESCRIPTION,
    OFFICIALS,
    REPORTER_EMAIL,
    REPORTER_NAME,
    REPORTER_PHONE,
    Cast,
    last_event,
    received,
    step,
    submit,
)

pytestmark = pytest.mark.usefixtures("frozen")

IDENTITY = (
    REPORTER_NAME,
    "Siti",
    "Rahmawati",
    REPORTER_EMAIL,
    "siti.pelapor",
    REPORTER_PHONE,
    "81234567890",
)
INTERNAL_NOTES = ("INTERNAL-UNIT-NOTE", "INTERNAL-DECLINE-NOTE", "INTERNAL-FOLLOWUP-NOTE")


def walk(cast: Cast, **submit_kwargs: Any) -> Report:
    """File a report and take it through every kind of move, telling people at each."""
    report = submit(cast, title="Pungutan liar di kantor kelurahan", **submit_kwargs)
    pk = report.pk
    national, agency_admin = cast.actor("national"), cast.actor("agency_admin")
    step(last_event(report))
    reports.report_hold(report_id=pk, actor=national, note="Kapan kejadiannya?")
    step(last_event(report))
    reports.report_complete(report_id=pk, actor=cast.actor("reporter"), note="Senin pagi.")
    step(last_event(report))
    reports.report_dispose(report_id=pk, actor=national, agency_id=cast.other.pk)
    step(last_event(report))
    reports.report_decline(
        report_id=pk, actor=cast.actor("other_agency_admin"), note="INTERNAL-DECLINE-NOTE"
    )
    step(last_event(report))
    reports.report_dispose(report_id=pk, actor=national, agency_id=cast.agency.pk)
    step(last_event(report))
    reports.report_dispose_to_unit(
        report_id=pk, actor=agency_admin, unit_id=cast.unit.pk, note="INTERNAL-UNIT-NOTE"
    )
    step(last_event(report))
    reports.report_follow_up(
        report_id=pk,
        actor=cast.actor("unit_admin"),
        note="INTERNAL-FOLLOWUP-NOTE",
        visibility="internal",
    )
    step(last_event(report))
    reports.report_follow_up(report_id=pk, actor=cast.actor("unit_admin"), note="Kami periksa.")
    step(last_event(report))
    reports.report_resolve(report_id=pk, actor=agency_admin, note="Petugas sudah ditegur.")
    step(last_event(report))
    reports.report_reply(report_id=pk, actor=cast.actor("reporter"), note="Terima kasih, tapi...")
    step(last_event(report))
    return report


def test_an_anonymous_reporter_is_never_named_to_any_official(every_channel: Cast) -> None:
    cast = every_channel
    walk(cast, is_anonymous=True)
    told_officials = 0
    for key in OFFICIALS:
        got = received(cast.users[key])
        told_officials += len(got.in_app)
        for text in got.texts():
            for secret in IDENTITY:
                assert secret not in text, (key, secret)
    # The officials were told plenty (so the check above checked something) ...
    assert told_officials >= 6
    assert received(cast.users["agency_admin"]).emails
    assert received(cast.users["unit_admin"]).sms
    # ... and where the reporter would be named, the notification says who it is not.
    disposed = Notification.objects.filter(
        user=cast.users["agency_admin"], kind="report.disposed"
    ).get()
    assert "Anonymous reporter" in disposed.body


def test_a_named_reporter_appears_by_name_only_never_by_contact(every_channel: Cast) -> None:
    cast = every_channel
    walk(cast)
    disposed = Notification.objects.get(user=cast.users["agency_admin"], kind="report.disposed")
    assert REPORTER_NAME in disposed.body  # the handler may know who filed it
    for key in OFFICIALS:
        for text in received(cast.users[key]).texts():
            assert REPORTER_EMAIL not in text and REPORTER_PHONE not in text, key


def test_internal_notes_never_reach_the_reporter(every_channel: Cast) -> None:
    cast = every_channel
    walk(cast)
    got = received(cast.users["reporter"])
    assert got.in_app and got.emails and got.sms
    kinds = {n.kind for n in got.in_app}
    assert "report.disposed_to_unit" not in kinds and "report.declined" not in kinds
    for text in got.texts():
        for note in INTERNAL_NOTES:
            assert note not in text
    # ... while the officials of the report do read them.
    unit_texts = "\n".join(received(cast.users["unit_admin"]).texts())
    assert "INTERNAL-UNIT-NOTE" in unit_texts


def test_the_public_and_unrelated_officials_hear_nothing(every_channel: Cast) -> None:
    cast = every_channel
    walk(cast, is_confidential=True)
    for key in ("citizen", "other_unit_admin", "pengawas", "developer"):
        assert received(cast.users[key]).empty, key


@pytest.mark.parametrize("flag", ["is_confidential", "is_anonymous"])
def test_routing_mistakes_cannot_leak_a_confidential_report(
    every_channel: Cast, monkeypatch: pytest.MonkeyPatch, flag: str
) -> None:
    """Even if routing named the wrong people, the visibility gate drops those who may
    not read the report, on every channel."""
    cast = every_channel
    outsiders = ("citizen", "pengawas", "other_agency_admin", "other_unit_admin")
    real = notification_selectors.event_recipients

    def sloppy(event: Any, report: Any) -> list[Recipient]:
        extra = [Recipient(cast.users[k], Audience.OFFICIAL) for k in outsiders]
        return real(event, report) + extra

    monkeypatch.setattr("lapor.notifications.services.event_recipients", sloppy)
    report = submit(cast, **{flag: True})
    reports.report_dispose(
        report_id=report.pk, actor=cast.actor("national"), agency_id=cast.agency.pk
    )
    step(last_event(report))
    reports.report_follow_up(report_id=report.pk, actor=cast.actor("agency_admin"), note="Dicek.")
    step(last_event(report))
    for key in outsiders:
        got = received(cast.users[key])
        if flag == "is_confidential":
            assert got.empty, key
        for text in got.texts():
            for secret in IDENTITY:
                assert secret not in text, (key, secret)
    if flag == "is_anonymous":
        # A public report: outsiders may read it, and still never who filed it.
        assert received(cast.users["citizen"]).in_app


def test_log_lines_hold_ids_only(every_channel: Cast, caplog: pytest.LogCaptureFixture) -> None:
    cast = every_channel
    with caplog.at_level(logging.DEBUG, logger="lapor.notifications"):
        report = walk(cast)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "notifications" in logged
    for secret in (*IDENTITY, report.title, DESCRIPTION, "Kapan kejadiannya?", *INTERNAL_NOTES):
        assert secret not in logged
    for user in cast.users.values():
        if user.phone:
            assert user.phone not in logged
        if user.email:
            assert user.email not in logged
