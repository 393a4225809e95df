"""Webhooks: an agency's endpoints and its delivery log, for its Admin Instansi and its
Developer. Every read and write goes through ``lapor.webhooks`` with the principal;
another agency's endpoint or delivery is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lapor.accounts.middleware import request_principal
from lapor.core.exceptions import ServiceError, ValidationFailed
from lapor.reports.events import EVENT_TYPES
from lapor.webhooks import selectors, services
from lapor.webhooks.models import WebhookEndpoint

from ..access import OfficialHttpRequest, official_required, redirect
from ..forms import WebhookActiveForm, WebhookEndpointForm
from .common import nav_context


def _back(request: OfficialHttpRequest) -> HttpResponse:
    return redirect(request, reverse("console:webhooks"))


def _service_error(request: OfficialHttpRequest, exc: ServiceError) -> None:
    if isinstance(exc, ValidationFailed):
        messages.error(request, " ".join(str(m) for msgs in exc.errors.values() for m in msgs))
    else:
        messages.error(request, str(exc.message))


def _secret_page(
    request: OfficialHttpRequest, endpoint: WebhookEndpoint, secret: str, *, new: bool
) -> HttpResponse:
    """The secret, shown this once: on the answer to the POST, never stored in the
    session (the views that call this are ``never_cache``)."""
    return render(
        request,
        "console/webhooks/secret.html",
        {
            **nav_context(request, "integrations"),
            "endpoint": endpoint,
            "secret": secret,
            "new": new,
        },
    )


@official_required
def webhook_list(request: OfficialHttpRequest) -> HttpResponse:
    agencies = selectors.webhook_agencies(request_principal(request))
    if not request.console.integrations or not agencies:
        raise Http404
    labels = {code: t.label_for(official=True) for code, t in EVENT_TYPES.items()}
    labels[services.PING] = str(_("Test event"))
    items = [
        {
            "agency": agency,
            "endpoints": [
                (e, [labels.get(code, code) for code in e.events])
                for e in selectors.endpoints_of(agency)
            ],
            "deliveries": [
                (d, labels.get(d.event_type, d.event_type)) for d in selectors.deliveries_of(agency)
            ],
        }
        for agency in agencies
    ]
    return render(
        request,
        "console/webhooks/list.html",
        {
            **nav_context(request, "integrations"),
            "agencies": items,
            "log_size": selectors.DELIVERY_LOG_SIZE,
        },
    )


@never_cache
@official_required
def webhook_new(request: OfficialHttpRequest, agency_id: int) -> HttpResponse:
    principal = request_principal(request)
    agency = selectors.webhook_agency_get(principal, agency_id=agency_id)
    form = WebhookEndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint, secret = services.endpoint_create(
                actor=principal,
                agency_id=agency.pk,
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                description=form.cleaned_data["description"],
            )
        except ValidationFailed as exc:
            form.apply_service_errors(exc)
        else:
            return _secret_page(request, endpoint, secret, new=True)
    return render(
        request,
        "console/webhooks/new.html",
        {**nav_context(request, "integrations"), "agency": agency, "form": form},
    )


@official_required
@require_POST
def webhook_set_active(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    form = WebhookActiveForm(request.POST)
    form.is_valid()
    active = bool(form.cleaned_data.get("active"))
    services.endpoint_set_active(actor=request_principal(request), endpoint_id=pk, active=active)
    messages.success(request, _("Webhook turned on.") if active else _("Webhook turned off."))
    return _back(request)


def _confirm(request: OfficialHttpRequest, endpoint: WebhookEndpoint, action: str) -> HttpResponse:
    return render(
        request,
        "console/webhooks/confirm.html",
        {**nav_context(request, "integrations"), "endpoint": endpoint, "action": action},
    )


@never_cache
@official_required
def webhook_rotate(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    """A new secret: asks first (the old one stops at once), then posts."""
    principal = request_principal(request)
    if request.method != "POST":
        return _confirm(request, selectors.endpoint_get(principal, pk=pk), "rotate")
    endpoint, secret = services.endpoint_rotate_secret(actor=principal, endpoint_id=pk)
    return _secret_page(request, endpoint, secret, new=False)


@official_required
def webhook_delete(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    """Delete: asks first, then posts."""
    principal = request_principal(request)
    if request.method != "POST":
        return _confirm(request, selectors.endpoint_get(principal, pk=pk), "delete")
    services.endpoint_delete(actor=principal, endpoint_id=pk)
    messages.success(request, _("Webhook deleted."))
    return _back(request)


@official_required
@require_POST
def webhook_test(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    try:
        services.endpoint_send_test(actor=request_principal(request), endpoint_id=pk)
    except ValidationFailed as exc:
        _service_error(request, exc)
    else:
        messages.success(
            request, _("Test event queued. Its result shows in the delivery list below.")
        )
    return _back(request)


@official_required
@require_POST
def webhook_send_again(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    try:
        services.delivery_send_again(actor=request_principal(request), delivery_id=pk)
    except ValidationFailed as exc:
        _service_error(request, exc)
    else:
        messages.success(request, _("Delivery queued to be sent again."))
    return _back(request)
