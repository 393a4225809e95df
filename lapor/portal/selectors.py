"""Reads for the public pages."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency
from lapor.reports.choices import Status
from lapor.reports.selectors import report_list_visible_to


def home_stats() -> dict[str, int]:
    """Counts for the home page, cached for a minute: they need not be exact."""
    stats = cache.get("portal:home_stats")
    if stats is None:
        public = report_list_visible_to(AnonymousUser())
        stats = {
            "public_reports": public.count(),
            "closed_reports": public.filter(status=Status.CLOSED).count(),
            "agencies": Agency.objects.filter(is_active=True).exclude(kind=AgencyKind.UNIT).count(),
        }
        cache.set("portal:home_stats", stats, 60)
    return stats
