"""Integrations ("Integrasi"): an agency's API keys, for its Developer and Admin
Instansi. A new key is shown once, on the page that answers the create POST (it is
stored nowhere, not even in the session); revoking asks first, then posts.

The webhooks add their part per agency through ``_agency_items`` and the include
``console/integrations/_webhooks.html``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from lapor.accounts.forms import GovForm
from lapor.accounts.middleware import request_principal
from lapor.core.exceptions import NotFound, ValidationFailed
from lapor.integrations import selectors, services
from lapor.integrations.services import NAME_MAX_LENGTH

from ..access import OfficialHttpRequest, official_required, redirect
from .common import nav_context


class ApiKeyCreateForm(GovForm):
    name = forms.CharField(
        label=_("Name of the key"),
        help_text=_("What uses it, for example “Aplikasi pengaduan kota”."),
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": _("Give the key a name."),
            "max_length": _("The name can be at most %(limit_value)d characters."),
        },
    )
    expires = forms.DateField(
        label=_("Last day the key works (optional)"),
        help_text=_("Leave it empty for a key that works until it is revoked."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date, for example 2026-12-31.")},
    )


def _agency_items(request: OfficialHttpRequest) -> list[dict[str, Any]]:
    """Per agency the principal manages keys for: the agency and its keys (the
    webhooks add their rows to each item)."""
    return [
        {"agency": agency, "keys": keys}
        for agency, keys in selectors.apikeys_by_agency(request_principal(request))
    ]


@official_required
def integrations(request: OfficialHttpRequest) -> HttpResponse:
    if not request.console.integrations:
        raise NotFound
    return render(
        request,
        "console/integrations/index.html",
        {**nav_context(request, "integrations"), "items": _agency_items(request)},
    )


@never_cache
@official_required
def apikey_new(request: OfficialHttpRequest, agency_id: int) -> HttpResponse:
    principal = request_principal(request)
    agency = selectors.apikey_agency_get(principal, agency_id=agency_id)
    form = ApiKeyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["expires"]
        try:
            key, raw = services.apikey_create(
                actor=principal,
                agency_id=agency.pk,
                name=form.cleaned_data["name"],
                expires_at=services.apikey_expiry_for(agency, day) if day else None,
            )
        except ValidationFailed as exc:
            form.apply_service_errors(exc, aliases={"expires_at": "expires"})
        else:
            # The one and only time the key is shown: on this response, never stored.
            return render(
                request,
                "console/integrations/key_created.html",
                {
                    **nav_context(request, "integrations"),
                    "agency": agency,
                    "key": key,
                    "raw_key": raw,
                },
            )
    return render(
        request,
        "console/integrations/key_new.html",
        {
            **nav_context(request, "integrations"),
            "agency": agency,
            "form": form,
            "today": timezone.localdate(),
        },
    )


@official_required
def apikey_revoke(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    principal = request_principal(request)
    key = selectors.apikey_get(principal, key_id=pk)
    if request.method == "POST":
        services.apikey_revoke(actor=principal, key_id=key.pk)
        messages.success(
            request,
            _("The key “%(name)s” (%(prefix)s) is revoked: it no longer works.")
            % {"name": key.name, "prefix": key.prefix},
        )
        return redirect(request, reverse("console:integrations"))
    return render(
        request,
        "console/integrations/key_revoke.html",
        {**nav_context(request, "integrations"), "key": key},
    )
