"""Writes for agencies, units, categories and routing rules.

The tree is kept as a materialised path of primary keys (``"12/40/41/"``): every
write that places an agency (create, move) goes through here so that the path and
depth stay right for the whole subtree.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone as dj_timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from lapor.core.exceptions import ValidationFailed
from lapor.regions.models import Region, Timezone

from .choices import AgencyKind, Classification
from .models import Agency, Category, RoutingRule

# Topic > subtopic > sub-subtopic. Routing looks this many levels up a category's
# ancestry in its single query (see ``selectors.routing_suggest``).
CATEGORY_MAX_DEPTH = 3

_PATH_MAX = Agency._meta.get_field("path").max_length or 255


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
        timezone = (
            agency_timezone_for(region) if region else (parent.timezone if parent else Timezone.WIB)
        )
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


def agency_move_problem(*, agency: Agency, new_parent: Agency | None) -> str | None:
    """Why ``agency`` cannot go under ``new_parent`` (None when it can).

    Shared by ``agency_move`` and the admin form, so the form can show the reason
    next to the field instead of failing on save.
    """
    if new_parent is not None:
        if new_parent.pk == agency.pk:
            return str(_("An agency cannot be its own parent."))
        if new_parent.path.startswith(agency.path):
            return str(_("An agency cannot be moved under one of its own units."))
    elif agency.kind == AgencyKind.UNIT:
        return str(_("A unit needs a parent agency."))
    return None


@transaction.atomic
def agency_move(*, agency: Agency, new_parent: Agency | None) -> Agency:
    """Put ``agency`` (and everything below it) under ``new_parent``, or at the top.

    The whole subtree is re-pathed by one UPDATE that swaps the old path prefix for
    the new one, so moving a regency government with hundreds of units is one
    statement. Reads the current path from the locked row, not from the (possibly
    stale) instance that was passed in.
    """
    current = Agency.objects.select_for_update().get(pk=agency.pk)
    if new_parent is not None:
        new_parent = Agency.objects.get(pk=new_parent.pk)
    problem = agency_move_problem(agency=current, new_parent=new_parent)
    if problem:
        raise ValidationFailed({"parent": [problem]})

    old_path = current.path
    new_path = f"{new_parent.path if new_parent else ''}{current.pk}/"
    new_depth = new_parent.depth + 1 if new_parent else 0
    if new_path != old_path:
        longest = (
            Agency.objects.filter(path__startswith=old_path)
            .order_by("-depth")
            .values_list("path", flat=True)
            .first()
        ) or old_path
        if len(longest) - len(old_path) + len(new_path) > _PATH_MAX:
            raise ValidationFailed({"parent": [str(_("The agency tree would become too deep."))]})
        Agency.objects.filter(path__startswith=old_path).update(
            path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
            depth=F("depth") + (new_depth - current.depth),
            updated_at=dj_timezone.now(),
        )
    current.parent = new_parent
    current.save(update_fields=["parent", "updated_at"])
    current.refresh_from_db(fields=["path", "depth", "parent"])
    # The caller's instance is usually the one it keeps using (the admin, tests).
    agency.parent = current.parent
    agency.path = current.path
    agency.depth = current.depth
    return current


@transaction.atomic
def agency_deactivate(*, agency: Agency) -> int:
    """Switch off an agency and every unit below it; returns how many rows changed.

    A closed agency's units cannot go on receiving reports on their own, and routing
    never suggests an inactive agency. Nothing is deleted: reports still point here.
    """
    changed = Agency.objects.filter(path__startswith=agency.path, is_active=True).update(
        is_active=False, updated_at=dj_timezone.now()
    )
    agency.is_active = False
    return changed


@transaction.atomic
def agency_activate(*, agency: Agency, include_units: bool = False) -> int:
    """Switch an agency back on (and, if asked, every unit below it).

    Refused while its parent is inactive: an active unit of a closed agency would be
    unreachable for the agency admin who is supposed to pass reports to it.
    """
    if (
        agency.parent_id is not None
        and not Agency.objects.filter(pk=agency.parent_id, is_active=True).exists()
    ):
        raise ValidationFailed({"is_active": [str(_("Switch on the parent agency first."))]})
    qs = (
        Agency.objects.filter(path__startswith=agency.path)
        if include_units
        else Agency.objects.filter(pk=agency.pk)
    )
    changed = qs.filter(is_active=False).update(is_active=True, updated_at=dj_timezone.now())
    agency.is_active = True
    return changed


@transaction.atomic
def category_create(
    *,
    name: str,
    name_en: str = "",
    slug: str | None = None,
    parent: Category | None = None,
    description: str = "",
    sort_order: int = 0,
    is_active: bool = True,
) -> Category:
    """Create a topic or subtopic. Slugs are stable ids for seed data and the API."""
    name = " ".join(name.split())
    if not name:
        raise ValidationFailed({"name": [str(_("A category needs a name."))]})
    slug = slugify(slug or name)[:80]
    if not slug:
        raise ValidationFailed({"slug": [str(_("A category needs a slug."))]})
    if Category.objects.filter(slug=slug).exists():
        raise ValidationFailed({"slug": [str(_("Another category already uses this slug."))]})
    if parent is not None and _category_depth(parent) + 1 >= CATEGORY_MAX_DEPTH:
        raise ValidationFailed(
            {"parent": [_("Categories go at most %(n)d levels deep.") % {"n": CATEGORY_MAX_DEPTH}]}
        )
    return Category.objects.create(
        name=name,
        name_en=" ".join(name_en.split()),
        slug=slug,
        parent=parent,
        description=description,
        sort_order=sort_order,
        is_active=is_active,
    )


def _category_depth(category: Category) -> int:
    return len(category.ancestor_ids()) - 1


def _classification_values() -> set[str]:
    return set(Classification.values)


@transaction.atomic
def routing_rule_create(
    *,
    agency: Agency,
    category: Category | None = None,
    region: Region | None = None,
    classification: str = "",
    priority: int = 0,
    is_active: bool = True,
) -> RoutingRule:
    """A rule that suggests ``agency`` for reports matching category, region and class.

    Rules point at the agency that receives the report (a ministry, a regency
    government ...), not at one of its units: the agency admin passes it on.
    """
    errors: dict[str, list[str]] = {}
    if not agency.is_active:
        errors["agency"] = [str(_("This agency is not active."))]
    if classification and classification not in _classification_values():
        errors["classification"] = [str(_("Unknown classification."))]
    if errors:
        raise ValidationFailed(errors)
    return RoutingRule.objects.create(
        agency=agency,
        category=category,
        region=region,
        classification=classification or "",
        priority=priority,
        is_active=is_active,
    )
