"""The write flow never puts what the reporter typed into a URL (finding 6).

The agency suggestion was an htmx GET that included the whole form: the description
and the CSRF token ended up in the query string, and with it in server and proxy logs.
Every step now sends its answers by POST into the draft; the agency suggestion is a
POST (the CSRF token in the body) that takes the place and topic from the draft.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from lapor.agencies.models import RoutingRule

from .helpers import DESCRIPTION, build_world

pytestmark = pytest.mark.django_db

WRITE_STEPS = [
    "portal:write",
    "portal:write_files",
    "portal:write_story",
    "portal:write_kind",
    "portal:write_agency",
    "portal:write_privacy",
    "portal:write_check",
]


class _Forms(HTMLParser):
    """Every form of a page, and every element that would make an htmx request."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str | None]] = []
        self.htmx: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append(a)
        if any(k.startswith(("hx-", "data-hx-")) for k in a):
            self.htmx.append(a)


@pytest.fixture
def w():
    return build_world()


def _with_place_and_topic(client: Client, w) -> None:
    client.force_login(w.reporter)
    client.post(reverse("portal:write"), {"province": "32", "regency": "32.73"})
    client.post(
        reverse("portal:write_story"), {"title": "Jalan berlubang", "description": DESCRIPTION}
    )
    client.post(
        reverse("portal:write_kind"), {"classification": "pengaduan", "category": w.category.pk}
    )


def test_no_write_step_sends_the_form_in_a_url(client, w):
    _with_place_and_topic(client, w)
    for name in WRITE_STEPS:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        parsed = _Forms()
        parsed.feed(response.content.decode())
        assert parsed.forms, name
        for form in parsed.forms:
            assert (form.get("method") or "get").lower() == "post", (name, form)
        assert parsed.htmx == [], name  # the helpers are write.js, reading named fields
        # The description lives in the draft: no page carries it in a link.
        assert "description=" not in response.content.decode()


def test_the_agency_suggestion_is_a_post_with_the_csrf_token(w):
    RoutingRule.objects.create(category=w.topic, region_id="32.73", agency=w.agency)
    client = Client(enforce_csrf_checks=True)
    client.force_login(w.reporter)
    page = client.get(reverse("portal:write_agency"))
    token = page.context["csrf_token"]
    # Place and topic as the citizen answered them (the draft), not from the request.
    _with_place_and_topic_csrf(client, token, w)
    url = reverse("portal:agency_suggest")
    assert client.get(url, {"agency_q": "Bandung"}).status_code == 405
    assert client.post(url, {"agency_q": ""}).status_code == 403  # no token
    response = client.post(
        url, {"agency_q": "", "description": DESCRIPTION}, HTTP_X_CSRFTOKEN=str(token)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert w.agency.name in html and f'value="{w.agency.pk}"' in html
    # The block answers with choices only: the description never comes back.
    assert DESCRIPTION not in html


def _with_place_and_topic_csrf(client: Client, token: str, w) -> None:
    for name, data in (
        ("portal:write", {"province": "32", "regency": "32.73"}),
        ("portal:write_kind", {"classification": "pengaduan", "category": w.category.pk}),
    ):
        response = client.post(reverse(name), {**data, "csrfmiddlewaretoken": token})
        assert response.status_code == 302, name


def test_without_javascript_the_agency_search_still_works(client, w):
    # The search button sends the agency step (a POST); it comes back with the
    # agencies found and stores nothing.
    client.force_login(w.reporter)
    response = client.post(
        reverse("portal:write_agency"),
        {"_action": "search", "agency_q": w.agency.name.split()[-1]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert w.agency.name in html and f'value="{w.agency.pk}"' in html
