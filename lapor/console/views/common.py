"""What the console's page families share: the navigation context, the agency picker,
paging and the bulk forms' feedback, and the front door that sends an official to their
first page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lapor.accounts.middleware import request_principal
from lapor.accounts.principals import Principal
from lapor.agencies.models import Agency

from .. import selectors
from ..access import (
    OfficialHttpRequest,
    official_required,
    redirect,
)


def nav_context(request: HttpRequest, current: str) -> dict[str, Any]:
    """The console menu's context: what the official reaches (``access``), the page
    it marks as current, and the inbox counters. Pages behind ``official_required``
    carry their access; the security page works it out from the principal."""
    access = getattr(request, "console", None) or selectors.console_access_for(
        request_principal(request)
    )
    if not access.roles:
        return {"access": None, "current": current, "counters": {}}
    counters = selectors.inbox_counters(request_principal(request)) if access.inbox else {}
    return {"access": access, "current": current, "counters": counters}


# The agency typeaheads: which agencies each form may take.
PICKER_PURPOSES = ("dispose", "bulk", "transfer")


def _allowed_agencies(principal: Principal, purpose: str) -> QuerySet[Agency]:
    if purpose == "transfer":
        return selectors.agencies_for_transfer()
    return selectors.agencies_for_dispose(principal)


@dataclass
class AgencyPicker:
    """An agency typeahead: the agencies offered up front (the routing suggestion, the
    reporter's choice), the matches of what was typed, and the one chosen. Its radio
    buttons post ``agency_id``; without JavaScript its "Search" button posts the whole
    form back, which comes back with the matches and everything typed kept."""

    prefix: str
    fixed: list[tuple[Agency, str]] = field(default_factory=list)
    results: list[Agency] = field(default_factory=list)
    chosen: int | None = None
    q: str = ""
    skip: list[int] = field(default_factory=list)

    @property
    def skip_ids(self) -> str:
        return ",".join(str(pk) for pk in [*self.skip, *(a.pk for a, _why in self.fixed)])


def _as_id(value: Any) -> int | None:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return pk if pk > 0 else None


def agency_picker(
    principal: Principal,
    *,
    prefix: str,
    purpose: str,
    fixed: list[tuple[Agency, str]] | None = None,
    chosen: Any = None,
    q: str = "",
    skip: list[int] | None = None,
) -> AgencyPicker:
    """What an agency typeahead shows: ``fixed`` first, then up to ten matches of ``q``
    among the agencies this form may take; the ``chosen`` one stays offered."""
    allowed = _allowed_agencies(principal, purpose)
    fixed = list(fixed or [])
    skip = list(skip or [])
    q = " ".join((q or "").split())[:100]
    chosen_id = _as_id(chosen)
    fixed_ids = {a.pk for a, _why in fixed}
    results = selectors.agencies_matching(allowed, q=q, skip=[*skip, *fixed_ids]) if q else []
    if (
        chosen_id
        and chosen_id not in fixed_ids
        and chosen_id not in skip
        and all(a.pk != chosen_id for a in results)
    ):
        kept = allowed.filter(pk=chosen_id).first()
        if kept is not None:
            results.insert(0, kept)
    return AgencyPicker(
        prefix=prefix, fixed=fixed, results=results, chosen=chosen_id, q=q, skip=skip
    )


@official_required
def agency_search(request: OfficialHttpRequest) -> HttpResponse:
    """The typeahead's matches (htmx, GET): radio buttons for the form that asked."""
    purpose = request.GET.get("for", "")
    if purpose not in PICKER_PURPOSES:
        raise Http404
    skip = [pk for pk in (_as_id(v) for v in request.GET.get("skip", "").split(",")) if pk]
    picker = agency_picker(
        request_principal(request),
        prefix=purpose,
        purpose=purpose,
        chosen=request.GET.get("agency_id"),
        q=request.GET.get("agency_q", ""),
        skip=skip,
    )
    return render(request, "console/_agency_results.html", {"picker": picker})


def page_number(request: HttpRequest, query: Any = None) -> int:
    source = request.GET if query is None else query
    try:
        return max(1, int(source.get("page", "1")))
    except ValueError:
        return 1


@official_required
def home(request: OfficialHttpRequest) -> HttpResponse:
    access = request.console
    if access.inbox:
        return redirect(request, reverse("console:inbox"))
    if access.desk:
        return redirect(request, reverse("console:desk"))
    if access.oversight:
        return redirect(request, reverse("console:oversight"))
    if access.integrations:
        return redirect(request, reverse("console:integrations"))
    return render(request, "console/empty.html", nav_context(request, "home"))


def bulk_message(request: HttpRequest, result: Any) -> None:
    if result.done:
        messages.success(request, _("%(n)d reports done.") % {"n": len(result.done)})
    if result.skipped:
        reasons = sorted(set(result.skipped.values()))
        messages.error(
            request,
            _("%(n)d reports were left as they were: %(why)s")
            % {"n": len(result.skipped), "why": " ".join(reasons)},
        )
