"""The public list of reports and its filters, for every face (the portal's list, the
API's ``GET /api/v1/reports``, feeds).

Always what an anonymous visitor may read, whoever asks: the public list is the same for
everyone (a signed-in reporter finds their own confidential reports under "My reports",
an agency's app under its own endpoints), so it never shows what another person should
not see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet

from lapor.accounts.principals import VISITOR
from lapor.agencies.models import Agency
from lapor.deadlines.calendar import DEFAULT_TZ

from .choices import PUBLIC_STATUSES
from .models import Report
from .search import report_search
from .selectors import report_list_visible_to

_ONE_DAY = timedelta(days=1)
# Days outside these cannot all be turned into instants (9999-12-31 has no next day, and
# 0001-01-01 in WIB is before the first UTC instant): a filter beyond them filters nothing.
_FIRST_DAY = date(1900, 1, 1)
_LAST_DAY = date(2999, 12, 31)


@dataclass
class ReportFilters:
    q: str = ""
    classification: str = ""
    status: str = ""
    category: int | None = None
    agency: str = ""
    region: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def active(self) -> bool:
        return any(
            (self.q, self.classification, self.status, self.category, self.agency, self.region)
        ) or bool(self.date_from or self.date_to)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(DEFAULT_TZ))


def public_reports(filters: ReportFilters) -> QuerySet[Report]:
    """Public reports matching ``filters``, newest first (``-submitted_at, -id``).

    Dates are days in Western Indonesian Time (the national default), both ends
    included.
    """
    qs = report_list_visible_to(VISITOR)
    if filters.classification:
        qs = qs.filter(classification=filters.classification)
    if filters.status and filters.status in PUBLIC_STATUSES:
        qs = qs.filter(status=filters.status)
    if filters.category:
        qs = qs.filter(Q(category_id=filters.category) | Q(category__parent_id=filters.category))
    if filters.agency:
        agency = Agency.objects.filter(code=filters.agency).only("pk", "path").first()
        if agency is None:
            return qs.none()
        subtree = Agency.objects.filter(path__startswith=agency.path).values("pk")
        qs = qs.filter(Q(agency_id__in=subtree) | Q(unit_id__in=subtree))
    if filters.region:
        code = filters.region.strip()
        qs = qs.filter(Q(region_id=code) | Q(region__code__startswith=f"{code}."))
    if filters.date_from and filters.date_from > _FIRST_DAY:
        qs = qs.filter(submitted_at__gte=_day_start(min(filters.date_from, _LAST_DAY)))
    if filters.date_to and filters.date_to < _LAST_DAY:
        qs = qs.filter(submitted_at__lt=_day_start(max(filters.date_to, _FIRST_DAY)) + _ONE_DAY)
    qs = report_search(qs, filters.q)
    return qs.order_by("-submitted_at", "-id")


def reports_before(qs: QuerySet[Report], *, submitted_at: datetime, pk: int) -> QuerySet[Report]:
    """``qs`` (ordered ``-submitted_at, -id``) after the row (``submitted_at``, ``pk``):
    a keyset page, so that reports filed meanwhile (newer, at the top) never shift it."""
    return qs.filter(Q(submitted_at__lt=submitted_at) | Q(submitted_at=submitted_at, pk__lt=pk))


__all__ = ["ReportFilters", "public_reports", "reports_before"]
