"""What a principal may read of reports: the selectors every surface uses.

The rules themselves live in ``reports.visibility`` (the gate, applied by
``Report.objects.visible_to(principal)`` and its siblings); this module builds on them
what pages, the API, exports, search and notifications need: one report or a
404-like ``NotFound``, the timeline, the files, what may be known of the reporter, who
did what. Every function takes the :class:`~lapor.accounts.principals.Principal` it
reads for, never a bare user: an official whose second factor is not verified in this
session is a citizen here.

What a principal sees *of* a report depends on their relation to it
(``visibility.relation_of``): ``national`` (Admin Nasional), ``ombudsman``, ``handler``
(agency roles whose subtree holds it), ``pengawas``, ``reporter`` or ``public``:

* Reporter identity: the reporter and Admin Nasional always see it; nobody else on an
  anonymous report. On other reports handlers (Developer included: the agency's own
  complaint app answers the reporter) and the Ombudsman see name and contact, Pengawas
  the name only, and the public (other citizens, officials of unrelated agencies) the
  first name only, so a report reads as a person's without exposing who.
* Events: ``public`` to all who see the report; ``reporter`` to the reporter and
  officials related to it; ``internal`` to related officials only, Pengawas included.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from lapor.accounts.choices import Role
from lapor.accounts.models import RoleMembership, User
from lapor.accounts.principals import Principal
from lapor.agencies.selectors import agency_ancestor_ids
from lapor.core.exceptions import NotFound

from .models import Attachment, Report, ReportEvent
from .public_text import report_text_for
from .visibility import (
    ALL,
    HANDLER,
    NATIONAL,
    NONE,
    OFFICIAL_RELATIONS,
    OMBUDSMAN,
    PENGAWAS,
    related_q,
    relation_of,
    visibilities_for,
    visibility_stricter,
)

# --- reports -----------------------------------------------------------------------


def report_list_visible_to(principal: Principal) -> QuerySet[Report]:
    """Every report ``principal`` may read: one queryset, filtered in the database."""
    return Report.objects.visible_to(principal)


def report_get_visible_to(
    principal: Principal, *, tracking_id: str | None = None, pk: int | None = None
) -> Report:
    """One report by tracking ID or primary key, or ``NotFound``.

    Never "forbidden": a report one may not read looks exactly like one that does not
    exist.
    """
    if (tracking_id is None) == (pk is None):
        raise TypeError("Give exactly one of tracking_id or pk.")
    lookup = {"tracking_id": tracking_id} if tracking_id is not None else {"pk": pk}
    report = (
        Report.objects.visible_to(principal)
        .select_related("agency", "unit", "target_agency", "category", "region", "reporter")
        .filter(**lookup)
        .first()
    )
    if report is None:
        raise NotFound(_("No such report."))
    return report


def report_get_for_update(principal: Principal, *, pk: int) -> Report:
    """One report read through the gate and locked (its row only), for a write beside
    the moves (notes, assignments, redactions), or ``NotFound``: a report ``principal``
    may not read is refused like one that does not exist. Call inside a transaction."""
    report = (
        Report.objects.visible_to(principal)
        .select_for_update(of=("self",))
        .select_related("agency", "unit", "target_agency")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise NotFound(_("No such report."))
    return report


def report_is_visible_to(principal: Principal, report: Report) -> bool:
    return relation_of(principal, report) != NONE


def report_can_view_internal(principal: Principal, report: Report) -> bool:
    """Officials related to the report read its internal notes (the reporter does not)."""
    return relation_of(principal, report) in OFFICIAL_RELATIONS


def report_reporter_identity_for(
    principal: Principal, report: Report
) -> dict[str, str | None] | None:
    """What ``principal`` may know of who filed ``report``: ``{"name", "email", "phone"}``
    with ``None`` for what is withheld, or ``None`` for nothing at all."""
    reporter = report.reporter if report.reporter_id else None
    if reporter is None:
        return None
    relation = relation_of(principal, report)
    if relation == NONE:
        return None
    full = {"name": reporter.full_name or None, "email": reporter.email, "phone": reporter.phone}
    if relation == NATIONAL or principal.owns(report.reporter_id):
        return full
    if report.is_anonymous:
        return None
    if relation in (HANDLER, OMBUDSMAN):
        return full
    if relation == PENGAWAS:
        return {"name": reporter.full_name or None, "email": None, "phone": None}
    first = reporter.full_name.split()[0] if reporter.full_name.strip() else None
    if first is None:
        return None
    return {"name": first, "email": None, "phone": None}


def report_public_dict(principal: Principal, report: Report) -> dict[str, Any]:
    """A report as plain data for pages, the API and exports.

    Safe by default: refuses (``NotFound``) a report the principal may not read, and
    puts the reporter in only as far as :func:`report_reporter_identity_for` allows.
    The free text is masked for the public (``reports.public_text``). Officials related
    to the report also get the handling fields (due dates, unit).
    """
    relation = relation_of(principal, report)
    if relation == NONE:
        raise NotFound(_("No such report."))
    text = report_text_for(principal, report)
    data: dict[str, Any] = {
        "tracking_id": report.tracking_id,
        "title": text.title,
        "description": text.description,
        "classification": report.classification,
        "classification_label": str(report.get_classification_display()),
        "status": report.status,
        "status_label": str(report.get_status_display()),
        "category": report.category.name if report.category_id and report.category else None,
        "region_code": report.region_id,
        "region": report.region.name if report.region_id and report.region else None,
        "address": text.address,
        "latitude": float(report.latitude) if report.latitude is not None else None,
        "longitude": float(report.longitude) if report.longitude is not None else None,
        "incident_date": report.incident_date.isoformat() if report.incident_date else None,
        "agency": report.agency.name if report.agency_id and report.agency else None,
        "is_anonymous": report.is_anonymous,
        "is_confidential": report.is_confidential,
        "submitted_at": report.submitted_at.isoformat(),
        "status_changed_at": report.status_changed_at.isoformat(),
        "support_count": report.support_count,
        "rating": report.rating,
        "reporter": report_reporter_identity_for(principal, report),
    }
    if relation in OFFICIAL_RELATIONS:
        data.update(
            {
                "unit": report.unit.name if report.unit_id and report.unit else None,
                "channel": report.channel,
                "due_at": report.due_at.isoformat() if report.due_at else None,
            }
        )
    return data


# --- events ------------------------------------------------------------------------


def report_events_visible_to(principal: Principal, report: Report) -> QuerySet[ReportEvent]:
    """The timeline of ``report`` as ``principal`` may read it (empty if not at all).

    The same rows as ``ReportEvent.objects.visible_to(principal).filter(report=report)``,
    decided once for the loaded report instead of per row in SQL.
    """
    visibilities = visibilities_for(principal, report)
    # The report and what decides the viewer's relation to it come along, so that
    # labelling each event (event_actor_label_for) costs no further query.
    return (
        ReportEvent.objects.filter(report=report, visibility__in=visibilities)
        .select_related(
            "actor",
            "actor_agency",
            "report__reporter",
            "report__agency",
            "report__unit",
            "report__target_agency",
        )
        .order_by("created_at", "id")
    )


def reports_related_to(principal: Principal) -> QuerySet[Report]:
    """The reports ``principal`` reads *as an official* (for an agency's key: the
    reports its subtree handles), not the public ones of others (the agency apps' list)."""
    q = related_q(principal)
    if q is None:
        return Report.objects.none()
    return Report.objects.all() if q is ALL else Report.objects.filter(q)


def events_related_to(principal: Principal) -> QuerySet[ReportEvent]:
    """Every event of the reports ``principal`` reads *as an official* (for an agency's
    key: the reports its subtree handles), every visibility, and none of the public
    timelines of other reports (the agency apps' changes feed)."""
    q = related_q(principal, "report__")
    if q is None:
        return ReportEvent.objects.none()
    return ReportEvent.objects.all() if q is ALL else ReportEvent.objects.filter(q)


def event_actor_label_for(principal: Principal, event: ReportEvent) -> str:
    """Who did it, as ``principal`` may know it.

    The reporter's own moves on an anonymous report read "Anonymous reporter" to all
    but the reporter and Admin Nasional. Officials appear by name only to officials
    related to the report; to the reporter and the public they are their agency.
    """
    report = event.report
    if event.actor_id is None:
        # An agency's move with no person behind it (an agency's app, imported
        # history) reads as the agency; only moves of nobody read "System".
        if event.actor_agency_id and event.actor_agency:
            return event.actor_agency.name
        return str(_("System"))
    if report.reporter_id is not None and event.actor_id == report.reporter_id:
        identity = report_reporter_identity_for(principal, report)
        if report.is_anonymous and identity is None:
            return str(_("Anonymous reporter"))
        if identity and identity["name"]:
            return identity["name"]
        return str(_("Reporter"))
    office = event.actor_agency.name if event.actor_agency_id and event.actor_agency else None
    if office is None:
        office = _role_label(event.actor_role) or str(_("LAPOR! officer"))
    if report_can_view_internal(principal, report):
        name = event.actor.full_name if event.actor else ""
        return f"{name} ({office})" if name else office
    return office


def _role_label(role: str) -> str | None:
    return str(Role(role).label) if role in Role.values else None


# --- attachments -------------------------------------------------------------------


def attachment_get_visible_to(principal: Principal, pk: int) -> Attachment:
    """One attachment ``principal`` may download, or ``NotFound``.

    Its own visibility and that of the event it hangs on both apply (the stricter).
    """
    attachment = (
        Attachment.objects.visible_to(principal)
        .filter(pk=pk)
        .select_related(
            "event", "report", "report__agency", "report__unit", "report__target_agency"
        )
        .first()
    )
    if attachment is None:
        raise NotFound(_("No such file."))
    # The gate decided in SQL; the loaded rows must agree (a second, independent check).
    needed = attachment.visibility
    if attachment.event_id and attachment.event:
        needed = visibility_stricter(needed, attachment.event.visibility)
    if needed not in visibilities_for(principal, attachment.report):
        raise NotFound(_("No such file."))
    return attachment


def report_attachments_visible_to(principal: Principal, report: Report) -> QuerySet[Attachment]:
    """The attachments of ``report`` that ``principal`` may download."""
    visibilities = visibilities_for(principal, report)
    return (
        Attachment.objects.filter(report=report, visibility__in=visibilities)
        .filter(Q(event__isnull=True) | Q(event__visibility__in=visibilities))
        .order_by("created_at", "id")
    )


def report_officers(report: Report) -> list[User]:
    """The officials who may be given the report to work on (``services.report_assign``):
    Admin Instansi over the handling agency, Admin Unit over the unit it was passed to
    (one query)."""
    q = Q(pk__in=[])
    if report.agency_id and report.agency is not None:
        ids = [*agency_ancestor_ids(report.agency), report.agency_id]
        q |= Q(role=Role.ADMIN_INSTANSI, agency_id__in=ids)
    if report.unit_id and report.unit is not None:
        ids = [*agency_ancestor_ids(report.unit), report.unit_id]
        q |= Q(role=Role.ADMIN_UNIT, agency_id__in=ids)
    users = {
        m.user_id: m.user
        for m in RoleMembership.objects.filter(q, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "user_id")
    }
    return list(users.values())


__all__ = [
    "attachment_get_visible_to",
    "event_actor_label_for",
    "events_related_to",
    "report_attachments_visible_to",
    "report_can_view_internal",
    "report_events_visible_to",
    "report_get_for_update",
    "report_get_visible_to",
    "report_is_visible_to",
    "report_list_visible_to",
    "report_officers",
    "report_public_dict",
    "report_reporter_identity_for",
    "visibility_stricter",
]
