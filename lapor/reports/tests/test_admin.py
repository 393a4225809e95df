"""The report admin, through HTTP: a leak through the admin is a leak."""

from __future__ import annotations

import pytest
from django.utils import translation

from lapor.reports.attachments import attachment_add
from lapor.reports.models import Report
from lapor.testing.otp import force_login_verified

from .test_attachments import PDF, upload
from .test_visibility import EVENTS, IDENTITY, REPORTS, ROLES, VISIBLE

pytestmark = pytest.mark.django_db

# Roles that are staff in the world and so reach the admin at all.
STAFF = tuple(r for r in ROLES if r not in ("visitor", "citizen", "reporter"))
CHANGELIST = "/admin/reports/report/"


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    from lapor.testing.factories import make_privacy_world

    return make_privacy_world()


@pytest.fixture
def as_role(client, world):
    client.cookies["django_language"] = "en"  # the site ignores Accept-Language

    def login(role):
        if world.users[role] is not None:
            force_login_verified(client, world.users[role])
        return client

    return login


@pytest.mark.parametrize("role", ("visitor", "citizen", "reporter"))
def test_non_staff_are_sent_to_the_login_page(as_role, world, role):
    client = as_role(role)
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    report = world.reports["public"]
    response = client.get(f"{CHANGELIST}{report.pk}/change/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role", STAFF)
def test_changelist_lists_only_visible_reports(as_role, world, role):
    response = as_role(role).get(CHANGELIST)
    assert response.status_code == 200
    shown = {r.pk for r in response.context["cl"].result_list}
    html = response.content.decode()
    for key, visible in zip(REPORTS, VISIBLE[role], strict=True):
        report = world.reports[key]
        assert (report.pk in shown) == visible, key
        assert (report.title in html) == visible, key
    assert "Siti" not in html and "siti.pelapor" not in html


@pytest.mark.parametrize("role", STAFF)
def test_changelist_search_does_not_find_hidden_reports(as_role, world, role):
    client = as_role(role)
    for key, visible in zip(REPORTS, VISIBLE[role], strict=True):
        report = world.reports[key]
        response = client.get(CHANGELIST, {"q": report.tracking_id})
        shown = {r.pk for r in response.context["cl"].result_list}
        assert shown == ({report.pk} if visible else set()), key
    # Searching by the reporter's name or e-mail finds nothing, even for those who may
    # see the reporter: search would tell who filed what.
    response = client.get(CHANGELIST, {"q": "siti.pelapor@example.test"})
    assert list(response.context["cl"].result_list) == []


@pytest.mark.parametrize("role", STAFF)
def test_detail_page_per_role(as_role, world, role):
    client = as_role(role)
    for index, key in enumerate(REPORTS):
        report = world.reports[key]
        response = client.get(f"{CHANGELIST}{report.pk}/change/")
        if not VISIBLE[role][index]:
            # Same answer as for a report that does not exist.
            assert response.status_code == 302, key
            assert response["Location"] == "/admin/"
            assert report.title not in client.get("/admin/").content.decode()
            continue
        assert response.status_code == 200, key
        html = response.content.decode()
        assert report.title in html

        identity = IDENTITY[role][index]
        assert ("siti.pelapor@example.test" in html) == (identity == "full"), key
        assert ("+6281234567890" in html) == (identity == "full"), key
        assert ("Rahmawati" in html) == (identity in ("full", "name")), key
        assert ("Siti" in html) == (identity is not None), key

        letters = EVENTS[role][index]
        assert (f"PUBLIC-NOTE-{key}" in html) == ("P" in letters), key
        assert (f"REPORTER-NOTE-{key}" in html) == ("R" in letters), key
        assert (f"INTERNAL-NOTE-{key}" in html) == ("I" in letters), key
        # Officials are named only to officials related to the report.
        assert ("Andi Instansi (Dinas Kota Contoh)" in html) == ("I" in letters), key


@pytest.mark.parametrize("role", STAFF)
def test_detail_page_is_read_only(as_role, world, role):
    client = as_role(role)
    report = world.reports["public"]
    before = Report.objects.get(pk=report.pk)
    response = client.get(f"{CHANGELIST}{report.pk}/change/")
    html = response.content.decode()
    assert 'name="_save"' not in html
    assert 'name="status"' not in html
    client.post(f"{CHANGELIST}{report.pk}/change/", {"status": "closed", "title": "diubah"})
    after = Report.objects.get(pk=report.pk)
    assert (after.status, after.title) == (before.status, before.title)
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert client.post(f"{CHANGELIST}{report.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Report.objects.filter(pk=report.pk).exists()


def test_events_and_attachments_are_not_registered_separately(as_role):
    client = as_role("admin_nasional")
    assert client.get("/admin/reports/reportevent/").status_code == 404
    assert client.get("/admin/reports/attachment/").status_code == 404


def test_detail_links_only_the_attachments_the_viewer_may_download(as_role, world):
    report = world.reports["public"]
    internal = attachment_add(
        report=report,
        uploaded_file=upload(PDF, "memo-internal.pdf"),
        uploader=None,
        visibility="internal",
    )
    public = attachment_add(report=report, uploaded_file=upload(PDF, "bukti.pdf"), uploader=None)
    html = as_role("admin_unit_sibling").get(f"{CHANGELIST}{report.pk}/change/").content.decode()
    assert f"/attachments/{public.pk}/" in html
    assert f"/attachments/{internal.pk}/" not in html and "memo-internal" not in html
    html = as_role("admin_unit").get(f"{CHANGELIST}{report.pk}/change/").content.decode()
    assert f"/attachments/{internal.pk}/" in html


def test_duplicate_of_is_shown_only_when_visible(as_role, world):
    report = world.reports["archived"]
    secret = world.reports["confidential"]
    Report.objects.filter(pk=report.pk).update(duplicate_of=secret)
    html = as_role("pengawas").get(f"{CHANGELIST}{report.pk}/change/").content.decode()
    assert secret.tracking_id not in html and secret.title not in html
    html = as_role("admin_nasional").get(f"{CHANGELIST}{report.pk}/change/").content.decode()
    assert f"#{secret.tracking_id}" in html


def test_free_text_is_masked_for_whoever_is_the_public_to_the_report(as_role, world):
    # The admin is one more exit: a superuser without a role (or an unrelated official)
    # reads a report's text as the public page shows it, the officials handling it as
    # written (reports.public_text).
    report = world.reports["public"]
    phone = "0812-5550-7788"
    Report.objects.filter(pk=report.pk).update(
        title="Jalan rusak, hubungi 081255507788",
        description=f"Hubungi saya di {phone} kalau petugas datang ke lokasi.",
    )
    from lapor.reports.models import ReportEvent

    ReportEvent.objects.create(
        report=report, code="report.followed_up", visibility="public", note=f"Telepon {phone}"
    )
    url = f"{CHANGELIST}{report.pk}/change/"
    for role in ("superuser", "admin_instansi_other"):
        client = as_role(role)
        html = client.get(url).content.decode() + client.get(CHANGELIST).content.decode()
        assert "5550" not in html and "55507788" not in html, role
    html = as_role("admin_unit").get(url).content.decode()
    assert phone in html and "081255507788" in html
