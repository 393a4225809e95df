"""Reads for the agency tree, topics and routing."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Subquery, Value, When

from .choices import AgencyKind
from .models import Agency, Category, RoutingRule
from .services import CATEGORY_MAX_DEPTH


def agency_get(*, code: str) -> Agency | None:
    return Agency.objects.filter(code=code).first()


def agency_subtree(agency: Agency) -> QuerySet[Agency]:
    """The agency and everything below it, in tree order (one indexed prefix match)."""
    return Agency.objects.filter(path__startswith=agency.path).order_by("path")


def agency_ancestor_ids(agency: Agency) -> list[int]:
    """Primary keys above ``agency``, root first, read from its path (no query)."""
    return [int(part) for part in agency.path.split("/") if part][:-1]


def agency_ancestors(agency: Agency, *, include_self: bool = False) -> list[Agency]:
    """The agencies above ``agency``, root first, in one query."""
    ids = agency_ancestor_ids(agency)
    if include_self:
        ids.append(agency.pk)
    if not ids:
        return []
    by_id = Agency.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def agency_units(agency: Agency, *, direct_only: bool = False) -> QuerySet[Agency]:
    """The units inside ``agency`` (all depths, or only its direct children), tree order.

    Stops at nothing: a BUMD below a regency government is not a unit and is left
    out, but units below units are included.
    """
    qs = Agency.objects.filter(kind=AgencyKind.UNIT)
    if direct_only:
        qs = qs.filter(parent=agency)
    else:
        qs = qs.filter(path__startswith=agency.path).exclude(pk=agency.pk)
    return qs.order_by("path")


def agency_search(*, q: str, kind: str | None = None, limit: int = 20) -> list[Agency]:
    """Active agencies whose name holds every word of ``q`` (or whose code starts with it).

    Agencies come before their units, then by name, so that "bandung" offers
    Pemerintah Kota Bandung before its hundreds of dinas and puskesmas.
    """
    words = q.split()
    if not words:
        return []
    by_name = Q()
    for word in words:
        by_name &= Q(name__icontains=word)
    # Codes carry their parents' codes ("pemda-32-73-dinkes"), so a word inside a code
    # says little; a code is matched from its start only ("kemenkes", "pemda-32-73").
    by_code = Q(code__istartswith=words[0]) if len(words) == 1 else Q(pk__in=[])
    qs = Agency.objects.filter(by_name | by_code, is_active=True)
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.select_related("parent").order_by("depth", "name", "pk")[:limit])


def category_tree() -> list[Category]:
    """Active topics, each with its active subtopics prefetched (two queries).

    ``topic.children.all()`` then reads from the prefetch; deeper levels (rare) are
    not loaded here.
    """
    return list(
        Category.objects.filter(parent__isnull=True, is_active=True).prefetch_related(
            Prefetch("children", queryset=Category.objects.filter(is_active=True))
        )
    )


def region_code_ancestors(region_code: str) -> list[str]:
    """``"32.73.01"`` → ``["32.73.01", "32.73", "32"]``: codes are dotted prefixes."""
    parts = [p for p in region_code.strip().split(".") if p]
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


@dataclass(frozen=True)
class _Match:
    rule_id: int
    category_rank: int  # higher is more specific: exact > parent > ... > any
    region_depth: int  # 0 for a rule that matches every region
    classification_exact: int
    priority: int


def routing_suggest(
    *,
    category_id: int | None = None,
    region_code: str | None = None,
    classification: str | None = None,
) -> Agency | None:
    """The agency the most specific matching active rule points at, or None.

    A rule matches when its category is empty or the report's category or one of its
    ancestors; its region empty or the report's region or one that contains it; its
    classification blank or equal. Ranking, most important first: how close the
    rule's category is (exact > parent > grandparent > none), how deep its region is,
    exact classification over blank, then priority; the lowest id breaks a tie so the
    answer is stable. One query: the category's ancestors come from scalar
    subqueries inside it, the region's from the code itself.
    """
    # Category: distance 0 = the category itself, 1 = its parent ...
    category_q = Q(category__isnull=True)
    distance_whens: list[When] = []
    if category_id is not None:
        lookup = "pk"
        for distance in range(CATEGORY_MAX_DEPTH + 1):
            if distance == 0:
                target: int | Subquery = category_id
            else:
                lookup = "parent_id" if distance == 1 else "parent__" + lookup
                target = Subquery(
                    Category.objects.filter(pk=category_id).order_by().values(lookup)[:1]
                )
            category_q |= Q(category_id=target)
            distance_whens.append(When(category_id=target, then=distance))

    region_q = Q(region__isnull=True)
    if region_code:
        region_q |= Q(region_id__in=region_code_ancestors(region_code))

    class_q = Q(classification="")
    if classification:
        class_q |= Q(classification=classification)

    distance_expr = (
        Case(*distance_whens, default=None, output_field=IntegerField())
        if distance_whens
        else Value(None, output_field=IntegerField())
    )
    rows = (
        RoutingRule.objects.filter(category_q, region_q, class_q)
        .filter(is_active=True, agency__is_active=True)
        .annotate(category_distance=distance_expr)
        .select_related("agency")
    )

    best: tuple[_Match, RoutingRule] | None = None
    for rule in rows:
        distance = rule.category_distance
        if rule.category_id is None:
            category_rank = 0
        elif distance is None:
            continue  # cannot happen: the filter matched one of the same lookups
        else:
            category_rank = CATEGORY_MAX_DEPTH + 1 - distance
        match = _Match(
            rule_id=rule.pk,
            category_rank=category_rank,
            region_depth=len(rule.region_id.split(".")) if rule.region_id else 0,
            classification_exact=1 if rule.classification else 0,
            priority=rule.priority,
        )
        if best is None or _better(match, best[0]):
            best = (match, rule)
    return best[1].agency if best else None


def _better(a: _Match, b: _Match) -> bool:
    key_a = (a.category_rank, a.region_depth, a.classification_exact, a.priority, -a.rule_id)
    key_b = (b.category_rank, b.region_depth, b.classification_exact, b.priority, -b.rule_id)
    return key_a > key_b


def routing_rules_for_agency(agency: Agency) -> QuerySet[RoutingRule]:
    return (
        RoutingRule.objects.filter(agency=agency)
        .select_related("category", "region")
        .order_by("category__name", "region_id")
    )


__all__ = [
    "agency_ancestor_ids",
    "agency_ancestors",
    "agency_get",
    "agency_search",
    "agency_subtree",
    "agency_units",
    "category_tree",
    "region_code_ancestors",
    "routing_rules_for_agency",
    "routing_suggest",
]
