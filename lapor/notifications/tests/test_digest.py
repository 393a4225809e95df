"""The officials' daily digest: what is due in their scope, once a day."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from lapor.core.models import OutboxMessage
from lapor.notifications.models import Delivery, NotificationSetting
from lapor.notifications.selectors import digest_for
from lapor.notifications.services import notifications_send_digests
from lapor.notifications.tasks import send_daily_digests
from lapor.reports.choices import Status
from lapor.testing.factories import make_report

from .conftest import START, Cast, deliver

pytestmark = pytest.mark.usefixtures("frozen")

DAY = date(2026, 3, 2)


@pytest.fixture
def due_reports(cast: Cast) -> dict[str, Any]:
    reporter = cast.users["reporter"]
    overdue = START - timedelta(days=2)
    soon = START + timedelta(hours=5)
    later = START + timedelta(days=20)
    return {
        "national_overdue": make_report(
            reporter=reporter, status=Status.SUBMITTED, due_at=overdue, title="Antre verifikasi"
        ),
        "agency_soon": make_report(
            reporter=reporter,
            status=Status.DISPOSED,
            agency=cast.agency,
            due_at=soon,
            title="Jalan rusak kota",
        ),
        "unit_overdue": make_report(
            reporter=reporter,
            status=Status.IN_PROGRESS,
            agency=cast.agency,
            unit=cast.unit,
            due_at=overdue,
            title="Lampu jalan mati",
            is_confidential=True,
        ),
        "agency_later": make_report(
            reporter=reporter,
            status=Status.IN_PROGRESS,
            agency=cast.agency,
            due_at=later,
            title="Taman kota kotor",
        ),
        "other_overdue": make_report(
            reporter=reporter,
            status=Status.DISPOSED,
            agency=cast.other,
            due_at=overdue,
            title="Jembatan kabupaten",
        ),
        "escalated_overdue": make_report(
            reporter=reporter,
            status=Status.ESCALATED,
            agency=cast.ombudsman_agency,
            due_at=overdue,
            title="Kasus Ombudsman",
        ),
        "reporter_reply_due": make_report(
            reporter=reporter,
            status=Status.RESOLVED,
            agency=cast.agency,
            due_at=soon,
            title="Menunggu pelapor",
        ),
    }


def titles(user: Any) -> set[str]:
    return {item.title for item in digest_for(user, limit=100).items}


def test_each_official_sees_the_due_work_of_their_own_scope(
    cast: Cast, due_reports: dict[str, Any]
) -> None:
    assert titles(cast.user("national")) == {"Antre verifikasi"}
    assert titles(cast.user("agency_admin")) == {"Jalan rusak kota", "Lampu jalan mati"}
    assert titles(cast.user("unit_admin")) == {"Lampu jalan mati"}
    assert titles(cast.user("other_agency_admin")) == {"Jembatan kabupaten"}
    assert titles(cast.user("ombudsman")) == {"Kasus Ombudsman"}
    assert titles(cast.user("pengawas")) == set()
    assert titles(cast.user("developer")) == set()
    digest = digest_for(cast.user("agency_admin"))
    assert (digest.total, digest.overdue) == (2, 1)
    assert [i.due_state for i in digest.items] == ["overdue", "due_soon"]


def test_digests_are_sent_once_per_official_per_day(
    cast: Cast, due_reports: dict[str, Any]
) -> None:
    promised = notifications_send_digests()
    # Admin Nasional, the three agency/unit admins and the Ombudsman (not Pengawas,
    # not Developer, not citizens).
    assert promised == 6
    deliver()
    sent = {m.to[0]: m for m in mail.outbox}
    assert set(sent) == {
        cast.users[k].email
        for k in ("national", "agency_admin", "unit_admin", "other_agency_admin", "ombudsman")
    }  # the sibling unit's admin has nothing due: no e-mail
    agency_mail = sent[cast.users["agency_admin"].email]
    assert "Jalan rusak kota" in agency_mail.body and "Lampu jalan mati" in agency_mail.body
    assert "Jembatan kabupaten" not in agency_mail.body and "Taman kota" not in agency_mail.body
    assert "https://lapor.test/konsol/laporan/" in agency_mail.body
    with translation.override("id"):  # the admin's default language
        assert str(Status.DISPOSED.label) in agency_mail.body
    assert agency_mail.extra_headers["Content-Language"] == "id"
    assert "Lampu jalan mati" not in sent[cast.users["other_agency_admin"].email].body

    assert notifications_send_digests() == 0  # again the same day: nothing new
    deliver()
    deliver(again=True)  # and a redelivered digest message sends nothing either
    assert len(mail.outbox) == 5
    assert Delivery.objects.filter(channel="digest").count() == 6
    assert OutboxMessage.objects.filter(topic="notification.digest").count() == 6
    # The next day is a new digest.
    assert notifications_send_digests(day=date(2026, 3, 3)) == 6


def test_digest_respects_the_email_setting(cast: Cast, due_reports: dict[str, Any]) -> None:
    NotificationSetting.objects.create(user=cast.users["agency_admin"], email_enabled=False)
    notifications_send_digests()
    deliver()
    assert cast.users["agency_admin"].email not in {m.to[0] for m in mail.outbox}


def test_digest_never_names_an_anonymous_reporter(cast: Cast) -> None:
    make_report(
        reporter=cast.users["reporter"],
        status=Status.DISPOSED,
        agency=cast.agency,
        due_at=START,
        is_anonymous=True,
    )
    notifications_send_digests()
    deliver()
    (message,) = [m for m in mail.outbox if m.to == [cast.users["agency_admin"].email]]
    content = message.body + message.alternatives[0][0]
    assert cast.users["reporter"].full_name not in content
    assert cast.users["reporter"].email not in content


def test_command_and_task(cast: Cast, due_reports: dict[str, Any]) -> None:
    out = StringIO()
    call_command("send_digests", "--date", "2026-03-02", "--deliver", stdout=out)
    assert "6 digests promised" in out.getvalue()
    assert len(mail.outbox) == 5
    assert send_daily_digests.call() == 0  # today's were promised already
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        call_command("send_digests", "--date", "gisteren", stdout=out)
