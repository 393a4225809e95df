"""What the console reads of webhooks, for a principal: only its own agencies' rows."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lapor.accounts.principals import Principal
from lapor.agencies.models import Agency
from lapor.core.exceptions import NotFound

from .models import WebhookDelivery, WebhookEndpoint
from .permissions import webhook_agency_ids

DELIVERY_LOG_SIZE = 100


def webhook_agencies(principal: Principal) -> list[Agency]:
    """The agencies whose webhooks ``principal`` manages, by name."""
    return list(Agency.objects.filter(pk__in=webhook_agency_ids(principal)).order_by("name"))


def webhook_agency_get(principal: Principal, *, agency_id: int) -> Agency:
    if agency_id not in webhook_agency_ids(principal):
        raise NotFound(_("No such agency."))
    return Agency.objects.get(pk=agency_id)


def endpoints_of(agency: Agency) -> list[WebhookEndpoint]:
    return list(WebhookEndpoint.objects.filter(agency=agency).order_by("created_at", "pk"))


def endpoint_get(principal: Principal, *, pk: int) -> WebhookEndpoint:
    """One endpoint of an agency ``principal`` manages, or ``NotFound`` (another
    agency's endpoint looks like one that does not exist)."""
    endpoint = (
        WebhookEndpoint.objects.select_related("agency")
        .filter(pk=pk, agency_id__in=webhook_agency_ids(principal))
        .first()
    )
    if endpoint is None:
        raise NotFound(_("No such webhook."))
    return endpoint


def deliveries_of(agency: Agency, *, limit: int = DELIVERY_LOG_SIZE) -> list[WebhookDelivery]:
    """The agency's last deliveries, newest first."""
    return list(
        WebhookDelivery.objects.filter(endpoint__agency=agency)
        .select_related("endpoint")
        .order_by("-created_at", "-pk")[:limit]
    )


def delivery_get(principal: Principal, *, pk: int) -> WebhookDelivery:
    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=pk, endpoint__agency_id__in=webhook_agency_ids(principal))
        .first()
    )
    if delivery is None:
        raise NotFound(_("No such delivery."))
    return delivery
