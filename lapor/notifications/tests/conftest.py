"""A cast of one person per role, real services to move reports, and helpers that run
the notification handlers the way the outbox worker would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from lapor.accounts.choices import Role
from lapor.accounts.models import User
from lapor.accounts.principals import Principal, principal_for_user
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency
from lapor.core.models import OutboxMessage, OutboxStatus
from lapor.core.outbox import outbox_subscriber_named
from lapor.notifications.channels.sms import LoggingSmsGateway
from lapor.notifications.models import Notification, NotificationSetting
from lapor.reports import services as reports
from lapor.reports.models import Report, ReportEvent
from lapor.reports.transitions import OMBUDSMAN_AGENCY_CODE
from lapor.testing.factories import UserFactory, make_agency, make_member, make_unit

WIB = ZoneInfo("Asia/Jakarta")
# A Monday with no holiday near: due dates fall in March 2026.
START = datetime(2026, 3, 2, 10, 0, tzinfo=WIB)
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

REPORTER_NAME = "Siti Rahmawati"
REPORTER_EMAIL = "siti.pelapor@example.test"
REPORTER_PHONE = "+6281234567890"
DESCRIPTION = "Jalan di depan pasar berlubang besar sejak sebulan lalu dan sangat berbahaya."

OFFICIALS = (
    "national",
    "agency_admin",
    "unit_admin",
    "other_agency_admin",
    "other_unit_admin",
    "ombudsman",
    "pengawas",
    "developer",
)


@dataclass
class Cast:
    agency: Agency
    unit: Agency
    sibling: Agency
    other: Agency
    ombudsman_agency: Agency
    users: dict[str, User]

    def user(self, key: str) -> User:
        # A fresh object, so that cached role scopes never carry over between moves.
        return User.objects.get(pk=self.users[key].pk)

    def actor(self, key: str) -> Principal:
        """The person acting, as a service is given them: second factor verified."""
        return principal_for_user(self.user(key), verified=True)

    def key_of(self, user_id: int) -> str:
        return next(k for k, u in self.users.items() if u.pk == user_id)


@pytest.fixture(autouse=True)
def _notification_settings(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.OUTBOX_KICK_ON_COMMIT = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_GATEWAY = "lapor.notifications.channels.sms.LoggingSmsGateway"
    settings.NOTIFICATIONS_SITE_URL = "https://lapor.test"
    LoggingSmsGateway.clear()
    yield
    LoggingSmsGateway.clear()


@pytest.fixture
def frozen():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def cast(db: Any) -> Cast:
    agency = make_agency("Pemerintah Kota Contoh")
    unit = make_unit(agency, "Dinas Pekerjaan Umum")
    sibling = make_unit(agency, "Dinas Kesehatan")
    other = make_agency("Pemerintah Kabupaten Lain")
    ombudsman_agency = make_agency(
        "Ombudsman RI", kind=AgencyKind.LEMBAGA, code=OMBUDSMAN_AGENCY_CODE
    )
    phones = iter(range(100, 200))

    def official(role: str, where: Agency | None, name: str) -> User:
        return make_member(role, where, full_name=name, phone=f"+62811000{next(phones)}")

    users = {
        "reporter": UserFactory(
            full_name=REPORTER_NAME, email=REPORTER_EMAIL, phone=REPORTER_PHONE
        ),
        "citizen": UserFactory(full_name="Warga Lain", phone="+6281299990000"),
        "national": official(Role.ADMIN_NASIONAL, None, "Fajar Nasional"),
        "agency_admin": official(Role.ADMIN_INSTANSI, agency, "Andi Instansi"),
        "unit_admin": official(Role.ADMIN_UNIT, unit, "Budi Unit"),
        "other_agency_admin": official(Role.ADMIN_INSTANSI, other, "Dedi Lain"),
        "other_unit_admin": official(Role.ADMIN_UNIT, sibling, "Citra Sibling"),
        "ombudsman": official(Role.OMBUDSMAN, None, "Gita Ombudsman"),
        "pengawas": official(Role.PENGAWAS, None, "Hadi Pengawas"),
        "developer": official(Role.DEVELOPER, agency, "Eka Developer"),
    }
    return Cast(agency, unit, sibling, other, ombudsman_agency, users)


@pytest.fixture
def every_channel(cast: Cast) -> Cast:
    """Everyone wants everything at once, on every channel: the strictest test of what
    each channel may carry."""
    for user in cast.users.values():
        NotificationSetting.objects.update_or_create(
            user=user,
            defaults={
                "language": "en",
                "email_enabled": True,
                "sms_enabled": True,
                "digest_only": False,
                "instant_reminders": True,
            },
        )
    return cast


# --- moving reports and running handlers -----------------------------------------


def submit(cast: Cast, **kwargs: Any) -> Report:
    fields: dict[str, Any] = {
        "actor": cast.actor("reporter"),
        "classification": "pengaduan",
        "title": "Jalan berlubang di depan Pasar Baru",
        "description": DESCRIPTION,
    }
    fields.update(kwargs)
    return reports.report_submit(**fields).report


def last_event(report: Report, code: str | None = None) -> ReportEvent:
    qs = ReportEvent.objects.filter(report=report)
    if code:
        qs = qs.filter(code=code)
    return qs.order_by("-created_at", "-id").first()  # type: ignore[return-value]


def fan_out(event: ReportEvent) -> None:
    """Run the notifications' ``report.event`` subscriber for one event, as the worker
    would."""
    subscriber = outbox_subscriber_named("notifications")
    assert subscriber is not None and subscriber.topic == "report.event"
    subscriber.handler(
        {"event_id": event.pk, "report_id": event.report_id, "code": event.code},
        OutboxMessage(
            topic="report.event",
            subscriber="notifications",
            idempotency_key=f"report.event:{event.pk}",
        ),
    )


def deliver(*, again: bool = False) -> int:
    """Run the handlers of the pending notification messages (e-mail, SMS, digest) and
    mark them delivered. ``again=True`` reruns the delivered ones too (a redelivery)."""
    statuses = [OutboxStatus.PENDING, OutboxStatus.DELIVERED] if again else [OutboxStatus.PENDING]
    count = 0
    for message in OutboxMessage.objects.filter(
        topic__startswith="notification.", status__in=statuses
    ).order_by("id"):
        subscriber = outbox_subscriber_named(message.subscriber)
        assert subscriber is not None and subscriber.topic == message.topic
        subscriber.handler(message.payload, message)
        OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.DELIVERED)
        count += 1
    return count


def step(event: ReportEvent) -> None:
    fan_out(event)
    deliver()


@dataclass
class Received:
    """Everything one person got, on every channel."""

    in_app: list[Notification]
    emails: list[Any]
    sms: list[Any]

    def texts(self) -> list[str]:
        out = [f"{n.title}\n{n.body}\n{n.url}" for n in self.in_app]
        for m in self.emails:
            out.append(m.subject + "\n" + m.body)
            out.extend(str(content) for content, _type in m.alternatives)
        out.extend(s.text for s in self.sms)
        return out

    @property
    def empty(self) -> bool:
        return not (self.in_app or self.emails or self.sms)


def received(user: User) -> Received:
    return Received(
        in_app=list(Notification.objects.filter(user=user).order_by("id")),
        emails=[m for m in mail.outbox if user.email and user.email in m.to],
        sms=[s for s in LoggingSmsGateway.sent if user.phone and s.to == user.phone],
    )
