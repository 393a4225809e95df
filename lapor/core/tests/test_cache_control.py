"""Personal pages are never kept by a shared cache (finding 10).

Every response to a signed-in request, and every console and admin response, is sent
``Cache-Control: private, no-store`` unless the view chose its own header.
"""

from __future__ import annotations

import pytest

from lapor.testing.factories import UserFactory, make_member
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.django_db

NO_STORE = {"private", "no-store"}


def _directives(response) -> set[str]:
    header = response.headers.get("Cache-Control", "")
    return {part.strip() for part in header.split(",") if part.strip()}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize(
    "url", ["/", "/laporan/", "/laporan/saya/", "/akun/profil/", "/notifikasi/", "/lapor/"]
)
def test_signed_in_pages_are_private_and_not_stored(client, url):
    client.force_login(UserFactory(full_name="Siti Rahmawati"))
    response = client.get(url)
    assert response.status_code == 200, url
    assert _directives(response) >= NO_STORE, (url, response.headers.get("Cache-Control"))


def test_a_redirect_to_a_signed_in_person_is_private_too(client):
    client.force_login(UserFactory())
    response = client.get("/akun/masuk/")  # already signed in: sent on
    assert response.status_code == 302
    assert _directives(response) >= NO_STORE


@pytest.mark.parametrize("url", ["/konsol/masuk/", "/admin/login/"])
def test_console_and_admin_are_never_stored_even_signed_out(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert _directives(response) >= NO_STORE, url


def test_console_pages_of_a_signed_in_official_are_private(client):
    official = make_member("admin_nasional", full_name="Rina Verifikator", is_staff=True)
    force_login_verified(client, official)
    for url in ("/konsol/", "/admin/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert _directives(response) >= NO_STORE, url


def test_public_pages_for_visitors_stay_cacheable(client):
    # The public list is the same for every visitor: the middleware leaves it alone.
    response = client.get("/laporan/")
    assert response.status_code == 200
    assert "no-store" not in _directives(response)


def test_a_view_that_sets_its_own_cache_header_keeps_it(client, rf):
    from django.http import HttpResponse

    from lapor.core.middleware import PrivateCacheMiddleware

    def view(request):
        response = HttpResponse("feed")
        response["Cache-Control"] = "public, max-age=300"
        return response

    request = rf.get("/anything/")
    request.user = UserFactory()
    response = PrivateCacheMiddleware(view)(request)
    assert response["Cache-Control"] == "public, max-age=300"
