"""The notification admin reads through the gate (finding 2).

Searched by a tracking ID, it listed the reporter's user id with audience "reporter":
that links an anonymous report to a person, for any superuser. Now it lists only the
notifications of reports (and events) the admin user's principal may read, and shows
who received a reporter's notification only to those who may know the reporter
(``report_reporter_identity_for``): on an anonymous report, the national admin alone.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from lapor.accounts.choices import Role
from lapor.notifications.choices import Audience
from lapor.notifications.models import Notification
from lapor.reports.choices import Status, Visibility
from lapor.reports.models import ReportEvent
from lapor.testing.factories import UserFactory, make_agency, make_member, make_report
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/notifications/notification/"
# A user id no other number on the page looks like.
REPORTER_ID = 7391543


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    agency = make_agency("Dinas Contoh")
    reporter = UserFactory(pk=REPORTER_ID, full_name="Siti Rahmawati")
    clerk = make_member(Role.ADMIN_INSTANSI, agency, full_name="Andi Instansi")
    handled = {"agency": agency, "status": Status.IN_PROGRESS, "reporter": reporter}
    anonymous = make_report(title="Pungutan liar di kelurahan", is_anonymous=True, **handled)
    confidential = make_report(title="Perundungan di kantor", is_confidential=True, **handled)
    named = make_report(title="Jalan berlubang", **handled)

    def notify(report, user, audience, visibility=Visibility.PUBLIC):
        event = ReportEvent.objects.create(
            report=report, code="report.followed_up", visibility=visibility, note="catatan"
        )
        return Notification.objects.create(
            user=user,
            report=report,
            event=event,
            kind=event.code,
            audience=audience,
            title=f"Tindak lanjut {report.tracking_id}",
        )

    rows = {
        "anonymous_reporter": notify(anonymous, reporter, Audience.REPORTER),
        "anonymous_official": notify(anonymous, clerk, Audience.OFFICIAL),
        "anonymous_internal": notify(
            anonymous, clerk, Audience.OFFICIAL, visibility=Visibility.INTERNAL
        ),
        "confidential_reporter": notify(confidential, reporter, Audience.REPORTER),
        "named_reporter": notify(named, reporter, Audience.REPORTER),
    }
    return {
        "reporter": reporter,
        "clerk": clerk,
        "anonymous": anonymous,
        "confidential": confidential,
        "rows": rows,
    }


def _client_for(client, user):
    force_login_verified(client, user)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def root(client):
    """A superuser who holds no role: a citizen to the gate."""
    return _client_for(client, UserFactory(is_staff=True, is_superuser=True))


@pytest.fixture
def national(client):
    """A superuser who is also the national admin: may know every reporter."""
    user = make_member(Role.ADMIN_NASIONAL, is_staff=True, is_superuser=True)
    return _client_for(client, user)


def _listed(response) -> set[int]:
    assert response.status_code == 200
    return {n.pk for n in response.context["cl"].result_list}


def test_a_superuser_without_a_role_lists_only_what_the_public_may_read(root, world):
    rows = world["rows"]
    listed = _listed(root.get(CHANGELIST))
    assert rows["confidential_reporter"].pk not in listed
    assert rows["anonymous_internal"].pk not in listed
    assert rows["anonymous_reporter"].pk in listed
    # Written for an official: a citizen (which a role-less superuser is) reads it as
    # the notifications pages do, not at all; it would tell who handles the report.
    assert rows["anonymous_official"].pk not in listed


def test_searching_a_tracking_id_does_not_link_an_anonymous_report_to_its_reporter(root, world):
    response = root.get(CHANGELIST, {"q": world["anonymous"].tracking_id})
    assert world["rows"]["anonymous_reporter"].pk in _listed(response)
    html = response.content.decode()
    assert str(REPORTER_ID) not in html
    detail = root.get(f"{CHANGELIST}{world['rows']['anonymous_reporter'].pk}/change/")
    assert detail.status_code == 200
    assert str(REPORTER_ID) not in detail.content.decode()


def test_a_named_reporter_is_not_given_away_either(root, world):
    # The public knows a named reporter by first name only: an account id (and with it
    # the user admin's full name, e-mail and phone) is more than that.
    response = root.get(CHANGELIST, {"q": world["rows"]["named_reporter"].report.tracking_id})
    assert str(REPORTER_ID) not in response.content.decode()


def test_searching_by_user_id_finds_no_anonymous_reporter(root, world):
    response = root.get(CHANGELIST, {"q": str(REPORTER_ID)})
    assert world["rows"]["anonymous_reporter"].pk not in _listed(response)


def test_hidden_notifications_cannot_be_opened(root, world):
    for key in ("confidential_reporter", "anonymous_internal"):
        response = root.get(f"{CHANGELIST}{world['rows'][key].pk}/change/")
        assert response.status_code == 302, key  # the admin's "no such object"


def test_the_national_admin_sees_every_notification_and_its_recipient(national, world):
    rows = world["rows"]
    response = national.get(CHANGELIST, {"q": world["anonymous"].tracking_id})
    assert {rows["anonymous_reporter"].pk, rows["anonymous_internal"].pk} <= _listed(response)
    assert str(REPORTER_ID) in response.content.decode()
    assert rows["confidential_reporter"].pk in _listed(national.get(CHANGELIST))


def test_notification_words_are_never_shown(national, world):
    row = world["rows"]["anonymous_reporter"]
    html = national.get(f"{CHANGELIST}{row.pk}/change/").content.decode()
    assert row.title not in html
