"""Oversight: overdue and escalated work across the agencies a supervisor watches, with
the numbers that say where to look first."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from lapor.accounts.choices import NATIONAL_ROLES
from lapor.accounts.middleware import request_principal

from .. import selectors
from ..access import OfficialHttpRequest, official_required
from .common import nav_context, page_number


@official_required
def oversight(request: OfficialHttpRequest) -> HttpResponse:
    access = request.console
    if not access.oversight:
        raise Http404
    try:
        agency_id = int(request.GET.get("agency", "")) or None
    except ValueError:
        agency_id = None
    principal = request_principal(request)
    listing = selectors.oversight_list(
        principal,
        tab=request.GET.get("tab", "overdue"),
        agency_id=agency_id,
        page=page_number(request),
    )
    return render(
        request,
        "console/oversight.html",
        {
            **nav_context(request, "oversight"),
            "listing": listing,
            "tab": listing.query["tab"],
            "agency_id": agency_id,
            "summary": selectors.oversight_summary(principal),
            "national": bool(access.roles & NATIONAL_ROLES),
        },
    )
