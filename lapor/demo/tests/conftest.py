"""A small country for the demo generator's tests."""

from __future__ import annotations

import pytest

from lapor.accounts.choices import Role
from lapor.agencies.choices import AgencyKind
from lapor.testing.factories import (
    CategoryFactory,
    UserFactory,
    make_agency,
    make_member,
    make_region,
    make_unit,
)


@pytest.fixture
def world():
    """A small country: two regencies (one WITA), their governments and units, the
    Ombudsman, categories and one official for every role."""
    make_region("32", name="Jawa Barat")
    bandung = make_region("32.73", name="Kota Bandung")
    make_region("32.73.01", name="Sukasari")
    make_region("32.73.01.1001", name="Sarijadi")
    make_region("32.73.01.1002", name="Sukarasa")
    badung = make_region("51.03", name="Kabupaten Badung")
    make_region("51.03.02.2001", name="Kuta")
    pemprov = make_agency(
        "Pemerintah Provinsi Jawa Barat", AgencyKind.PEMPROV, region=bandung.parent
    )
    pemkot = make_agency("Pemerintah Kota Bandung", AgencyKind.PEMKAB, region=bandung)
    pupr = make_unit(pemkot, "Dinas Pekerjaan Umum dan Penataan Ruang")
    dinkes = make_unit(pemkot, "Dinas Kesehatan")
    pemkab = make_agency("Pemerintah Kabupaten Badung", AgencyKind.PEMKAB, region=badung)
    make_unit(pemkab, "Dinas Sosial")
    ombudsman = make_agency("Ombudsman RI", AgencyKind.LEMBAGA, code="ombudsman-ri")
    infra = CategoryFactory(name="Infrastruktur", slug="infrastruktur")
    CategoryFactory(name="Jalan Rusak", slug="jalan-rusak", parent=infra)
    CategoryFactory(name="Kesehatan", slug="kesehatan")
    CategoryFactory(name="Bantuan Sosial", slug="bantuan-sosial")
    make_member(Role.ADMIN_NASIONAL)
    make_member(Role.ADMIN_INSTANSI, pemkot)
    make_member(Role.ADMIN_INSTANSI, pemkab)
    make_member(Role.ADMIN_INSTANSI, pemprov)
    make_member(Role.ADMIN_UNIT, pupr)
    make_member(Role.ADMIN_UNIT, dinkes)
    make_member(Role.OMBUDSMAN)
    reporters = [UserFactory() for _ in range(5)]
    return {"pemkot": pemkot, "pupr": pupr, "ombudsman": ombudsman, "reporters": reporters}
