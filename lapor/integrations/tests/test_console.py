"""The console's Integrations page over HTTP: keys listed per agency, a new key shown
once, revoking asks then posts, another agency's keys are invisible."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from lapor.accounts.principals import SYSTEM
from lapor.integrations import services
from lapor.integrations.models import ApiKey
from lapor.testing.otp import force_login_verified

from .conftest import KeyCast

pytestmark = pytest.mark.django_db

INDEX = reverse("console:integrations")


def _client(user: object) -> Client:
    """A verified official reading the console in English (the texts asserted below)."""
    client = force_login_verified(Client(), user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _create(client: Client, agency_id: int, **data: str) -> tuple[str, str]:
    response = client.post(reverse("console:apikey_new", args=[agency_id]), data)
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'value="(lapor_[0-9a-f]{8}_[A-Za-z0-9_-]+)"', html)
    assert match, html
    return match.group(1), html


@pytest.mark.parametrize("who", ["developer", "admin"])
def test_create_shows_the_key_once(cast: KeyCast, who: str) -> None:
    client = _client(getattr(cast, who))
    raw, html = _create(client, cast.agency.pk, name="Aplikasi kota", expires="2999-12-31")
    assert "only time it is shown" in html
    assert 'data-copy="new-key"' in html
    key = ApiKey.objects.get()
    assert key.name == "Aplikasi kota"
    assert key.created_by == getattr(cast, who)
    assert key.expires_at is not None and key.expires_at.year in (2999, 3000)
    assert services.apikey_authenticate(raw, ip=None) is not None
    # Never again: not on the list, not on the revoke page, not on the form.
    secret = raw[15:]
    for url in (
        INDEX,
        reverse("console:apikey_revoke", args=[key.pk]),
        reverse("console:apikey_new", args=[cast.agency.pk]),
        reverse("console:home"),
    ):
        page = client.get(url, follow=True)
        assert page.status_code == 200
        assert secret not in page.content.decode()
    listing = client.get(INDEX).content.decode()
    assert "Aplikasi kota" in listing
    assert f"lapor_{key.prefix}_" in listing


def test_the_created_page_is_not_cached(cast: KeyCast) -> None:
    client = _client(cast.developer)
    response = client.post(reverse("console:apikey_new", args=[cast.agency.pk]), {"name": "k"})
    assert "no-store" in response["Cache-Control"]


def test_form_errors_create_nothing(cast: KeyCast) -> None:
    client = _client(cast.developer)
    url = reverse("console:apikey_new", args=[cast.agency.pk])
    html = client.post(url, {"name": ""}).content.decode()
    assert "Give the key a name." in html
    html = client.post(url, {"name": "k", "expires": "2000-01-01"}).content.decode()
    assert "The expiry date must be in the future." in html
    assert 'aria-invalid="true"' in html
    assert not ApiKey.objects.exists()


def test_revoke_asks_then_posts(cast: KeyCast) -> None:
    key, raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="Lama")
    client = _client(cast.admin)
    url = reverse("console:apikey_revoke", args=[key.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Revoke the key" in confirm.content.decode()
    assert ApiKey.objects.get().revoked_at is None
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == INDEX
    assert ApiKey.objects.get().revoked_at is not None
    assert services.apikey_authenticate(raw, ip=None) is None
    listing = client.get(INDEX).content.decode()
    assert "Revoked" in listing
    assert url not in listing


def test_list_shows_last_use(cast: KeyCast) -> None:
    _key, raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="k")
    services.apikey_authenticate(raw, ip="203.0.113.9")
    html = _client(cast.developer).get(INDEX).content.decode()
    assert "203.0.113.9" in html
    assert "Active" in html


def test_another_agencys_keys_are_invisible(cast: KeyCast) -> None:
    key, _raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="Rahasia-A")
    for user in (cast.other_admin, cast.other_developer):
        client = _client(user)
        listing = client.get(INDEX)
        assert listing.status_code == 200
        assert "Rahasia-A" not in listing.content.decode()
        assert key.prefix not in listing.content.decode()
        assert client.get(reverse("console:apikey_revoke", args=[key.pk])).status_code == 404
        assert client.post(reverse("console:apikey_revoke", args=[key.pk])).status_code == 404
        new = reverse("console:apikey_new", args=[cast.agency.pk])
        assert client.get(new).status_code == 404
        assert client.post(new, {"name": "x"}).status_code == 404
    assert ApiKey.objects.get().revoked_at is None
    assert ApiKey.objects.count() == 1


@pytest.mark.parametrize("who", ["unit_admin", "national"])
def test_other_roles_have_no_integrations_page(cast: KeyCast, who: str) -> None:
    key, _raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="k")
    client = _client(getattr(cast, who))
    assert client.get(INDEX).status_code == 404
    assert client.get(reverse("console:apikey_revoke", args=[key.pk])).status_code == 404
    assert INDEX not in client.get(reverse("console:security")).content.decode()


def test_menu_item_and_home_for_the_developer(cast: KeyCast) -> None:
    client = _client(cast.developer)
    home = client.get(reverse("console:home"))
    assert home.status_code == 302
    assert home["Location"] == INDEX
    html = client.get(INDEX).content.decode()
    assert f'href="{INDEX}" aria-current="page"' in html


def test_second_factor_is_required(cast: KeyCast) -> None:
    key, _raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="k")
    client = Client()
    client.force_login(cast.developer)
    for url in (INDEX, reverse("console:apikey_revoke", args=[key.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("console:otp"))
    response = client.post(reverse("console:apikey_new", args=[cast.agency.pk]), {"name": "x"})
    assert response.status_code == 302
    assert ApiKey.objects.count() == 1
    assert client.post(reverse("console:apikey_revoke", args=[key.pk])).status_code == 302
    assert ApiKey.objects.get().revoked_at is None
