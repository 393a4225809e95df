"""axe-core over the public pages not walked by the flow tests, signed out and in."""

import pytest

from lapor.testing.browser import axe_violations, format_violations
from lapor.testing.factories import UserFactory, make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIGNED_OUT = ["/", "/akun/masuk/", "/akun/daftar/", "/akun/lupa-sandi/", "/lacak/", "/laporan/"]
SIGNED_IN = ["/laporan/saya/", "/akun/profil/", "/notifikasi/", "/notifikasi/pengaturan/"]


def _check(page, url):
    page.goto(url)
    assert page.locator("h1").count() >= 1, url
    violations = axe_violations(page)
    assert violations == [], f"{url}\n{format_violations(violations)}"


def test_public_pages_have_no_serious_accessibility_violations(live_server, page):
    make_report(status="in_progress", is_confidential=False, title="Jalan berlubang di Jl. Merdeka")
    for path in SIGNED_OUT:
        _check(page, live_server.url + path)
    # The list with its filters open, and in English.
    page.goto(live_server.url + "/laporan/?q=jalan")
    page.locator("main summary").first.click()  # the filters, not the header's menu
    assert axe_violations(page) == []
    page.get_by_role("button", name="English").click()
    _check(page, live_server.url + "/lacak/")


def test_signed_in_pages_have_no_serious_accessibility_violations(live_server, page):
    UserFactory(email="warga@example.test")  # password: rahasia-123
    page.goto(live_server.url + "/akun/masuk/")
    page.locator("main input[name=login]").fill("warga@example.test")
    page.locator("main input[type=password]").fill("rahasia-123")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/akun/masuk/" not in url)
    for path in SIGNED_IN:
        _check(page, live_server.url + path)
