"""A small cast for the key tests: two agencies, each with a Developer and an admin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from lapor.accounts.choices import Role
from lapor.accounts.models import User
from lapor.agencies.models import Agency
from lapor.testing.factories import make_agency, make_member, make_unit


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class KeyCast:
    agency: Agency
    unit: Agency
    other: Agency
    developer: User
    admin: User
    unit_admin: User
    other_admin: User
    other_developer: User
    national: User


@pytest.fixture
def cast(db: Any) -> KeyCast:
    agency = make_agency("Pemerintah Kota Bandung")
    unit = make_unit(agency, "Dinas Perhubungan")
    other = make_agency("Pemerintah Kota Bogor")
    return KeyCast(
        agency=agency,
        unit=unit,
        other=other,
        developer=make_member(Role.DEVELOPER, agency),
        admin=make_member(Role.ADMIN_INSTANSI, agency),
        unit_admin=make_member(Role.ADMIN_UNIT, unit),
        other_admin=make_member(Role.ADMIN_INSTANSI, other),
        other_developer=make_member(Role.DEVELOPER, other),
        national=make_member(Role.ADMIN_NASIONAL),
    )
