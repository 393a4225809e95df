"""The guided write flow in a real browser (Debian chromium, 360 px), with and without
JavaScript: the region cascade never guesses, a file chosen early is still attached at
the end, a too-big file is refused before it is sent, and axe-core finds nothing
serious on any step.
"""

from __future__ import annotations

import re

import pytest

from lapor.portal.models import DraftFile
from lapor.reports.models import Report
from lapor.testing.browser import axe_violations, format_violations
from lapor.testing.factories import make_region

from .conftest import PNG_1PX
from .helpers import DESCRIPTION, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEXT = {"province": "regency", "regency": "district", "district": "village"}
PHOTO = {"name": "jalan.png", "mimeType": "image/png", "buffer": PNG_1PX}


PASSWORD = "rahasia-123"  # the factories' password
PLACE = (
    ("province", "32"),
    ("regency", "32.73"),
    ("district", "32.73.01"),
    ("village", "32.73.01.1001"),
)


def sign_in(page, base, login):
    page.goto(base + "/akun/masuk/")
    page.fill("#id_login", login)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/laporan/saya/"))


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}\n{format_violations(violations)}"


def choose_place(page, levels, *, js=True):
    """Choose each (level, code) in turn, as a person would: with JavaScript the next
    list fills by itself; without, the "Show the next list" button sends the page."""
    for level, value in levels:
        page.select_option(f"#id_{level}", value)
        if level in NEXT and (level, value) != levels[-1]:
            if not js:
                page.click("button[name=_action][value=region]")
            page.wait_for_selector(f"#id_{NEXT[level]} option[value^='{value}.']", state="attached")


def continue_(page):
    page.click("button[name=_action][value=continue]")
    page.wait_for_load_state()


def walk_write(
    page,
    base,
    *,
    title,
    js=True,
    place=(
        ("province", "32"),
        ("regency", "32.73"),
        ("district", "32.73.01"),
        ("village", "32.73.01.1001"),
    ),
    photo=False,
    confidential=False,
    check=None,
):
    """The whole flow from /lapor/ to the confirmation; returns the tracking ID.
    ``check(page)`` runs on every step (e.g. axe-core)."""
    check = check or (lambda page: None)
    page.goto(base + "/lapor/")
    check(page)
    choose_place(page, list(place), js=js)
    continue_(page)
    page.wait_for_url(re.compile(r"/lapor/foto/"))
    check(page)
    if photo:
        page.set_input_files("#id_attachments", files=[PHOTO])
        page.click("button[name=_action][value=add]")
        page.wait_for_selector(".draft-file img")
    continue_(page)
    page.wait_for_url(re.compile(r"/lapor/kejadian/"))
    check(page)
    page.fill("#id_title", title)
    page.fill("#id_description", DESCRIPTION)
    continue_(page)
    page.wait_for_url(re.compile(r"/lapor/jenis/"))
    check(page)
    page.check("#id_classification_0")
    continue_(page)
    page.wait_for_url(re.compile(r"/lapor/instansi/"))
    check(page)
    continue_(page)
    page.wait_for_url(re.compile(r"/lapor/privasi/"))
    check(page)
    if confidential:
        page.check("#id_is_confidential")
    continue_(page)
    page.wait_for_url(re.compile(r"/lapor/periksa/"))
    check(page)
    page.click("button.button-start")
    page.wait_for_selector("#tracking-id")
    return page.locator("#tracking-id").inner_text().strip()


def selected_values(page):
    return {
        level: page.eval_on_selector(f"#id_{level}", "el => el.value")
        for level in ("province", "regency", "district", "village")
    }


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_the_cascade_never_guesses_and_saves_what_was_chosen(live_server, browser, js):
    w = build_world()
    make_region("32.73.02", name="Cicendo")
    make_region("32.04", name="Kabupaten Bandung")
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, locale="id-ID", java_script_enabled=js
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    base = live_server.url
    sign_in(page, base, w.reporter.email)
    page.goto(base + "/lapor/")
    choose_place(page, [("province", "32"), ("regency", "32.73")], js=js)
    if not js:
        page.click("button[name=_action][value=region]")
        page.wait_for_selector("#id_district option[value='32.73.01']", state="attached")
    else:
        page.wait_for_selector("#id_district option[value='32.73.01']", state="attached")
    # The regency is what was chosen, the district below it offers choices but none is
    # chosen for the reporter, and the village is empty.
    assert selected_values(page) == {
        "province": "32",
        "regency": "32.73",
        "district": "",
        "village": "",
    }
    if js:
        # Choosing another province empties the levels below it (no stale regency).
        page.select_option("#id_province", "")
        assert selected_values(page)["regency"] == ""
        choose_place(page, [("province", "32")])
        page.wait_for_selector("#id_regency option[value='32.04']", state="attached")
        assert selected_values(page)["regency"] == ""
        page.select_option("#id_regency", "32.73")
        page.wait_for_selector("#id_district option[value='32.73.01']", state="attached")
        assert selected_values(page)["district"] == ""
    tracking_id = walk_rest(page, title="Jalan berlubang di Cicendo")
    assert Report.objects.get(tracking_id=tracking_id).region_id == "32.73"
    context.close()


def walk_rest(page, *, title):
    """From the place step with the place already chosen, to the confirmation."""
    continue_(page)
    page.wait_for_url(re.compile(r"/lapor/foto/"))
    continue_(page)
    page.fill("#id_title", title)
    page.fill("#id_description", DESCRIPTION)
    continue_(page)
    page.check("#id_classification_0")
    continue_(page)
    continue_(page)
    continue_(page)
    page.wait_for_url(re.compile(r"/lapor/periksa/"))
    page.click("button.button-start")
    page.wait_for_selector("#tracking-id")
    return page.locator("#tracking-id").inner_text().strip()


def test_without_javascript_a_file_chosen_early_is_attached_at_the_end(live_server, page_nojs):
    w = build_world()
    base = live_server.url
    sign_in(page_nojs, base, w.reporter.email)
    page_nojs.goto(base + "/lapor/")
    choose_place(page_nojs, [("province", "32"), ("regency", "32.73")], js=False)
    continue_(page_nojs)
    # Choose a file and go straight on: it is kept, not dropped.
    page_nojs.set_input_files("#id_attachments", files=[PHOTO])
    continue_(page_nojs)
    page_nojs.wait_for_url(re.compile(r"/lapor/kejadian/"))
    # An error round trip on a later step.
    continue_(page_nojs)
    assert page_nojs.locator(".error-summary").count() == 1
    page_nojs.fill("#id_title", "Lampu jalan mati sebulan")
    page_nojs.fill("#id_description", DESCRIPTION)
    continue_(page_nojs)
    page_nojs.check("#id_classification_0")
    continue_(page_nojs)
    continue_(page_nojs)
    continue_(page_nojs)
    assert page_nojs.locator(".check-list img").count() == 1  # the preview on the check page
    page_nojs.click("button.button-start")
    page_nojs.wait_for_selector("#tracking-id")
    tracking_id = page_nojs.locator("#tracking-id").inner_text().strip()
    report = Report.objects.get(tracking_id=tracking_id)
    assert [a.original_name for a in report.attachments.all()] == ["jalan.png"]
    assert report.region_id == "32.73"


def test_a_too_big_file_is_refused_in_the_browser_before_upload(live_server, page, settings):
    settings.ATTACHMENT_MAX_BYTES = 2000
    settings.ATTACHMENT_VIDEO_MAX_BYTES = 8000
    w = build_world()
    base = live_server.url
    sign_in(page, base, w.reporter.email)
    page.goto(base + "/lapor/foto/")
    uploads = []
    page.on("request", lambda r: uploads.append(r.url) if r.method == "POST" else None)
    big = {"name": "besar.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8\xff" + b"\0" * 5000}
    page.set_input_files("#id_attachments", files=[big])
    message = page.locator("#id_attachments_check")
    assert message.is_visible()
    text = message.inner_text()
    assert "besar.jpg" in text and "2,0 KB" in text.replace("\xa0", " ")
    assert page.eval_on_selector("#id_attachments", "el => el.files.length") == 0  # cleared
    assert not [u for u in uploads if "/lapor/foto/unggah/" in u]
    assert DraftFile.objects.count() == 0
    # A video of the same size is under the video limit: accepted by the browser.
    video = {"name": "klip.mp4", "mimeType": "video/mp4", "buffer": b"\0" * 5000}
    page.set_input_files("#id_attachments", files=[video])
    assert not message.is_visible()


def test_every_write_step_is_accessible(live_server, page):
    w = build_world()
    base = live_server.url
    sign_in(page, base, w.reporter.email)
    tracking_id = walk_write(
        page, base, title="Puskesmas tutup di jam kerja", photo=True, check=assert_accessible
    )
    assert_accessible(page)
    report = Report.objects.get(tracking_id=tracking_id)
    assert report.region_id == "32.73.01.1001" and report.attachments.count() == 1
    # The error states too.
    page.goto(base + "/lapor/kejadian/")
    continue_(page)
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page)
