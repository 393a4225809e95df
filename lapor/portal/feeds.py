"""Atom feeds of new public reports, per agency and per region.

Feeds are read by machines and cached by anyone, so they are built as for an anonymous
visitor whoever asks, and carry no reporter identity at all: the text is the public's,
with personal data masked (``reports.public_text``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import VISITOR
from lapor.agencies.models import Agency
from lapor.regions.selectors import region_get
from lapor.reports.models import Report
from lapor.reports.public_text import report_public_text, report_title_for

from .selectors import ReportFilters, public_reports

FEED_SIZE = 30


class _ReportFeed(Feed):
    feed_type = Atom1Feed

    def items(self, obj: Any) -> list[Report]:
        # The reporter comes along: their name is masked in the text (public_text).
        reports = public_reports(self.filters(obj)).select_related("agency", "reporter")
        return list(reports[:FEED_SIZE])

    def filters(self, obj: Any) -> ReportFilters:  # pragma: no cover - abstract
        raise NotImplementedError

    def item_title(self, item: Report) -> str:
        return report_title_for(VISITOR, item)

    def item_description(self, item: Report) -> str:
        # Masked before it is cut: a cut could split a number the mask would find.
        return report_public_text(item).description[:500]

    def item_link(self, item: Report) -> str:
        return reverse("portal:report", kwargs={"tracking_id": item.tracking_id})

    def item_pubdate(self, item: Report) -> Any:
        return item.submitted_at

    def item_updateddate(self, item: Report) -> Any:
        return item.status_changed_at

    def item_author_name(self, item: Report) -> None:
        return None  # never: anonymous or not, a feed names no reporter


class AgencyFeed(_ReportFeed):
    def get_object(self, request: HttpRequest, code: str) -> Agency:
        agency = Agency.objects.filter(code=code, is_active=True).first()
        if agency is None:
            raise Http404
        return agency

    def filters(self, obj: Agency) -> ReportFilters:
        return ReportFilters(agency=obj.code)

    def title(self, obj: Agency) -> str:
        return str(_("LAPOR!: new public reports for %(name)s") % {"name": obj.name})

    def link(self, obj: Agency) -> str:
        return reverse("portal:browse") + f"?agency={obj.code}"

    def subtitle(self, obj: Agency) -> str:
        return str(_("Reports sent to this agency and its units."))


class RegionFeed(_ReportFeed):
    def get_object(self, request: HttpRequest, code: str) -> Any:
        region = region_get(code=code)
        if region is None:
            raise Http404
        return region

    def filters(self, obj: Any) -> ReportFilters:
        return ReportFilters(region=obj.code)

    def title(self, obj: Any) -> str:
        return str(_("LAPOR!: new public reports in %(name)s") % {"name": obj.name})

    def link(self, obj: Any) -> str:
        return reverse("portal:browse") + f"?region={obj.code}"

    def subtitle(self, obj: Any) -> str:
        return str(_("Reports about places in this region."))
