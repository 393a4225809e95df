"""The citizen's path in a real browser (Debian chromium, 360 px wide).

register → confirm → write a report with a photo → tracking ID → public list (or not,
if confidential) → an officer's follow-up (through services) → reply → accept and rate.
Also: the write flow with JavaScript off, and in English. axe-core checks every page
on the way; the write and report pages must weigh under 150 KB on first load.
"""

from __future__ import annotations

import re

import pytest

from lapor.reports import services
from lapor.reports.models import Report
from lapor.testing.browser import axe_violations, format_violations
from lapor.testing.factories import as_official

from .helpers import build_world
from .test_browser_write_flow import walk_write

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kopi-tubruk-2026"
PAGE_BUDGET = 150_000


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}\n{format_violations(violations)}"


def first_load_bytes(page) -> int:
    """Bytes moved for the page and everything it loaded (no user images are shown)."""
    total = page.evaluate(
        """() => performance.getEntries()
            .filter(e => e.entryType === 'navigation' || e.entryType === 'resource')
            .reduce((n, e) => n + (e.transferSize || e.encodedBodySize || 0), 0)"""
    )
    print(f"first load of {page.url}: {total} bytes")  # the figure, with pytest -s
    return total


def fill_report(page, *, title, photo=None, confidential=False, js=True):
    """The guided write flow, step by step (``test_browser_write_flow.walk_write``)."""
    base = page.url.split("/lapor/")[0]
    return walk_write(page, base, title=title, js=js, photo=bool(photo), confidential=confidential)


def sign_in(page, base, login, password):
    page.goto(base + "/akun/masuk/")
    page.fill("#id_login", login)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/laporan/saya/"))


def test_citizen_path_register_to_rating(live_server, page, mailoutbox):
    w = build_world()
    base = live_server.url

    page.goto(base + "/akun/daftar/")
    assert_accessible(page)
    page.fill("#id_full_name", "Budi Santoso")
    page.fill("#id_email", "budi@example.test")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/akun/konfirmasi/"))
    assert_accessible(page)
    code = re.search(r"\b(\d{6})\b", mailoutbox[-1].body).group(1)
    page.fill("#id_code", code)
    page.click("main form button.button")
    page.wait_for_url(re.compile(r"/laporan/saya/"))

    page.goto(base + "/lapor/")
    assert first_load_bytes(page) < PAGE_BUDGET
    assert_accessible(page)
    tracking_id = fill_report(page, title="Jalan berlubang di depan pasar", photo=True)
    assert_accessible(page)
    report = Report.objects.get(tracking_id=tracking_id)
    assert report.attachments.count() == 1

    secret_id = None
    page.goto(base + "/lapor/")
    secret_id = fill_report(page, title="Pungutan liar di kantor kelurahan", confidential=True)
    for tid in (tracking_id, secret_id):
        services.report_dispose(
            report_id=Report.objects.get(tracking_id=tid).pk,
            actor=as_official(w.verifier),
            agency_id=w.agency.pk,
        )

    page.goto(base + "/laporan/")
    page.wait_for_selector(f"text=#{tracking_id}")
    assert f"#{secret_id}" not in page.content()
    assert_accessible(page)

    services.report_follow_up(
        report_id=report.pk, actor=as_official(w.clerk), note="Petugas sudah meninjau lokasi."
    )
    page.goto(base + f"/laporan/{tracking_id}/")
    assert first_load_bytes(page) < PAGE_BUDGET
    assert_accessible(page)
    page.fill("#id_note", "Lubangnya makin besar setelah hujan.")
    page.click("#reply ~ form button[type=submit]")
    page.wait_for_selector("text=Lubangnya makin besar setelah hujan.")

    services.report_resolve(
        report_id=report.pk, actor=as_official(w.clerk), note="Jalan sudah ditambal."
    )
    page.goto(base + f"/laporan/{tracking_id}/")
    page.check("#id_rating_1")  # 4
    page.check("#id_satisfied_0")  # yes
    page.fill("#id_comment", "Cepat, terima kasih.")
    page.click("#rate ~ form button[type=submit]")
    page.wait_for_selector(".status-closed")
    report.refresh_from_db()
    assert report.rating == 4 and report.reporter_satisfied is True
    assert_accessible(page)


def test_write_flow_without_javascript(live_server, page_nojs):
    w = build_world()
    base = live_server.url
    sign_in(page_nojs, base, w.reporter.email, "rahasia-123")
    page_nojs.goto(base + "/lapor/")
    tracking_id = fill_report(page_nojs, title="Lampu jalan mati sebulan", photo=True, js=False)
    report = Report.objects.get(tracking_id=tracking_id)
    assert report.region_id == "32.73.01.1001" and report.attachments.count() == 1


def test_write_flow_in_english(live_server, page):
    w = build_world()
    base = live_server.url
    sign_in(page, base, w.reporter.email, "rahasia-123")
    page.goto(base + "/lapor/")
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    tracking_id = fill_report(page, title="Puskesmas tutup di jam kerja")
    assert page.locator("html").get_attribute("lang") == "en"
    assert Report.objects.filter(tracking_id=tracking_id).exists()
    page.goto(base + f"/laporan/{tracking_id}/")
    assert_accessible(page)
