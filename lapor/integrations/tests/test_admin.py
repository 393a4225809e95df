from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client

from lapor.accounts.choices import Role
from lapor.accounts.principals import SYSTEM
from lapor.integrations import services
from lapor.integrations.models import ApiKey
from lapor.testing.factories import make_member
from lapor.testing.otp import force_login_verified

from .conftest import KeyCast

pytestmark = pytest.mark.django_db


def test_api_keys_are_not_in_the_admin() -> None:
    assert ApiKey not in admin.site._registry


def test_the_admin_shows_no_key(cast: KeyCast) -> None:
    key, raw = services.apikey_create(actor=SYSTEM, agency_id=cast.agency.pk, name="Kunci")
    boss = make_member(Role.ADMIN_NASIONAL, is_staff=True, is_superuser=True)
    client = force_login_verified(Client(), boss)
    index = client.get("/admin/")
    assert index.status_code == 200
    html = index.content.decode()
    assert "/admin/integrations/" not in html
    assert client.get("/admin/integrations/apikey/").status_code == 404
    assert raw[15:] not in html
    assert key.key_hash not in html
