"""The API's frame: one error shape, its language, rate limits, CSRF for session
writes, OpenAPI and the offline docs page."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory

from lapor.accounts.principals import VISITOR, principal_for_agency_key
from lapor.api.auth import api_principal
from lapor.api.ratelimit import RateLimited, rate_limit
from lapor.core.exceptions import PermissionDenied
from lapor.testing.factories import UserFactory, as_citizen

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = {
    "/api/v1/reports",
    "/api/v1/reports/{tracking_id}",
    "/api/v1/categories",
    "/api/v1/agencies",
    "/api/v1/regions",
}


def body_of(response: Any) -> dict[str, Any]:
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)  # type: ignore[no-any-return]


def assert_error_shape(body: dict[str, Any], code: str) -> None:
    assert set(body) == {"code", "message", "fields"}
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]
    assert all(isinstance(v, list) for v in body["fields"].values())


# --- the error shape and its language ---------------------------------------------------


def test_404_in_indonesian_by_default_and_english_by_cookie_or_header(client, settings):
    response = client.get("/api/v1/reports/1234567897")
    assert response.status_code == 404
    body = body_of(response)
    assert_error_shape(body, "not_found")
    assert body["message"] == "Tidak ditemukan."
    # An API client asks for its language with Accept-Language (pages ignore it).
    english = body_of(client.get("/api/v1/reports/1234567897", HTTP_ACCEPT_LANGUAGE="en"))
    assert english["message"] == "Not found."
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert body_of(client.get("/api/v1/reports/1234567897"))["message"] == "Not found."


def test_pages_still_ignore_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "id"


def test_422_names_each_field_in_the_request_language(client, settings):
    response = client.get("/api/v1/reports?limit=abc&category=-3&classification=nope")
    assert response.status_code == 422
    body = body_of(response)
    assert_error_shape(body, "validation_error")
    assert set(body["fields"]) == {"limit", "category", "classification"}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = body_of(client.get("/api/v1/reports?limit=abc"))
    assert body["message"] == "Please correct the errors below."
    assert body["fields"] == {"limit": ["Enter a whole number."]}


def test_429_with_retry_after_once_the_ip_is_over_its_limit(client, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/api/v1/categories").status_code == 200
    assert client.get("/api/v1/regions").status_code == 200
    response = client.get("/api/v1/reports")
    assert response.status_code == 429
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= 61
    body = body_of(response)
    assert_error_shape(body, "rate_limited")
    assert str(retry_after) in body["message"]
    # Another address has its own count.
    assert client.get("/api/v1/categories", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_the_limiter_counts_per_bucket_and_identity_and_0_turns_it_off(settings):
    for _ in range(3):
        rate_limit(bucket="key", identity="7", limit=3)
    with pytest.raises(RateLimited) as caught:
        rate_limit(bucket="key", identity="7", limit=3)
    assert caught.value.retry_after >= 1
    rate_limit(bucket="key", identity="8", limit=3)  # another key: its own window
    rate_limit(bucket="ip", identity="7", limit=3)  # another bucket
    settings.API_KEY_RATE_LIMIT_PER_MINUTE = 0
    for _ in range(10):
        rate_limit(bucket="key", identity="7")


# --- who is asking ---------------------------------------------------------------------


def test_api_principal_prefers_the_key_then_the_session():
    factory = RequestFactory()
    request = factory.get("/api/v1/reports")
    key = principal_for_agency_key(key_id=5, agency_id=1, agency_path="1/")
    request.auth = key  # type: ignore[attr-defined]
    assert api_principal(request) is key
    request = factory.get("/api/v1/reports")
    request.principal = VISITOR  # type: ignore[attr-defined]
    assert api_principal(request) is VISITOR


def test_a_session_write_needs_the_csrf_token_a_key_write_does_not():
    factory = RequestFactory()
    citizen = as_citizen(UserFactory())
    request = factory.post("/api/v1/anything", data={})
    request.principal = citizen  # type: ignore[attr-defined]
    with pytest.raises(PermissionDenied) as caught:
        api_principal(request)
    assert caught.value.code == "csrf_failed"
    # With the cookie and the header, as a page's script sends them: allowed.
    token = "a" * 32
    request = factory.post(
        "/api/v1/anything", data={}, HTTP_X_CSRFTOKEN=token, HTTP_REFERER="http://testserver/"
    )
    request.COOKIES["csrftoken"] = token
    request.principal = citizen  # type: ignore[attr-defined]
    assert api_principal(request) is citizen
    # A bearer key carries no cookie: no CSRF to check.
    request = factory.post("/api/v1/anything", data={})
    key = principal_for_agency_key(key_id=5, agency_id=1, agency_path="1/")
    request.auth = key  # type: ignore[attr-defined]
    assert api_principal(request) is key
    # Nobody signed in: nothing a forged request could borrow.
    request = factory.post("/api/v1/anything", data={})
    request.principal = VISITOR  # type: ignore[attr-defined]
    assert api_principal(request) is VISITOR


# --- OpenAPI and the docs ----------------------------------------------------------------


def test_openapi_documents_every_public_path_and_its_errors(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = body_of(response)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= PUBLIC_PATHS
    for path in PUBLIC_PATHS:
        responses = schema["paths"][path]["get"]["responses"]
        assert "200" in responses and "429" in responses, path
        assert responses["429"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorOut"
        }
    params = {p["name"] for p in schema["paths"]["/api/v1/reports"]["get"]["parameters"]}
    assert params == {
        "q", "classification", "status", "category", "agency", "region", "date_from",
        "date_to", "cursor", "limit",
    }  # fmt: skip
    report = schema["components"]["schemas"]["ReportOut"]["properties"]
    assert {"timeline", "attachments", "reporter", "description"} <= set(report)


def test_docs_page_loads_its_assets_from_local_static_files(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert any(a.endswith("swagger-ui.css") for a in assets)
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset
    assert not re.search(r"https?://", html), "no CDN: the docs work offline"


# --- an agency key on the public reads ----------------------------------------------------


def test_public_reads_take_an_optional_key_and_refuse_a_bad_one(client):
    from lapor.accounts.principals import SYSTEM
    from lapor.integrations.services import apikey_create
    from lapor.testing.factories import make_agency

    agency = make_agency("Pemerintah Kota Bandung")
    _key, raw = apikey_create(actor=SYSTEM, agency_id=agency.pk, name="App kota")
    good = client.get("/api/v1/categories", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert good.status_code == 200
    bad = client.get("/api/v1/categories", HTTP_AUTHORIZATION="Bearer lapor_nope")
    assert bad.status_code == 401
    assert_error_shape(body_of(bad), "unauthorized")
    assert bad["WWW-Authenticate"] == "Bearer"
    assert client.get("/api/v1/categories").status_code == 200


def test_a_key_is_counted_per_key_not_per_ip(client, settings):
    from lapor.accounts.principals import SYSTEM
    from lapor.integrations.services import apikey_create
    from lapor.testing.factories import make_agency

    settings.API_RATE_LIMIT_PER_MINUTE = 1
    settings.API_KEY_RATE_LIMIT_PER_MINUTE = 2
    _key, raw = apikey_create(actor=SYSTEM, agency_id=make_agency().pk, name="App")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/v1/regions").status_code == 200  # the IP's one request
    assert client.get("/api/v1/regions").status_code == 429
    assert client.get("/api/v1/regions", **auth).status_code == 200
    assert client.get("/api/v1/regions", **auth).status_code == 200
    over = client.get("/api/v1/regions", **auth)
    assert over.status_code == 429 and int(over["Retry-After"]) >= 1


# --- errors ninja does not make: unknown paths, methods, crashes --------------------------


def test_unknown_path_and_method_answer_the_error_shape(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert body_of(response) == {"code": "not_found", "message": "Not found.", "fields": {}}
    response = client.delete("/api/v1/categories")
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert_error_shape(body_of(response), "method_not_allowed")
    # Pages are left alone.
    assert not client.get("/no-such-page/")["Content-Type"].startswith("application/json")


def test_a_crash_is_a_json_500_without_its_traceback(client, settings, monkeypatch):
    from lapor.api import public

    def boom(**kwargs: Any) -> Any:
        raise RuntimeError("SECRET-TRACEBACK-DETAIL")

    monkeypatch.setattr(public, "region_children", boom)
    client.raise_request_exception = False
    response = client.get("/api/v1/regions")
    assert response.status_code == 500
    body = body_of(response)
    assert_error_shape(body, "server_error")
    assert "SECRET-TRACEBACK-DETAIL" not in response.content.decode()
