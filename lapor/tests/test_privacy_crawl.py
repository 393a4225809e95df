"""The privacy rule, proved by crawling every exit as every role (issue 8, "Done when").

For each role the crawl signs in the way that person would (a citizen with a password;
an official and the admin with a verified second factor; the "unverified official" with
a password only), then GETs every page reachable from the home page, the console and
the admin, plus every known report, file, notification, feed and search URL of the
world (``world.py``). Each marker must appear exactly where the rules allow
(``reports/visibility.py``, ``reports/selectors.report_reporter_identity_for``):

* ``allowed``: the roles that may be shown the marker; shown to anyone else is a leak;
* ``must_see``: the roles that must be shown it (positive controls: the national admin
  sees the anonymous reporter, the reporter sees their own Rahasia report, everybody
  sees the public follow-up...), so that a crawl that reaches nothing fails too. It is
  ``allowed`` itself except where a role may, but need not, be shown a marker.

A failure lists every ``(role, marker, url)`` that breaks the rule, and every marker a
role should have been shown but was not.

One exception, written down: the account directory (the user admin and notification
settings, for superusers) names people, not reports. A superuser's job includes
managing accounts, so there the reporter's identity may appear; what must not appear
with it is any report of theirs (``DIRECTORY`` below), which would tie the person to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client, override_settings

from lapor.testing.otp import force_login_verified

from . import world as w
from .crawler import Crawl, crawl

ALL = frozenset(w.ROLES)
# Officials related to the Rahasia report: its agency and unit (verified), the national
# admin and the Ombudsman. Not Pengawas: Pengawas never reads confidential reports.
CONF_OFFICIALS = frozenset(
    {"agency_officer", "admin_instansi", "admin_unit", "ombudsman", "admin_nasional"}
)
# Officials related to the (not confidential) Anonim report: Pengawas too.
ANON_OFFICIALS = CONF_OFFICIALS | {"pengawas"}
# Who may know who filed an anonymous report.
IDENTITY = frozenset({"reporter", "admin_nasional"})
# Who may see the citizen's unsent draft (issue 9): its owner alone.
DRAFT_OWNER = frozenset({"citizen"})


@dataclass(frozen=True)
class Marker:
    key: str
    texts: tuple[str, ...]
    allowed: frozenset[str]
    must_see: frozenset[str]
    identity: bool = False  # the reporter's own identity (the directory exception)


def _marker(
    key: str,
    *texts: str,
    allowed: frozenset[str],
    must_see: frozenset[str] | None = None,
    identity: bool = False,
) -> Marker:
    return Marker(key, texts, allowed, allowed if must_see is None else must_see, identity)


MARKERS = (
    # Public: every role, signed in or not, is shown these (positive controls).
    _marker("anon title", w.ANON_TITLE, allowed=ALL),
    _marker("anon description", w.ANON_DESC, allowed=ALL),
    _marker("public follow-up", w.PUBLIC_FOLLOWUP, allowed=ALL),
    _marker("reporter's comment", w.REPORTER_COMMENT, allowed=ALL),
    _marker("other citizen's comment", w.OTHER_COMMENT, allowed=ALL),
    # The NIK and phone typed into a public description: masked on every public exit,
    # read as written by the reporter and the officials handling the report.
    _marker(
        "contact in the description",
        w.DESC_NIK,
        w.DESC_PHONE,
        allowed=ANON_OFFICIALS | {"reporter"},
        must_see=frozenset({"reporter", "admin_nasional", "admin_instansi"}),
    ),
    # The Anonim report's file for officials: internal notes (and their files) and the
    # verifier's note to the agency; Pengawas reads them (the report is not Rahasia).
    _marker("verifier's note (anon)", w.VERIFIER_NOTE_ANON, allowed=ANON_OFFICIALS),
    _marker("internal note (anon)", w.ANON_INTERNAL, allowed=ANON_OFFICIALS),
    _marker(
        "internal note's file (anon)",
        w.ANON_INTERNAL_FILE_NAME,
        w.ANON_INTERNAL_FILE_BYTES,
        allowed=ANON_OFFICIALS,
    ),
    # Between the reporter and the officials.
    _marker("reporter's reply", w.REPORTER_REPLY, allowed=ANON_OFFICIALS | {"reporter"}),
    # The newest answer is for the reporter: the page's "latest answer" block shows it to
    # them and to the officials, never to the public (who are shown the older one).
    _marker("reporter-only answer", w.REPORTER_ANSWER, allowed=ANON_OFFICIALS | {"reporter"}),
    # The Rahasia report: the reporter and its officials.
    _marker("Rahasia title", w.CONF_TITLE, allowed=CONF_OFFICIALS | {"reporter"}),
    _marker("Rahasia description", w.CONF_DESC, allowed=CONF_OFFICIALS | {"reporter"}),
    _marker("Rahasia follow-up", w.CONF_FOLLOWUP, allowed=CONF_OFFICIALS | {"reporter"}),
    _marker(
        "Rahasia photo",
        w.CONF_FILE_NAME,
        w.CONF_FILE_BYTES,
        allowed=CONF_OFFICIALS | {"reporter"},
    ),
    _marker("verifier's note (Rahasia)", w.VERIFIER_NOTE_CONF, allowed=CONF_OFFICIALS),
    _marker("internal note (Rahasia)", w.CONF_INTERNAL, allowed=CONF_OFFICIALS),
    # Who filed them (both are anonymous): the reporter and the national admin only.
    _marker("reporter's first name", w.REPORTER_FIRST, allowed=IDENTITY, identity=True),
    _marker("reporter's last name", w.REPORTER_LAST, allowed=IDENTITY, identity=True),
    _marker("reporter's e-mail", w.REPORTER_EMAIL, allowed=IDENTITY, identity=True),
    _marker("reporter's phone", w.REPORTER_PHONE[3:], allowed=IDENTITY, identity=True),
    _marker(
        "reporter's account id",
        str(w.REPORTER_ID),
        allowed=IDENTITY,
        must_see=frozenset({"admin_nasional"}),
        identity=True,
    ),
    # The citizen's unsent draft (issue 9): its owner alone, on the write flow's pages.
    # No page serves the original file (its owner is shown a re-encoded preview), so
    # its bytes are shown to nobody, the owner included.
    _marker("draft title", w.DRAFT_TITLE, allowed=DRAFT_OWNER),
    _marker("draft description", w.DRAFT_DESC, allowed=DRAFT_OWNER),
    _marker("draft address", w.DRAFT_ADDRESS, allowed=DRAFT_OWNER),
    _marker("draft file name", w.DRAFT_FILE_NAME, allowed=DRAFT_OWNER),
    _marker("draft file bytes", w.DRAFT_FILE_BYTES, allowed=frozenset()),
    # The regency's API key (issue 10): its name on the console's Integrasi page, for
    # the regency's Admin Instansi (and Developer); its secret: see the test below.
    _marker("API key's name", w.KEY_NAME, allowed=frozenset({"admin_instansi"})),
)


# The account directory: people, not reports (see the module docstring).
DIRECTORY = ("/admin/accounts/user/", "/admin/notifications/notificationsetting/")
# What ties a person to a report, if it shows up in the directory beside them.
REPORT_TEXTS = (w.ANON_TITLE, w.ANON_DESC, w.CONF_TITLE, w.CONF_DESC)


# --- the world, once for the module ------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[w.World]:
    """Built once and rolled back at the end: every test only reads it (GET only)."""
    media = tmp_path_factory.mktemp("crawl-media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            OUTBOX_KICK_ON_COMMIT=False,
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield w.build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _client_for(world: w.World, role: str) -> Client:
    client = Client()
    user = world.users[role]
    if user is None:
        return client
    if role in w.VERIFIED_ROLES:
        force_login_verified(client, user)
    else:
        # A citizen signs in with a password; so does the official who skips the
        # second factor (``/akun/`` no longer lets them, a session can still exist).
        client.force_login(user)
    return client


def _seeds(world: w.World) -> list[str]:
    seeds = [
        "/",
        "/laporan/",
        "/laporan/saya/",
        "/notifikasi/",
        "/akun/profil/",
        "/konsol/",
        "/admin/",
        f"/laporan/feed/instansi/{world.regency.code}/",
        f"/laporan/feed/instansi/{world.dinas.code}/",
        "/laporan/feed/wilayah/32.04/",
        # Search: words of both titles (never a marker: a search echoes its words).
        "/laporan/?q=Perundungan",
        "/laporan/?q=Pungutan",
        "/konsol/kotak-masuk/?q=Perundungan",
        "/konsol/verifikasi/?q=Perundungan",
        "/konsol/pengawasan/?q=Perundungan",
        # Issue 9: the guided write flow's steps (the owner's draft, nobody else's), the
        # "similar reports" helper searched with both titles' words, the oversight
        # counts and the console's agency typeahead, and the admin's draft pages (not
        # registered: 404).
        *WRITE_STEPS,
        "/lapor/mirip/?title=Perundungan+staf+kantor+dinas&region=32.04",
        "/lapor/mirip/?title=Pungutan+liar+kantor+kelurahan&region=32.04",
        "/lapor/wilayah/?province=32",
        "/konsol/pengawasan/?tab=overdue",
        "/konsol/pengawasan/?tab=escalated",
        "/konsol/pengawasan/?tab=consent",
        f"/konsol/pengawasan/?tab=overdue&agency={world.regency.pk}",
        "/konsol/instansi/cari/?for=dispose&agency_q=Contoh",
        "/konsol/instansi/cari/?for=transfer&agency_q=Lain",
        "/konsol/instansi/cari/?for=bulk&agency_q=Dinas",
        "/admin/portal/",
        "/admin/portal/writedraft/",
        "/admin/portal/draftfile/",
    ]
    for report in world.reports:
        seeds += [
            f"/laporan/{report.tracking_id}/",
            # The write flow's confirmation (issue 9): the reporter's alone.
            f"/laporan/{report.tracking_id}/terkirim/",
            f"/lacak/?id={report.tracking_id}",
            f"/konsol/laporan/{report.tracking_id}/",
            f"/admin/reports/report/{report.pk}/change/",
            f"/admin/reports/report/?q={report.tracking_id}",
            # Finding 2: the notification admin searched by tracking ID.
            f"/admin/notifications/notification/?q={report.tracking_id}",
            f"/admin/community/comment/?q={report.tracking_id}",
        ]
    seeds += [f"/attachments/{a.pk}/" for a in world.attachments]
    seeds += [f"/attachments/{a.pk}/small/" for a in world.attachments]
    seeds += [f"/admin/notifications/notification/{pk}/change/" for pk in world.notifications]
    seeds += [f"/admin/community/comment/{pk}/change/" for pk in world.comments]
    seeds += [f"/lapor/foto/{pk}/" for pk in world.draft_files]
    seeds += [f"/admin/portal/draftfile/{pk}/change/" for pk in world.draft_files]
    return seeds


# Every page of the guided write flow (GET): each shows its reader's own draft.
WRITE_STEPS = (
    "/lapor/",
    "/lapor/foto/",
    "/lapor/kejadian/",
    "/lapor/jenis/",
    "/lapor/instansi/",
    "/lapor/privasi/",
    "/lapor/periksa/",
    "/lapor/?ubah=1",
    "/lapor/periksa/?ubah=1",
)


def _in_directory(url: str) -> bool:
    return url.startswith(DIRECTORY)


def _judge(role: str, result: Crawl) -> tuple[list[str], list[str]]:
    """The leaks ``(role, marker, url)`` and the misses ``(role, marker)`` of a crawl."""
    leaks: list[str] = []
    misses: list[str] = []
    for marker in MARKERS:
        urls = result.find(marker.texts)
        if role not in marker.allowed:
            shown = [u for u in urls if not (marker.identity and _in_directory(u))]
            leaks += [f"{role} was shown {marker.key} at {url}" for url in shown]
        if role in marker.must_see and not urls:
            misses.append(f"{role} was never shown {marker.key}")
    # In the directory, a person is never shown beside a report of theirs.
    if role not in IDENTITY:
        identity = [m for m in MARKERS if m.identity]
        for url, page in result.pages.items():
            if not _in_directory(url):
                continue
            text = page.text.lower()
            names = any(t.lower() in text for m in identity for t in m.texts)
            if names and any(t.lower() in text for t in REPORT_TEXTS):
                leaks.append(f"{role} was shown the reporter beside a report at {url}")
    return leaks, misses


@pytest.fixture(scope="module")
def crawls() -> dict[str, Crawl]:
    """Each role's crawl, kept for the module: the tests below read the same crawl."""
    return {}


def _crawl_as(world: w.World, crawls: dict[str, Crawl], role: str) -> Crawl:
    if role not in crawls:
        crawls[role] = crawl(_client_for(world, role), _seeds(world))
    return crawls[role]


@pytest.mark.django_db
@pytest.mark.parametrize("role", w.ROLES)
def test_every_exit_shows_each_marker_exactly_where_the_rules_allow(world, crawls, role):
    result = _crawl_as(world, crawls, role)
    errors = [url for url, page in result.pages.items() if page.status >= 500]
    assert not errors, f"{role}: server errors at {errors}"
    leaks, misses = _judge(role, result)
    report = "\n".join([*leaks, *misses])
    assert not leaks and not misses, (
        f"{len(leaks)} leak(s), {len(misses)} miss(es) in {len(result.pages)} pages "
        f"crawled as {role}:\n{report}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", w.ROLES)
def test_an_api_keys_secret_is_shown_to_nobody(world, crawls, role):
    """Issue 10: once created, an agency key's secret (and its hash) is on no page, for
    no role, the regency's own Admin Instansi included: only its prefix is shown."""
    result = _crawl_as(world, crawls, role)
    secret = world.api_key_raw[len("lapor_") + 9 :]
    assert len(secret) >= 40
    shown = result.find([secret, world.api_key_hash])
    assert not shown, f"{role} was shown the API key's secret at {shown}"
    if role == "admin_instansi":
        prefix = world.api_key_raw[len("lapor_") : len("lapor_") + 8]
        assert result.find([f"lapor_{prefix}_"]), "the key's prefix is on the Integrasi page"


@pytest.mark.django_db
@pytest.mark.parametrize("role", w.ROLES)
def test_a_thumbnail_is_served_exactly_where_its_photo_is(world, crawls, role):
    """A thumbnail is a new JPEG (no marker survives in its bytes), so the crawl judges
    it by its answer: served to exactly the roles the photo itself is served to, and
    the Rahasia photo's to the reporter and its officials only."""
    result = _crawl_as(world, crawls, role)
    for attachment in world.attachments:
        photo = result.pages[f"/attachments/{attachment.pk}/"]
        thumb = result.pages[f"/attachments/{attachment.pk}/small/"]
        assert thumb.status in (200, 404), (role, thumb.url, thumb.status)
        assert (thumb.status == 200) == (photo.status == 200), (role, attachment.original_name)
        if w.CONF_FILE_NAME in attachment.original_name:
            allowed = role in CONF_OFFICIALS | {"reporter"}
            assert (thumb.status == 200) == allowed, (role, thumb.url)


@pytest.mark.django_db
def test_the_crawl_reaches_the_console_and_the_admin(world, crawls):
    """The crawl is known to be able to fail: for the national admin it walks far
    into the console and the admin, and finds the markers there too."""
    result = _crawl_as(world, crawls, "admin_nasional")
    ok = [u for u, page in result.pages.items() if page.status == 200]
    assert len([u for u in ok if u.startswith("/konsol/")]) >= 5
    assert len([u for u in ok if u.startswith("/admin/")]) >= 20
    console_hits = [u for u in result.find([w.CONF_INTERNAL]) if u.startswith("/konsol/")]
    assert console_hits, "the Rahasia internal note is shown in the console"
    admin_hits = [u for u in result.find([w.REPORTER_EMAIL]) if u.startswith("/admin/reports/")]
    assert admin_hits, "the report admin names the anonymous reporter to the national admin"
    files = [u for u in result.find([w.CONF_FILE_BYTES]) if u.startswith("/attachments/")]
    assert files, "the Rahasia photo is downloaded and its bytes read"


@pytest.mark.django_db
def test_the_crawl_catches_a_gate_left_open(world, monkeypatch):
    """A mutation of the rule itself: with the gate open to everybody, the visitor's
    crawl must report the Rahasia report and the internal notes, with their URLs."""
    from lapor.reports import visibility

    monkeypatch.setattr(visibility, "report_q", lambda principal, prefix="": visibility.ALL)
    monkeypatch.setattr(visibility, "rows_q", lambda principal, **kwargs: visibility.ALL)
    monkeypatch.setattr(visibility, "relation_of", lambda principal, report: visibility.NATIONAL)
    leaks, _misses = _judge("visitor", crawl(_client_for(world, "visitor"), _seeds(world)))
    for key in (
        "Rahasia title",
        "Rahasia photo",
        "internal note (anon)",
        "internal note (Rahasia)",
    ):
        assert any(f"shown {key} at /" in leak for leak in leaks), (key, leaks)


def test_a_leak_is_reported_with_its_url():
    """The judge itself: a page that shows the visitor the Rahasia title is a leak."""
    from .crawler import Page

    fake = Crawl(pages={"/x/": Page(url="/x/", status=200, text=f"<p>{w.CONF_TITLE}</p>")})
    leaks, misses = _judge("visitor", fake)
    assert leaks == ["visitor was shown Rahasia title at /x/"]
    assert "visitor was never shown anon title" in misses


# --- issue 9's new exits ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", w.ROLES)
def test_a_draft_photo_preview_is_served_to_the_drafts_owner_only(world, crawls, role):
    """The preview is a new JPEG (no marker survives in it): judged by its answer. Anyone
    but the owner gets the 404 of a file that does not exist, never a sign-in page."""
    result = _crawl_as(world, crawls, role)
    for pk in world.draft_files:
        preview = result.pages[f"/lapor/foto/{pk}/"]
        if role in DRAFT_OWNER:
            assert preview.status == 200, (role, preview.url)
        else:
            assert preview.status == 404, (role, preview.url, preview.status)


@pytest.mark.django_db
def test_a_draft_file_is_removed_by_its_owner_only(world):
    """POST to the remove URL as every other role: 404 and the file stays; the owner's
    own POST removes it (the positive control). Rolled back: the world stays whole."""
    from lapor.portal.models import DraftFile

    (pk,) = world.draft_files
    for role in w.ROLES:
        with transaction.atomic():
            response = _client_for(world, role).post(f"/lapor/foto/{pk}/hapus/")
            kept = DraftFile.objects.filter(pk=pk).exists()
            transaction.set_rollback(True)
        if role in DRAFT_OWNER:
            assert response.status_code == 302 and not kept, role
        else:
            assert response.status_code == 404 and kept, (role, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin_nasional", "superuser"])
def test_drafts_are_not_in_the_admin(world, crawls, role):
    """A draft is its owner's unsent text: not registered in the Django admin, so that
    neither the national admin nor a superuser browses what citizens have not sent."""
    from django.contrib import admin

    from lapor.portal.models import DraftFile, WriteDraft

    assert not admin.site.is_registered(WriteDraft)
    assert not admin.site.is_registered(DraftFile)
    result = _crawl_as(world, crawls, role)
    assert result.pages["/admin/"].status == 200  # signed in to the admin
    for url in ("/admin/portal/writedraft/", "/admin/portal/draftfile/"):
        assert result.pages[url].status == 404, (role, url)


def _answer_block(html: str) -> str:
    """The report page's "latest answer" section (issue 9), or "" when there is none."""
    found = re.search(r'<section[^>]*\bid="answer".*?</section>', html, re.S)
    return found.group(0) if found else ""


@pytest.mark.django_db
@pytest.mark.parametrize("role", w.ROLES)
def test_the_latest_answer_is_the_newest_one_its_reader_may_read(world, crawls, role):
    """The Anonim report's newest answer is for the reporter: the reporter and its
    officials read it in the "latest answer" block; everyone else reads the older,
    public follow-up there."""
    result = _crawl_as(world, crawls, role)
    block = _answer_block(result.pages[f"/laporan/{world.anonymous.tracking_id}/"].text)
    if role in ANON_OFFICIALS | {"reporter"}:
        assert w.REPORTER_ANSWER in block, role
    else:
        assert w.PUBLIC_FOLLOWUP in block and w.REPORTER_ANSWER not in block, role


@pytest.mark.django_db
def test_the_crawl_catches_a_draft_shown_to_another_person(world, monkeypatch):
    """A mutation of the draft's owner rule: with every draft reachable by anybody, the
    other citizen's crawl must report the draft's text and its preview."""
    from lapor.portal import drafts
    from lapor.portal.models import DraftFile, WriteDraft

    monkeypatch.setattr(drafts, "draft_get", lambda principal: WriteDraft.objects.first())
    monkeypatch.setattr(
        drafts, "draft_file_get", lambda principal, file_id: DraftFile.objects.get(pk=file_id)
    )
    result = crawl(_client_for(world, "other_citizen"), _seeds(world))
    leaks, _misses = _judge("other_citizen", result)
    for key in ("draft title", "draft description", "draft address", "draft file name"):
        assert any(f"shown {key} at /lapor/" in leak for leak in leaks), (key, leaks)
    assert all(result.pages[f"/lapor/foto/{pk}/"].status == 200 for pk in world.draft_files)


def _console_opens(world: w.World, role: str) -> list[str]:
    """The world's reports ``role`` may open in the console."""
    from lapor.console.selectors import console_report_get
    from lapor.core.exceptions import NotFound

    opened = []
    for report in world.reports:
        try:
            console_report_get(world.principal(role), tracking_id=report.tracking_id)
        except NotFound:
            continue
        opened.append(report.tracking_id)
    return opened


def _count(html: str, element_id: str) -> int:
    found = re.search(rf'id="{element_id}"[^>]*>\s*(\d+)\s*<', html)
    assert found, element_id
    return int(found.group(1))


@pytest.mark.django_db
@pytest.mark.parametrize("role", w.ROLES)
def test_oversight_counts_only_reports_the_role_may_open(world, role):
    """The oversight page's numbers and its "overdue by agency" table (issue 9) count
    exactly the reports its reader may open: a count of reports one may not open says
    that they exist (Pengawas and the Rahasia report). A year on, both world reports are
    overdue; the page is read then, as each role."""
    import time_machine
    from django.utils import timezone

    from lapor.console.selectors import console_access_for, oversight_summary

    later = timezone.now() + timedelta(days=400)
    principal = world.principal(role)
    opened = _console_opens(world, role)
    with time_machine.travel(later, tick=False):
        response = _client_for(world, role).get("/konsol/pengawasan/")
    if not console_access_for(principal).oversight:
        assert response.status_code != 200, role  # no page, no numbers
        return
    summary = oversight_summary(principal, now=later)
    assert summary.overdue == summary.open == len(opened), (role, summary, opened)
    assert sum(row.count for row in summary.by_agency) == len(opened), (role, summary)
    assert response.status_code == 200, role
    html = response.content.decode()
    assert _count(html, "count-open") == _count(html, "count-overdue") == len(opened), role
    # The positive control: the roles that watch both reports count both.
    if role in {"admin_nasional", "ombudsman", "admin_instansi"}:
        assert len(opened) == 2, role
    if role == "pengawas":
        assert opened == [world.anonymous.tracking_id]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", ["agency_officer", "admin_unit", "admin_instansi", "unrelated_officer"]
)
def test_the_console_menus_counters_count_only_reports_the_role_may_open(world, role):
    """The inbox counters in the console menu (on every console page since issue 9) are
    counted without the gate (the inbox scope lies inside it): they never count more
    than the role may open; the unit's officer counts both world reports."""
    from lapor.console.selectors import console_access_for, inbox_counters

    principal = world.principal(role)
    assert console_access_for(principal).inbox, role  # the roles with an inbox
    counters = inbox_counters(principal)
    counted = counters["work"] + counters["resolved"]
    assert counted <= len(_console_opens(world, role)), (role, counters)
    if role == "unrelated_officer":
        assert counted == 0, counters
    else:
        assert counted == 2, (role, counters)


TYPEAHEAD = "/konsol/instansi/cari/?agency_q=Contoh&for=dispose"


@pytest.mark.django_db
@pytest.mark.parametrize("role", w.ROLES)
def test_the_agency_typeahead_answers_officials_only(world, crawls, role):
    """The console's agency typeahead (issue 9) names agencies, nothing of a report, and
    only to an official with a verified second factor; the national verifier finds the
    regency by its name (the positive control)."""
    result = _crawl_as(world, crawls, role)
    page = result.pages[TYPEAHEAD]
    official = role in w.VERIFIED_ROLES and role != "superuser"
    assert (page.status == 200) == official, (role, page.status)
    if role == "admin_nasional":
        assert world.regency.name in page.text
    if page.status == 200:
        assert "laporan/" not in page.text  # no link to any report
