"""Reads for the console, each for a :class:`~lapor.accounts.principals.Principal`.

Every report read starts from the gate (``Report.objects.visible_to(principal)``, or
``reports.selectors.report_get_visible_to``); what is added here only narrows it (the
verifier's queue, the agency's inbox, the Ombudsman's overdue list). An official whose
second factor is not verified is a citizen: the console's doors
(``console.access.official_required``) never let one in, and the gate would show them
only what the public reads.

Lists are built to answer in a fixed number of queries whatever their length: one for
the rows (with their agency, unit, category, region and assignee joined in), none per
row; the due-date light (``report_due_state``) reads the cached working-day calendar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection
from django.db.models import Count, Q, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext_lazy as _

from lapor.accounts.choices import NATIONAL_ROLES, Role
from lapor.accounts.models import RoleMembership, User
from lapor.accounts.principals import Principal
from lapor.accounts.selectors import Scope, user_scopes
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency
from lapor.agencies.selectors import agency_search
from lapor.core.exceptions import NotFound
from lapor.reports.choices import OPEN_STATUSES, OmbudsmanConsent, Status
from lapor.reports.deadlines import report_due_state
from lapor.reports.models import Report
from lapor.reports.selectors import report_can_view_internal, report_get_visible_to
from lapor.reports.transitions import CONSENT_AFTER

from .choices import Page, TemplateKind
from .models import ReplyTemplate, SavedView

# --- who sees which part of the console ---------------------------------------------

DESK_ROLES = frozenset({Role.ADMIN_NASIONAL, Role.ADMIN_INSTANSI})
INBOX_ROLES = frozenset({Role.ADMIN_INSTANSI, Role.ADMIN_UNIT})
# Oversight: the national roles over the country; an agency admin over its own subtree
# (a province's admin watches its dinas and the regencies below it).
OVERSIGHT_ROLES = frozenset(
    {Role.ADMIN_NASIONAL, Role.OMBUDSMAN, Role.PENGAWAS, Role.ADMIN_INSTANSI}
)
# Every role above reporter signs in to the console (and needs a second factor).
CONSOLE_ROLES = frozenset(Role.values)


@dataclass(frozen=True)
class ConsoleAccess:
    """What parts of the console a principal reaches (read once per request)."""

    roles: frozenset[str]
    scopes: tuple[Scope, ...]

    @property
    def desk(self) -> bool:
        return bool(self.roles & DESK_ROLES)

    @property
    def inbox(self) -> bool:
        return bool(self.roles & INBOX_ROLES)

    @property
    def oversight(self) -> bool:
        return bool(self.roles & OVERSIGHT_ROLES)

    @property
    def agency_admin(self) -> bool:
        return Role.ADMIN_INSTANSI in self.roles

    @property
    def national(self) -> bool:
        return Role.ADMIN_NASIONAL in self.roles

    @property
    def integrations(self) -> bool:
        """An agency's API keys (and webhooks): its Developer and Admin Instansi."""
        return bool(self.roles & {Role.DEVELOPER, Role.ADMIN_INSTANSI})

    @property
    def read_only(self) -> bool:
        """Pengawas (and Developer) make no moves anywhere in the console."""
        return not (self.roles - {Role.PENGAWAS, Role.DEVELOPER})

    def paths(self, roles: Iterable[str]) -> list[str]:
        wanted = set(roles)
        return sorted({s.path for s in self.scopes if s.role in wanted and s.path})


def console_access_for(principal: Principal) -> ConsoleAccess:
    """The console's parts open to ``principal``: none unless it is an official (roles
    and a second factor verified in this session)."""
    scopes = principal.scopes if principal.is_official else ()
    return ConsoleAccess(roles=frozenset(s.role for s in scopes), scopes=scopes)


def user_is_console_official(user: Any) -> bool:
    """Whether ``user`` holds a role, before any second factor: the sign-in steps ask
    it of a person who is not yet anybody's principal."""
    return bool(user_scopes(user))


def invitation_user_for(*, uidb64: str, token: str) -> User | None:
    """The invited person behind an invitation link, or ``None`` when the link is not
    (or no longer) valid. The page greets the invitee by name and user ids are easy to
    guess: without the token's check, any account's name would be one guess away."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
        user = User.objects.filter(pk=pk).first()
    except (ValueError, OverflowError):
        return None
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


# --- one report -----------------------------------------------------------------------


def console_report_get(principal: Principal, *, tracking_id: str) -> Report:
    """A report for the console, or ``NotFound``.

    Narrower than ``report_get_visible_to``: a public report is readable by anyone,
    but the console opens it only for officials related to it (its handlers, the
    national roles; Pengawas for non-confidential ones). An official of another
    agency gets the same 404 as for a report that does not exist.
    """
    report = report_get_visible_to(principal, tracking_id=tracking_id)
    if not report_can_view_internal(principal, report):
        raise NotFound(_("No such report."))
    return report


def report_possible_duplicates(
    principal: Principal, report: Report, *, limit: int = 5
) -> list[Report]:
    """Reports that may tell the same story, within 30 days either side, among those
    ``principal`` may read (the gate).

    Everybody gets the reports from the same region on the same topic or with a title
    that shares a long word. Only the national admin, who may know every reporter, also
    gets the same reporter's other reports (issue 8, finding 3): for anyone else a match
    by reporter would tie an anonymous report to the person's named ones. For the same
    reason a match found by topic leaves out the same reporter's reports whenever one
    side is anonymous.
    """
    window = timedelta(days=30)
    same = _same_story_q(report)
    national = principal.is_national_admin
    if national and report.reporter_id:
        by_reporter = Q(reporter_id=report.reporter_id)
        same = by_reporter if same is None else same | by_reporter
    if same is None:
        return []
    qs = (
        Report.objects.visible_to(principal)
        .filter(same)
        .filter(
            submitted_at__gte=report.submitted_at - window,
            submitted_at__lte=report.submitted_at + window,
        )
        .exclude(pk=report.pk)
        .exclude(status=Status.ARCHIVED)
    )
    if not national and report.reporter_id:
        if report.is_anonymous:
            qs = qs.exclude(reporter_id=report.reporter_id)
        else:
            qs = qs.exclude(reporter_id=report.reporter_id, is_anonymous=True)
    return list(
        qs.only("pk", "tracking_id", "title", "status", "submitted_at").order_by("-submitted_at")[
            :limit
        ]
    )


# Words of a title that say what it is about (shorter ones are "di", "yang", "jalan"...).
TITLE_WORD_MIN = 5
TITLE_WORDS = 3


def _same_story_q(report: Report) -> Q | None:
    """The same region, and the same topic or a long word of the title in common."""
    if not report.region_id:
        return None
    about = Q(category_id=report.category_id) if report.category_id else Q(pk__in=[])
    words = sorted(
        {w for w in re.findall(r"\w+", report.title.lower()) if len(w) >= TITLE_WORD_MIN},
        key=lambda w: (-len(w), w),
    )[:TITLE_WORDS]
    for word in words:
        about |= Q(title__icontains=word)
    return Q(region_id=report.region_id) & about


def agencies_for_dispose(principal: Principal) -> QuerySet[Agency]:
    """Agencies a verifier may send a report to: every active agency (not unit) for the
    national verifier; for an agency verifier, those inside their own subtree."""
    qs = Agency.objects.filter(is_active=True).exclude(kind=AgencyKind.UNIT)
    access = console_access_for(principal)
    if access.national:
        return qs.order_by("name")
    paths = access.paths([Role.ADMIN_INSTANSI])
    if not paths:
        return qs.none()
    inside = Q()
    for p in paths:
        inside |= Q(path__startswith=p)
    return qs.filter(inside).order_by("name")


def agencies_for_transfer() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).exclude(kind=AgencyKind.UNIT).order_by("name")


# How many agencies a typeahead offers at once, and how many candidates it reads to
# find them (units, which no form here takes, come after the agencies they belong to).
AGENCY_MATCHES = 10
AGENCY_CANDIDATES = 200


def agencies_matching(
    allowed: QuerySet[Agency],
    *,
    q: str,
    skip: Iterable[int] = (),
    limit: int = AGENCY_MATCHES,
) -> list[Agency]:
    """Up to ``limit`` agencies of ``allowed`` whose name holds every word of ``q``, in
    ``agency_search``'s order (agencies before their units, then by name): two queries,
    whatever the size of the tree."""
    found = agency_search(q=q[:100], limit=AGENCY_CANDIDATES)
    skipped = set(skip)
    ids = [a.pk for a in found if a.pk not in skipped]
    ok = set(allowed.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    return [a for a in found if a.pk in ok][:limit]


def units_for_dispatch(principal: Principal, report: Report) -> list[Agency]:
    """Units of the handling agency ``principal`` may pass the report to."""
    if not report.agency_id or report.agency is None:
        return []
    qs = Agency.objects.filter(
        kind=AgencyKind.UNIT, is_active=True, path__startswith=report.agency.path
    ).exclude(pk=report.agency_id)
    access = console_access_for(principal)
    if not (
        access.national
        or any(s.covers(report.agency.path) for s in access.scopes if s.role == Role.ADMIN_INSTANSI)
    ):
        # An Admin Unit passes only further down, below their own unit.
        below = Q(pk__in=[])
        for p in access.paths([Role.ADMIN_UNIT]):
            below |= Q(path__startswith=p) & ~Q(path=p)
        qs = qs.filter(below)
    return list(qs.order_by("path"))


def reply_templates_for(principal: Principal, *, kind: str | None = None) -> list[ReplyTemplate]:
    """The templates an official may use: national ones for national roles, and those
    of the agencies above or at each of the official's scopes."""
    access = console_access_for(principal)
    q = Q(pk__in=[])
    if access.roles & NATIONAL_ROLES:
        q |= Q(agency__isnull=True)
    agency_ids: set[int] = set()
    for scope in access.scopes:
        if scope.path:
            agency_ids.update(int(p) for p in scope.path.split("/") if p)
    if agency_ids:
        q |= Q(agency_id__in=agency_ids)
    qs = ReplyTemplate.objects.filter(q, is_active=True)
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.order_by("kind", "title"))


def reply_templates_by_kind(principal: Principal) -> dict[str, list[ReplyTemplate]]:
    grouped: dict[str, list[ReplyTemplate]] = {k: [] for k in TemplateKind.values}
    for template in reply_templates_for(principal):
        grouped[template.kind].append(template)
    return grouped


# --- lists ----------------------------------------------------------------------------


@dataclass
class Row:
    report: Report
    due_state: str
    assignee: str


@dataclass
class ListPage:
    rows: list[Row]
    page: int
    has_next: bool
    query: dict[str, str] = field(default_factory=dict)

    def url_for_page(self, page: int) -> str:
        return "?" + urlencode({**self.query, "page": page})

    @property
    def next_url(self) -> str:
        return self.url_for_page(self.page + 1)

    @property
    def prev_url(self) -> str:
        return self.url_for_page(self.page - 1)


# Relations a list row shows. Fetched by ``prefetch_related`` (one small ``id IN``
# query each) rather than joined: a seven-way join costs PostgreSQL more to plan
# (25+ ms on the 1M-report bench) than the page costs to read.
ROW_RELATIONS = ("agency", "unit", "category", "region", "target_agency")


def _page_of(
    qs: QuerySet[Report],
    *,
    page: int,
    query: dict[str, str],
    now: datetime,
    order: tuple[str, ...] = ("due_at", "id"),
    pieces: list[Q] | None = None,
) -> ListPage:
    """One page of ``qs`` ordered by ``order``: ``size + 1`` rows tell whether there is
    more, so no ``COUNT(*)`` over a large agency.

    ``pieces`` (conditions OR-ed together, e.g. one per agency of the user's subtree)
    become a ``UNION`` of per-piece ordered, limited subqueries on PostgreSQL, so that
    each walks its own index in order instead of sorting every matching row.
    """
    size = settings.CONSOLE_PAGE_SIZE
    page = max(1, page)
    start = (page - 1) * size
    stop = start + size + 1
    if pieces and len(pieces) > 1 and connection.features.supports_slicing_ordering_in_compound:
        parts = [qs.filter(piece).order_by(*order)[:stop] for piece in pieces[:MAX_PIECES]]
        combined = parts[0].union(*parts[1:]).order_by(*order)
        if len(pieces) > MAX_PIECES:
            combined = qs.filter(_any(pieces)).order_by(*order)
        reports = list(combined[start:stop])
        prefetch_related_objects(reports, *ROW_RELATIONS, "assignment__assignee")
    else:
        if pieces:
            qs = qs.filter(_any(pieces))
        reports = list(
            qs.order_by(*order).prefetch_related(*ROW_RELATIONS, "assignment__assignee")[start:stop]
        )
    rows = [
        Row(
            report=r,
            due_state=report_due_state(r, now=now) if r.due_at else "",
            assignee=_assignee_name(r),
        )
        for r in reports[:size]
    ]
    return ListPage(rows=rows, page=page, has_next=len(reports) > size, query=query)


# Beyond this many agencies or units in one subtree, one IN (...) query is cheaper
# than a UNION of that many subqueries.
MAX_PIECES = 40


def _any(pieces: list[Q]) -> Q:
    q = Q(pk__in=[])
    for piece in pieces:
        q |= piece
    return q


def _assignee_name(report: Report) -> str:
    try:
        assignment = report.assignment  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return ""
    # Officials see each other's names: the name itself, whatever ``User.__str__`` says.
    return assignment.assignee.full_name or str(assignment.assignee)


def _ids_in(paths: list[str], *, units: bool | None) -> list[int]:
    if not paths:
        return []
    q = Q()
    for p in paths:
        q |= Q(path__startswith=p)
    qs = Agency.objects.filter(q)
    if units is True:
        qs = qs.filter(kind=AgencyKind.UNIT)
    elif units is False:
        qs = qs.exclude(kind=AgencyKind.UNIT)
    return list(qs.values_list("pk", flat=True))


def _in(column: str, ids: list[int]) -> Q:
    # One id is an equality: the planner then walks (column, due_at) in order.
    if len(ids) == 1:
        return Q(**{column: ids[0]})
    return Q(**{f"{column}__in": ids})


# Verification desk


DESK_TABS: dict[str, tuple[str, ...]] = {
    "submitted": (Status.SUBMITTED,),
    "on_hold": (Status.ON_HOLD,),
}


def desk_queue_q(principal: Principal) -> Q | None:
    """What ``principal`` verifies: every submitted report for Admin Nasional (``None``);
    for Admin Instansi, those whose reporter picked an agency in their subtree and
    which that agency still holds (``docs/workflow.md``, "Verifier")."""
    access = console_access_for(principal)
    if access.national:
        return None
    ids = _ids_in(access.paths([Role.ADMIN_INSTANSI]), units=False)
    if not ids:
        return Q(pk__in=[])
    return _in("target_agency_id", ids) & _in("agency_id", ids)


def desk_queue(
    principal: Principal, *, tab: str = "submitted", page: int = 1, now: datetime | None = None
) -> ListPage:
    """The verifier's queue, due first (merah, kuning, hijau)."""
    now = now or timezone.now()
    tab = tab if tab in DESK_TABS else "submitted"
    qs = Report.objects.visible_to(principal).filter(status__in=DESK_TABS[tab])
    scope = desk_queue_q(principal)
    if scope is not None:
        qs = qs.filter(scope)
    return _page_of(qs, page=page, query={"tab": tab}, now=now)


# Agency inbox


# The agency's own steps (its work), then the reporter's step and the finished ones.
INBOX_TABS: dict[str, tuple[str, ...]] = {
    "work": (Status.DISPOSED, Status.IN_PROGRESS, Status.ESCALATED),
    "disposed": (Status.DISPOSED,),
    "in_progress": (Status.IN_PROGRESS,),
    "resolved": (Status.RESOLVED,),
    "closed": (Status.CLOSED,),
}
INBOX_TAB_LABELS = {
    "work": _("To do"),
    "disposed": _("New"),
    "in_progress": _("Being followed up"),
    "resolved": _("Awaiting reporter"),
    "closed": _("Done"),
}
COUNTED_STATUSES = (Status.DISPOSED, Status.IN_PROGRESS, Status.RESOLVED, Status.ESCALATED)


def inbox_scope_pieces(principal: Principal) -> list[Q]:
    """Reports of the official's agencies (Admin Instansi: ``agency`` in the subtree)
    and units (Admin Unit: ``unit`` in the subtree), one condition per agency or unit
    (one query for the ids). Each is a subset of what the gate lets the official read
    (its handler rule)."""
    access = console_access_for(principal)
    agency_ids = _ids_in(access.paths([Role.ADMIN_INSTANSI]), units=False)
    unit_ids = _ids_in(access.paths([Role.ADMIN_UNIT]), units=True)
    return [Q(agency_id=pk) for pk in agency_ids] + [Q(unit_id=pk) for pk in unit_ids]


def inbox_scope_q(principal: Principal) -> Q:
    """The same scope as one condition (``IN`` lists: an index-only count)."""
    access = console_access_for(principal)
    agency_ids = _ids_in(access.paths([Role.ADMIN_INSTANSI]), units=False)
    unit_ids = _ids_in(access.paths([Role.ADMIN_UNIT]), units=True)
    q = Q(pk__in=[])
    if agency_ids:
        q |= Q(agency_id__in=agency_ids)
    if unit_ids:
        q |= Q(unit_id__in=unit_ids)
    return q


@dataclass(frozen=True)
class InboxFilter:
    tab: str = "work"
    unit: int | None = None
    due: str = ""  # "overdue" | "due_soon" | ""
    category: int | None = None
    q: str = ""
    mine: bool = False

    @classmethod
    def from_query(cls, data: Any) -> InboxFilter:
        def as_int(value: Any) -> int | None:
            try:
                return int(value)
            except (TypeError, ValueError):
                return None

        tab = data.get("tab", "work")
        due = data.get("due", "")
        return cls(
            tab=tab if tab in INBOX_TABS else "work",
            unit=as_int(data.get("unit")),
            due=due if due in ("overdue", "due_soon") else "",
            category=as_int(data.get("category")),
            q=(data.get("q") or "").strip().lstrip("#")[:20],
            mine=data.get("mine") in ("1", "on", "true"),
        )

    def as_query(self) -> dict[str, str]:
        out: dict[str, str] = {"tab": self.tab}
        if self.unit:
            out["unit"] = str(self.unit)
        if self.due:
            out["due"] = self.due
        if self.category:
            out["category"] = str(self.category)
        if self.q:
            out["q"] = self.q
        if self.mine:
            out["mine"] = "1"
        return out


def inbox_list(
    principal: Principal, *, filters: InboxFilter, page: int = 1, now: datetime | None = None
) -> ListPage:
    """The agency inbox: overdue first (ordered by due date), a fixed number of queries."""
    now = now or timezone.now()
    qs = Report.objects.visible_to(principal).filter(status__in=INBOX_TABS[filters.tab])
    if filters.unit:
        unit = Agency.objects.filter(pk=filters.unit).only("path").first()
        qs = qs.filter(unit__path__startswith=unit.path) if unit else qs.none()
    if filters.due == "overdue":
        qs = qs.filter(due_at__lt=now)
    elif filters.due == "due_soon":
        qs = qs.filter(due_at__gte=now, due_at__lt=now + timedelta(days=2))
    if filters.category:
        qs = qs.filter(Q(category_id=filters.category) | Q(category__parent_id=filters.category))
    if filters.q:
        qs = qs.filter(tracking_id=filters.q)
    if filters.mine:
        qs = qs.filter(assignment__assignee_id=principal.user_id)
    # Finished reports have no due date: newest first.
    order = ("-id",) if filters.tab == "closed" else ("due_at", "id")
    pieces = inbox_scope_pieces(principal) or [Q(pk__in=[])]
    return _page_of(qs, page=page, query=filters.as_query(), now=now, order=order, pieces=pieces)


def inbox_counters(principal: Principal) -> dict[str, int]:
    """Reports per state for the menu: one grouped query over the agency's open ones.

    Counted on the inbox scope alone: it lies inside what the gate lets the official
    read (``inbox_scope_pieces``), and a number shows no report; leaving the gate's OR
    out lets PostgreSQL count from the (agency, status) index alone.
    """
    rows = (
        Report.objects.filter(inbox_scope_q(principal), status__in=COUNTED_STATUSES)
        .order_by()
        .values("status")
        .annotate(n=Count("*"))
    )
    counts = {row["status"]: row["n"] for row in rows}
    return {
        "work": sum(counts.get(s, 0) for s in INBOX_TABS["work"]),
        "disposed": counts.get(Status.DISPOSED, 0),
        "in_progress": counts.get(Status.IN_PROGRESS, 0),
        "resolved": counts.get(Status.RESOLVED, 0),
    }


# Oversight (Ombudsman, Pengawas, Admin Nasional)

OVERSIGHT_TABS = ("overdue", "escalated", "consent")
OFFICIALS_STEPS = (Status.SUBMITTED, Status.DISPOSED, Status.IN_PROGRESS, Status.ESCALATED)


def oversight_scope_q(principal: Principal) -> Q | None:
    """What an oversight page covers beyond the gate: nothing more for the national
    roles (``None``); for an agency admin, the reports its subtree handles (the gate
    alone would add every public report of the country)."""
    access = console_access_for(principal)
    if access.roles & NATIONAL_ROLES:
        return None
    ids = _ids_in(access.paths([Role.ADMIN_INSTANSI]), units=None)
    if not ids:
        return Q(pk__in=[])
    return Q(agency_id__in=ids) | Q(unit_id__in=ids)


def _oversight_reports(principal: Principal) -> QuerySet[Report]:
    qs = Report.objects.visible_to(principal)
    scope = oversight_scope_q(principal)
    return qs if scope is None else qs.filter(scope)


def oversight_list(
    principal: Principal,
    *,
    tab: str = "overdue",
    agency_id: int | None = None,
    page: int = 1,
    now: datetime | None = None,
) -> ListPage:
    """All agencies' overdue reports, the Ombudsman's escalated ones, and those old
    enough to offer to the Ombudsman. Pengawas read the non-confidential ones only
    (the gate sees to it); an agency admin reads its own subtree."""
    now = now or timezone.now()
    tab = tab if tab in OVERSIGHT_TABS else "overdue"
    qs = _oversight_reports(principal)
    order: tuple[str, ...] = ("due_at", "id")
    pieces: list[Q] | None = None
    if tab == "overdue":
        # One ordered walk of the (status, due_at) index per status.
        qs = qs.filter(due_at__lt=now)
        pieces = [Q(status=s) for s in OFFICIALS_STEPS]
    elif tab == "escalated":
        qs = qs.filter(status=Status.ESCALATED)
    else:
        qs = qs.filter(
            status__in=(Status.DISPOSED, Status.IN_PROGRESS),
            ombudsman_consent__in=(OmbudsmanConsent.NONE, OmbudsmanConsent.REFUSED),
            submitted_at__lte=now - CONSENT_AFTER,
        )
        order = ("submitted_at", "id")
    query = {"tab": tab}
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
        query["agency"] = str(agency_id)
    return _page_of(qs, page=page, query=query, now=now, order=order, pieces=pieces)


@dataclass(frozen=True)
class OverdueAtAgency:
    agency_id: int | None  # None: not sent to an agency yet (the verifiers' step)
    name: str
    count: int


@dataclass(frozen=True)
class OversightSummary:
    open: int
    overdue: int
    escalated: int
    escalated_overdue: int
    by_agency: list[OverdueAtAgency]


OVERSIGHT_TOP_AGENCIES = 8


def oversight_summary(
    principal: Principal, *, now: datetime | None = None, top: int = OVERSIGHT_TOP_AGENCIES
) -> OversightSummary:
    """The numbers at the top of the oversight page, in two queries through the gate:
    open, overdue and escalated reports (one conditional aggregate), and the agencies
    with the most overdue reports (one grouped query)."""
    now = now or timezone.now()
    qs = _oversight_reports(principal).order_by()
    overdue = Q(status__in=OFFICIALS_STEPS, due_at__lt=now)
    totals = qs.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=overdue),
        escalated=Count("pk", filter=Q(status=Status.ESCALATED)),
        escalated_overdue=Count("pk", filter=Q(status=Status.ESCALATED, due_at__lt=now)),
    )
    rows = (
        qs.filter(overdue)
        .values("agency_id", "agency__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "agency__name", "agency_id")[:top]
    )
    return OversightSummary(
        open=totals["open"] or 0,
        overdue=totals["overdue"] or 0,
        escalated=totals["escalated"] or 0,
        escalated_overdue=totals["escalated_overdue"] or 0,
        by_agency=[
            OverdueAtAgency(agency_id=r["agency_id"], name=r["agency__name"] or "", count=r["n"])
            for r in rows
        ],
    )


# --- saved views and agency administration -------------------------------------------


def saved_views_for(principal: Principal, *, page: str = Page.INBOX) -> list[SavedView]:
    if principal.user_id is None:
        return []
    return list(SavedView.objects.filter(user_id=principal.user_id, page=page).order_by("name"))


def agency_admin_agencies(principal: Principal) -> list[Agency]:
    """The agencies an Admin Instansi administers (their membership agencies)."""
    access = console_access_for(principal)
    ids = [s.agency_id for s in access.scopes if s.role == Role.ADMIN_INSTANSI and s.agency_id]
    return list(Agency.objects.filter(pk__in=ids).order_by("name"))


def agency_officials(agency: Agency) -> list[RoleMembership]:
    """Active memberships held over the agency or any of its units."""
    return list(
        RoleMembership.objects.filter(agency__path__startswith=agency.path, is_active=True)
        .select_related("user", "agency")
        .order_by("agency__path", "user__full_name")
    )


def agency_reply_templates(agency: Agency) -> list[ReplyTemplate]:
    return list(
        ReplyTemplate.objects.filter(agency=agency, is_active=True).order_by("kind", "title")
    )


def agency_administered_get(principal: Principal, *, agency_id: int) -> Agency:
    """One of the agencies ``principal`` administers, or ``NotFound``."""
    for agency in agency_admin_agencies(principal):
        if agency.pk == agency_id:
            return agency
    raise NotFound()


def agency_in_subtree_get(*, root: Agency, agency_id: int) -> Agency:
    """An agency or unit inside ``root``'s subtree (``root`` included), or ``NotFound``."""
    agency = Agency.objects.filter(pk=agency_id, path__startswith=root.path).first()
    if agency is None:
        raise NotFound()
    return agency
