"""The verification desk: the queue of new reports, the next one, and bulk moves."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from lapor.accounts.middleware import request_principal
from lapor.core.exceptions import ValidationFailed
from lapor.reports.choices import ArchiveReason
from lapor.reports.transitions import Action

from .. import selectors, services
from ..access import OfficialHttpRequest, official_required, redirect
from ..forms import DeskBulkForm, back_query_of
from .common import agency_picker, bulk_message, nav_context, page_number


@official_required
def desk(request: OfficialHttpRequest) -> HttpResponse:
    if not request.console.desk:
        raise Http404
    return _desk_page(request, request.GET)


def _desk_page(
    request: OfficialHttpRequest, query: QueryDict, posted: QueryDict | None = None
) -> HttpResponse:
    """The queue; after the bulk form's "Search" (no JavaScript), the same page with
    the agencies found and the ticks, the chosen agency and the note kept."""
    principal = request_principal(request)
    listing = selectors.desk_queue(
        principal, tab=query.get("tab", "submitted"), page=page_number(request, query)
    )
    posted = posted or QueryDict()
    picked = {int(v) for v in posted.getlist("ids") if v.isdigit()}
    return render(
        request,
        "console/desk.html",
        {
            **nav_context(request, "desk"),
            "listing": listing,
            "tab": listing.query["tab"],
            "back": listing.url_for_page(listing.page)[1:],
            "picked": picked,
            "bulk_picker": agency_picker(
                principal,
                prefix="bulk",
                purpose="bulk",
                chosen=posted.get("agency_id"),
                q=posted.get("agency_q", ""),
            ),
            "bulk_note": posted.get("note", ""),
            "archive_reasons": ArchiveReason.choices,
            "audience": {"bulk": DeskBulkForm.audience},
        },
    )


@official_required
def desk_next(request: OfficialHttpRequest) -> HttpResponse:
    """The report at the top of the queue (after a decision: on to the next one)."""
    listing = selectors.desk_queue(request_principal(request))
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
    if request.POST.get("search"):
        if not request.console.desk:
            raise Http404
        return _desk_page(request, QueryDict(back_query_of(request.POST)), request.POST)
    form = DeskBulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.error_text())
        return redirect(request, reverse("console:desk") + "?" + back_query_of(request.POST))
    back = reverse("console:desk") + "?" + form.back_query
    data = form.cleaned_data
    if data["op"] == DeskBulkForm.DISPOSE:
        action, params = Action.DISPOSE, {"agency_id": data["agency_id"]}
    elif data["op"] == DeskBulkForm.DUPLICATE:
        action = Action.ARCHIVE
        params = {"reason": ArchiveReason.DUPLICATE, "duplicate_of": data["duplicate_of"]}
    else:
        action, params = Action.ARCHIVE, {"reason": ArchiveReason.SPAM}
    try:
        result = services.reports_bulk(
            report_ids=data["ids"],
            action=action,
            actor=request_principal(request),
            note=data["note"],
            params=params,
        )
    except ValidationFailed as exc:
        messages.error(request, " ".join(m for msgs in exc.errors.values() for m in msgs))
        return redirect(request, back)
    bulk_message(request, result)
    return redirect(request, back)
