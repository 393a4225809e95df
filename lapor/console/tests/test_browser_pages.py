"""The console's pages in a real browser (Playwright, Debian's chromium), issue 9: the
primary action inside the first screen, the shortcut legend, the agency typeahead, and
axe-core on every console page."""

from __future__ import annotations

from typing import Any

import pytest

from lapor.agencies.models import RoutingRule
from lapor.reports import services as report_services
from lapor.reports.choices import Status
from lapor.reports.models import Report
from lapor.testing.browser import axe_violations, format_violations
from lapor.testing.factories import CategoryFactory

from .conftest import build_cast, give_totp, official, submit
from .test_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1280, "height": 800}


@pytest.fixture
def world(live_server: Any, settings: Any) -> Any:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cast = build_cast()
    for user in (cast.national, cast.regency_admin, cast.dinas_admin):
        give_totp(user)
    return cast


def long_report(cast: Any, **fields: Any) -> Report:
    fields.setdefault(
        "description",
        "Jalan di depan pasar desa berlubang besar sejak sebulan lalu. " * 12,
    )
    return submit(cast.reporter, **fields)


def box_of(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box


def test_the_primary_action_is_inside_the_first_screen(
    world: Any, live_server: Any, page: Any
) -> None:
    cast, base = world, live_server.url
    RoutingRule.objects.create(region_id="32.04", agency=cast.regency)
    report = long_report(cast)
    page.set_viewport_size(WIDE)

    sign_in(page, base, cast.national)
    page.goto(f"{base}/konsol/laporan/{report.tracking_id}/")
    send = "#act-dispose button[type=submit]:not([name])"
    box = box_of(page, send)
    assert box["y"] >= 0 and box["y"] + box["height"] <= WIDE["height"], box
    # The routing suggestion is chosen already: one click sends it.
    assert page.is_checked(f"#dispose-agency-{cast.regency.pk}")
    # No part of the page scrolls on its own.
    scrollers = page.evaluate(
        """[...document.querySelectorAll('main *')].filter(el => {
             const s = getComputedStyle(el);
             return /(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
           }).length"""
    )
    assert scrollers == 0

    # The unit officer's follow-up, too.
    report_services.report_dispose(
        report_id=report.pk, actor=official(cast.national), agency_id=cast.regency.pk
    )
    report_services.report_dispose_to_unit(
        report_id=report.pk, actor=official(cast.regency_admin), unit_id=cast.dinas.pk
    )
    sign_in(page, base, cast.dinas_admin)
    page.goto(f"{base}/konsol/laporan/{report.tracking_id}/")
    box = box_of(page, "#act-follow_up button[type=submit]")
    assert box["y"] + box["height"] <= WIDE["height"], box
    assert "Dinas Pekerjaan Umum" in page.inner_text("#report-status")

    # On a phone everything stacks: the report's title, then the action, then the rest.
    page.set_viewport_size({"width": 360, "height": 740})
    title, action, other = (
        box_of(page, "#report-title"),
        box_of(page, "#act-follow_up"),
        box_of(page, ".more-actions"),
    )
    assert title["y"] < action["y"] < other["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_send_and_open_the_next_lands_with_both_buttons_in_the_first_screen(
    world: Any, live_server: Any, page: Any
) -> None:
    """The verifier's rhythm is "Send and open the next": every next report opens under
    the message about the last one, with a two-line title. Both send buttons must still
    stand inside 1280 x 800 (they sat at 762-806 px), and the message names the report
    sent and where it went, so the verifier knows what the last click did."""
    cast, base = world, live_server.url
    RoutingRule.objects.create(region_id="32.04", agency=cast.regency)
    title = "Saluran air tersumbat di Gang Mangga menyebabkan banjir setiap hujan deras"
    drains = CategoryFactory(name="Drainase dan banjir")
    first = long_report(cast, title=title)
    second = long_report(cast, title=title + " lagi", category_id=drains.pk)
    page.set_viewport_size(WIDE)
    sign_in(page, base, cast.national)
    page.goto(f"{base}/konsol/laporan/{first.tracking_id}/")
    page.click("#act-dispose button[name=then]")
    page.wait_for_url(f"**/konsol/laporan/{second.tracking_id}/")
    message = page.inner_text(".messages")
    assert f"#{first.tracking_id}" in message and cast.regency.name in message, message
    assert box_of(page, "#report-title")["height"] > 40  # the title takes two lines
    # What the verifier checks before sending (kind, topic) is in the first screen too.
    assert "Drainase dan banjir" in page.inner_text("#report-kind")
    for button in (
        "#report-kind",
        "#act-dispose button[name=then]",
        "#act-dispose button:not([name])",
    ):
        box = box_of(page, button)
        assert box["y"] >= 0 and box["y"] + box["height"] <= WIDE["height"], (button, box)
    stored = Report.objects.get(pk=first.pk)
    assert (stored.status, stored.agency_id) == (Status.DISPOSED, cast.regency.pk)


def test_question_mark_opens_the_shortcut_legend_and_escape_closes_it(
    world: Any, live_server: Any, page: Any
) -> None:
    cast, base = world, live_server.url
    report = submit(cast.reporter)
    page.set_viewport_size(WIDE)
    sign_in(page, base, cast.national)
    page.goto(f"{base}/konsol/laporan/{report.tracking_id}/")
    assert page.is_visible("[data-shortcuts-open]")

    page.focus("a[data-shortcut=g]")
    page.keyboard.press("?")
    page.wait_for_selector("#shortcuts[open]")
    assert page.evaluate("document.getElementById('shortcuts').contains(document.activeElement)")
    assert "Esc" in page.inner_text("#shortcuts")
    page.keyboard.press("Escape")
    page.wait_for_selector("#shortcuts:not([open])", state="attached")
    assert page.evaluate("document.activeElement.getAttribute('data-shortcut')") == "g"

    # Typing in a field types: no legend, no jump.
    page.click("#act-hold summary")
    page.focus("#hold-note")
    page.keyboard.type("Apa? d h")
    assert page.input_value("#hold-note") == "Apa? d h"
    assert not page.is_visible("#shortcuts")

    # A letter opens the action it names, even a closed one.
    page.click("#report-title")
    page.keyboard.press("a")
    assert page.evaluate("document.getElementById('act-archive').open")

    # The menu's button opens it too, and its Close button closes it.
    page.click("[data-shortcuts-open]")
    page.wait_for_selector("#shortcuts[open]")
    page.click("[data-shortcuts-close]")
    page.wait_for_selector("#shortcuts:not([open])", state="attached")
    assert page.evaluate("document.activeElement.hasAttribute('data-shortcuts-open')")


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_the_typeahead_finds_an_agency_and_the_dispose_saves_it(
    world: Any, live_server: Any, page: Any, page_nojs: Any, js: bool
) -> None:
    cast, base = world, live_server.url
    tab = page if js else page_nojs
    RoutingRule.objects.create(region_id="32.04", agency=cast.regency)
    report = submit(cast.reporter)
    tab.set_viewport_size(WIDE)
    sign_in(tab, base, cast.national)
    tab.goto(f"{base}/konsol/laporan/{report.tracking_id}/")
    tab.fill("#dispose-note", "Mohon ditangani minggu ini.")
    if js:
        tab.locator("#dispose-agency_q").press_sequentially("kota lain", delay=30)
        tab.wait_for_selector(f"#dispose-agency-{cast.other.pk}")
        tab.keyboard.press("Enter")  # looks, never sends
        assert Report.objects.get(pk=report.pk).status == Status.SUBMITTED
    else:
        tab.fill("#dispose-agency_q", "kota lain")
        tab.click("#act-dispose button[name=search]")
        tab.wait_for_selector(f"#dispose-agency-{cast.other.pk}")
        assert tab.input_value("#dispose-note") == "Mohon ditangani minggu ini."
        assert tab.input_value("#dispose-agency_q") == "kota lain"
    # The keyboard chooses it: focus the match, Space ticks it.
    tab.focus(f"#dispose-agency-{cast.other.pk}")
    tab.keyboard.press("Space")
    assert tab.is_checked(f"#dispose-agency-{cast.other.pk}")
    assert not tab.is_checked(f"#dispose-agency-{cast.regency.pk}")
    tab.click("#act-dispose button[type=submit]:not([name])")
    tab.wait_for_selector(".messages")
    stored = Report.objects.get(pk=report.pk)
    assert (stored.status, stored.agency_id) == (Status.DISPOSED, cast.other.pk)


def test_console_pages_have_no_serious_accessibility_violations(
    world: Any, live_server: Any, page: Any
) -> None:
    cast, base = world, live_server.url
    waiting = submit(cast.reporter)
    handled = submit(cast.reporter, title="Lampu jalan mati di gang mawar")
    report_services.report_dispose(
        report_id=handled.pk, actor=official(cast.national), agency_id=cast.regency.pk
    )
    page.set_viewport_size(WIDE)

    def check(path: str) -> None:
        page.goto(base + path)
        assert page.locator("h1").count() >= 1, path
        violations = axe_violations(page)
        assert violations == [], f"{path}\n{format_violations(violations)}"

    sign_in(page, base, cast.national)
    for path in (
        "/konsol/verifikasi/",
        f"/konsol/laporan/{waiting.tracking_id}/",
        "/konsol/pengawasan/",
        "/konsol/keamanan/",
    ):
        check(path)
    # The legend, open.
    page.goto(f"{base}/konsol/verifikasi/")
    page.keyboard.press("?")
    page.wait_for_selector("#shortcuts[open]")
    assert axe_violations(page) == []

    sign_in(page, base, cast.regency_admin)
    for path in ("/konsol/kotak-masuk/", f"/konsol/laporan/{handled.tracking_id}/"):
        check(path)
    # Every disclosure open.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)
