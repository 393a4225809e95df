"""The public reads: reports, one report with its timeline, categories, agencies,
regions.

Every report comes through the gate (``reports.listing.public_reports`` for the list,
``reports.selectors`` for one report) and leaves through ``report_public_dict`` (the
public masking of free text, the reporter as far as the caller may know them). The list
is the public list, the same for everyone; one report is read as the caller's principal
(``api_principal``), as the portal's page does. Every operation counts against the
caller's per-IP rate limit.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.db.models import F, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router

from lapor.accounts.principals import VISITOR, Principal
from lapor.agencies.models import Agency, Category
from lapor.core.exceptions import NotFound, ValidationFailed
from lapor.regions.models import Region
from lapor.regions.selectors import region_children
from lapor.reports.choices import PUBLIC_STATUSES
from lapor.reports.events import event_label
from lapor.reports.listing import ReportFilters, public_reports, reports_before
from lapor.reports.models import Attachment
from lapor.reports.public_text import event_note_for
from lapor.reports.selectors import (
    event_actor_label_for,
    report_attachments_visible_to,
    report_can_view_internal,
    report_events_visible_to,
    report_get_visible_to,
    report_public_dict,
)
from lapor.reports.tracking import normalize_tracking_id

from .auth import OptionalKeyAuth, api_principal
from .ratelimit import client_ip, rate_limit
from .schemas import (
    AgencyListParams,
    AgencyPageOut,
    CategoryOut,
    ErrorOut,
    RegionListParams,
    RegionOut,
    ReportListParams,
    ReportOut,
    ReportPageOut,
    ReportSummaryOut,
)

public_router = Router(tags=["public"], auth=OptionalKeyAuth())
# In OpenAPI the key is optional: ninja lists the bearer key; ``{}`` adds "or nothing".
OPTIONAL_KEY: dict[str, Any] = {"security": [{}]}

ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}

SUMMARY_FIELDS = tuple(ReportSummaryOut.model_fields)


def _limit(request: HttpRequest) -> Principal:
    """The caller's principal, after counting the request (per key, or per IP)."""
    principal = api_principal(request)
    if not principal.is_agency_key:  # a key's requests are counted by its auth class
        rate_limit(bucket="ip", identity=client_ip(request))
    return principal


# --- cursors ---------------------------------------------------------------------------


def _encode(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, keys: tuple[str, ...]) -> dict[str, Any]:
    """An opaque cursor back to its key, or a 422 on the ``cursor`` field."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        if not isinstance(data, dict) or set(data) != set(keys):
            raise ValueError(cursor)
        return data
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise _bad_cursor() from exc


def _bad_cursor() -> ValidationFailed:
    return ValidationFailed({"cursor": [_("This cursor is not valid. Start again without one.")]})


def _next_url(request: HttpRequest, cursor: str) -> str:
    params = request.GET.copy()
    params["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{urlencode(list(params.items()))}")


# --- reports ---------------------------------------------------------------------------


def _summary(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    tracking_id = data["tracking_id"]
    out = {key: data[key] for key in SUMMARY_FIELDS if key in data}
    out["url"] = request.build_absolute_uri(
        reverse("api-v1:report_get", kwargs={"tracking_id": tracking_id})
    )
    out["web_url"] = request.build_absolute_uri(reverse("portal:report", args=[tracking_id]))
    return out


def _attachment(request: HttpRequest, attachment: Attachment) -> dict[str, Any]:
    return {
        "id": attachment.pk,
        "kind": attachment.kind,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "url": request.build_absolute_uri(reverse("reports:attachment", args=[attachment.pk])),
    }


@public_router.get(
    "/reports",
    response={200: ReportPageOut, **ERRORS},
    openapi_extra=OPTIONAL_KEY,
    url_name="report_list",
    summary="List public reports",
)
def report_list(request: HttpRequest, params: Query[ReportListParams]) -> dict[str, Any]:
    """The public reports, newest first, as every visitor reads them (a confidential
    report is never listed). Pages are cursor-based: a report filed while a client
    pages through the list never shifts the pages it has not read yet."""
    _limit(request)
    if params.status is not None and params.status not in PUBLIC_STATUSES:
        # Reports in other statuses are never public: the list is empty, not an error.
        return {"items": [], "next": None, "next_cursor": None}
    filters = ReportFilters(
        q=params.q,
        classification=params.classification.value if params.classification else "",
        status=params.status.value if params.status else "",
        category=params.category,
        agency=params.agency,
        region=params.region,
        date_from=params.date_from,
        date_to=params.date_to,
    )
    qs = public_reports(filters)
    if params.cursor:
        key = _decode(params.cursor, ("t", "i"))
        try:
            submitted_at = datetime.fromisoformat(str(key["t"]))
            pk = int(key["i"])
        except (TypeError, ValueError):
            raise _bad_cursor() from None
        qs = reports_before(qs, submitted_at=submitted_at, pk=pk)
    # Not deferring the description: report_public_dict masks it, so it would cost a
    # query per row.
    rows = list(
        qs.select_related("agency", "category", "region", "reporter", "unit", "target_agency")[
            : params.limit + 1
        ]
    )
    page, more = rows[: params.limit], len(rows) > params.limit
    items = [_summary(request, report_public_dict(VISITOR, r)) for r in page]
    next_cursor = None
    if more:
        last = page[-1]
        next_cursor = _encode({"t": last.submitted_at.isoformat(), "i": last.pk})
    return {
        "items": items,
        "next": _next_url(request, next_cursor) if next_cursor else None,
        "next_cursor": next_cursor,
    }


@public_router.get(
    "/reports/{tracking_id}",
    response={200: ReportOut, **ERRORS},
    openapi_extra=OPTIONAL_KEY,
    url_name="report_get",
    summary="One report with its timeline",
)
def report_get(request: HttpRequest, tracking_id: str) -> dict[str, Any]:
    """One report by its tracking ID, with the timeline and files the caller may read.
    A report the caller may not read answers 404, exactly like one that does not exist."""
    principal = _limit(request)
    normalized = normalize_tracking_id(tracking_id)
    if normalized is None:
        raise NotFound()
    report = report_get_visible_to(principal, tracking_id=normalized)
    data = report_public_dict(principal, report)
    official = report_can_view_internal(principal, report)
    files: dict[int | None, list[dict[str, Any]]] = {}
    for attachment in report_attachments_visible_to(principal, report):
        files.setdefault(attachment.event_id, []).append(_attachment(request, attachment))
    timeline = [
        {
            "code": event.code,
            "label": event_label(event.code, official=official),
            "actor": event_actor_label_for(principal, event),
            "created_at": event.created_at,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "note": event_note_for(principal, event),
            "attachments": files.get(event.pk, []),
        }
        for event in report_events_visible_to(principal, report)
    ]
    return {
        **data,
        **_summary(request, data),
        "timeline": timeline,
        # The gate already matched each file to an event the caller reads; these hang
        # on none.
        "attachments": files.get(None, []),
    }


# --- categories, agencies, regions -------------------------------------------------------


@public_router.get(
    "/categories",
    response={200: list[CategoryOut], 401: ErrorOut, 429: ErrorOut},
    openapi_extra=OPTIONAL_KEY,
    url_name="category_list",
    summary="Report topics",
)
def category_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Every active topic and subtopic, topics first; ``label`` is in the request's
    language (the English name when English is asked for and there is one)."""
    _limit(request)
    rows = Category.objects.filter(is_active=True).filter(
        Q(parent__isnull=True) | Q(parent__is_active=True)
    )
    return [
        {
            "id": c.pk,
            "slug": c.slug,
            "name": c.name,
            "name_en": c.name_en,
            "label": c.label,
            "parent": c.parent_id,
        }
        for c in rows.order_by(F("parent_id").asc(nulls_first=True), "sort_order", "name", "pk")
    ]


@public_router.get(
    "/agencies",
    response={200: AgencyPageOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    openapi_extra=OPTIONAL_KEY,
    url_name="agency_list",
    summary="Agencies",
)
def agency_list(request: HttpRequest, params: Query[AgencyListParams]) -> dict[str, Any]:
    """Active agencies and units, by name."""
    _limit(request)
    qs = Agency.objects.filter(is_active=True)
    words = params.q.split()
    if words:
        by_name = Q()
        for word in words:
            by_name &= Q(name__icontains=word)
        by_code = Q(code__istartswith=words[0]) if len(words) == 1 else Q(pk__in=[])
        qs = qs.filter(by_name | by_code)
    if params.kind is not None:
        qs = qs.filter(kind=params.kind.value)
    if params.parent:
        qs = qs.filter(parent__code=params.parent)
    if params.cursor:
        key = _decode(params.cursor, ("n", "i"))
        name, pk = key["n"], key["i"]
        if not isinstance(name, str) or not isinstance(pk, int):
            raise _bad_cursor()
        qs = qs.filter(Q(name__gt=name) | Q(name=name, pk__gt=pk))
    rows = list(qs.select_related("parent").order_by("name", "pk")[: params.limit + 1])
    page, more = rows[: params.limit], len(rows) > params.limit
    next_cursor = _encode({"n": page[-1].name, "i": page[-1].pk}) if more else None
    return {
        "items": [
            {
                "id": a.pk,
                "code": a.code,
                "name": a.name,
                "kind": a.kind,
                "kind_label": str(a.get_kind_display()),
                "parent": a.parent.code if a.parent_id and a.parent else None,
                "region_code": a.region_id,
            }
            for a in page
        ],
        "next": _next_url(request, next_cursor) if next_cursor else None,
        "next_cursor": next_cursor,
    }


@public_router.get(
    "/regions",
    response={200: list[RegionOut], 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    openapi_extra=OPTIONAL_KEY,
    url_name="region_list",
    summary="Regions",
)
def region_list(request: HttpRequest, params: Query[RegionListParams]) -> list[dict[str, Any]]:
    """The regions directly inside ``parent`` by name (the provinces without it); an
    unknown code gives an empty list."""
    _limit(request)
    regions: list[Region] = list(region_children(parent_code=params.parent or None))
    return [
        {
            "code": r.code,
            "name": r.name,
            "level": r.level,
            "level_label": str(r.get_level_display()),
            "parent": r.parent_id,
            "timezone": r.timezone,
        }
        for r in regions
    ]
