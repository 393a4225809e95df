"""Agency administration: units, invitations, roles, and reply templates."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from lapor.accounts.models import RoleMembership
from lapor.accounts.services import membership_revoke
from lapor.agencies.models import Agency
from lapor.agencies.selectors import agency_units
from lapor.core.exceptions import ServiceError, ValidationFailed

from .. import selectors, services
from ..access import (
    OfficialHttpRequest,
    official_required,
    redirect,
)
from ..choices import TemplateKind
from ..models import ReplyTemplate
from .common import nav_context


def _administered(request: OfficialHttpRequest, agency_id: int) -> Agency:
    for agency in selectors.agency_admin_agencies(request.user):
        if agency.pk == agency_id:
            return agency
    raise Http404


@official_required
def agency_admin(request: OfficialHttpRequest) -> HttpResponse:
    access = request.console
    if not access.agency_admin:
        raise Http404
    agencies = []
    for agency in selectors.agency_admin_agencies(request.user):
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
        },
    )


@official_required
@require_POST
def agency_unit_create(request: OfficialHttpRequest, agency_id: int) -> HttpResponse:
    agency = _administered(request, agency_id)
    parent = agency
    if request.POST.get("parent", "").isdecimal():
        parent = get_object_or_404(
            Agency, pk=int(request.POST["parent"]), path__startswith=agency.path
        )
    try:
        unit = services.unit_create(
            actor=request.user, parent=parent, name=request.POST.get("name", "")
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Unit “%(name)s” created.") % {"name": unit.name})
    return redirect(request, reverse("console:agency"))


@official_required
@require_POST
def agency_invite(request: OfficialHttpRequest, agency_id: int) -> HttpResponse:
    agency = _administered(request, agency_id)
    where = agency
    if request.POST.get("unit", "").isdecimal():
        where = get_object_or_404(
            Agency, pk=int(request.POST["unit"]), path__startswith=agency.path
        )
    try:
        user = services.official_invite(
            actor=request.user,
            email=request.POST.get("email", ""),
            full_name=request.POST.get("full_name", ""),
            role=request.POST.get("role", ""),
            agency=where,
            base_url=request.build_absolute_uri("/")[:-1],
        )
    except ValidationFailed as exc:
        messages.error(request, " ".join(m for msgs in exc.errors.values() for m in msgs))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
    return redirect(request, reverse("console:agency"))


@official_required
@require_POST
def agency_revoke(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(RoleMembership.objects.select_related("agency", "user"), pk=pk)
    try:
        if membership.user_id == request.user.pk:
            raise ServiceError(_("You cannot remove your own role."))
        membership_revoke(membership=membership, revoked_by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Role removed."))
    return redirect(request, reverse("console:agency"))


@official_required
@require_POST
def agency_template_create(request: OfficialHttpRequest, agency_id: int) -> HttpResponse:
    agency = _administered(request, agency_id)
    try:
        services.reply_template_create(
            actor=request.user,
            agency=agency,
            kind=request.POST.get("kind", ""),
            title=request.POST.get("title", ""),
            body=request.POST.get("body", ""),
        )
    except ValidationFailed as exc:
        messages.error(request, " ".join(m for msgs in exc.errors.values() for m in msgs))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Template saved."))
    return redirect(request, reverse("console:agency"))


@official_required
@require_POST
def agency_template_deactivate(request: OfficialHttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ReplyTemplate.objects.select_related("agency"), pk=pk)
    try:
        services.reply_template_deactivate(actor=request.user, template=template)
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect(request, reverse("console:agency"))
