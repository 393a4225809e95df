"""In a real browser: nothing the reporter types in the write flow goes into a URL
(issue 8, finding 6). Every request the pages make while the reporter picks a place,
writes, picks a topic and searches an agency is recorded; none carries the description
or the CSRF token in its URL, and the agency search is a POST without the description.
"""

from __future__ import annotations

import re
from urllib.parse import quote_plus

import pytest

from lapor.agencies.models import RoutingRule

from .helpers import build_world
from .test_browser_write_flow import choose_place, continue_

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "Kepala desa QZDESKRIPSI meminta uang pelicin setiap kali warga mengurus surat."


def test_the_write_page_never_puts_the_description_in_a_url(live_server, page):
    w = build_world()
    RoutingRule.objects.create(category=w.topic, region_id="32.73", agency=w.agency)
    base = live_server.url
    page.goto(base + "/akun/masuk/")
    page.fill("#id_login", w.reporter.email)
    page.fill("#id_password", "rahasia-123")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/laporan/saya/"))

    requests = []
    page.on("request", lambda r: requests.append((r.method, r.url, r.post_data or "")))
    page.goto(base + "/lapor/")
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    choose_place(
        page, [("province", "32"), ("regency", "32.73"), ("district", "32.73.01")], js=True
    )
    page.select_option("#id_village", "32.73.01.1001")
    continue_(page)
    continue_(page)  # no files
    page.fill("#id_title", "Pungutan liar di kantor desa")
    page.fill("#id_description", SECRET)
    page.wait_for_timeout(800)  # the similar-reports lookup runs on the title
    continue_(page)
    page.check("#id_classification_0")
    page.select_option("#id_category", str(w.category.pk))
    continue_(page)
    page.wait_for_url(re.compile(r"/lapor/instansi/"))
    with page.expect_response(lambda r: "/lapor/saran-instansi/" in r.url):
        page.fill("#id_agency_q", "Bandung")
    assert w.agency.name in page.locator("#agency-block").inner_text()

    gets = [r for r in requests if "/lapor/wilayah/" in r[1] or "/lapor/mirip/" in r[1]]
    assert gets, "the helpers asked the server"
    suggestions = [r for r in requests if "/lapor/saran-instansi/" in r[1]]
    assert suggestions, "the agency block asked the server"
    assert {method for method, _url, _body in suggestions} == {"POST"}
    for _method, _url, body in suggestions:
        assert "QZDESKRIPSI" not in body  # only the search words
    for method, url, _body in requests:
        for needle in ("QZDESKRIPSI", quote_plus(SECRET[:20]), "description=", token):
            assert needle not in url, (method, url)
