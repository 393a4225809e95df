"""Agency administration: units, invitations, roles, and reply templates."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from lapor.accounts.middleware import request_principal
from lapor.agencies.selectors import agency_units
from lapor.core.exceptions import ServiceError, ValidationFailed

from .. import selectors, services
from ..access import OfficialHttpRequest, official_required, redirect
from ..choices import TemplateKind
from ..forms import InviteForm, TemplateCreateForm, UnitCreateForm
from .common import nav_context


def _back(request: OfficialHttpRequest) -> HttpResponse:
    return redirect(request, reverse("console:agency"))


def _service_error(request: OfficialHttpRequest, exc: ServiceError) -> None:
    if isinstance(exc, ValidationFailed):
        messages.error(request, " ".join(m for msgs in exc.errors.values() for m in msgs))
    else:
        messages.error(request, exc.message)


@official_required
def agency_admin(request: OfficialHttpRequest) -> HttpResponse:
    access = request.console
    if not access.agency_admin:
        raise Http404
    agencies = []
    for agency in selectors.agency_admin_agencies(request_principal(request)):
        agencies.append(
            {
                "agency": agency,
                "units": list(agency_units(agency)),
                "officials": selectors.agency_officials(agency),
                "templates": selectors.agency_reply_templates(agency),
            }
        )
    return render(
        request,
        "console/agency.html",
        {
            **nav_context(request, "agency"),
            "agencies": agencies,
            "roles": [(r.value, r.label) for r in services.INVITABLE_ROLES],
            "template_kinds": TemplateKind.choices,
            "template_audience": TemplateCreateForm.audience,
        },
    )


@official_required
@require_POST
def agency_unit_create(request: OfficialHttpRequest, agency_id: int) -> HttpResponse:
    principal = request_principal(request)
    agency = selectors.agency_administered_get(principal, agency_id=agency_id)
    form = UnitCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.error_text())
        return _back(request)
    parent = agency
    if form.cleaned_data["parent"]:
        parent = selectors.agency_in_subtree_get(root=agency, agency_id=form.cleaned_data["parent"])
    try:
        unit = services.unit_create(actor=principal, parent=parent, name=form.cleaned_data["name"])
    except ServiceError as exc:
        _service_error(request, exc)
    else:
        messages.success(request, _("Unit “%(name)s” created.") % {"name": unit.name})
    return _back(request)


@official_required
@require_POST
def agency_invite(request: OfficialHttpRequest, agency_id: int) -> HttpResponse:
    principal = request_principal(request)
    agency = selectors.agency_administered_get(principal, agency_id=agency_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.error_text())
        return _back(request)
    where = agency
    if form.cleaned_data["unit"]:
        where = selectors.agency_in_subtree_get(root=agency, agency_id=form.cleaned_data["unit"])
    try:
        user = services.official_invite(
            actor=principal,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            role=form.cleaned_data["role"],
            agency=where,
            base_url=request.build_absolute_uri("/")[:-1],
        )
    except ServiceError as exc:
        _service_error(request, exc)
    else:
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
    return _back(request)


@official_required
@require_POST
def agency_revoke(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    try:
        services.official_revoke(actor=request_principal(request), membership_id=pk)
    except ServiceError as exc:
        if exc.status_code == 404:
            raise
        _service_error(request, exc)
    else:
        messages.success(request, _("Role removed."))
    return _back(request)


@official_required
@require_POST
def agency_template_create(request: OfficialHttpRequest, agency_id: int) -> HttpResponse:
    principal = request_principal(request)
    agency = selectors.agency_administered_get(principal, agency_id=agency_id)
    form = TemplateCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.error_text())
        return _back(request)
    try:
        services.reply_template_create(actor=principal, agency=agency, **form.cleaned_data)
    except ServiceError as exc:
        _service_error(request, exc)
    else:
        messages.success(request, _("Template saved."))
    return _back(request)


@official_required
@require_POST
def agency_template_deactivate(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    services.reply_template_deactivate(actor=request_principal(request), template_id=pk)
    return _back(request)
