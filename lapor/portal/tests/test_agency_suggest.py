"""The write page never puts what the reporter typed into a URL (finding 6).

The agency suggestion was an htmx GET that included the whole form: the description
and the CSRF token ended up in the query string, and with it in server and proxy logs.
It is a POST now (the CSRF token in the body), and every GET the page can make
includes only short, non-personal fields.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from lapor.agencies.models import RoutingRule

from .helpers import DESCRIPTION, build_world

pytestmark = pytest.mark.django_db

# What a GET of the write page may carry: choices and short search words.
GET_SAFE_FIELDS = {
    "title",
    "province",
    "regency",
    "district",
    "village",
    "category",
    "classification",
    "agency_q",
}


class _HtmxRequests(HTMLParser):
    """Every element that makes an htmx request, and every GET form, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[tuple[str, dict[str, str | None]]] = []
        self.get_forms: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for verb in ("get", "post", "put", "patch", "delete"):
            if f"hx-{verb}" in a or f"data-hx-{verb}" in a:
                self.requests.append((verb, a))
        if tag == "form" and (a.get("method") or "get").lower() == "get":
            self.get_forms.append(a)


@pytest.fixture
def w():
    return build_world()


def _write_page(client: Client, w) -> _HtmxRequests:
    client.force_login(w.reporter)
    response = client.get(reverse("portal:write"))
    assert response.status_code == 200
    parser = _HtmxRequests()
    parser.feed(response.content.decode())
    return parser


def test_no_get_of_the_write_page_carries_the_form(client, w):
    parsed = _write_page(client, w)
    gets = [a for verb, a in parsed.requests if verb == "get"]
    assert gets, "the page makes htmx GETs (region lists, similar reports)"
    for attrs in gets:
        include = attrs.get("hx-include") or attrs.get("data-hx-include") or ""
        # Including the form (or anything around it) would send every field.
        assert "form" not in include and "closest" not in include, attrs
        assert "description" not in include and "csrf" not in include, attrs
        for part in filter(None, (p.strip() for p in include.split(","))):
            if part.startswith("#id_"):
                assert part[4:] in GET_SAFE_FIELDS, (part, attrs)
    assert not [f for f in parsed.get_forms if "report-form" in (f.get("id") or "")]


def test_the_agency_suggestion_is_a_post(client, w):
    parsed = _write_page(client, w)
    url = reverse("portal:agency_suggest")
    posts = [a for verb, a in parsed.requests if verb == "post"]
    assert any((a.get("hx-post") or a.get("data-hx-post")) == url for a in posts)
    assert not any((a.get("hx-get") or a.get("data-hx-get")) == url for verb, a in parsed.requests)


def test_the_suggestion_answers_a_post_with_the_csrf_token_and_refuses_a_get(w):
    RoutingRule.objects.create(category=w.topic, region_id="32.73", agency=w.agency)
    client = Client(enforce_csrf_checks=True)
    client.force_login(w.reporter)
    page = client.get(reverse("portal:write"))
    token = page.context["csrf_token"]
    url = reverse("portal:agency_suggest")
    fields = {"category": w.category.pk, "village": w.village.code}
    assert client.get(url, fields).status_code == 405
    assert client.post(url, fields, HTTP_HX_REQUEST="true").status_code == 403  # no token
    response = client.post(
        url,
        {**fields, "description": DESCRIPTION},
        HTTP_HX_REQUEST="true",
        HTTP_X_CSRFTOKEN=str(token),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert w.agency.name in html and f'value="{w.agency.pk}"' in html
    # The block answers with choices only: the description never comes back.
    assert DESCRIPTION not in html


def test_without_javascript_the_agency_search_still_works(client, w):
    # The no-JavaScript path submits the whole form to the write page (a POST) with
    # ``_step``; the page comes back with what was typed and the agencies found.
    client.force_login(w.reporter)
    response = client.post(
        reverse("portal:write"),
        {
            "_step": "agency",
            "classification": "pengaduan",
            "title": "Jalan berlubang di depan pasar",
            "description": DESCRIPTION,
            "agency_q": w.agency.name.split()[-1],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert w.agency.name in html and f'value="{w.agency.pk}"' in html
    assert DESCRIPTION in html  # kept in the form, in the page body
