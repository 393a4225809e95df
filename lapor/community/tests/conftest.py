from __future__ import annotations

import pytest

from lapor.accounts.principals import Principal, principal_for_user
from lapor.testing.factories import make_privacy_world


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world():
    return make_privacy_world()


@pytest.fixture
def as_(world):
    """``as_("citizen")``: the principal of a cast member, second factor verified
    (``verified=False`` for an official who signed in with a password only)."""

    def build(key: str, *, verified: bool = True) -> Principal:
        return principal_for_user(world.users[key], verified=verified)

    return build
