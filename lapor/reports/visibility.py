"""The gate: which reports, and which rows hanging off them, a principal may read.

This module is the one place that decides it, as database conditions that the model
managers apply (``Report.objects.visible_to(principal)``,
``ReportEvent.objects.visible_to(principal)``,
``Attachment.objects.visible_to(principal)``), and as the same rules in Python for one
report already loaded (:func:`relation_of`; tests check that both agree). Every page,
API endpoint, export, search, feed, notification and admin page reads reports through
the managers; rows that hang off a report (comments, support, assignments,
notifications) are filtered with ``report__in=Report.objects.visible_to(principal)``.

The rules (``reports/tests/test_visibility.py`` holds them as tables, role by role):

* **Everybody** (visitors, citizens, officials): reports that are not confidential and
  have been verified (``PUBLIC_STATUSES``).
* **The reporter** (a signed-in person): additionally every report of their own.
* **Officials** (a verified second factor in this session) and **agency keys**:
  - Admin Instansi / Admin Unit / Developer (and an agency key): the reports whose
    ``agency`` or ``unit`` lies in a subtree they hold, and the reports waiting for
    verification (``submitted``/``on_hold``) whose ``target_agency`` lies in one;
  - Admin Nasional and Ombudsman: everything;
  - Pengawas (KSP): every report that is not confidential, in any status.
* An official whose second factor is not verified is a citizen (``accounts.principals``).
* A Django superuser flag grants nothing here: without a role a superuser is a citizen.

Rows of a report carry a ``visibility``: ``public`` to all who may read the report;
``reporter`` to the reporter and the officials related to it; ``internal`` to the
related officials only.
"""

from __future__ import annotations

from django.db.models import Q

from lapor.accounts.choices import Role
from lapor.accounts.principals import Principal

from .choices import PUBLIC_STATUSES, Status, Visibility

# Agency roles see the reports of their subtree.
SUBTREE_ROLES = frozenset({Role.ADMIN_INSTANSI, Role.ADMIN_UNIT, Role.DEVELOPER})
# Statuses in which the agency the reporter picked is the one verifying the report.
TARGET_VERIFY_STATUSES = (Status.SUBMITTED, Status.ON_HOLD)

# A principal's relation to one report, strongest first.
NATIONAL = "national"
OMBUDSMAN = "ombudsman"
HANDLER = "handler"
PENGAWAS = "pengawas"
REPORTER = "reporter"
PUBLIC = "public"
NONE = "none"  # may not read the report at all

OFFICIAL_RELATIONS = frozenset({NATIONAL, OMBUDSMAN, HANDLER, PENGAWAS})

ALL = Q()  # the condition that matches every row

_VISIBILITY_RANK = {Visibility.PUBLIC: 0, Visibility.REPORTER: 1, Visibility.INTERNAL: 2}


def visibility_stricter(a: str, b: str) -> str:
    """The stricter of two visibilities (an attachment on an internal note is internal)."""
    return a if _VISIBILITY_RANK[a] >= _VISIBILITY_RANK[b] else b  # type: ignore[index]


def public_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}is_confidential": False, f"{prefix}status__in": list(PUBLIC_STATUSES)})


def _subtree_q(principal: Principal, prefix: str) -> Q | None:
    paths = principal.subtree_paths(SUBTREE_ROLES)
    if not paths:
        return None
    # One uncorrelated subquery on the agency tree (an indexed prefix match on path)
    # instead of OR-ed joins: the planner hashes the few ids once and tests
    # report.agency_id / unit_id / target_agency_id against them.
    from lapor.agencies.models import Agency

    in_subtree = Q()
    for p in paths:
        in_subtree |= Q(path__startswith=p)
    ids = Agency.objects.filter(in_subtree).values("pk")
    return (
        Q(**{f"{prefix}agency_id__in": ids})
        | Q(**{f"{prefix}unit_id__in": ids})
        | Q(
            **{
                f"{prefix}status__in": TARGET_VERIFY_STATUSES,
                f"{prefix}target_agency_id__in": ids,
            }
        )
    )


def related_q(principal: Principal, prefix: str = "") -> Q | None:
    """The reports ``principal`` reads *as an official* (``ALL``: every report;
    ``None``: none). Internal rows of these reports are theirs to read."""
    if principal.is_system:
        return ALL
    roles = principal.roles
    if roles & {Role.ADMIN_NASIONAL, Role.OMBUDSMAN}:
        return ALL
    q: Q | None = None
    if Role.PENGAWAS in roles:
        q = Q(**{f"{prefix}is_confidential": False})
    subtree = _subtree_q(principal, prefix)
    if subtree is not None:
        q = subtree if q is None else q | subtree
    return q


def reporter_q(principal: Principal, prefix: str = "") -> Q | None:
    """The reports ``principal`` filed (``None``: none, not a signed-in person)."""
    if not principal.is_person:
        return None
    return Q(**{f"{prefix}reporter_id": principal.user_id})


def report_q(principal: Principal, prefix: str = "") -> Q:
    """The condition a report must meet for ``principal`` to read it."""
    related = related_q(principal, prefix)
    if related is ALL:
        return ALL
    q = public_q(prefix)
    own = reporter_q(principal, prefix)
    if own is not None:
        q |= own
    if related is not None:
        q |= related
    return q


def rows_q(principal: Principal, *, report_prefix: str, visibility_field: str) -> Q:
    """The condition for rows of reports that carry a ``visibility`` (events, files).

    ``public`` rows of any report the principal reads; ``reporter`` rows of their own
    reports and of related ones; ``internal`` rows of related reports only.
    """
    related = related_q(principal, report_prefix)
    if related is ALL:
        return ALL
    # Each condition once: public rows of public reports; public and reporter rows of
    # their own; every row of the reports they read as officials.
    q = Q(**{visibility_field: Visibility.PUBLIC}) & public_q(report_prefix)
    own = reporter_q(principal, report_prefix)
    if own is not None:
        q |= Q(**{f"{visibility_field}__in": [Visibility.PUBLIC, Visibility.REPORTER]}) & own
    if related is not None:
        q |= related
    return q


# --- one report, already loaded ----------------------------------------------------


def _covers(paths: list[str], agency: object | None) -> bool:
    path = getattr(agency, "path", None)
    return bool(path) and any(path.startswith(p) for p in paths)  # type: ignore[union-attr]


def relation_of(principal: Principal, report: object) -> str:
    """How ``principal`` stands to ``report``: the rules of :func:`report_q` in Python,
    for a report already loaded."""
    status = report.status  # type: ignore[attr-defined]
    confidential = report.is_confidential  # type: ignore[attr-defined]
    public_ok = not confidential and status in PUBLIC_STATUSES
    if principal.is_system:
        return NATIONAL
    roles = principal.roles
    if Role.ADMIN_NASIONAL in roles:
        return NATIONAL
    if Role.OMBUDSMAN in roles:
        return OMBUDSMAN
    paths = principal.subtree_paths(SUBTREE_ROLES)
    if paths and (
        (report.agency_id and _covers(paths, report.agency))  # type: ignore[attr-defined]
        or (report.unit_id and _covers(paths, report.unit))  # type: ignore[attr-defined]
        or (
            status in TARGET_VERIFY_STATUSES
            and report.target_agency_id  # type: ignore[attr-defined]
            and _covers(paths, report.target_agency)  # type: ignore[attr-defined]
        )
    ):
        return HANDLER
    if Role.PENGAWAS in roles and not confidential:
        return PENGAWAS
    if principal.owns(report.reporter_id):  # type: ignore[attr-defined]
        return REPORTER
    return PUBLIC if public_ok else NONE


def visibilities_for(principal: Principal, report: object) -> list[str]:
    """The row visibilities ``principal`` reads on ``report`` (empty: none)."""
    relation = relation_of(principal, report)
    if relation == NONE:
        return []
    if relation in OFFICIAL_RELATIONS:
        return [Visibility.PUBLIC, Visibility.REPORTER, Visibility.INTERNAL]
    if principal.owns(report.reporter_id):  # type: ignore[attr-defined]
        return [Visibility.PUBLIC, Visibility.REPORTER]
    return [Visibility.PUBLIC]


__all__ = [
    "HANDLER",
    "NATIONAL",
    "NONE",
    "OFFICIAL_RELATIONS",
    "OMBUDSMAN",
    "PENGAWAS",
    "PUBLIC",
    "REPORTER",
    "SUBTREE_ROLES",
    "TARGET_VERIFY_STATUSES",
    "public_q",
    "related_q",
    "relation_of",
    "report_q",
    "reporter_q",
    "rows_q",
    "visibilities_for",
    "visibility_stricter",
]
