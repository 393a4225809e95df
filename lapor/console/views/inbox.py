"""The agency inbox: open work by due date, bulk dispatch to a unit, and saved views."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from lapor.agencies.models import Agency
from lapor.agencies.selectors import agency_units, category_tree
from lapor.core.exceptions import ValidationFailed
from lapor.reports.transitions import Action

from .. import selectors, services
from ..access import (
    OfficialHttpRequest,
    official_required,
    redirect,
)
from ..choices import Page
from .common import bulk_message, nav_context, page_number, posted_ids


@official_required
def inbox(request: OfficialHttpRequest) -> HttpResponse:
    access = request.console
    if not access.inbox:
        raise Http404
    filters = selectors.InboxFilter.from_query(request.GET)
    listing = selectors.inbox_list(request.user, filters=filters, page=page_number(request))
    units = _inbox_units(access)
    nav = nav_context(request, "inbox")
    return render(
        request,
        "console/inbox.html",
        {
            **nav,
            "listing": listing,
            "filters": filters,
            "tabs": [
                (key, label, nav["counters"].get(key))
                for key, label in selectors.INBOX_TAB_LABELS.items()
            ],
            "units": units,
            "categories": category_tree(),
            "saved_views": selectors.saved_views_for(request.user, page=Page.INBOX),
            "query_string": listing.url_for_page(1)[1:],
        },
    )


def _inbox_units(access: selectors.ConsoleAccess) -> list[Agency]:
    units: list[Agency] = []
    ids = [s.agency_id for s in access.scopes if s.role in selectors.INBOX_ROLES and s.agency_id]
    for agency in Agency.objects.filter(pk__in=ids):
        units.extend(agency_units(agency))
    return units


@official_required
@require_POST
def inbox_bulk(request: OfficialHttpRequest) -> HttpResponse:
    """Pass many reports to one unit, with one instruction."""
    ids = posted_ids(request)
    back = reverse("console:inbox") + "?" + request.POST.get("back", "")
    if not ids:
        messages.error(request, _("Tick at least one report."))
        return redirect(request, back)
    try:
        result = services.reports_bulk(
            report_ids=ids,
            action=Action.DISPOSE_TO_UNIT,
            actor=request.user,
            note=request.POST.get("note", ""),
            params={"unit_id": request.POST.get("unit_id", "")},
        )
    except ValidationFailed as exc:
        messages.error(request, " ".join(m for msgs in exc.errors.values() for m in msgs))
        return redirect(request, back)
    bulk_message(request, result)
    return redirect(request, back)


@official_required
@require_POST
def saved_view_save(request: OfficialHttpRequest) -> HttpResponse:
    query = request.POST.get("query", "")
    try:
        services.saved_view_save(
            user=request.user, page=Page.INBOX, name=request.POST.get("name", ""), query=query
        )
    except ValidationFailed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("View saved."))
    return redirect(request, reverse("console:inbox") + "?" + query)


@official_required
@require_POST
def saved_view_delete(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    services.saved_view_delete(user=request.user, view_id=pk)
    return redirect(request, reverse("console:inbox"))
