"""The verifier hides a passage of a report from the public (``reports.redaction``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from lapor.accounts.middleware import request_principal
from lapor.accounts.principals import Principal
from lapor.core.exceptions import ServiceError
from lapor.reports import services as report_services
from lapor.reports.redaction import report_may_redact

from .. import selectors
from ..access import OfficialHttpRequest, official_required, redirect
from ..forms import RedactionForm


def redaction_panel(principal: Principal, report: Any) -> dict[str, Any] | None:
    """What the report page's "hide a passage" panel shows, or ``None`` for an official
    who may not redact this report."""
    if not report_may_redact(principal, report):
        return None
    return {"passages": [p for p in report.redactions or [] if isinstance(p, str)]}


@official_required
@require_POST
def report_redact(request: OfficialHttpRequest, tracking_id: str) -> HttpResponse:
    principal = request_principal(request)
    report = selectors.console_report_get(principal, tracking_id=tracking_id)
    back = reverse("console:report", args=[report.tracking_id]) + "#act-redact"
    form = RedactionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Copy the passage to hide from the report's text."))
        return redirect(request, back)
    try:
        report_services.report_redact(
            actor=principal, report_id=report.pk, passage=form.cleaned_data["passage"]
        )
    except ServiceError as exc:  # refused, or not in the text: the message says which
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The passage is hidden from the public."))
    return redirect(request, back)
