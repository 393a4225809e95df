"""Each person is written to in their own language."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from lapor.notifications.models import Notification, NotificationSetting
from lapor.reports import services as reports

from .conftest import Cast, last_event, received, step, submit

pytestmark = pytest.mark.usefixtures("frozen")


def test_reporter_in_indonesian_official_in_english(every_channel: Cast) -> None:
    cast = every_channel
    NotificationSetting.objects.filter(user=cast.users["reporter"]).update(language="id")
    report = submit(cast)
    reports.report_dispose(
        report_id=report.pk, actor=cast.actor("national"), agency_id=cast.agency.pk
    )
    step(last_event(report))
    reports.report_resolve(report_id=report.pk, actor=cast.actor("agency_admin"), note="Beres.")
    step(last_event(report))
    reports.report_reply(report_id=report.pk, actor=cast.actor("reporter"), note="Belum.")
    step(last_event(report))

    # The reply is due 10 working days after 2 March 2026: in March. Django's own
    # catalogue names the month, so the date proves the language of the whole text.
    reporter = received(cast.users["reporter"])
    answered = Notification.objects.get(user=cast.users["reporter"], kind="report.resolved")
    assert "Maret 2026" in answered.body and "March" not in answered.body
    with translation.override("id"):
        assert answered.title == gettext("Your report has been answered")
    mail = next(m for m in reporter.emails if "Maret" in m.body)
    assert mail.extra_headers["Content-Language"] == "id"
    html = mail.alternatives[0][0]
    assert '<html lang="id">' in html

    official = received(cast.users["agency_admin"])
    disposed = Notification.objects.get(user=cast.users["agency_admin"], kind="report.disposed")
    assert "March 2026" in disposed.body
    assert disposed.title == f"New report for {cast.agency.name}"
    assert all(m.extra_headers["Content-Language"] == "en" for m in official.emails)
    assert any('<html lang="en">' in m.alternatives[0][0] for m in official.emails)


def test_default_language_is_indonesian(cast: Cast) -> None:
    report = submit(cast)
    step(last_event(report))
    note = Notification.objects.get(user=cast.users["reporter"])
    with translation.override("id"):
        assert note.title == gettext("Your report has been received")
    assert received(cast.users["reporter"]).emails[0].extra_headers["Content-Language"] == "id"
