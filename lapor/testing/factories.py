"""factory_boy factories shared by every app's tests.

Use ``make_*`` helpers for objects that must go through a service (agencies keep a
materialised path; memberships check their scope).
"""

from __future__ import annotations

import itertools
from typing import Any

import factory

from lapor.accounts.choices import Role
from lapor.accounts.models import RoleMembership, User
from lapor.accounts.principals import Principal, principal_for_user
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency, Category
from lapor.agencies.services import agency_create
from lapor.regions.models import Region, RegionLevel, Timezone
from lapor.regions.timezones import timezone_for_code

_seq = itertools.count(1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Faker("name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-123")

    @classmethod
    def _after_postgeneration(cls, instance: User, create: bool, results: Any = None) -> None:
        if create:
            instance.save()


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Topik {n}")
    slug = factory.Sequence(lambda n: f"topik-{n}")


def make_region(code: str = "32.73", name: str | None = None, tz: str | None = None) -> Region:
    """A region and its ancestors, created as needed (tests need not import wilayah).

    The timezone follows the province (``51`` Bali is WITA) unless ``tz`` is given.
    """
    if tz is None:
        try:
            tz = timezone_for_code(code)
        except Exception:
            tz = Timezone.WIB
    parts = code.split(".")
    parent = None
    region = None
    for i in range(1, len(parts) + 1):
        c = ".".join(parts[:i])
        region, _ = Region.objects.get_or_create(
            code=c,
            defaults={
                "parent": parent,
                "level": RegionLevel(i),
                "name": name if (i == len(parts) and name) else f"Wilayah {c}",
                "timezone": tz,
            },
        )
        parent = region
    assert region is not None
    return region


def make_agency(
    name: str | None = None,
    kind: str = AgencyKind.PEMKAB,
    parent: Agency | None = None,
    region: Region | None = None,
    **kwargs: Any,
) -> Agency:
    n = next(_seq)
    return agency_create(
        name=name or f"Instansi {n}", kind=kind, parent=parent, region=region, **kwargs
    )


def make_unit(parent: Agency, name: str | None = None) -> Agency:
    return make_agency(name=name or f"Unit {next(_seq)}", kind=AgencyKind.UNIT, parent=parent)


def make_member(role: str, agency: Agency | None = None, **user_kwargs: Any) -> User:
    """A user holding one role (over ``agency``'s subtree for agency roles)."""
    user = UserFactory(**user_kwargs)
    RoleMembership.objects.create(user=user, role=role, agency=agency)
    return user


def as_official(user: User) -> Principal:
    """``user`` acting with their second factor verified: an official with their roles
    (a citizen if they hold none). What services are given for a signed-in official."""
    return principal_for_user(user, verified=True)


def as_citizen(user: User) -> Principal:
    """``user`` acting without a verified second factor: a citizen, whatever their
    roles (an official signed in with a password only)."""
    return principal_for_user(user, verified=False)


__all__ = [
    "CategoryFactory",
    "Role",
    "UserFactory",
    "as_citizen",
    "as_official",
    "make_agency",
    "make_member",
    "make_region",
    "make_unit",
]


def make_report(**fields: Any) -> Any:
    """A report row written directly, in any status (no event, no deadlines).

    For tests that need a report in a given state without walking the flow; to test
    the flow itself use ``reports.services``. Tracking ID (random, Luhn-checked, like
    real ones), classification, title, description and a fresh reporter get defaults;
    pass ``status``, ``agency``, ``unit``, ``reporter=None`` ... as needed.
    """
    from lapor.reports.choices import Classification
    from lapor.reports.models import Report
    from lapor.reports.tracking import generate_tracking_id

    fields.setdefault("tracking_id", generate_tracking_id())
    fields.setdefault("classification", Classification.PENGADUAN)
    fields.setdefault("title", "Jalan rusak di depan pasar")
    fields.setdefault(
        "description", "Jalan di depan pasar berlubang besar sejak sebulan lalu dan berbahaya."
    )
    if "reporter" not in fields:
        fields["reporter"] = UserFactory()
    return Report.objects.create(**fields)


def make_privacy_world() -> Any:
    """One fixed cast and set of reports for privacy tests (every role by every kind of
    report). Reused by every app that shows reports, so that each way out (page, API,
    export, admin) is tested against the same table.

    ``w.users[key]`` (``None`` for the anonymous visitor), ``w.reports[key]``,
    ``w.events[report_key][event_key]``; every official is ``is_staff``.
    """
    from types import SimpleNamespace

    from lapor.reports.choices import Status, Visibility
    from lapor.reports.models import ReportEvent

    agency = make_agency("Dinas Kota Contoh")
    unit = make_unit(agency, "Bidang Jalan")
    sibling = make_unit(agency, "Bidang Taman")
    other = make_agency("Kabupaten Lain")

    def official(role: str, where: Agency | None, name: str) -> User:
        return make_member(role, where, full_name=name, is_staff=True)

    users: dict[str, User | None] = {
        "visitor": None,
        "citizen": UserFactory(full_name="Warga Lain"),
        "reporter": UserFactory(
            full_name="Siti Rahmawati",
            email="siti.pelapor@example.test",
            phone="+6281234567890",
        ),
        "admin_instansi": official(Role.ADMIN_INSTANSI, agency, "Andi Instansi"),
        "admin_unit": official(Role.ADMIN_UNIT, unit, "Budi Unit"),
        "admin_unit_sibling": official(Role.ADMIN_UNIT, sibling, "Citra Sibling"),
        "admin_instansi_other": official(Role.ADMIN_INSTANSI, other, "Dedi Lain"),
        "developer": official(Role.DEVELOPER, agency, "Eka Developer"),
        "admin_nasional": official(Role.ADMIN_NASIONAL, None, "Fajar Nasional"),
        "ombudsman": official(Role.OMBUDSMAN, None, "Gita Ombudsman"),
        "pengawas": official(Role.PENGAWAS, None, "Hadi Pengawas"),
        "superuser": UserFactory(full_name="Root Tanpa Peran", is_staff=True, is_superuser=True),
    }
    reporter = users["reporter"]
    handled = {"agency": agency, "unit": unit, "status": Status.IN_PROGRESS}
    reports = {
        "public": make_report(reporter=reporter, title="Jalan berlubang", **handled),
        "anonymous": make_report(
            reporter=reporter, title="Pungutan liar", is_anonymous=True, **handled
        ),
        "confidential": make_report(
            reporter=reporter, title="Perundungan di kantor", is_confidential=True, **handled
        ),
        "unverified": make_report(
            reporter=reporter, title="Lampu mati", status=Status.SUBMITTED, target_agency=agency
        ),
        "archived": make_report(
            reporter=reporter, title="Iklan spam", status=Status.ARCHIVED, archive_reason="spam"
        ),
    }
    clerk = users["admin_instansi"]
    events: dict[str, dict[str, ReportEvent]] = {}
    for key, report in reports.items():
        events[key] = {
            "submitted": ReportEvent.objects.create(
                report=report,
                code="report.submitted",
                actor=reporter,
                to_status=Status.SUBMITTED,
                visibility=Visibility.PUBLIC,
                note=f"PUBLIC-NOTE-{key}",
            ),
            "replied": ReportEvent.objects.create(
                report=report,
                code="report.replied",
                actor=reporter,
                visibility=Visibility.REPORTER,
                note=f"REPORTER-NOTE-{key}",
            ),
            "followed_up": ReportEvent.objects.create(
                report=report,
                code="report.followed_up",
                actor=clerk,
                actor_role=Role.ADMIN_INSTANSI,
                actor_agency=agency,
                visibility=Visibility.PUBLIC,
                note=f"ANSWER-NOTE-{key}",
            ),
            "internal": ReportEvent.objects.create(
                report=report,
                code="report.disposed_to_unit",
                actor=clerk,
                actor_role=Role.ADMIN_INSTANSI,
                actor_agency=agency,
                visibility=Visibility.INTERNAL,
                note=f"INTERNAL-NOTE-{key}",
            ),
        }
    return SimpleNamespace(
        agency=agency,
        unit=unit,
        sibling=sibling,
        other=other,
        users=users,
        reports=reports,
        events=events,
    )
