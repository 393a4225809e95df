"""The notification pages through the test client."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from lapor.notifications.models import Notification, NotificationSetting
from lapor.testing.factories import UserFactory


@pytest.fixture
def people(db: Any, settings: Any) -> dict[str, Any]:
    owner = UserFactory(full_name="Pemilik")
    stranger = UserFactory(full_name="Orang Lain")
    for i in range(25):
        Notification.objects.create(user=owner, kind="report.followed_up", title=f"Kabar {i:02d}")
    theirs = Notification.objects.create(user=stranger, kind="report.held", title="RAHASIA-ORANG")
    return {"owner": owner, "stranger": stranger, "theirs": theirs}


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_login_required(client: Client, people: dict[str, Any]) -> None:
    for name in ("notifications:list", "notifications:settings", "notifications:read_all"):
        response = client.get(reverse(name))
        assert response.status_code in (302, 405)
    login = reverse("accounts:login")
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and response["Location"].startswith(login)
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302 and response["Location"].startswith(login)


def test_list_shows_own_notifications_newest_first_paginated(
    client: Client, people: dict[str, Any]
) -> None:
    login(client, people["owner"])
    page1 = client.get(reverse("notifications:list")).content.decode()
    assert "Kabar 24" in page1 and "Kabar 05" in page1 and "Kabar 04" not in page1
    assert page1.index("Kabar 24") < page1.index("Kabar 23")
    assert "RAHASIA-ORANG" not in page1
    page2 = client.get(reverse("notifications:list") + "?page=2").content.decode()
    assert "Kabar 04" in page2 and "Kabar 24" not in page2


def test_mark_one_and_all_read_without_javascript(client: Client, people: dict[str, Any]) -> None:
    owner = people["owner"]
    login(client, owner)
    first = Notification.objects.filter(user=owner).first()
    response = client.post(
        reverse("notifications:read", args=[first.pk]), {"next": "/notifikasi/?page=2"}
    )
    assert response.status_code == 302 and response["Location"] == "/notifikasi/?page=2"
    first.refresh_from_db()
    assert first.read_at is not None
    # An off-site "next" is ignored.
    response = client.post(
        reverse("notifications:read", args=[first.pk]), {"next": "https://evil.test/"}
    )
    assert response["Location"] == reverse("notifications:list")

    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(user=owner, read_at__isnull=True).exists()
    # Someone else's notifications are untouched.
    people["theirs"].refresh_from_db()
    assert people["theirs"].read_at is None


def test_cannot_mark_someone_elses_notification(client: Client, people: dict[str, Any]) -> None:
    login(client, people["owner"])
    response = client.post(reverse("notifications:read", args=[people["theirs"].pk]))
    assert response.status_code == 404
    people["theirs"].refresh_from_db()
    assert people["theirs"].read_at is None
    assert client.get(reverse("notifications:read", args=[1])).status_code == 405


def test_htmx_gets_the_list_fragment(client: Client, people: dict[str, Any]) -> None:
    login(client, people["owner"])
    target = Notification.objects.filter(user=people["owner"]).first()
    response = client.post(reverse("notifications:read", args=[target.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="notification-list">')
    assert "<html" not in html


def test_unread_count_in_every_page_context_with_few_queries(
    client: Client, people: dict[str, Any], django_assert_num_queries: Any
) -> None:
    from django.test import RequestFactory

    from lapor.notifications.context_processors import unread_notifications

    request = RequestFactory().get("/")
    request.user = people["owner"]
    context = unread_notifications(request)
    # Whether anything is unread (the index alone), then the count through the gate.
    with django_assert_num_queries(2):
        assert int(str(context["unread_notifications_count"])) == 25
        assert context["unread_notifications_count"] == 25  # cached: no third query
    nobody = RequestFactory().get("/")
    nobody.user = people["stranger"]
    Notification.objects.filter(user=people["stranger"]).update(read_at="2026-01-01T00:00Z")
    with django_assert_num_queries(1):  # nothing unread: the gate is not asked
        assert unread_notifications(nobody)["unread_notifications_count"] == 0
    login(client, people["owner"])
    response = client.get(reverse("notifications:list"))
    assert response.context["unread_notifications_count"] == 25
    request.user = type("Anon", (), {"is_authenticated": False})()
    assert unread_notifications(request) == {"unread_notifications_count": 0}


def test_bell_include(client: Client, people: dict[str, Any]) -> None:
    from django.template import Context, Template

    html = Template('{% include "notifications/_bell.html" %}').render(
        Context({"user": people["owner"], "unread_notifications_count": 3})
    )
    assert 'href="/notifikasi/"' in html and ">3<" in html


def test_settings_page_saves_choices(client: Client, people: dict[str, Any]) -> None:
    owner = people["owner"]
    login(client, owner)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert 'name="sms_enabled"' in page and 'name="digest_only"' not in page  # not an official
    response = client.post(
        reverse("notifications:settings"), {"language": "en", "email_enabled": "on"}
    )
    assert response.status_code == 302
    setting = NotificationSetting.objects.get(user=owner)
    assert (setting.language, setting.email_enabled, setting.sms_enabled) == ("en", True, False)
    response = client.post(reverse("notifications:settings"), {"language": "xx"})
    assert response.status_code == 200  # the form again, with its error


def test_officials_can_choose_digest_and_instant_reminders(client: Client, db: Any) -> None:
    from lapor.accounts.choices import Role
    from lapor.testing.factories import make_member

    national = make_member(Role.ADMIN_NASIONAL)
    login(client, national)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert 'name="digest_only"' in page
    client.post(
        reverse("notifications:settings"),
        {"language": "id", "email_enabled": "on", "instant_reminders": "on"},
    )
    setting = NotificationSetting.objects.get(user=national)
    assert (setting.digest_only, setting.instant_reminders, setting.sms_enabled) == (
        False,
        True,
        False,
    )


def test_an_official_without_a_verified_second_factor_reads_no_official_notification(
    client: Client, db: Any
) -> None:
    """Finding 8: a password-only sign-in at /akun/ made an official a full official in
    /notifikasi/. Their notifications of a confidential report, and those written for
    them as an official, wait until the second factor is verified."""
    from lapor.accounts.choices import Role
    from lapor.notifications.choices import Audience
    from lapor.reports.choices import Status
    from lapor.testing.factories import make_agency, make_member, make_report
    from lapor.testing.otp import force_login_verified

    agency = make_agency()
    officer = make_member(Role.ADMIN_INSTANSI, agency)
    secret = make_report(
        agency=agency, status=Status.DISPOSED, is_confidential=True, title="Rahasia gudang X"
    )
    public = make_report(agency=agency, status=Status.DISPOSED, title="Jalan rusak Y")
    Notification.objects.create(
        user=officer,
        report=secret,
        kind="report.disposed",
        audience=Audience.OFFICIAL,
        title="MARKER-CONFIDENTIAL-NOTE",
    )
    Notification.objects.create(
        user=officer,
        report=public,
        kind="report.disposed",
        audience=Audience.OFFICIAL,
        title="MARKER-OFFICIAL-PUBLIC",
    )
    Notification.objects.create(
        user=officer, report=public, kind="report.followed_up", title="MARKER-AS-CITIZEN"
    )
    url = reverse("notifications:list")

    client.force_login(officer)  # password only: no second factor in this session
    page = client.get(url).content.decode()
    assert "MARKER-CONFIDENTIAL-NOTE" not in page
    assert "MARKER-OFFICIAL-PUBLIC" not in page
    assert "MARKER-AS-CITIZEN" in page  # positive control: the page does list
    assert client.get(url).context["unread_notifications_count"] == 1
    # Marking all read touches only what they could read.
    client.post(reverse("notifications:read_all"))
    assert Notification.objects.filter(read_at__isnull=True).count() == 2

    verified = Client()
    force_login_verified(verified, officer)
    page = verified.get(url).content.decode()
    assert "MARKER-CONFIDENTIAL-NOTE" in page and "MARKER-OFFICIAL-PUBLIC" in page
