"""axe-core on every page, citizen and console, at 360 and 1280 px (issue 9, "Done when").

One browser, one tab. For each kind of person (visitor, citizen, the reporter, the
national verifier, an agency admin, a unit officer, the Ombudsman, the supervisor, the
superuser in the admin) the tab opens every page that person can open: every report in
every status they may read, the empty lists and the full ones, the forms as they come
and in their error state (sent empty, the browser's own checks switched off so that the
server answers), the phone menu open, the console's shortcut legend open and every
disclosure open. On each, axe-core runs at 360 x 740 and at 1280 x 800.

A page passes when it answered what it should (200, or the 404 page's 404) at the
address it was asked for, and axe finds nothing serious or critical. Every failure is
collected first and then named all at once: person, page, width, rule and target.

Signed-in people get their session as a cookie (``force_login``; the officials with a
verified second factor, as after a real code): the sign-in pages themselves are walked
by the visitor, errors included.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapor.accounts.models import User
from lapor.agencies.choices import AgencyKind
from lapor.reports import services
from lapor.reports.models import Report
from lapor.testing.browser import AXE_JS
from lapor.testing.factories import CategoryFactory, UserFactory, make_agency, make_region
from lapor.testing.otp import force_login_verified

from . import world as w

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# SCREENSHOT_DIR=/tmp/shots pytest ... saves every state checked, for a person to look at.
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR", "")
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
WIDTHS = (PHONE, DESKTOP)
PASSWORD = "rahasia-123"  # UserFactory's
TOTP_KEY = "3132333435363738393031323334353637383930"

# The status of the document now in the tab (after redirects), as the browser got it.
DOCUMENT_STATUS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return nav ? nav.responseStatus : 0;
}"""
# Rule/widget pairs of Django's own admin scripts set aside (and printed): none now.
# The autocomplete boxes have a placeholder that names them (core.admin_widgets) and
# the user admin has no two-box picker (SelectFilter2.js's aria-label on a <span>).
KNOWN_IN_ADMIN: set[tuple[str, str]] = set()
OPEN_ALL = "() => document.querySelectorAll('main details').forEach(d => { d.open = true; })"


def _answer_to_a_form(response: Any) -> bool:
    """The page that answers a form: a document, or htmx's request for one (the
    console's boosted forms), not a redirect on the way to it."""
    request = response.request
    return (request.resource_type == "document" or "hx-request" in request.headers) and not (
        300 <= response.status < 400 or "hx-redirect" in response.headers
    )


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations in the document now in the tab
    (``lapor.testing.browser.axe_violations``, with axe loaded once per document)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async () => {
          const r = await axe.run(document, {resultTypes: ['violations']});
          return r.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 5).map(n => n.target)}));
        }"""
    )


# --- the world --------------------------------------------------------------------------


class Cast:
    """The privacy crawl's world (every role, an Anonim and a Rahasia report with their
    whole history) and one report of the reporter's in each other status."""

    def __init__(self) -> None:
        self.world = w.build_world()
        self.users = self.world.users
        make_region("32.73.01.1001", name="Sukajadi")  # for the write flow's place step
        topic = CategoryFactory(name="Infrastruktur")
        CategoryFactory(name="Jalan rusak", parent=topic)
        make_agency("Ombudsman Republik Indonesia", kind=AgencyKind.LEMBAGA, code="ombudsman-ri")
        self.by_status = self._one_in_each_status()

    def p(self, role: str) -> Any:
        return self.world.principal(role)

    def _submit(self, title: str, *, now: Any = None) -> Report:
        return services.report_submit(
            actor=self.p("reporter"),
            classification="pengaduan",
            title=title,
            description="Lampu jalan di gang ini mati sejak dua minggu dan gang jadi gelap.",
            region_code="32.04",
            now=now,
        ).report

    def _dispose(self, report: Report, *, now: Any = None) -> None:
        services.report_dispose(
            report_id=report.pk,
            actor=self.p("admin_nasional"),
            agency_id=self.world.regency.pk,
            now=now,
        )

    def _answer(self, report: Report) -> None:
        self._dispose(report)
        officer = self.p("admin_instansi")
        services.report_follow_up(report_id=report.pk, actor=officer, note="Petugas sudah cek.")
        services.report_resolve(report_id=report.pk, actor=officer, note="Lampu sudah diganti.")

    def _one_in_each_status(self) -> dict[str, Report]:
        s: dict[str, Report] = {}
        s["submitted"] = self._submit("Lampu jalan mati di gang Melati")
        s["on_hold"] = self._submit("Sampah menumpuk di pinggir sungai")
        services.report_hold(
            report_id=s["on_hold"].pk, actor=self.p("admin_nasional"), note="Di RT berapa?"
        )
        s["archived"] = self._submit("Iklan di tiang listrik")
        services.report_archive(
            report_id=s["archived"].pk, actor=self.p("admin_nasional"), reason="out_of_scope"
        )
        s["disposed"] = self._submit("Trotoar rusak di depan sekolah")
        self._dispose(s["disposed"])
        s["in_progress"] = self.world.anonymous
        s["resolved"] = self._submit("Saluran air tersumbat di pasar")
        self._answer(s["resolved"])
        s["closed"] = self._submit("Pohon tumbang di jalan desa")
        self._answer(s["closed"])
        services.report_close(report_id=s["closed"].pk, actor=self.p("reporter"), rating=4)
        # Unresolved after 60 days: the reporter is asked about the Ombudsman, and once
        # more for a report they hand over.
        long_ago = timezone.now() - timedelta(days=70)
        for key in ("consent_asked", "escalated"):
            s[key] = self._submit(f"Izin usaha tidak diproses ({key})", now=long_ago)
            self._dispose(s[key], now=long_ago)
            services.report_ask_consent(report_id=s[key].pk, actor=self.p("admin_nasional"))
        services.report_escalate(report_id=s["escalated"].pk, actor=self.p("reporter"))
        for key, report in s.items():
            s[key] = Report.objects.get(pk=report.pk)
        assert {k: r.status for k, r in s.items()} == {
            "submitted": "submitted",
            "on_hold": "on_hold",
            "archived": "archived",
            "disposed": "disposed",
            "in_progress": "in_progress",
            "resolved": "resolved",
            "closed": "closed",
            "consent_asked": "disposed",
            "escalated": "escalated",
        }
        return s

    def url(self, key: str) -> str:
        return f"/laporan/{self.by_status[key].tracking_id}/"

    def console_url(self, key: str) -> str:
        return f"/konsol/laporan/{self.by_status[key].tracking_id}/"


# --- the audit --------------------------------------------------------------------------


class Audit:
    """Opens pages in one tab and collects what is wrong with each, at both widths."""

    def __init__(self, page: Any, base: str) -> None:
        self.page, self.base = page, base
        self.problems: list[str] = []
        self.checked = 0
        self.axe_seconds = 0.0
        self.known: list[str] = []
        self.shots = 0

    def _known(self, violation: dict[str, Any]) -> bool:
        if not urlsplit(self.page.url).path.startswith("/admin/"):
            return False
        return any(
            violation["id"] == rule and all(widget in str(node) for node in violation["nodes"])
            for rule, widget in KNOWN_IN_ADMIN
        )
        self.who = "visitor"

    def as_(self, role: str, user: User | None, *, verified: bool = False) -> None:
        """Become ``user`` in the tab: their session cookie (none for the visitor)."""
        self.who = role
        context = self.page.context
        context.clear_cookies()
        if user is None:
            return
        client = Client()
        if verified:
            force_login_verified(client, user)
        else:
            client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": self.base}])

    def open(
        self,
        path: str,
        *,
        status: int = 200,
        lands: str | None = None,
        prepare: Callable[[Any], None] | None = None,
        label: str = "",
        widths: tuple[dict[str, int], ...] = WIDTHS,
    ) -> None:
        """GET ``path`` and check it; ``lands`` is where a redirect should end."""
        self.page.goto(self.base + path)
        where = urlsplit(self.page.url).path
        expected = lands or urlsplit(path).path
        if lands != "*" and where != expected:
            self.problems.append(f"[{self.who}] {path}: ended at {where}, not {expected}")
        status_got = self.page.evaluate(DOCUMENT_STATUS)
        self.check(label or path, status=status_got, want=status, prepare=prepare, widths=widths)

    def go(self, path: str) -> None:
        """GET ``path`` to act on it (a page checked already)."""
        self.page.goto(self.base + path)

    def submit(
        self,
        form: str,
        *,
        label: str,
        button: str | None = None,
        want: int = 200,
        shows: str = ".error-summary",
        fill: Callable[[Any], None] | None = None,
    ) -> None:
        """Send the form ``form`` (a selector) as it is, without the browser's own
        checks, and check the page that answers (the error state: ``shows`` must be
        in it)."""
        page = self.page
        page.evaluate(
            """sel => { const f = document.querySelector(sel);
                        f.noValidate = true;
                        let d = f.closest('details');
                        for (; d; d = d.parentElement.closest('details')) d.open = true; }""",
            form,
        )
        if fill:
            fill(page)
        with page.expect_response(_answer_to_a_form) as answer:
            if button:
                page.locator(form).locator(button).first.click()
            else:
                page.evaluate("sel => document.querySelector(sel).requestSubmit()", form)
        page.wait_for_load_state()
        status = answer.value.status
        try:
            page.wait_for_selector(shows, state="attached", timeout=5_000)
        except Exception:
            self.problems.append(f"[{self.who}] {label}: no {shows} after sending it")
        self.check(label, status=status, want=want)

    def check(
        self,
        label: str,
        *,
        status: int = 200,
        want: int = 200,
        prepare: Callable[[Any], None] | None = None,
        widths: tuple[dict[str, int], ...] = WIDTHS,
    ) -> None:
        """axe-core on the document now in the tab, at each width."""
        name = f"[{self.who}] {label}"
        if status != want:
            self.problems.append(f"{name}: answered {status}, not {want}")
        for size in widths:
            self.page.set_viewport_size(size)
            if prepare:
                prepare(self.page)
            self.checked += 1
            if SCREENSHOTS:
                self.shots += 1
                self.page.screenshot(
                    path=os.path.join(SCREENSHOTS, f"{self.shots:03d}-{size['width']}.png"),
                    full_page=True,
                )
            t = time.monotonic()
            found = serious_violations(self.page)
            self.axe_seconds += time.monotonic() - t
            for v in found:
                if self._known(v):
                    self.known.append(f"{name} at {size['width']} px: {v['id']} on {v['nodes']}")
                    continue
                self.problems.append(
                    f"{name} at {size['width']} px: {v['id']} ({v['impact']}: {v['help']}) "
                    f"on {v['nodes']}"
                )

    def assert_clean(self) -> None:
        for line in self.known:
            print(f"known, reported: {line}")
        print(f"\naxe-core ran on {self.checked} page states in {self.axe_seconds:.1f} s")
        assert not self.problems, "\n".join(self.problems)


@pytest.fixture
def cast(live_server: Any, settings: Any) -> Cast:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return Cast()


@pytest.fixture
def audit(page: Any, live_server: Any) -> Audit:
    page.set_default_timeout(15_000)
    return Audit(page, live_server.url)


def open_menu(page: Any) -> None:
    """The header's Menu disclosure, open (it is a button on a phone only)."""
    summary = page.locator(".nav-more > summary")
    if summary.is_visible() and not page.evaluate("document.querySelector('.nav-more').open"):
        summary.click()


# --- the citizen's side -------------------------------------------------------------------


def test_visitor_pages_and_the_sign_in_forms(cast: Cast, audit: Audit) -> None:
    started = time.monotonic()
    public = ("disposed", "in_progress", "resolved", "closed", "escalated")
    audit.as_("visitor", None)
    audit.open("/")
    audit.open("/", prepare=open_menu, widths=(PHONE,), label="/ (menu open)")
    audit.open("/laporan/")
    audit.open(
        "/laporan/?q=jalan",
        prepare=lambda p: p.evaluate(OPEN_ALL),
        label="/laporan/ (filters open)",
    )
    audit.open("/laporan/?q=tidakadahasilnya", label="/laporan/ (nothing found)")
    for key in public:
        audit.open(cast.url(key), label=f"a {key} report")
    audit.open("/laporan/0000000000/", status=404, label="a report that is not there")
    audit.open("/lapor/", lands="/akun/masuk/", label="/lapor/ (sign in first)")

    audit.open("/lacak/")
    audit.open("/lacak/?id=12345", label="/lacak/ (not 10 digits)")
    audit.open("/lacak/?id=1234567897", label="/lacak/ (no such report)")
    audit.open("/akun/masuk/")
    audit.submit("main form", label="/akun/masuk/ (empty)")
    audit.go("/akun/masuk/")
    audit.submit(
        "main form",
        label="/akun/masuk/ (wrong password)",
        fill=lambda p: (p.fill("#id_login", "warga@example.test"), p.fill("#id_password", "x")),
    )
    audit.open("/akun/daftar/")
    audit.submit("main form", label="/akun/daftar/ (empty)")
    audit.go("/akun/daftar/")
    with_email = lambda p: (  # noqa: E731
        p.fill("#id_full_name", "Warga Baru"),
        p.fill("#id_email", "warga.baru@example.test"),
        p.fill("#id_password", "kata-sandi-panjang-99"),
    )
    audit.submit("main form", label="/akun/daftar/ (sent)", fill=with_email, shows="#id_code")
    audit.submit("main form", label="/akun/konfirmasi/ (empty)")
    audit.open("/akun/lupa-sandi/")
    audit.submit("main form", label="/akun/lupa-sandi/ (empty)")
    audit.go("/akun/lupa-sandi/")
    audit.submit(
        "main form",
        label="/akun/lupa-sandi/ (sent)",
        fill=lambda p: p.fill("#id_login", w.REPORTER_EMAIL),
        shows="#id_code",
    )
    audit.submit("main form", label="/akun/lupa-sandi/kode/ (empty)")

    # The console's sign-in: the password, then the code.
    officer = cast.users["unrelated_officer"]
    TOTPDevice.objects.create(user=officer, name="Ponsel", key=TOTP_KEY, confirmed=True)
    audit.open("/konsol/masuk/")
    audit.submit("main form", label="/konsol/masuk/ (empty)", want=401)
    audit.go("/konsol/masuk/")
    audit.submit(
        "main form",
        label="/konsol/masuk/ (sent)",
        fill=lambda p: (p.fill("#id_login", officer.email), p.fill("#id_password", PASSWORD)),
        shows="#id_token",
    )
    audit.submit(
        "main form",
        label="/konsol/kode/ (wrong code)",
        want=401,
        fill=lambda p: p.fill("#id_token", "12345"),
    )
    # An official without an authenticator yet: the set-up page, and a wrong code there.
    audit.as_("visitor", None)
    newcomer = cast.users["unverified_official"]
    audit.go("/konsol/masuk/")
    audit.submit(
        "main form",
        label="/konsol/keamanan/ (set up the authenticator)",
        fill=lambda p: (p.fill("#id_login", newcomer.email), p.fill("#id_password", PASSWORD)),
        shows="#totp-key",
    )
    audit.submit(
        "main form[action$='/keamanan/']",
        label="/konsol/keamanan/ (a wrong code)",
        want=401,
        fill=lambda p: p.fill("#id_token", "000000"),
    )
    # A citizen at the console's door.
    audit.as_("citizen", cast.users["citizen"])
    audit.open("/konsol/", lands="*", status=403, label="/konsol/ (not an official)")
    audit.as_("visitor", None)
    # An invitation link, and its form sent empty.
    invitee = UserFactory(email="undangan@example.test", full_name="Calon Petugas")
    uid = urlsafe_base64_encode(force_bytes(invitee.pk))
    token = default_token_generator.make_token(invitee)
    audit.open(f"/konsol/undangan/{uid}/{token}/")
    audit.submit("main form", label="/konsol/undangan/ (empty)")
    audit.open(f"/konsol/undangan/{uid}/bukan-token/", status=404, label="a used invitation")

    audit.open("/admin/login/")
    audit.submit("#login-form", label="/admin/login/ (empty)", want=400)

    # The audit can fail: a page spoiled on purpose is caught, named by page, width,
    # rule and target (and then set aside, so that it does not fail this test).
    audit.go("/")
    audit.page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        '\'<img src="/static/nothing.png" id="spoiled">\')'
    )
    before = len(audit.problems)
    audit.check("/ (spoiled on purpose)", widths=(PHONE,))
    spoiled, audit.problems = audit.problems[before:], audit.problems[:before]
    assert any("image-alt" in line and "#spoiled" in line for line in spoiled), spoiled
    audit.assert_clean()
    print(f"visitor: {time.monotonic() - started:.1f} s")


def test_citizen_and_reporter_pages(cast: Cast, audit: Audit) -> None:
    started = time.monotonic()
    # A citizen with nothing yet: the empty lists, the forms and their errors.
    audit.as_("citizen", cast.users["citizen"])
    audit.open("/", prepare=open_menu, widths=(PHONE,), label="/ (menu open)")
    audit.open("/laporan/saya/", label="/laporan/saya/ (none yet)")
    audit.open("/notifikasi/", label="/notifikasi/ (none yet)")
    audit.open("/notifikasi/pengaturan/")
    audit.open("/akun/profil/")
    audit.submit(
        "main form", label="/akun/profil/ (bad NIK)", fill=lambda p: p.fill("#id_nik", "123")
    )
    audit.open("/akun/hapus/")
    audit.submit("main form", label="/akun/hapus/ (empty)")
    audit.open(cast.url("in_progress"), label="a public report (signed in)")
    audit.submit(
        "main form[action$='/komentar/']",
        label="a public report (empty comment)",
    )

    # The guided write flow: each step as it comes and sent empty, then on to the end.
    go_on = "button[name=_action][value=continue]"
    step_form = f"main form:has({go_on})"
    # The citizen has a draft (the world's): the page offers to start again.
    audit.open("/lapor/", label="/lapor/ (a draft kept)")
    audit.submit(
        "main form[action$='/mulai-lagi/']", label="/lapor/ (started again)", shows=step_form
    )
    audit.submit(step_form, button=go_on, label="/lapor/ (no place)")
    page = audit.page
    page.wait_for_url("**/lapor/")
    page.select_option("#id_province", "32")
    page.wait_for_selector("#id_regency option[value='32.73']", state="attached")
    page.select_option("#id_regency", "32.73")
    page.click(go_on)
    page.wait_for_url("**/lapor/foto/")
    audit.check("/lapor/foto/")
    page.set_input_files(
        "#id_attachments",
        files=[{"name": "lampu.png", "mimeType": "image/png", "buffer": w.png_with_text("x")}],
    )
    page.click("button[name=_action][value=add]")
    page.wait_for_selector(".draft-file img")
    audit.check("/lapor/foto/ (a photo added)")
    page.click(go_on)
    page.wait_for_url("**/lapor/kejadian/")
    audit.check("/lapor/kejadian/")
    audit.submit(step_form, button=go_on, label="/lapor/kejadian/ (empty)")
    page.fill("#id_title", "Lampu jalan mati di gang Mawar")
    page.fill(
        "#id_description", "Lampu jalan di gang Mawar mati sejak dua minggu, gang jadi gelap."
    )
    page.click(go_on)
    page.wait_for_url("**/lapor/jenis/")
    audit.check("/lapor/jenis/")
    audit.submit(step_form, button=go_on, label="/lapor/jenis/ (empty)")
    page.check("#id_classification_0")
    page.click(go_on)
    page.wait_for_url("**/lapor/instansi/")
    audit.check("/lapor/instansi/")
    page.click(go_on)
    page.wait_for_url("**/lapor/privasi/")
    audit.check("/lapor/privasi/")
    page.click(go_on)
    page.wait_for_url("**/lapor/periksa/")
    audit.check("/lapor/periksa/")
    page.click("button.button-start")
    page.wait_for_url("**/terkirim/")
    audit.check("/laporan/…/terkirim/")

    # The reporter: their list, their notifications, each of their reports in each
    # status, the Rahasia one, and the forms the report page offers, sent empty.
    audit.as_("reporter", cast.users["reporter"])
    audit.open("/laporan/saya/")
    audit.open("/notifikasi/")
    for key in cast.by_status:
        audit.open(cast.url(key), prepare=lambda p: p.evaluate(OPEN_ALL), label=f"my {key} report")
    audit.open(f"/laporan/{cast.world.confidential.tracking_id}/", label="my Rahasia report")
    audit.open(f"/laporan/{cast.by_status['submitted'].tracking_id}/terkirim/")
    audit.go(cast.url("resolved"))
    audit.submit("#rate-form", label="my resolved report (no rating)")
    audit.go(cast.url("resolved"))
    audit.submit("main form[action$='/balas/']", label="my resolved report (empty reply)")
    audit.open(cast.url("on_hold"))
    audit.submit("main form[action$='/balas/']", label="my on-hold report (no answer)")
    audit.assert_clean()
    print(f"citizen and reporter: {time.monotonic() - started:.1f} s")


# --- the console and the admin ----------------------------------------------------------


def _console_nav(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "header a[href^='/konsol/'], nav a[href^='/konsol/']",
        "els => [...new Set(els.map(e => e.getAttribute('href')))]",
    )


def _legend(page: Any) -> None:
    if page.viewport_size["width"] >= 1000 and not page.evaluate(
        "!!document.querySelector('#shortcuts[open]')"
    ):
        page.keyboard.press("?")
        page.wait_for_selector("#shortcuts[open]")


def test_console_pages_for_every_official(cast: Cast, audit: Audit) -> None:
    started = time.monotonic()
    users = cast.users
    handled = ("disposed", "in_progress", "resolved", "closed", "consent_asked")

    # The national verifier: the desk, every report, oversight, security.
    audit.as_("admin_nasional", users["admin_nasional"], verified=True)
    audit.open("/konsol/", lands="*", label="/konsol/")
    for link in _console_nav(audit.page):
        if "/keluar/" not in link:
            audit.open(link, lands="*")
    audit.open("/konsol/verifikasi/", prepare=_legend, label="/konsol/verifikasi/ (legend open)")
    audit.open("/konsol/verifikasi/?q=tidakadahasilnya", label="the desk (nothing found)")
    for key in ("submitted", "on_hold", "archived", *handled, "escalated"):
        audit.open(
            cast.console_url(key), prepare=lambda p: p.evaluate(OPEN_ALL), label=f"a {key} report"
        )
    audit.go(cast.console_url("submitted"))
    audit.submit("#act-hold form", label="a submitted report (hold, no question)")
    audit.go(cast.console_url("submitted"))
    audit.submit("#act-archive form:not(.inline)", label="a submitted report (archive, no reason)")
    # The agency typeahead, with what it found.
    audit.go(cast.console_url("submitted"))
    audit.page.locator("#dispose-agency_q").press_sequentially("kota lain", delay=20)
    audit.page.wait_for_selector(f"#dispose-agency-{cast.world.other.pk}")
    audit.check("a submitted report (the agency typeahead's matches)")
    audit.open(cast.console_url("submitted"), prepare=_legend, label="a report (legend open)")
    audit.open("/konsol/keamanan/")
    audit.submit(
        "main form[action$='/keamanan/']",
        label="/konsol/keamanan/ (new recovery codes)",
        shows="#recovery-codes",
    )
    audit.open("/konsol/pengawasan/")
    # The national admin on the citizen's side: an anonymous reporter named.
    audit.open(cast.url("in_progress"), label="the public page of an Anonim report")

    # An agency admin: the inbox, the reports of the agency, the agency's page.
    audit.as_("admin_instansi", users["admin_instansi"], verified=True)
    audit.open("/konsol/", lands="*", label="/konsol/")
    for link in _console_nav(audit.page):
        if "/keluar/" not in link:
            audit.open(link, lands="*")
    audit.open("/konsol/kotak-masuk/?q=tidakadahasilnya", label="the inbox (nothing found)")
    for key in handled:
        audit.open(
            cast.console_url(key), prepare=lambda p: p.evaluate(OPEN_ALL), label=f"a {key} report"
        )
    audit.open(
        f"/konsol/laporan/{cast.world.confidential.tracking_id}/", label="the Rahasia report"
    )
    audit.go(cast.console_url("disposed"))
    audit.submit("#act-follow_up form", label="a disposed report (empty follow-up)")
    audit.go(cast.console_url("disposed"))
    audit.submit(
        "#act-decline form, form[action$='/aksi/decline/']",
        label="a disposed report (decline, no reason)",
    )
    audit.go("/konsol/instansi/")
    audit.submit(
        "main form[action$='/undang/']",
        label="/konsol/instansi/ (empty invitation)",
        shows=".message-error",
    )
    audit.go("/konsol/instansi/")
    audit.submit(
        "main form[action$='/unit/']",
        label="/konsol/instansi/ (empty unit)",
        shows=".message-error",
    )
    audit.go("/konsol/kotak-masuk/")
    audit.submit(
        "main form[action$='/tampilan/']",
        label="/konsol/kotak-masuk/ (unnamed view)",
        shows=".message-error",
    )
    audit.submit(
        "main form[action$='/tampilan/']",
        label="/konsol/kotak-masuk/ (a saved view)",
        shows="main form[action$='/hapus/']",
        fill=lambda p: p.fill("main form[action$='/tampilan/'] input[type=text]", "Minggu ini"),
    )

    # A unit officer: the inbox and the report they follow up.
    audit.as_("agency_officer", users["agency_officer"], verified=True)
    audit.open("/konsol/", lands="*", label="/konsol/")
    audit.open(cast.console_url("in_progress"), prepare=lambda p: p.evaluate(OPEN_ALL))
    audit.submit("#act-resolve form", label="the report (an empty answer)")

    # The Ombudsman and the supervisor.
    for role in ("ombudsman", "pengawas"):
        audit.as_(role, users[role], verified=True)
        audit.open("/konsol/", lands="*", label="/konsol/")
        for link in ("/konsol/pengawasan/", cast.console_url("in_progress")):
            audit.open(link, prepare=lambda p: p.evaluate(OPEN_ALL))
    audit.as_("ombudsman", users["ombudsman"], verified=True)
    audit.open(cast.console_url("escalated"), prepare=lambda p: p.evaluate(OPEN_ALL))

    # The superuser in the admin: the index, every list on it and the first row of each.
    audit.as_("superuser", users["superuser"], verified=True)
    audit.open("/admin/")
    lists = audit.page.eval_on_selector_all(
        "#content-main th[scope=row] a", "els => els.map(e => e.getAttribute('href'))"
    )
    assert len(lists) >= 10, lists
    for changelist in lists:
        audit.open(changelist)
        first = audit.page.locator("#result_list tbody tr:first-child a[href]").first
        if first.count():
            audit.open(first.get_attribute("href"), label=f"{changelist} (first row)")
    audit.assert_clean()
    print(f"console and admin: {time.monotonic() - started:.1f} s")
