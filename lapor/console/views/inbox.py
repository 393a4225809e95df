"""The agency inbox: open work by due date, bulk dispatch to a unit, and saved views."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from lapor.accounts.middleware import request_principal
from lapor.agencies.models import Agency
from lapor.agencies.selectors import agency_units, category_tree
from lapor.core.exceptions import ValidationFailed
from lapor.reports.transitions import Action

from .. import selectors, services
from ..access import OfficialHttpRequest, official_required, redirect
from ..choices import Page
from ..forms import InboxBulkForm, SavedViewForm, back_query_of
from .common import bulk_message, nav_context, page_number


@official_required
def inbox(request: OfficialHttpRequest) -> HttpResponse:
    access = request.console
    if not access.inbox:
        raise Http404
    principal = request_principal(request)
    filters = selectors.InboxFilter.from_query(request.GET)
    listing = selectors.inbox_list(principal, filters=filters, page=page_number(request))
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
            "saved_views": selectors.saved_views_for(principal, page=Page.INBOX),
            "query_string": listing.url_for_page(1)[1:],
            "audience": {"bulk": InboxBulkForm.audience},
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
    form = InboxBulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.error_text())
        return redirect(request, reverse("console:inbox") + "?" + back_query_of(request.POST))
    back = reverse("console:inbox") + "?" + form.back_query
    try:
        result = services.reports_bulk(
            report_ids=form.cleaned_data["ids"],
            action=Action.DISPOSE_TO_UNIT,
            actor=request_principal(request),
            note=form.cleaned_data["note"],
            params={"unit_id": form.cleaned_data["unit_id"]},
        )
    except ValidationFailed as exc:
        messages.error(request, " ".join(m for msgs in exc.errors.values() for m in msgs))
        return redirect(request, back)
    bulk_message(request, result)
    return redirect(request, back)


@official_required
@require_POST
def saved_view_save(request: OfficialHttpRequest) -> HttpResponse:
    form = SavedViewForm(request.POST)
    query = back_query_of({"back": request.POST.get("query", "")})
    if not form.is_valid():
        messages.error(request, form.error_text())
        return redirect(request, reverse("console:inbox") + "?" + query)
    try:
        services.saved_view_save(
            actor=request_principal(request),
            page=Page.INBOX,
            name=form.cleaned_data["name"],
            query=form.cleaned_data["query"],
        )
    except ValidationFailed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("View saved."))
    return redirect(request, reverse("console:inbox") + "?" + query)


@official_required
@require_POST
def saved_view_delete(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    services.saved_view_delete(actor=request_principal(request), view_id=pk)
    return redirect(request, reverse("console:inbox"))
