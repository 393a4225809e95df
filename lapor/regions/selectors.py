"""Reads for regions: the pickers' cascade, a region's path and name search."""

from __future__ import annotations

import re

from django.db.models import Case, IntegerField, QuerySet, Value, When

from .models import Region, RegionLevel

_CODE_PREFIX = re.compile(r"^\d+(\.\d*)*$")


def region_children(*, parent_code: str | None) -> QuerySet[Region]:
    """The regions directly inside ``parent_code``, by name; the provinces for ``None``.

    An unknown code gives an empty queryset, not an error: a picker shows nothing.
    """
    if parent_code is None:
        qs = Region.objects.filter(level=RegionLevel.PROVINCE)
    else:
        qs = Region.objects.filter(parent_id=parent_code.strip())
    return qs.order_by("name", "code")


def region_get(*, code: str) -> Region | None:
    return Region.objects.filter(code=code.strip()).first()


def region_path(region: Region) -> list[Region]:
    """The province down to ``region`` itself, in one query (the code names them all)."""
    return list(Region.objects.filter(code__in=region.ancestor_codes()).order_by("level"))


def region_search(*, q: str, limit: int = 20) -> QuerySet[Region]:
    """Regions whose name contains ``q`` (any case), for pickers.

    Bigger regions come before smaller ones, so that "bandung" offers Kota Bandung
    before the villages named after it; within a level, names that start with ``q``
    come first. A query
    that looks like a code (``32.73``) matches codes instead. The parent is fetched
    along so that a picker can show "Sukajadi, Kota Bandung" without more queries.
    """
    q = " ".join(q.split())
    if not q:
        return Region.objects.none()
    if _CODE_PREFIX.match(q):
        qs = Region.objects.filter(code__startswith=q).order_by("code")
    else:
        qs = (
            Region.objects.filter(name__icontains=q)
            .annotate(
                _prefix=Case(
                    When(name__istartswith=q, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("level", "_prefix", "name", "code")
        )
    return qs.select_related("parent")[: max(limit, 0)]
