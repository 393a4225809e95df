"""A small cast for the console tests, and a signed-in-with-2FA test client."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapor.accounts.choices import Role
from lapor.accounts.models import User
from lapor.accounts.principals import SYSTEM, Principal, principal_for_user
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency
from lapor.reports import services as report_services
from lapor.reports.models import Report
from lapor.reports.transitions import OMBUDSMAN_AGENCY_CODE
from lapor.testing.factories import (
    UserFactory,
    make_agency,
    make_member,
    make_region,
    make_unit,
)

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A fixed TOTP key (hex) so tests and browser tests can compute the current code.
TEST_TOTP_KEY = "3132333435363738393031323334353637383930"


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS


@dataclass
class Cast:
    regency: Agency
    dinas: Agency
    other_dinas: Agency
    other: Agency
    ombudsman: Agency
    national: User
    regency_admin: User
    dinas_admin: User
    other_dinas_admin: User
    other_admin: User
    ombudsman_user: User
    pengawas: User
    reporter: User


def build_cast() -> Cast:
    make_region("32.04", name="Kabupaten Bandung")
    regency = make_agency("Pemerintah Kabupaten Bandung", kind=AgencyKind.PEMKAB)
    dinas = make_unit(regency, "Dinas Pekerjaan Umum")
    other_dinas = make_unit(regency, "Dinas Kesehatan")
    other = make_agency("Pemerintah Kota Lain", kind=AgencyKind.PEMKAB)
    ombudsman = make_agency("Ombudsman RI", kind=AgencyKind.LEMBAGA, code=OMBUDSMAN_AGENCY_CODE)
    return Cast(
        regency=regency,
        dinas=dinas,
        other_dinas=other_dinas,
        other=other,
        ombudsman=ombudsman,
        national=make_member(Role.ADMIN_NASIONAL, full_name="Rina Verifikator"),
        regency_admin=make_member(Role.ADMIN_INSTANSI, regency, full_name="Asep Koordinator"),
        dinas_admin=make_member(Role.ADMIN_UNIT, dinas, full_name="Dadang Penghubung"),
        other_dinas_admin=make_member(Role.ADMIN_UNIT, other_dinas, full_name="Eko Kesehatan"),
        other_admin=make_member(Role.ADMIN_INSTANSI, other, full_name="Lain Instansi"),
        ombudsman_user=make_member(Role.OMBUDSMAN, full_name="Yuli Ombudsman"),
        pengawas=make_member(Role.PENGAWAS, full_name="Hendra Pengawas"),
        reporter=UserFactory(full_name="Siti Rahasiawati"),
    )


@pytest.fixture
def cast(db: Any) -> Cast:
    return build_cast()


def official(user: User) -> Principal:
    """``user`` acting with their second factor verified (their roles count)."""
    return principal_for_user(user, verified=True)


def person(user: User) -> Principal:
    """``user`` signed in without a second factor: a citizen, whatever their roles."""
    return principal_for_user(user, verified=False)


def submit(reporter: User | None, **fields: Any) -> Report:
    fields.setdefault("classification", "pengaduan")
    fields.setdefault("title", "Jalan rusak di depan pasar desa")
    fields.setdefault(
        "description", "Jalan di depan pasar desa berlubang besar sejak sebulan lalu, berbahaya."
    )
    fields.setdefault("region_code", "32.04")
    actor = person(reporter) if reporter is not None else SYSTEM
    return report_services.report_submit(actor=actor, **fields).report


def give_totp(user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="test", confirmed=True, key=TEST_TOTP_KEY
        )
    return device


def verified_client(user: User) -> Client:
    """A client signed in as ``user`` with a verified second factor."""
    client = Client()
    device = give_totp(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def unverified_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
