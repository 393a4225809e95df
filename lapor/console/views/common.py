"""What the console's page families share: the navigation context, the agency picker,
paging and the bulk forms' feedback, and the front door that sends an official to their
first page."""

from __future__ import annotations

from html import escape as html_escape
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from lapor.accounts.middleware import request_principal

from .. import selectors
from ..access import (
    OfficialHttpRequest,
    official_required,
    redirect,
)


def nav_context(request: OfficialHttpRequest, current: str) -> dict[str, Any]:
    access = request.console
    counters = selectors.inbox_counters(request_principal(request)) if access.inbox else {}
    return {"access": access, "current": current, "counters": counters}


def agency_options(agencies: Any, *, selected: int | None = None) -> str:
    """``<option>``s for an agency ``<select>``, built in one pass with the standard
    library's escape: with some 700 agencies, the template loop (or ``format_html``)
    would cost more than the whole rest of the page."""
    parts = []
    for pk, name in agencies.values_list("pk", "name"):
        mark = " selected" if pk == selected else ""
        parts.append(f'<option value="{pk}"{mark}>{html_escape(name)}</option>')
    return mark_safe("".join(parts))  # noqa: S308 - every name is escaped above


def page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
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
