"""The phone (issue 9): a header that does not wrap, a start button above the fold, the
answer read before the rating form, photos as thumbnails; axe-core on each page."""

from __future__ import annotations

import io
import itertools
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from lapor.reports import services
from lapor.testing.browser import axe_violations, format_violations
from lapor.testing.factories import as_official

from .helpers import build_world, public_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
ANSWER = "Jalan sudah ditambal dengan aspal baru."


def sign_in(page, base: str, user) -> None:
    """The user's session in the browser (the sign-in pages have their own tests)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base}])


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}\n{format_violations(violations)}"


def photo(name: str) -> SimpleUploadedFile:
    out = io.BytesIO()
    image = Image.new("RGB", (1200, 900), (120, 120, 120))
    image.paste((40, 90, 160), (0, 0, 600, 900))
    image.save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def answered_with_photos(w):
    report = public_report(w, files=[photo("lubang.jpg")])
    clerk = as_official(w.clerk)
    services.report_follow_up(
        report_id=report.pk, actor=clerk, note="Petugas kami sudah melihat lokasi."
    )
    return services.report_resolve(
        report_id=report.pk,
        actor=clerk,
        note=ANSWER,
        files=[photo("sesudah-1.jpg"), photo("sesudah-2.jpg")],
    ).report


def report_url(base: str, report) -> str:
    return base + reverse("portal:report", kwargs={"tracking_id": report.tracking_id})


@pytest.mark.parametrize("lang", ["id", "en"])
def test_signed_in_header_fits_on_a_phone(live_server, page, lang):
    from lapor.notifications.models import Notification

    w = build_world()
    # The widest the row gets: a two-digit count on the bell.
    Notification.objects.bulk_create(
        Notification(user=w.reporter, kind=f"test.{i}", title="Tes") for i in range(12)
    )
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, w.reporter)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": live_server.url}]
    )
    page.goto(live_server.url + "/")
    assert page.locator(".main-nav .bell .badge").inner_text().startswith("12")
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] < 120, header
    # One row of nav items: write, the bell, the menu button share a line, side by
    # side without touching, each a thumb-sized target.
    boxes = [
        page.locator(sel).bounding_box()
        for sel in (".nav-write", ".main-nav .bell", ".nav-more > summary")
    ]
    tops = [b["y"] for b in boxes]
    assert max(tops) - min(tops) < 12, boxes
    for left, right in itertools.pairwise(boxes):
        assert left["x"] + left["width"] <= right["x"], boxes
    assert all(b["height"] >= 44 and b["width"] >= 44 for b in boxes), boxes
    assert boxes[-1]["x"] + boxes[-1]["width"] <= PHONE["width"], boxes
    row = page.locator(".nav-row").bounding_box()
    assert row["height"] <= 48, row
    # Nothing runs off the screen sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The language switch stays in view; the rest is behind "Menu".
    other = {"id": "English", "en": "Bahasa Indonesia"}[lang]
    assert page.get_by_role("button", name=other).is_visible()
    name = {"id": "Laporan saya", "en": "My reports"}[lang]
    my_reports = page.locator(".nav-more").get_by_role("link", name=name)
    assert not my_reports.is_visible()
    page.locator(".nav-more > summary").click()
    assert my_reports.is_visible()
    assert_accessible(page)
    my_reports.click()
    page.wait_for_url(lambda url: urlsplit(url).path == reverse("portal:my_reports"))


def test_the_menu_opens_without_javascript(live_server, page_nojs):
    w = build_world()
    page_nojs.set_viewport_size(PHONE)
    sign_in(page_nojs, live_server.url, w.reporter)
    page_nojs.goto(live_server.url + "/lacak/")
    page_nojs.locator(".nav-more > summary").click()
    page_nojs.locator(".nav-more").get_by_role("link", name="Laporan publik").click()
    page_nojs.wait_for_url(lambda url: urlsplit(url).path == reverse("portal:browse"))


def test_the_whole_menu_stands_in_one_row_on_a_wide_screen(live_server, page):
    w = build_world()
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server.url, w.reporter)
    page.goto(live_server.url + "/")
    assert not page.locator(".nav-more > summary").is_visible()
    links = page.locator(".main-nav a, .main-nav button")
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
    assert max(tops) - min(tops) < 12, tops
    assert page.locator(".nav-more").get_by_role("link", name="Laporan saya").is_visible()
    assert page.locator("header.site-header").bounding_box()["height"] < 120
    assert_accessible(page)


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "citizen"])
def test_the_start_button_is_above_the_fold_and_starts_a_report(live_server, page, signed_in):
    w = build_world()
    page.set_viewport_size(PHONE)
    if signed_in:
        sign_in(page, live_server.url, w.reporter)
    page.goto(live_server.url + "/")
    start = page.locator("#start")
    box = start.bounding_box()
    assert start.is_visible() and box["y"] + box["height"] <= PHONE["height"], box
    assert box["height"] >= 44  # a thumb-sized target
    track = page.locator(".start-secondary")
    assert track.is_visible() and track.get_attribute("href") == reverse("portal:lookup")
    assert_accessible(page)
    start.click()
    write = reverse("portal:write")
    if signed_in:
        page.wait_for_url(lambda url: urlsplit(url).path.startswith(write))
        assert page.locator("h1").count() == 1
    else:
        # Writing needs an account: sign in first, then back to the write page.
        page.wait_for_url(lambda url: reverse("accounts:login") in url and write in url)


def test_the_reporter_reads_the_answer_above_the_rating_form(live_server, page):
    w = build_world()
    report = answered_with_photos(w)
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, w.reporter)
    page.goto(report_url(live_server.url, report))
    answer = page.locator("#answer")
    rating = page.locator("#rate-form")
    assert ANSWER in answer.inner_text()
    answer_box, rating_box = answer.bounding_box(), rating.bounding_box()
    assert rating_box["y"] >= answer_box["y"] + answer_box["height"], (answer_box, rating_box)
    # What happens next is the first thing under the title.
    assert page.locator("#next-step").bounding_box()["y"] < answer_box["y"]
    # The answer's photos, small: loaded, no wider than their tile, each a link.
    thumbs = answer.locator(".photos img")
    assert thumbs.count() == 2
    first = thumbs.first
    first.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=first.element_handle()
    )
    assert first.evaluate("img => img.naturalWidth") == 480
    assert first.bounding_box()["width"] <= 161
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)


def test_the_public_report_page_is_accessible(live_server, page):
    w = build_world()
    report = answered_with_photos(w)
    page.set_viewport_size(PHONE)
    page.goto(report_url(live_server.url, report))
    assert ANSWER in page.locator("#answer").inner_text()
    assert page.locator("#rate-form").count() == 0
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)
    assert_accessible(page)
