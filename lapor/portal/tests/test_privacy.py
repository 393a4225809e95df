"""No page, feed, search or lookup shows what its viewer may not see.

The privacy world (``make_privacy_world``): one reporter (Siti Rahmawati) with a public,
an anonymous, a confidential, an unverified and an archived report; every role.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from lapor.accounts.principals import principal_for_user
from lapor.community.models import Comment
from lapor.community.services import comment_add
from lapor.reports.search import search_documents_write
from lapor.testing.factories import make_privacy_world

pytestmark = pytest.mark.django_db

VIEWERS = (
    "visitor",
    "citizen",
    "admin_instansi",
    "admin_unit",
    "admin_instansi_other",
    "developer",
    "admin_nasional",
    "ombudsman",
    "pengawas",
    "superuser",
)


@pytest.fixture
def world():
    w = make_privacy_world()
    # Made outside the flow: their search documents are written as submission would,
    # so that the searches below find (and must filter) every one of them.
    search_documents_write([r.pk for r in w.reports.values()])
    return w


def as_viewer(client, world, key, *, verified=True):
    """Sign the role in; officials with their second factor unless ``verified=False``."""
    from lapor.accounts.models import RoleMembership
    from lapor.testing.otp import force_login_verified

    user = world.users[key]
    if user is None:
        return client
    if verified and RoleMembership.objects.filter(user=user, is_active=True).exists():
        force_login_verified(client, user)
    else:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    "role", ["admin_instansi", "admin_unit", "developer", "admin_nasional", "ombudsman"]
)
def test_an_official_signed_in_without_the_second_factor_is_a_citizen(client, world, role):
    """Finding 4: a password-only sign-in (at /akun/, say) read confidential reports,
    internal notes and reporters' names on /laporan/<id>/. The second factor is part of
    the rule, not of the console: without it the roles count for nothing."""
    confidential = world.reports["confidential"]
    public = world.reports["public"]
    as_viewer(client, world, role, verified=False)
    url = reverse("portal:report", kwargs={"tracking_id": confidential.tracking_id})
    assert client.get(url).status_code == 404
    html = text(client.get(reverse("portal:report", kwargs={"tracking_id": public.tracking_id})))
    assert "PUBLIC-NOTE-public" in html  # positive control: the page renders
    assert "INTERNAL-NOTE-public" not in html and "REPORTER-NOTE-public" not in html
    assert "siti.pelapor@example.test" not in html and "Rahmawati" not in html
    # The same person with the second factor reads it all (positive control).
    from lapor.testing.otp import force_login_verified

    force_login_verified(client, world.users[role])
    assert client.get(url).status_code == 200


def text(response):
    return response.content.decode()


@pytest.mark.parametrize("viewer", VIEWERS)
def test_public_list_search_and_feeds_never_show_confidential_or_unverified(client, world, viewer):
    as_viewer(client, world, viewer)
    pages = [
        client.get(reverse("portal:browse")),
        client.get(reverse("portal:browse"), {"q": "Perundungan"}),
        client.get(reverse("portal:browse"), {"q": "Lampu"}),
        client.get(reverse("portal:feed_agency", kwargs={"code": world.agency.code})),
    ]
    for response in pages:
        assert response.status_code == 200
        html = text(response)
        for key in ("confidential", "unverified", "archived"):
            assert world.reports[key].title not in html
            assert world.reports[key].tracking_id not in html
        assert "Rahmawati" not in html and "siti.pelapor" not in html
    assert world.reports["public"].title in text(pages[0])


@pytest.mark.parametrize("viewer", VIEWERS)
def test_anonymous_reporter_is_never_named_except_to_national_admin(client, world, viewer):
    as_viewer(client, world, viewer)
    report = world.reports["anonymous"]
    html = text(client.get(reverse("portal:report", kwargs={"tracking_id": report.tracking_id})))
    if viewer == "admin_nasional":
        assert "Siti Rahmawati" in html
        return
    assert "Siti" not in html and "Rahmawati" not in html
    assert "siti.pelapor@example.test" not in html and "81234567890" not in html


@pytest.mark.parametrize("viewer", VIEWERS)
def test_confidential_report_page_and_lookup(client, world, viewer):
    as_viewer(client, world, viewer)
    report = world.reports["confidential"]
    page = client.get(reverse("portal:report", kwargs={"tracking_id": report.tracking_id}))
    lookup = client.get(reverse("portal:lookup"), {"id": report.tracking_id})
    related = viewer in {"admin_instansi", "admin_unit", "developer", "admin_nasional", "ombudsman"}
    if related:
        assert page.status_code == 200 and lookup.status_code == 302
    else:
        assert page.status_code == 404
        assert lookup.status_code == 200 and report.title not in text(lookup)


def test_internal_notes_and_reporter_notes_stay_out_of_the_public_page(client, world):
    report = world.reports["public"]
    html = text(client.get(reverse("portal:report", kwargs={"tracking_id": report.tracking_id})))
    assert "PUBLIC-NOTE-public" in html and "ANSWER-NOTE-public" in html
    assert "INTERNAL-NOTE-public" not in html and "REPORTER-NOTE-public" not in html


def test_reporter_sees_own_confidential_report_and_notes(client, world):
    client.force_login(world.users["reporter"])
    report = world.reports["confidential"]
    html = text(client.get(reverse("portal:report", kwargs={"tracking_id": report.tracking_id})))
    assert "REPORTER-NOTE-confidential" in html and "INTERNAL-NOTE-confidential" not in html
    assert client.get(reverse("portal:lookup"), {"id": report.tracking_id}).status_code == 302


def test_region_feed_is_anonymous_whoever_asks(client, world):
    from lapor.reports.models import Report
    from lapor.testing.factories import make_region

    region = make_region("32.73")
    Report.objects.filter(pk__in=[r.pk for r in world.reports.values()]).update(region=region)
    client.force_login(world.users["admin_nasional"])
    xml = text(client.get(reverse("portal:feed_region", kwargs={"code": "32.73"})))
    assert "<feed" in xml and world.reports["public"].title in xml
    assert world.reports["confidential"].title not in xml
    assert "Rahmawati" not in xml and "Siti" not in xml


def test_anonymous_reporters_comment_does_not_name_them(client, world):
    report = world.reports["anonymous"]
    comment_add(
        principal=principal_for_user(world.users["reporter"], verified=True),
        report_id=report.pk,
        body="Masih ada pungutan.",
    )
    html = text(client.get(reverse("portal:report", kwargs={"tracking_id": report.tracking_id})))
    assert "Masih ada pungutan." in html and "Siti" not in html
    assert Comment.objects.count() == 1
