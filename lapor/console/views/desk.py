"""The verification desk: the queue of new reports, the next one, and bulk moves."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from lapor.core.exceptions import ValidationFailed
from lapor.reports.choices import ArchiveReason
from lapor.reports.transitions import Action

from .. import selectors, services
from ..access import (
    OfficialHttpRequest,
    official_required,
    redirect,
)
from .common import agency_options, bulk_message, nav_context, page_number, posted_ids


@official_required
def desk(request: OfficialHttpRequest) -> HttpResponse:
    access = request.console
    if not access.desk:
        raise Http404
    tab = request.GET.get("tab", "submitted")
    listing = selectors.desk_queue(request.user, tab=tab, page=page_number(request))
    return render(
        request,
        "console/desk.html",
        {
            **nav_context(request, "desk"),
            "listing": listing,
            "tab": listing.query["tab"],
            "agency_options": agency_options(selectors.agencies_for_dispose(request.user)),
            "archive_reasons": ArchiveReason.choices,
        },
    )


@official_required
def desk_next(request: OfficialHttpRequest) -> HttpResponse:
    """The report at the top of the queue (after a decision: on to the next one)."""
    listing = selectors.desk_queue(request.user)
    if listing.rows:
        return redirect(
            request, reverse("console:report", args=[listing.rows[0].report.tracking_id])
        )
    messages.success(request, _("The queue is empty."))
    return redirect(request, reverse("console:desk"))


@official_required
@require_POST
def desk_bulk(request: OfficialHttpRequest) -> HttpResponse:
    """Bulk moves from the queue: archive as spam or as duplicates, or send to one agency."""
    ids = posted_ids(request)
    op = request.POST.get("op", "")
    back = reverse("console:desk") + "?" + request.POST.get("back", "")
    if not ids:
        messages.error(request, _("Tick at least one report."))
        return redirect(request, back)
    try:
        if op == "spam":
            result = services.reports_bulk(
                report_ids=ids,
                action=Action.ARCHIVE,
                actor=request.user,
                params={"reason": ArchiveReason.SPAM},
            )
        elif op == "duplicate":
            result = services.reports_bulk(
                report_ids=ids,
                action=Action.ARCHIVE,
                actor=request.user,
                params={
                    "reason": ArchiveReason.DUPLICATE,
                    "duplicate_of": request.POST.get("duplicate_of", ""),
                },
            )
        elif op == "dispose":
            result = services.reports_bulk(
                report_ids=ids,
                action=Action.DISPOSE,
                actor=request.user,
                note=request.POST.get("note", ""),
                params={"agency_id": request.POST.get("agency_id", "")},
            )
        else:
            raise Http404
    except ValidationFailed as exc:
        messages.error(request, " ".join(m for msgs in exc.errors.values() for m in msgs))
        return redirect(request, back)
    bulk_message(request, result)
    return redirect(request, back)
