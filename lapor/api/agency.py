"""The agency app's API (``/api/v1/agency/``): file reports on behalf of the agency's
own users, read the reports its subtree handles, make its agency-side moves, and follow
the changes feed. Every endpoint acts as the key's principal
(``accounts.principals.principal_for_agency_key``): it reads what the agency's
officials read (the gate) and makes the moves its Admin Instansi makes
(``reports.permissions``), recorded as the agency with no person behind them.

A report the agency does not handle is answered 404, like one that does not exist.
Every POST honours ``Idempotency-Key`` (``api.services.idempotent``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile as NinjaUploadedFile
from pydantic import Field

from lapor.accounts.principals import Principal
from lapor.core.exceptions import NotFound
from lapor.reports import services as report_services
from lapor.reports.models import Report, ReportEvent
from lapor.reports.selectors import (
    report_events_visible_to,
    report_get_visible_to,
    report_public_dict,
)
from lapor.reports.visibility import OFFICIAL_RELATIONS, relation_of

from .auth import KeyAuth
from .changes import agency_reports_page, changes_page, event_dict
from .schemas import ErrorOut
from .services import (
    agency_report_create,
    body_json,
    external_response_body,
    idempotent,
    request_fingerprint,
)

agency_router = Router(tags=["agency"], auth=KeyAuth())

Result = tuple[int, Any]


# --- schemas ---------------------------------------------------------------------


# What every endpoint may answer besides its success: no or a bad key, a report that is
# not the agency's (or does not exist), input refused.
ERRORS: dict[int, type[Schema]] = {
    401: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}
# A move may also be refused as not allowed (403) or not possible now (409).
MOVE_ERRORS: dict[int, type[Schema]] = {**ERRORS, 403: ErrorOut, 409: ErrorOut}


class AgencyContactIn(Schema):
    name: str = Field("", max_length=150)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=30)


class AgencyReportCreateIn(Schema):
    external_id: str = Field(..., min_length=1, max_length=100)
    classification: str
    title: str
    description: str
    category_id: int | None = None
    region_code: str | None = None
    address: str = ""
    incident_date: date | None = None
    latitude: float | None = None
    longitude: float | None = None
    target_agency_id: int | None = None
    anonymous: bool = False
    confidential: bool = False
    reporter: AgencyContactIn | None = None


class AgencyReportCreatedOut(Schema):
    tracking_id: str
    external_id: str
    status: str


class AgencyEventOut(Schema):
    id: int
    tracking_id: str
    code: str
    created_at: str
    from_status: str
    to_status: str
    note: str
    visibility: str
    actor: str
    data: dict[str, Any]


class AgencyChangesOut(Schema):
    events: list[AgencyEventOut]
    cursor: str
    has_more: bool


class AgencyReportOut(Schema):
    tracking_id: str
    title: str
    description: str
    classification: str
    status: str
    category: str | None
    region_code: str | None
    address: str
    incident_date: str | None
    agency: str | None
    unit: str | None = None
    is_anonymous: bool
    is_confidential: bool
    submitted_at: str
    updated_at: str
    due_at: str | None = None
    channel: str | None = None
    reporter: dict[str, str | None] | None


class AgencyReportDetailOut(AgencyReportOut):
    timeline: list[AgencyEventOut]


class AgencyReportListOut(Schema):
    items: list[AgencyReportOut]
    next_cursor: str | None


# --- helpers ---------------------------------------------------------------------


def _principal(request: HttpRequest) -> Principal:
    auth = request.auth  # type: ignore[attr-defined]
    assert isinstance(auth, Principal) and auth.is_agency_key
    return auth


def _own_report(principal: Principal, tracking_id: str) -> Report:
    """A report the key's agency handles (reads as its officials), or ``NotFound``: a
    public report of another agency is not this API's to act on."""
    report = report_get_visible_to(principal, tracking_id=tracking_id)
    if relation_of(principal, report) not in OFFICIAL_RELATIONS:
        raise NotFound(_("No such report."))
    return report


def _report_out(principal: Principal, report: Report) -> dict[str, Any]:
    data = report_public_dict(principal, report)
    data["updated_at"] = report.updated_at.isoformat()
    return data


def _respond(request: HttpRequest, fingerprint: bytes, fn: Callable[[], Result]) -> HttpResponse:
    """Run ``fn`` (once per ``Idempotency-Key`` when the request has one) and answer."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        status, body = fn()
    else:
        status, body = idempotent(
            principal=_principal(request),
            key=key,
            fingerprint=request_fingerprint(request.method or "POST", request.path, fingerprint),
            fn=fn,
        )
    return JsonResponse(body, status=status)


def _form_fingerprint(request: HttpRequest, files: Sequence[UploadedFile]) -> bytes:
    """Multipart bodies differ by boundary between retries: hash what they carry."""
    digests = []
    for f in files:
        h = hashlib.sha256()
        for chunk in f.chunks():
            h.update(chunk)
        f.seek(0)
        digests.append([f.name, h.hexdigest()])
    return body_json({"form": {k: request.POST.getlist(k) for k in request.POST}, "files": digests})


def _move(
    request: HttpRequest,
    tracking_id: str,
    files: Sequence[UploadedFile],
    act: Callable[[Principal, Report], ReportEvent],
    status: int = 200,
) -> HttpResponse:
    principal = _principal(request)

    def run() -> Result:
        report = _own_report(principal, tracking_id)
        event = act(principal, report)
        event = ReportEvent.objects.select_related("report", "actor", "actor_agency").get(
            pk=event.pk
        )
        return status, event_dict(principal, event)

    return _respond(request, _form_fingerprint(request, files), run)


# --- endpoints -------------------------------------------------------------------


@agency_router.post(
    "/reports",
    response={200: AgencyReportCreatedOut, 201: AgencyReportCreatedOut, **ERRORS},
    summary="File a report on behalf of the agency's user",
)
def report_create(request: HttpRequest, payload: AgencyReportCreateIn) -> HttpResponse:
    """201 with the tracking ID; 200 with the same report for an ``external_id`` filed
    before."""
    principal = _principal(request)

    def run() -> Result:
        contact = payload.reporter or AgencyContactIn(name="", email="", phone="")
        report, created = agency_report_create(
            actor=principal,
            external_id=payload.external_id,
            classification=payload.classification,
            title=payload.title,
            description=payload.description,
            incident_date=payload.incident_date,
            region_code=payload.region_code,
            latitude=payload.latitude,
            longitude=payload.longitude,
            address=payload.address,
            category_id=payload.category_id,
            target_agency_id=payload.target_agency_id,
            anonymous=payload.anonymous,
            confidential=payload.confidential,
            reporter_name=contact.name,
            reporter_email=contact.email,
            reporter_phone=contact.phone,
        )
        return (201 if created else 200), external_response_body(report, payload.external_id)

    return _respond(request, request.body, run)


@agency_router.get(
    "/reports", response={200: AgencyReportListOut, **ERRORS}, summary="The agency's reports"
)
def report_list(
    request: HttpRequest,
    status: str | None = None,
    updated_since: datetime | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> dict[str, Any]:
    principal = _principal(request)
    rows, next_cursor = agency_reports_page(
        principal, status=status, updated_since=updated_since, cursor=cursor, limit=limit
    )
    return {"items": [_report_out(principal, r) for r in rows], "next_cursor": next_cursor}


@agency_router.get(
    "/reports/{tracking_id}",
    response={200: AgencyReportDetailOut, **ERRORS},
    summary="One report with its timeline",
)
def report_detail(request: HttpRequest, tracking_id: str) -> dict[str, Any]:
    principal = _principal(request)
    report = _own_report(principal, tracking_id)
    data = _report_out(principal, report)
    data["timeline"] = [
        event_dict(principal, e) for e in report_events_visible_to(principal, report)
    ]
    return data


@agency_router.post(
    "/reports/{tracking_id}/followups",
    response={201: AgencyEventOut, **MOVE_ERRORS},
    summary="Post a follow-up (tindak lanjut)",
)
def report_followup(
    request: HttpRequest,
    tracking_id: str,
    note: Form[str],
    visibility: Form[str | None] = None,
    files: File[list[NinjaUploadedFile]] = None,  # type: ignore[assignment]
) -> HttpResponse:
    files = list(files or [])
    return _move(
        request,
        tracking_id,
        files,
        lambda p, r: report_services.report_follow_up(
            report_id=r.pk, actor=p, note=note, visibility=visibility or None, files=files
        ),
        status=201,
    )


@agency_router.post(
    "/reports/{tracking_id}/answer",
    response={200: AgencyEventOut, **MOVE_ERRORS},
    summary="Give the answer",
)
def report_answer(
    request: HttpRequest,
    tracking_id: str,
    note: Form[str],
    visibility: Form[str | None] = None,
    files: File[list[NinjaUploadedFile]] = None,  # type: ignore[assignment]
) -> HttpResponse:
    files = list(files or [])
    return _move(
        request,
        tracking_id,
        files,
        lambda p, r: report_services.report_resolve(
            report_id=r.pk, actor=p, note=note, visibility=visibility or None, files=files
        ),
    )


@agency_router.post(
    "/reports/{tracking_id}/units",
    response={200: AgencyEventOut, **MOVE_ERRORS},
    summary="Pass to a unit",
)
def report_to_unit(
    request: HttpRequest, tracking_id: str, unit_id: Form[int], note: Form[str] = ""
) -> HttpResponse:
    return _move(
        request,
        tracking_id,
        [],
        lambda p, r: report_services.report_dispose_to_unit(
            report_id=r.pk, actor=p, unit_id=unit_id, note=note
        ),
    )


@agency_router.post(
    "/reports/{tracking_id}/not-ours",
    response={200: AgencyEventOut, **MOVE_ERRORS},
    summary="Not our authority",
)
def report_not_ours(
    request: HttpRequest,
    tracking_id: str,
    note: Form[str],
    files: File[list[NinjaUploadedFile]] = None,  # type: ignore[assignment]
) -> HttpResponse:
    files = list(files or [])
    return _move(
        request,
        tracking_id,
        files,
        lambda p, r: report_services.report_decline(
            report_id=r.pk, actor=p, note=note, files=files
        ),
    )


@agency_router.post(
    "/reports/{tracking_id}/transfer",
    response={200: AgencyEventOut, **MOVE_ERRORS},
    summary="Transfer to another agency",
)
def report_transfer(
    request: HttpRequest,
    tracking_id: str,
    agency_id: Form[int],
    note: Form[str],
    files: File[list[NinjaUploadedFile]] = None,  # type: ignore[assignment]
) -> HttpResponse:
    files = list(files or [])
    return _move(
        request,
        tracking_id,
        files,
        lambda p, r: report_services.report_transfer(
            report_id=r.pk, actor=p, agency_id=agency_id, note=note, files=files
        ),
    )


@agency_router.get(
    "/changes", response={200: AgencyChangesOut, **ERRORS}, summary="The changes feed"
)
def changes(request: HttpRequest, cursor: str | None = None, limit: int = 100) -> dict[str, Any]:
    """Every event on the agency's reports, in order, after ``cursor``; keep the
    returned ``cursor`` (only the string) and send it back for what follows."""
    principal = _principal(request)
    page = changes_page(principal, cursor=cursor, limit=limit)
    return {
        "events": [event_dict(principal, e) for e in page.events],
        "cursor": page.cursor,
        "has_more": page.has_more,
    }
