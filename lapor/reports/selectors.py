"""Who may read which report, event, attachment and reporter identity.

This module is THE one place that decides it. Every page, API endpoint, export,
search and notification reads reports through these functions, so a forgotten
"anonymous" or "confidential" flag in some view cannot leak anything.

The rules (``reports/tests/test_visibility.py`` holds them as tables, role by role):

* **The public** (no account, or a citizen with no role): reports that are not
  confidential and have been verified (``PUBLIC_STATUSES``).
* **The reporter**: additionally every report of their own.
* **Admin Instansi / Admin Unit / Developer**: additionally the reports whose
  ``agency`` or ``unit`` lies in a subtree they hold, and the reports waiting for
  verification (``submitted``/``on_hold``) whose ``target_agency`` (the agency the
  reporter picked, which verifies them) lies in one.
* **Admin Nasional and Ombudsman**: everything.
* **Pengawas (KSP)**: every report that is not confidential, in any status.

What a viewer sees *of* a report depends on their relation to it (:func:`_relation`):
``national`` (Admin Nasional), ``ombudsman``, ``handler`` (agency roles whose subtree
holds it), ``pengawas``, ``reporter`` or ``public``. Decisions:

* Reporter identity: the reporter and Admin Nasional always see it; nobody else on an
  anonymous report. On other reports handlers (Developer included: the agency's own
  complaint app answers the reporter) and the Ombudsman see name and contact, Pengawas
  the name only, and the public (other citizens, officials of unrelated agencies) the
  first name only, so a report reads as a person's without exposing who.
* Events: ``public`` to all who see the report; ``reporter`` to the reporter and
  officials related to it; ``internal`` to related officials only, Pengawas included
  (read-only oversight needs the reasons for dispositions and declines; Pengawas never
  sees confidential reports, so this never opens a confidential file).
* A Django superuser flag grants nothing here: without a role a superuser is public.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lapor.accounts.choices import Role
from lapor.accounts.models import User
from lapor.accounts.selectors import user_scopes
from lapor.agencies.models import Agency

from .choices import PUBLIC_STATUSES, Status, Visibility
from .models import Attachment, Report, ReportEvent

Viewer = User | AnonymousUser | None

# Agency roles see the reports of their subtree.
SUBTREE_ROLES = frozenset({Role.ADMIN_INSTANSI, Role.ADMIN_UNIT, Role.DEVELOPER})
# Statuses in which the agency the reporter picked is the one verifying the report.
TARGET_VERIFY_STATUSES = (Status.SUBMITTED, Status.ON_HOLD)

# A viewer's relation to one report, strongest first.
NATIONAL = "national"
OMBUDSMAN = "ombudsman"
HANDLER = "handler"
PENGAWAS = "pengawas"
REPORTER = "reporter"
PUBLIC = "public"
NONE = "none"  # may not see the report at all

OFFICIAL_RELATIONS = frozenset({NATIONAL, OMBUDSMAN, HANDLER, PENGAWAS})

_VISIBILITY_RANK = {Visibility.PUBLIC: 0, Visibility.REPORTER: 1, Visibility.INTERNAL: 2}


def visibility_stricter(a: str, b: str) -> str:
    """The stricter of two visibilities (an attachment on an internal note is internal)."""
    return a if _VISIBILITY_RANK[a] >= _VISIBILITY_RANK[b] else b  # type: ignore[index]


def _authenticated(user: Viewer) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _roles(user: Viewer) -> set[str]:
    return {s.role for s in user_scopes(user)} if _authenticated(user) else set()


def _subtree_paths(user: Viewer) -> list[str]:
    if not _authenticated(user):
        return []
    return sorted({s.path for s in user_scopes(user) if s.role in SUBTREE_ROLES and s.path})


# --- reports -----------------------------------------------------------------------


def _public_q() -> Q:
    return Q(is_confidential=False, status__in=list(PUBLIC_STATUSES))


def report_visibility_q(user: Viewer) -> Q | None:
    """The condition a report must meet for ``user`` to read it; ``None`` = all."""
    q = _public_q()
    if not _authenticated(user):
        return q
    roles = _roles(user)
    if roles & {Role.ADMIN_NASIONAL, Role.OMBUDSMAN}:
        return None
    q |= Q(reporter_id=user.pk)  # type: ignore[union-attr]
    if Role.PENGAWAS in roles:
        q |= Q(is_confidential=False)
    paths = _subtree_paths(user)
    if paths:
        # One uncorrelated subquery on the agency tree (an indexed prefix match on
        # path) instead of OR-ed joins: the planner hashes the few ids once and
        # tests report.agency_id / unit_id / target_agency_id against them.
        in_subtree = Q()
        for p in paths:
            in_subtree |= Q(path__startswith=p)
        subtree_ids = Agency.objects.filter(in_subtree).values("pk")
        q |= (
            Q(agency_id__in=subtree_ids)
            | Q(unit_id__in=subtree_ids)
            | Q(status__in=TARGET_VERIFY_STATUSES, target_agency_id__in=subtree_ids)
        )
    return q


def report_list_visible_to(user: Viewer) -> QuerySet[Report]:
    """Every report ``user`` may read: one queryset, filtered in the database."""
    q = report_visibility_q(user)
    qs = Report.objects.all()
    return qs if q is None else qs.filter(q)


def report_get_visible_to(
    user: Viewer, *, tracking_id: str | None = None, pk: int | None = None
) -> Report:
    """One report by tracking ID or primary key, or ``Http404``.

    Never 403: a report one may not read looks exactly like one that does not exist.
    """
    if (tracking_id is None) == (pk is None):
        raise TypeError("Give exactly one of tracking_id or pk.")
    lookup = {"tracking_id": tracking_id} if tracking_id is not None else {"pk": pk}
    report = (
        report_list_visible_to(user)
        .select_related("agency", "unit", "target_agency", "category", "region", "reporter")
        .filter(**lookup)
        .first()
    )
    if report is None:
        raise Http404(_("No such report."))
    return report


def _covers(paths: list[str], agency: Agency | None) -> bool:
    return agency is not None and any(agency.path.startswith(p) for p in paths)


def _relation(viewer: Viewer, report: Report) -> str:
    """How ``viewer`` stands to ``report``; the same rules as ``report_visibility_q``,
    in Python, for a report already loaded (tests check that both agree)."""
    public_ok = not report.is_confidential and report.status in PUBLIC_STATUSES
    if not _authenticated(viewer):
        return PUBLIC if public_ok else NONE
    roles = _roles(viewer)
    if Role.ADMIN_NASIONAL in roles:
        return NATIONAL
    if Role.OMBUDSMAN in roles:
        return OMBUDSMAN
    paths = _subtree_paths(viewer)
    if paths and (
        (report.agency_id and _covers(paths, report.agency))
        or (report.unit_id and _covers(paths, report.unit))
        or (
            report.status in TARGET_VERIFY_STATUSES
            and report.target_agency_id
            and _covers(paths, report.target_agency)
        )
    ):
        return HANDLER
    if Role.PENGAWAS in roles and not report.is_confidential:
        return PENGAWAS
    if report.reporter_id is not None and report.reporter_id == viewer.pk:  # type: ignore[union-attr]
        return REPORTER
    return PUBLIC if public_ok else NONE


def _is_reporter(viewer: Viewer, report: Report) -> bool:
    return (
        _authenticated(viewer)
        and report.reporter_id is not None
        and report.reporter_id == viewer.pk  # type: ignore[union-attr]
    )


def report_is_visible_to(viewer: Viewer, report: Report) -> bool:
    return _relation(viewer, report) != NONE


def report_can_view_internal(viewer: Viewer, report: Report) -> bool:
    """Officials related to the report read its internal notes (the reporter does not)."""
    return _relation(viewer, report) in OFFICIAL_RELATIONS


def report_reporter_identity_for(viewer: Viewer, report: Report) -> dict[str, str | None] | None:
    """What ``viewer`` may know of who filed ``report``: ``{"name", "email", "phone"}``
    with ``None`` for what is withheld, or ``None`` for nothing at all."""
    reporter = report.reporter if report.reporter_id else None
    if reporter is None:
        return None
    relation = _relation(viewer, report)
    if relation == NONE:
        return None
    full = {"name": reporter.full_name or None, "email": reporter.email, "phone": reporter.phone}
    if relation == NATIONAL or _is_reporter(viewer, report):
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


def report_public_dict(viewer: Viewer, report: Report) -> dict[str, Any]:
    """A report as plain data for pages, the API and exports.

    Safe by default: refuses (``Http404``) a report the viewer may not read, and puts
    the reporter in only as far as :func:`report_reporter_identity_for` allows.
    Officials related to the report also get the handling fields (due dates, unit).
    """
    relation = _relation(viewer, report)
    if relation == NONE:
        raise Http404(_("No such report."))
    data: dict[str, Any] = {
        "tracking_id": report.tracking_id,
        "title": report.title,
        "description": report.description,
        "classification": report.classification,
        "classification_label": str(report.get_classification_display()),
        "status": report.status,
        "status_label": str(report.get_status_display()),
        "category": report.category.name if report.category_id and report.category else None,
        "region_code": report.region_id,
        "region": report.region.name if report.region_id and report.region else None,
        "address": report.address,
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
        "reporter": report_reporter_identity_for(viewer, report),
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


def _visibilities_for(viewer: Viewer, report: Report) -> list[str]:
    relation = _relation(viewer, report)
    if relation == NONE:
        return []
    if relation in OFFICIAL_RELATIONS:
        return [Visibility.PUBLIC, Visibility.REPORTER, Visibility.INTERNAL]
    if _is_reporter(viewer, report):
        return [Visibility.PUBLIC, Visibility.REPORTER]
    return [Visibility.PUBLIC]


def report_events_visible_to(viewer: Viewer, report: Report) -> QuerySet[ReportEvent]:
    """The timeline of ``report`` as ``viewer`` may read it (empty if not at all)."""
    visibilities = _visibilities_for(viewer, report)
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


def event_actor_label_for(viewer: Viewer, event: ReportEvent) -> str:
    """Who did it, as ``viewer`` may know it.

    The reporter's own moves on an anonymous report read "Anonymous reporter" to all
    but the reporter and Admin Nasional. Officials appear by name only to officials
    related to the report; to the reporter and the public they are their agency.
    """
    report = event.report
    if event.actor_id is None:
        return str(_("System"))
    if report.reporter_id is not None and event.actor_id == report.reporter_id:
        identity = report_reporter_identity_for(viewer, report)
        if report.is_anonymous and identity is None:
            return str(_("Anonymous reporter"))
        if identity and identity["name"]:
            return identity["name"]
        return str(_("Reporter"))
    office = event.actor_agency.name if event.actor_agency_id and event.actor_agency else None
    if office is None:
        office = _role_label(event.actor_role) or str(_("LAPOR! officer"))
    if report_can_view_internal(viewer, report):
        name = event.actor.full_name if event.actor else ""
        return f"{name} ({office})" if name else office
    return office


def _role_label(role: str) -> str | None:
    return str(Role(role).label) if role in Role.values else None


# --- attachments -------------------------------------------------------------------


def attachment_get_visible_to(user: Viewer, pk: int) -> Attachment:
    """One attachment ``user`` may download, or ``Http404``.

    Its own visibility and that of the event it hangs on both apply (the stricter).
    """
    attachment = (
        Attachment.objects.filter(pk=pk, report__in=report_list_visible_to(user).values("pk"))
        .select_related(
            "event", "report", "report__agency", "report__unit", "report__target_agency"
        )
        .first()
    )
    if attachment is None:
        raise Http404(_("No such file."))
    needed = attachment.visibility
    if attachment.event_id and attachment.event:
        needed = visibility_stricter(needed, attachment.event.visibility)
    if needed not in _visibilities_for(user, attachment.report):
        raise Http404(_("No such file."))
    return attachment


def report_attachments_visible_to(viewer: Viewer, report: Report) -> QuerySet[Attachment]:
    """The attachments of ``report`` that ``viewer`` may download."""
    visibilities = _visibilities_for(viewer, report)
    return (
        Attachment.objects.filter(report=report, visibility__in=visibilities)
        .filter(Q(event__isnull=True) | Q(event__visibility__in=visibilities))
        .order_by("created_at", "id")
    )


__all__ = [
    "attachment_get_visible_to",
    "event_actor_label_for",
    "report_attachments_visible_to",
    "report_can_view_internal",
    "report_events_visible_to",
    "report_get_visible_to",
    "report_is_visible_to",
    "report_list_visible_to",
    "report_public_dict",
    "report_reporter_identity_for",
    "report_visibility_q",
    "visibility_stricter",
]
