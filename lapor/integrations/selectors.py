"""Reads of API keys: only for the people who manage them."""

from __future__ import annotations

from django.db.models import QuerySet

from lapor.accounts.principals import Principal
from lapor.agencies.models import Agency
from lapor.core.exceptions import NotFound

from .models import ApiKey
from .permissions import KEY_MANAGER_ROLES, can_manage_keys


def apikey_agencies_for(principal: Principal) -> QuerySet[Agency]:
    """The agencies whose keys ``principal`` manages: those it holds a manager role
    for (the roots of its scopes; a unit's keys are its agency's)."""
    if not principal.is_official:
        return Agency.objects.none()
    ids = [s.agency_id for s in principal.scopes if s.role in KEY_MANAGER_ROLES and s.agency_id]
    return Agency.objects.filter(pk__in=ids, is_active=True).order_by("name", "pk")


def apikey_agency_get(principal: Principal, *, agency_id: int) -> Agency:
    """An agency whose keys ``principal`` manages, or ``NotFound``."""
    agency = Agency.objects.filter(pk=agency_id, is_active=True).first()
    if agency is None or not can_manage_keys(principal, agency_path=agency.path):
        raise NotFound
    return agency


def apikeys_for(principal: Principal, agency_id: int) -> QuerySet[ApiKey]:
    """The keys of an agency, newest first; ``NotFound`` unless ``principal`` manages
    them. The rows carry the hash; pages never show it."""
    agency = apikey_agency_get(principal, agency_id=agency_id)
    return ApiKey.objects.filter(agency=agency).select_related("created_by")


def apikeys_by_agency(principal: Principal) -> list[tuple[Agency, list[ApiKey]]]:
    """Each agency whose keys ``principal`` manages, with its keys (newest first): two
    queries however many agencies."""
    agencies = list(apikey_agencies_for(principal))
    keys: dict[int, list[ApiKey]] = {agency.pk: [] for agency in agencies}
    for key in ApiKey.objects.filter(agency_id__in=keys).select_related("created_by"):
        keys[key.agency_id].append(key)
    return [(agency, keys[agency.pk]) for agency in agencies]


def apikey_get(principal: Principal, *, key_id: int) -> ApiKey:
    """One key ``principal`` manages, or ``NotFound`` (another agency's key looks like
    one that does not exist)."""
    key = ApiKey.objects.select_related("agency").filter(pk=key_id).first()
    if key is None or not can_manage_keys(principal, agency_path=key.agency.path):
        raise NotFound
    return key
