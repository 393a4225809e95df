"""A small world for the portal's tests: a place, a topic, an agency and its admin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lapor.accounts.choices import Role
from lapor.accounts.models import User
from lapor.agencies.models import Agency, Category
from lapor.regions.models import Region
from lapor.reports import services
from lapor.reports.models import Report
from lapor.testing.factories import (
    CategoryFactory,
    UserFactory,
    as_official,
    make_agency,
    make_member,
    make_region,
)

DESCRIPTION = "Jalan di depan pasar berlubang besar sejak sebulan lalu dan berbahaya bagi motor."


@dataclass
class World:
    village: Region
    topic: Category
    category: Category
    agency: Agency
    reporter: User
    verifier: User
    clerk: User


def build_world() -> World:
    village = make_region("32.73.01.1001", name="Sukajadi")
    topic = CategoryFactory(name="Infrastruktur")
    category = CategoryFactory(name="Jalan rusak", parent=topic)
    agency = make_agency("Pemerintah Kota Bandung", region=make_region("32.73"))
    return World(
        village=village,
        topic=topic,
        category=category,
        agency=agency,
        reporter=UserFactory(full_name="Siti Rahmawati", email="siti@example.test"),
        verifier=make_member(Role.ADMIN_NASIONAL, None, full_name="Vera Verifikator"),
        clerk=make_member(Role.ADMIN_INSTANSI, agency, full_name="Andi Instansi"),
    )


def submit(w: World, **overrides: Any) -> Report:
    fields: dict[str, Any] = {
        "actor": as_official(w.reporter),
        "classification": "pengaduan",
        "title": "Jalan berlubang di depan pasar",
        "description": DESCRIPTION,
        "region_code": w.village.code,
        "category_id": w.category.pk,
    }
    fields.update(overrides)
    return services.report_submit(**fields).report


def dispose(w: World, report: Report) -> Report:
    return services.report_dispose(
        report_id=report.pk, actor=as_official(w.verifier), agency_id=w.agency.pk
    ).report


def public_report(w: World, **overrides: Any) -> Report:
    return dispose(w, submit(w, **overrides))


def answered_report(w: World, **overrides: Any) -> Report:
    report = public_report(w, **overrides)
    clerk = as_official(w.clerk)
    services.report_follow_up(report_id=report.pk, actor=clerk, note="Sudah kami cek ke lokasi.")
    return services.report_resolve(
        report_id=report.pk, actor=clerk, note="Jalan sudah ditambal."
    ).report
