"""Writes for agencies, units, categories and routing rules."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from lapor.regions.models import Region, Timezone

from .choices import AgencyKind
from .models import Agency


def agency_timezone_for(region: Region | None) -> str:
    return region.timezone if region is not None else Timezone.WIB


@transaction.atomic
def agency_create(
    *,
    name: str,
    kind: str,
    parent: Agency | None = None,
    region: Region | None = None,
    code: str | None = None,
    timezone: str | None = None,
    is_active: bool = True,
) -> Agency:
    """Create an agency or unit and place it in the tree.

    A unit inherits its parent's region and timezone unless given its own.
    """
    if kind == AgencyKind.UNIT and parent is None:
        raise ValueError("A unit needs a parent agency.")
    if region is None and parent is not None:
        region = parent.region
    if timezone is None:
        timezone = agency_timezone_for(region) if region else (parent.timezone if parent else Timezone.WIB)
    agency = Agency.objects.create(
        name=name,
        kind=kind,
        parent=parent,
        region=region,
        timezone=timezone,
        is_active=is_active,
        code=code or _unique_code(name, parent),
    )
    agency.path = f"{parent.path if parent else ''}{agency.pk}/"
    agency.depth = parent.depth + 1 if parent else 0
    agency.save(update_fields=["path", "depth"])
    return agency


def _unique_code(name: str, parent: Agency | None) -> str:
    base = slugify(f"{parent.code}-{name}" if parent else name)[:70] or "agency"
    code, n = base, 1
    while Agency.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def agency_owner(agency: Agency) -> Agency:
    """The agency a unit belongs to: the nearest ancestor (or itself) that is not a unit."""
    node = agency
    while node.kind == AgencyKind.UNIT and node.parent is not None:
        node = node.parent
    return node
