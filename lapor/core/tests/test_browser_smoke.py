import pytest

from lapor.testing.browser import axe_violations, format_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_renders_in_chromium_without_serious_accessibility_violations(live_server, page):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text().strip()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_language_switch_works_without_javascript(live_server, page_nojs):
    page_nojs.goto(live_server.url + "/")
    page_nojs.get_by_role("button", name="English").click()
    assert page_nojs.locator("html").get_attribute("lang") == "en"
