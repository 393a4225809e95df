"""What a citizen stumbled on at 360 px (issue 9 review), in a real browser: a list that
came back without its label, a search button as tall as a label and a hint, and
notification buttons too small to tap.
"""

from __future__ import annotations

import re

import pytest

from lapor.notifications.models import Notification
from lapor.portal.models import WriteDraft
from lapor.testing.browser import axe_violations, format_violations

from .helpers import build_world
from .test_browser_write_flow import sign_in
from .test_write_flow import walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAP = 44  # px: the smallest comfortable tap target (WCAG 2.5.5, GOV.UK)


def box(page, selector):
    return page.eval_on_selector(
        selector,
        "e => { const r = e.getBoundingClientRect(); "
        "return {top: r.top, bottom: r.bottom, height: r.height}; }",
    )


def test_without_javascript_the_next_list_comes_back_with_its_label_in_view(live_server, page_nojs):
    w = build_world()
    sign_in(page_nojs, live_server.url, w.reporter.email)
    page_nojs.goto(live_server.url + "/lapor/")
    page_nojs.select_option("#id_province", "32")
    page_nojs.click("button[name=_action][value=region]")
    page_nojs.wait_for_url(re.compile(r"#id_regency$"))
    page_nojs.wait_for_selector("#id_regency option[value='32.73']", state="attached")
    # The page scrolled to the list (it is below the first screen) ...
    assert page_nojs.evaluate("window.scrollY") > 0
    # ... and its label stands above it on the screen, not cut off at the top.
    label = box(page_nojs, "label[for=id_regency]")
    assert label["top"] >= 0, label


def test_the_agency_search_button_is_as_tall_as_its_box(live_server, page_nojs):
    w = build_world()
    sign_in(page_nojs, live_server.url, w.reporter.email)
    page_nojs.goto(live_server.url + "/lapor/instansi/")
    field = box(page_nojs, "#id_agency_q")
    button = box(page_nojs, "button[name=_action][value=search]")
    # It was stretched over the label and the hint too (about 150 px on a phone).
    assert TAP <= button["height"] <= field["height"] + 6, (button, field)
    assert abs(button["bottom"] - field["bottom"]) <= 4, (button, field)


def test_notification_buttons_are_big_enough_to_tap(live_server, page):
    w = build_world()
    Notification.objects.create(
        user=w.reporter, kind="report.received", title="Laporan Anda sudah kami terima"
    )
    sign_in(page, live_server.url, w.reporter.email)
    page.goto(live_server.url + "/notifikasi/")
    buttons = page.locator("#notification-list button")
    assert buttons.count() == 2  # mark all as read, mark this one as read
    for i in range(buttons.count()):
        height = buttons.nth(i).bounding_box()["height"]
        assert height >= TAP, (i, height)
    # Numbered 1., 2. by the browser before; a plain list now.
    assert page.eval_on_selector("ol.notifications", "e => getComputedStyle(e).listStyleType") == (
        "none"
    )
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_the_check_page_keeps_answers_in_one_column_when_one_is_missing(
    live_server, browser, client
):
    w = build_world()
    client.force_login(w.reporter)
    walk(client, w)
    # The story is emptied: its row is marked, the others are not.
    draft = WriteDraft.objects.get(owner=w.reporter)
    draft.data = {**draft.data, "title": "", "description": ""}
    draft.save(update_fields=["data"])
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    page = context.new_page()
    sign_in(page, live_server.url, w.reporter.email)
    page.goto(live_server.url + "/lapor/periksa/")
    assert page.locator("#answer-story.answer-error").count() == 1
    left = page.eval_on_selector_all(
        ".check-list dt", "els => els.map(e => Math.round(e.getBoundingClientRect().left))"
    )
    assert len(set(left)) == 1, left
    context.close()
