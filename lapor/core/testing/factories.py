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


__all__ = [
    "CategoryFactory",
    "Role",
    "UserFactory",
    "make_agency",
    "make_member",
    "make_region",
    "make_unit",
]
