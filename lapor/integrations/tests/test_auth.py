"""``ApiKeyAuth`` on a tiny ninja endpoint: a good key is the agency's principal, any
other answer is ninja's 401."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest
from django.test import RequestFactory
from ninja import NinjaAPI
from ninja.testing import TestClient

from lapor.accounts.middleware import request_principal
from lapor.accounts.principals import AGENCY_KEY_KIND, SYSTEM
from lapor.integrations import services
from lapor.integrations.auth import ApiKeyAuth
from lapor.integrations.models import ApiKey

from .conftest import KeyCast

pytestmark = pytest.mark.django_db

api = NinjaAPI(urls_namespace="integrations-test-api")


@api.get("/whoami", auth=ApiKeyAuth())
def whoami(request: HttpRequest) -> dict[str, Any]:
    principal = request_principal(request)
    return {
        "kind": principal.kind,
        "key_id": principal.key_id,
        "paths": [s.path for s in principal.scopes],
        "auth_is_principal": request.auth is principal,  # type: ignore[attr-defined]
    }


client = TestClient(api)


def test_a_valid_key_is_the_agency_key_principal(cast: KeyCast) -> None:
    key, raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="k")
    response = client.get("/whoami", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert response.json() == {
        "kind": AGENCY_KEY_KIND,
        "key_id": key.pk,
        "paths": [cast.agency.path],
        "auth_is_principal": True,
    }
    assert ApiKey.objects.get(pk=key.pk).last_used_at is not None


def test_wrong_revoked_or_missing_key_is_401(cast: KeyCast) -> None:
    key, raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="k")
    assert client.get("/whoami").status_code == 401
    assert client.get("/whoami", headers={"Authorization": "Bearer lapor_x"}).status_code == 401
    assert client.get("/whoami", headers={"Authorization": f"Bearer {raw}x"}).status_code == 401
    services.apikey_revoke(actor=SYSTEM, key_id=key.pk)
    assert client.get("/whoami", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_direct_call(cast: KeyCast) -> None:
    _key, raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="k")
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.5")
    principal = ApiKeyAuth().authenticate(request, raw)
    assert principal is not None
    assert principal.is_agency_key
    assert ApiKey.objects.get().last_used_ip == "192.0.2.5"
    assert ApiKeyAuth().authenticate(RequestFactory().get("/"), "nope") is None
