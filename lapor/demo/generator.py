"""Realistic demo reports: the generator behind ``generate_reports`` and ``seed_demo``.

A generated report is a plain ``Report`` instance (not saved) with the events of one
consistent path through the state machine of docs/workflow.md: the statuses, the
timestamps (in order, officials in office hours WIB), the ``*_at`` fields and the due
dates (from ``report_recompute_deadlines``) all agree with the events. Nothing here
queries the database per report: ``DemoPools.load()`` reads regions, agencies,
categories and people once, and the generator draws from them in memory, so that a
million reports can be written by COPY in a few minutes.

The generator does not call ``reports.transitions``: a bulk load of a million reports
through the service would take hours. It mirrors the moves' field changes instead, and
``tests/test_legal_moves.py`` holds it to the table: every event it writes is a row of
``TRANSITIONS``. ``seed_demo`` makes a handful of reports through the real services.
``bulk`` writes what this module draws; ``words`` holds the text.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from typing import Any

from django.db.models import DateField

from lapor.accounts.choices import Role
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency, Category
from lapor.deadlines.calendar import add_working_days
from lapor.deadlines.rules import HOLD_DAYS, REPLY_DAYS
from lapor.regions.models import Region, RegionLevel
from lapor.reports.choices import (
    ArchiveReason,
    Channel,
    Classification,
    OmbudsmanConsent,
    Status,
    Visibility,
)
from lapor.reports.deadlines import (
    report_recompute_deadlines,
    report_region_code,
    report_timezone,
)
from lapor.reports.models import Report, ReportEvent, ReportSweepState
from lapor.reports.permissions import REPORTER, SYSTEM

from .words import (
    ARCHIVE_NOTES,
    ASPIRASI_ANSWERS,
    COMPLETIONS,
    CONSENT_NOTES,
    DECLINE_NOTES,
    DISPOSE_UNIT_NOTES,
    FIRST_NAMES,
    FOLLOWUPS,
    GENERIC,
    HOLD_EXPIRED_NOTE,
    HOLD_QUESTIONS,
    INFORMASI_ANSWERS,
    LANDMARKS,
    LAST_NAMES,
    MONTHS,
    RATING_COMMENTS,
    REPLIES,
    SINCE,
    STREETS,
    THEMES,
    TRANSFER_NOTES,
    Issue,
    Theme,
)

# WIB has no daylight saving: a fixed offset is exact and much cheaper than zoneinfo.
WIB = dt_timezone(timedelta(hours=7), "WIB")
OMBUDSMAN_CODE = "ombudsman-ri"
# Who made a move, as stored in ``ReportEvent.actor_role``.
ROLE_REPORTER = REPORTER
ROLE_SYSTEM = SYSTEM

# ---------------------------------------------------------------------------------
# Pools: everything the generator draws from, read once
# ---------------------------------------------------------------------------------


@dataclass
class Place:
    """A report location with the names a citizen would use for it."""

    code: str
    desa_full: str
    desa: str
    kecamatan: str
    kota: str
    kota_short: str
    regency_code: str
    province_code: str
    timezone: str


@dataclass
class DemoPools:
    """Regions, agencies, categories and people, loaded once for a whole run."""

    places: list[Place]
    place_weights: list[float]
    agencies: dict[int, Agency]
    gov_by_region: dict[str, Agency]
    units_by_owner: dict[int, list[Agency]]
    fallback_agencies: list[Agency]
    ombudsman: Agency | None
    categories: list[Category]
    theme_by_category: dict[int, Theme]
    issues_by_category: dict[int, tuple[Issue, ...]]
    reporters: list[int]
    verifiers: list[int]
    ombudsman_users: list[int]
    admins_by_agency: dict[int, list[int]]
    unit_admins_by_agency: dict[int, list[int]]
    region_objects: dict[str, Region] = field(default_factory=dict)
    routing: RoutingTable | None = None
    _unit_theme_cache: dict[tuple[int, str], list[Agency]] = field(default_factory=dict)

    @classmethod
    def load(cls, *, use_routing: bool = True) -> DemoPools:
        """Read the pools; raise ``DemoDataMissing`` when regions or agencies are absent."""
        from lapor.accounts.models import RoleMembership, User

        places = _load_places()
        if not places:
            raise DemoDataMissing(
                "No regions found. Run `manage.py import_wilayah` and "
                "`manage.py seed_agencies` first."
            )
        agencies = {a.pk: a for a in Agency.objects.filter(is_active=True)}
        if not agencies:
            raise DemoDataMissing("No agencies found. Run `manage.py seed_agencies` first.")
        all_categories = {c.pk: c for c in Category.objects.all()}
        with_children = {c.parent_id for c in all_categories.values() if c.is_active}
        # Reports are filed under the most specific topics (the leaves).
        categories = [
            c for c in all_categories.values() if c.is_active and c.pk not in with_children
        ]
        for c in all_categories.values():
            if c.parent_id:
                c.parent = all_categories[c.parent_id]
        # Only the topics the demo has stories for, each told with its own stories, so
        # that every report's text, topic and agency tell one story (rubbish is not filed
        # under roads, a water bill is not sent to the electricity company). A topic tree
        # the demo does not know gets the catch-all story on every topic.
        themes = {c.pk: theme_for(c) for c in categories}
        issues = {
            pk: issues_for(theme, all_categories[pk]) for pk, theme in themes.items() if theme
        }
        told = [c for c in categories if issues.get(c.pk)]
        if told:
            categories = told
        theme_by_category = {c.pk: themes[c.pk] or GENERIC for c in categories}
        issues_by_category = {c.pk: issues.get(c.pk) or FALLBACK_ISSUES for c in categories}
        gov_by_region: dict[str, Agency] = {}
        units_by_owner: dict[int, list[Agency]] = defaultdict(list)
        ombudsman = None
        for agency in agencies.values():
            if agency.code == OMBUDSMAN_CODE:
                ombudsman = agency
            if agency.kind in (AgencyKind.PEMKAB, AgencyKind.PEMPROV) and agency.region_id:
                gov_by_region.setdefault(agency.region_id, agency)
            if agency.kind == AgencyKind.UNIT:
                owner = _owner(agency, agencies)
                if owner is not None:
                    units_by_owner[owner.pk].append(agency)
        fallback = [
            a for a in agencies.values() if a.kind != AgencyKind.UNIT and a.code != OMBUDSMAN_CODE
        ]
        # The reporters: people with no official role (a bounded pool is enough).
        official_ids = set(RoleMembership.objects.values_list("user_id", flat=True))
        reporters = [
            pk
            for pk in User.objects.filter(is_staff=False)
            .order_by("pk")
            .values_list("pk", flat=True)[:20000]
            if pk not in official_ids
        ]
        verifiers: list[int] = []
        ombudsman_users: list[int] = []
        admins: dict[int, list[int]] = defaultdict(list)
        unit_admins: dict[int, list[int]] = defaultdict(list)
        for user_id, role, agency_id in RoleMembership.objects.filter(is_active=True).values_list(
            "user_id", "role", "agency_id"
        ):
            if role == Role.ADMIN_NASIONAL:
                verifiers.append(user_id)
            elif role == Role.OMBUDSMAN:
                ombudsman_users.append(user_id)
            elif role == Role.ADMIN_INSTANSI and agency_id:
                admins[agency_id].append(user_id)
            elif role == Role.ADMIN_UNIT and agency_id:
                unit_admins[agency_id].append(user_id)
        pools = cls(
            places=places,
            place_weights=[_place_weight(p) for p in places],
            agencies=agencies,
            gov_by_region=gov_by_region,
            units_by_owner=dict(units_by_owner),
            fallback_agencies=fallback,
            ombudsman=ombudsman,
            categories=categories,
            theme_by_category=theme_by_category,
            issues_by_category=issues_by_category,
            reporters=reporters,
            verifiers=verifiers,
            ombudsman_users=ombudsman_users,
            admins_by_agency=dict(admins),
            unit_admins_by_agency=dict(unit_admins),
        )
        if use_routing:
            pools.routing = RoutingTable(all_categories, agencies)
        return pools

    def region(self, place: Place) -> Region:
        """An unsaved-looking Region carrying what the deadline code reads (no query)."""
        region = self.region_objects.get(place.code)
        if region is None:
            region = Region(code=place.code, name=place.desa, timezone=place.timezone)
            region._state.adding = False
            self.region_objects[place.code] = region
        return region

    def units_for_theme(self, agency_id: int, theme: Theme) -> list[Agency]:
        """The agency's units whose name fits the topic (Dinas Kesehatan for health): the
        first of the theme's unit words that names any unit wins."""
        key = (agency_id, theme.key)
        found = self._unit_theme_cache.get(key)
        if found is None:
            found = []
            units = self.units_by_owner.get(agency_id, ())
            for word in theme.unit_keywords:
                found = [u for u in units if word in u.name.lower()]
                if found:
                    break
            self._unit_theme_cache[key] = found
        return found

    def regional_units(self, agency: Agency, region_code: str) -> list[Agency]:
        """The agency's units for a region of their own that holds the place (PLN's
        distribution unit for West Java, a Polda), not those that share its seat."""
        return [
            u
            for u in self.units_by_owner.get(agency.pk, ())
            if u.region_id
            and u.region_id != agency.region_id
            and (region_code == u.region_id or region_code.startswith(u.region_id + "."))
        ]

    def places_in(self, region_code: str) -> list[int]:
        """Indexes of the places inside a region (prefix match on the code)."""
        return [
            i
            for i, p in enumerate(self.places)
            if p.code == region_code or p.code.startswith(region_code + ".")
        ]

    def official_for(
        self, agency: Agency | None, table: dict[int, list[int]], rng: random.Random
    ) -> tuple[int | None, int | None]:
        """(user, membership agency) of someone holding a role over ``agency``'s subtree:
        a membership on it or on the nearest agency above it; ``(None, agency)`` if none."""
        node = agency
        while node is not None:
            users = table.get(node.pk)
            if users:
                return rng.choice(users), node.pk
            node = self.agencies.get(node.parent_id) if node.parent_id else None
        return None, agency.pk if agency is not None else None


class DemoDataMissing(Exception):
    """Regions or agencies have not been loaded yet."""


def _owner(agency: Agency, agencies: dict[int, Agency]) -> Agency | None:
    node: Agency | None = agency
    while node is not None and node.kind == AgencyKind.UNIT:
        node = agencies.get(node.parent_id) if node.parent_id else None
    return node


def _load_places() -> list[Place]:
    """The deepest regions (villages when imported) with their district/regency names."""
    rows = list(Region.objects.values_list("code", "name", "level", "timezone"))
    if not rows:
        return []
    names = {code: name for code, name, _, _ in rows}
    deepest = max(level for _, _, level, _ in rows)
    places = []
    for code, name, level, tz in rows:
        if level != deepest:
            continue
        parts = code.split(".")
        regency_code = ".".join(parts[:2])
        district_code = ".".join(parts[:3])
        kota = names.get(regency_code, name)
        if level >= RegionLevel.VILLAGE:
            # Kemendagri: a village code 1xxx is a kelurahan, 2xxx a desa.
            desa_full = f"{'Kelurahan' if parts[3].startswith('1') else 'Desa'} {name}"
            desa = name
        else:
            desa, desa_full = name, name
        places.append(
            Place(
                code=code,
                desa_full=desa_full,
                desa=desa,
                kecamatan=names.get(district_code, name),
                kota=kota,
                kota_short=kota.removeprefix("Kabupaten ").removeprefix("Kota "),
                regency_code=regency_code,
                province_code=parts[0],
                timezone=tz,
            )
        )
    return places


def _place_weight(place: Place) -> float:
    # More people file from cities and from Java: a rough, realistic skew.
    weight = 3.0 if place.kota.startswith("Kota ") else 1.0
    if place.province_code in {"31", "32", "33", "34", "35", "36"}:
        weight *= 2.0
    return weight


# Each topic's theme, by slug: a story names the very topics it is told under (never a
# parent's, whose children it might not fit), and a topic belongs to one theme.
_THEME_BY_SLUG = {slug: theme for theme in (*THEMES, GENERIC) for slug in theme.categories}
# Told on any topic of a tree the demo has no stories for (and on no topic at all).
FALLBACK_ISSUES = tuple(i for i in GENERIC.issues if "lainnya" in i.categories)


def theme_for(category: Category) -> Theme | None:
    """The theme whose stories are told under this topic, or None."""
    return _THEME_BY_SLUG.get(category.slug)


def issues_for(theme: Theme, category: Category) -> tuple[Issue, ...]:
    """The theme's stories told under this topic."""
    return tuple(i for i in theme.issues if category.slug in i.categories)


class RoutingTable:
    """``agencies.selectors.routing_suggest`` answered in memory, for bulk generation.

    One query per report would cost hours for a million reports, so the active rules
    are read once and ranked exactly as ``routing_suggest`` ranks them: category
    closeness, region depth, exact classification, priority, lowest id. Answers are
    memoised per (category, region cut to the deepest rule region, classification).
    ``tests/test_generate.py`` checks it against ``routing_suggest``.
    """

    def __init__(self, categories: dict[int, Category], agencies: dict[int, Agency]) -> None:
        from lapor.agencies.models import RoutingRule
        from lapor.agencies.services import CATEGORY_MAX_DEPTH

        self.max_depth = CATEGORY_MAX_DEPTH
        self.parent = {pk: c.parent_id for pk, c in categories.items()}
        self.agencies = agencies
        self.rules: dict[int | None, list[tuple[int, str | None, str, int, int]]] = defaultdict(
            list
        )
        region_depth = 0
        rows = RoutingRule.objects.filter(is_active=True, agency__is_active=True).values_list(
            "pk", "category_id", "region_id", "classification", "priority", "agency_id"
        )
        for pk, category_id, region_id, classification, priority, agency_id in rows:
            self.rules[category_id].append((pk, region_id, classification, priority, agency_id))
            if region_id:
                region_depth = max(region_depth, region_id.count(".") + 1)
        self.region_depth = region_depth
        self.cache: dict[tuple[int | None, str, str], list[tuple[int, Agency]]] = {}

    def __call__(
        self, category_id: int | None, region_code: str, classification: str
    ) -> Agency | None:
        ranked = self._ranked(category_id, region_code, classification)
        return ranked[0][1] if ranked else None

    def onward(
        self, category_id: int | None, region_code: str, classification: str
    ) -> list[Agency]:
        """The other agencies that rules as close to the topic point at, best first:
        where an official passes a report on to (a road from the city to the province
        or the ministry; a regional tax never to the finance ministry)."""
        ranked = self._ranked(category_id, region_code, classification)
        return [agency for rank, agency in ranked[1:] if rank == ranked[0][0]]

    def _ranked(
        self, category_id: int | None, region_code: str, classification: str
    ) -> list[tuple[int, Agency]]:
        """(category closeness, agency) of every matching rule, best first, each agency
        once."""
        region_key = ".".join(region_code.split(".")[: self.region_depth])
        key = (category_id, region_key, classification)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        parts = region_key.split(".") if region_key else []
        ancestors = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
        chain: list[tuple[int | None, int]] = []
        node, distance = category_id, 0
        while node is not None and distance <= self.max_depth:
            chain.append((node, self.max_depth + 1 - distance))
            node, distance = self.parent.get(node), distance + 1
        chain.append((None, 0))
        matches: list[tuple[tuple[int, ...], int]] = []
        for cat, rank in chain:
            for pk, region_id, rule_class, priority, agency_id in self.rules.get(cat, ()):
                if region_id and region_id not in ancestors:
                    continue
                if rule_class and rule_class != classification:
                    continue
                depth = region_id.count(".") + 1 if region_id else 0
                matches.append(((rank, depth, 1 if rule_class else 0, priority, -pk), agency_id))
        matches.sort(reverse=True)
        found: list[tuple[int, Agency]] = []
        for match, agency_id in matches:
            agency = self.agencies.get(agency_id)
            if agency is not None and all(agency != a for _rank, a in found):
                found.append((match[0], agency))
        self.cache[key] = found
        return found


# ---------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------

_REPORT_FIELDS = tuple(Report._meta.concrete_fields)
REPORT_COLUMNS = tuple(str(f.column) for f in _REPORT_FIELDS)
_REPORT_ATTNAMES = tuple(f.attname for f in _REPORT_FIELDS)


def _draft_default(f: Any) -> Any:
    if f.has_default() and callable(f.default) and isinstance(f, DateField):
        return None  # times (timezone.now): the generator sets those itself
    return f.get_default()  # "" for text columns that are not nullable, else None


# Fields whose default is made fresh for each report (a list or a dict), as the model
# makes it: a shared mutable default would be one object for a million drafts.
_REPORT_FACTORIES = tuple(
    (f.attname, f.default)
    for f in _REPORT_FIELDS
    if f.has_default() and callable(f.default) and not isinstance(f, DateField)
)
_REPORT_DEFAULTS = tuple(
    (f.attname, _draft_default(f))
    for f in _REPORT_FIELDS
    if f.attname not in {name for name, _factory in _REPORT_FACTORIES}
)


class Draft:
    """A report being generated: ``Report``'s columns as plain attributes.

    A model instance costs tens of microseconds to build and each foreign-key
    assignment more; a million of them is minutes. ``report_recompute_deadlines``
    reads only attributes, so it works on a draft as on a report. ``agency``,
    ``unit``, ``region``, ``target_agency`` and ``category`` hold the related objects
    (set through ``set_*`` so that the ``*_id`` columns follow).
    """

    __slots__ = (*_REPORT_ATTNAMES, "agency", "category", "region", "target_agency", "unit")

    # For the type checker (the slots above are built from the model's fields).
    id: int | None
    tracking_id: str
    classification: str
    title: str
    description: str
    incident_date: date | None
    region_id: str | None
    address: str
    category_id: int | None
    target_agency_id: int | None
    is_anonymous: bool
    is_confidential: bool
    channel: str
    reporter_id: int | None
    status: str
    agency_id: int | None
    unit_id: int | None
    archive_reason: str
    duplicate_of_id: int | None
    ombudsman_consent: str
    due_at: datetime | None
    submitted_at: datetime
    status_changed_at: datetime
    verified_at: datetime | None
    disposed_at: datetime | None
    first_followup_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    updated_at: datetime
    rating: int | None
    rating_comment: str
    reporter_satisfied: bool | None
    version: int
    agency: Agency | None
    unit: Agency | None
    region: Region | None
    target_agency: Agency | None
    category: Category | None

    def __init__(self) -> None:
        for name, default in _REPORT_DEFAULTS:
            setattr(self, name, default)
        for name, factory in _REPORT_FACTORIES:
            setattr(self, name, factory())
        self.agency = self.unit = self.region = self.target_agency = self.category = None

    @property
    def pk(self) -> int | None:
        return self.id

    def set_agency(self, agency: Agency | None) -> None:
        self.agency = agency
        self.agency_id = agency.pk if agency is not None else None

    def set_unit(self, unit: Agency | None) -> None:
        self.unit = unit
        self.unit_id = unit.pk if unit is not None else None

    def row(self) -> list[Any]:
        return [getattr(self, name) for name in _REPORT_ATTNAMES]

    def to_model(self) -> Report:
        return Report(**{name: getattr(self, name) for name in _REPORT_ATTNAMES})


EVENT_COLUMNS = (
    "report_id",
    "code",
    "actor_id",
    "actor_role",
    "actor_agency_id",
    "created_at",
    "from_status",
    "to_status",
    "note",
    "visibility",
    "data",
)


class EventSpec:
    """One event of a generated report, before it is written."""

    __slots__ = (
        "actor_agency_id",
        "actor_id",
        "actor_role",
        "code",
        "created_at",
        "data",
        "from_status",
        "note",
        "to_status",
        "visibility",
    )

    def __init__(
        self,
        code: str,
        created_at: datetime,
        from_status: str,
        to_status: str,
        actor_id: int | None,
        actor_role: str,
        actor_agency_id: int | None,
        note: str,
        visibility: str,
        data: dict[str, Any],
    ) -> None:
        self.code = code
        self.created_at = created_at
        self.from_status = from_status
        self.to_status = to_status
        self.actor_id = actor_id
        self.actor_role = actor_role
        self.actor_agency_id = actor_agency_id
        self.note = note
        self.visibility = visibility
        self.data = data

    def row(self, report_id: int | None) -> list[Any]:
        return [
            report_id,
            self.code,
            self.actor_id,
            self.actor_role,
            self.actor_agency_id,
            self.created_at,
            self.from_status,
            self.to_status,
            self.note,
            self.visibility,
            self.data,
        ]

    def to_model(self, report_id: int | None) -> ReportEvent:
        return ReportEvent(**dict(zip(EVENT_COLUMNS, self.row(report_id), strict=True)))


@dataclass
class Generated:
    report: Draft
    events: list[EventSpec]
    sweep: dict[str, Any]  # ``Recomputed.sweep``: the report's ``ReportSweepState``

    def sweep_row(self) -> list[Any]:
        values = self.sweep
        return [self.report.id, *(values.get(name, default) for name, default in _SWEEP_DEFAULTS)]

    def sweep_to_model(self) -> ReportSweepState:
        return ReportSweepState(**dict(zip(SWEEP_COLUMNS, self.sweep_row(), strict=True)))


# The sweep state's columns after ``report_id``, with the value of a fresh report.
_SWEEP_DEFAULTS = (
    ("remind_at", None),
    ("overdue_at", None),
    ("overdue_marked_at", None),
    ("escalation_level", 0),
    ("escalation_due_at", None),
)
SWEEP_COLUMNS = ("report_id", *(name for name, _default in _SWEEP_DEFAULTS))


# How a report ends, by how long ago it was filed (days): new reports are still being
# handled, old ones are mostly done. Submission times are spread evenly over the
# history, so the open statuses are a realistic few percent of a large load.
STATUS_BY_AGE: tuple[tuple[int, tuple[tuple[str, float], ...]], ...] = (
    (
        5,
        (
            (Status.SUBMITTED, 35),
            (Status.ON_HOLD, 10),
            (Status.ARCHIVED, 10),
            (Status.DISPOSED, 30),
            (Status.IN_PROGRESS, 10),
            (Status.RESOLVED, 5),
        ),
    ),
    (
        20,
        (
            (Status.SUBMITTED, 3),
            (Status.ON_HOLD, 8),
            (Status.ARCHIVED, 15),
            (Status.DISPOSED, 12),
            (Status.IN_PROGRESS, 30),
            (Status.RESOLVED, 15),
            (Status.CLOSED, 17),
        ),
    ),
    (
        75,
        (
            (Status.ON_HOLD, 1),
            (Status.ARCHIVED, 15),
            (Status.DISPOSED, 3),
            (Status.IN_PROGRESS, 14),
            (Status.RESOLVED, 5),
            (Status.CLOSED, 60),
            (Status.ESCALATED, 2),
        ),
    ),
    (
        10_000,
        (
            (Status.ARCHIVED, 15),
            (Status.DISPOSED, 1),
            (Status.IN_PROGRESS, 3),
            (Status.RESOLVED, 1),
            (Status.CLOSED, 76),
            (Status.ESCALATED, 4),
        ),
    ),
)
ALL_STATUSES = tuple(str(s) for s in Status)
CLASSIFICATION_MIX = (
    (Classification.PENGADUAN, 60),
    (Classification.PENGADUAN_PENGAWASAN, 8),
    (Classification.ASPIRASI, 17),
    (Classification.INFORMASI, 15),
)
CHANNEL_MIX = (
    (Channel.WEB, 52),
    (Channel.API, 28),
    (Channel.SMS, 8),
    (Channel.EMAIL, 5),
    (Channel.INTEGRATION, 6),
    (Channel.OPEN311, 1),
)
ARCHIVE_MIX = (
    (ArchiveReason.INCOMPLETE, 35),
    (ArchiveReason.OUT_OF_SCOPE, 25),
    (ArchiveReason.DUPLICATE, 25),
    (ArchiveReason.SPAM, 15),
)
RATING_MIX = ((5, 45), (4, 25), (3, 12), (2, 8), (1, 10))
HISTORY_DAYS = 540  # about 18 months
_ONE_DAY = timedelta(days=1)
_ONE_WEEK = timedelta(weeks=1)


class _Picker:
    """A weighted choice with the cumulative weights computed once."""

    def __init__(self, items: Iterable[tuple[Any, float]]) -> None:
        pairs = list(items)
        # Plain strings, not enum members: COPY writes values as they are.
        self.values = [str(v) if isinstance(v, str) else v for v, _ in pairs]
        self.cum = list(itertools.accumulate(w for _, w in pairs))

    def __call__(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


class ReportGenerator:
    """Draws reports one at a time; reproducible for a given ``seed`` and ``now``.

    ``focus`` puts ``focus_share`` of the reports in one agency or unit (and its
    region), so that its officials have a full inbox: reports on the topics that the
    routing rules send to it (and, for a unit, that fit the unit), never a topic it does
    not handle. Submissions spread evenly over
    the last ``history_days``. ``cover_every_status()`` makes
    the next eight reports end in each status once, so a small run still has them all.
    """

    def __init__(
        self,
        pools: DemoPools,
        *,
        seed: int = 0,
        now: datetime,
        focus: Agency | None = None,
        focus_share: float = 0.0,
        history_days: int = HISTORY_DAYS,
    ) -> None:
        self.pools = pools
        self.history_days = history_days
        self.rng = random.Random(seed)
        self.random = self.rng.random
        self.now = now.astimezone(WIB)
        self.focus = focus
        self.focus_share = focus_share if focus is not None else 0.0
        self.focus_owner = _owner(focus, pools.agencies) if focus is not None else None
        self.focus_places: list[int] = []
        if self.focus_owner is not None and self.focus_owner.region_id:
            self.focus_places = pools.places_in(self.focus_owner.region_id)
        self._focus_topic_cache: dict[tuple[str, str], list[Category]] = {}
        self._status_by_age = [(limit, _Picker(mix)) for limit, mix in STATUS_BY_AGE]
        self._classification = _Picker(CLASSIFICATION_MIX)
        self._channel = _Picker(CHANNEL_MIX)
        self._archive = _Picker(ARCHIVE_MIX)
        self._rating = _Picker(RATING_MIX)
        self._place_cum = list(itertools.accumulate(pools.place_weights))
        self._recent: list[tuple[datetime, int, str]] = []  # (submitted_at, pk, tracking ID)
        self._forced: list[str] = []

    def cover_every_status(self) -> None:
        self._forced = list(ALL_STATUSES)

    # Faster than ``random.randint``/``choice``, which dominate a profile otherwise.
    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: Any) -> Any:
        return seq[int(self.random() * len(seq))]

    # --- drawing ------------------------------------------------------------------

    def _place(self) -> Place:
        i = bisect.bisect_right(self._place_cum, self.random() * self._place_cum[-1])
        return self.pools.places[min(i, len(self.pools.places) - 1)]

    def _route(self, place: Place, category: Category | None, classification: str) -> Agency:
        """The agency the routing rules pick for the topic and place (the one a verifier
        would send it to); the place's own government when no rule matches."""
        pools = self.pools
        if pools.routing is not None:
            found = pools.routing(category.pk if category else None, place.code, classification)
            if found is not None and found.code != OMBUDSMAN_CODE:
                return _owner(found, pools.agencies) or found
        for code in (place.regency_code, place.province_code):
            gov = pools.gov_by_region.get(code)
            if gov is not None:
                return gov
        return self.choice(pools.fallback_agencies)

    def _fits_focus(self, category: Category) -> bool:
        if self.focus is None or self.focus.kind != AgencyKind.UNIT or self.focus_owner is None:
            return True
        theme = self.pools.theme_by_category.get(category.pk, GENERIC)
        return self.focus in self.pools.units_for_theme(self.focus_owner.pk, theme)

    def _focus_topics(self, place: Place, classification: str) -> list[Category]:
        """The topics of a report at ``place`` that the routing sends to the focus agency."""
        key = (place.regency_code, classification)
        found = self._focus_topic_cache.get(key)
        if found is None:
            found = [
                c
                for c in self.pools.categories
                if self._fits_focus(c) and self._route(place, c, classification) == self.focus_owner
            ]
            self._focus_topic_cache[key] = found
        return found

    def _place_and_topic(self, classification: str) -> tuple[Place, Category | None]:
        pools = self.pools
        if self.focus_owner is not None and self.random() < self.focus_share:
            place = (
                pools.places[self.choice(self.focus_places)] if self.focus_places else self._place()
            )
            topics = self._focus_topics(place, classification)
            if topics:
                return place, self.choice(topics)
        place = self._place()
        return place, self.choice(pools.categories) if pools.categories else None

    def unit_for(self, agency: Agency, theme: Theme, region_code: str) -> Agency | None:
        """The unit that handles the topic at the place: the focus unit, a unit for the
        place's region (PLN West Java), the unit named for the topic (Dinas PU); or none,
        and the agency handles it itself."""
        if (
            self.focus is not None
            and self.focus.kind == AgencyKind.UNIT
            and agency == self.focus_owner
            and self.focus in self.pools.units_for_theme(agency.pk, theme)
            and self.random() < 0.8
        ):
            return self.focus
        regional = self.pools.regional_units(agency, region_code)
        if regional:
            return self.choice(regional)
        matching = self.pools.units_for_theme(agency.pk, theme)
        return self.choice(matching) if matching else None

    def _text(
        self, issue: Issue, classification: str, place: Place, incident: date
    ) -> tuple[str, str]:
        choice = self.choice
        words = {
            "desa": place.desa,
            "desa_full": place.desa_full,
            "kecamatan": place.kecamatan,
            "kota": place.kota,
            "kota_short": place.kota_short,
            "tanggal": f"{incident.day} {MONTHS[incident.month - 1]} {incident.year}",
            "sejak": choice(SINCE),
            "nomor": self.randint(1, 12),
        }
        words["jalan"] = choice(STREETS).format(**words)
        words["tempat"] = choice(LANDMARKS).format(**words)
        if classification == Classification.ASPIRASI:
            title, text = choice(issue.aspirasi)
            return title.format(**words)[:150], text.format(**words)
        if classification == Classification.INFORMASI:
            title, text = choice(issue.informasi)
            return title.format(**words)[:150], text.format(**words)
        title = choice(issue.titles).format(**words)
        # 2-5 sentences in the order things happened: what, details, the request.
        n_details = min(self.randint(0, 3), len(issue.details))
        details = sorted(self.rng.sample(range(len(issue.details)), n_details))
        sentences = [choice(issue.openings).format(**words)]
        sentences += [issue.details[i] for i in details]
        sentences.append(choice(issue.requests))
        return title[:150], " ".join(sentences)

    def generate(self, pk: int | None = None, tracking_id: str = "") -> Generated:
        """One report and its events.

        ``pk`` and ``tracking_id`` (when known before saving) let later reports be
        archived as duplicates of this one.
        """
        pools = self.pools
        random_ = self.random
        if self._forced:
            final, age = self._forced.pop(0), None
        else:
            age = self.randint(0, self.history_days)
            final = next(p for limit, p in self._status_by_age if age < limit)(self.rng)
        if final == Status.ESCALATED and pools.ombudsman is None:
            final = str(Status.IN_PROGRESS)
        classification = self._classification(self.rng)
        place, category = self._place_and_topic(classification)
        theme = pools.theme_by_category.get(category.pk, GENERIC) if category else GENERIC
        # The story is one of the topic's own: its words and the answer fit the topic.
        issues = pools.issues_by_category.get(category.pk, ()) if category else ()
        issue = self.choice(issues or FALLBACK_ISSUES)
        if classification == Classification.ASPIRASI:
            answers = ASPIRASI_ANSWERS
        elif classification == Classification.INFORMASI:
            answers = INFORMASI_ANSWERS
        else:
            answers = issue.answers
        agency = self._route(place, category, classification)

        report = Draft()
        report.id = pk
        report.tracking_id = tracking_id
        report.classification = classification
        report.category = category
        report.category_id = category.pk if category else None
        report.region = pools.region(place)
        report.region_id = place.code
        report.is_anonymous = random_() < 0.15
        report.is_confidential = random_() < 0.05
        report.channel = self._channel(self.rng)
        report.reporter_id = self.choice(pools.reporters) if pools.reporters else None
        picked = random_() < 0.2  # the reporter chose the agency on the form

        path = _Path(self, report, final, agency, picked, theme, answers, age)
        path.build()
        incident = (report.submitted_at - timedelta(days=self.randint(0, 20))).date()
        report.incident_date = incident
        report.title, report.description = self._text(issue, classification, place, incident)
        report.address = f"{place.desa_full}, Kec. {place.kecamatan}, {place.kota}"[:255]
        report.updated_at = path.events[-1].created_at
        report.version = len(path.events)
        sweep = report_recompute_deadlines(report).sweep  # type: ignore[arg-type]
        if "escalation_level" in sweep:
            sweep["escalation_level"] = int(sweep["escalation_level"])  # plain, for COPY
        if pk is not None:
            self._recent.append((report.submitted_at, pk, tracking_id))
            if len(self._recent) > 500:
                del self._recent[:250]
        return Generated(report=report, events=path.events, sweep=sweep)

    def duplicate_target(self, before: datetime) -> tuple[int, str] | None:
        """An earlier report (pk, tracking ID) that a new one can repeat."""
        candidates = [(pk, tid) for at, pk, tid in self._recent if at < before]
        return self.choice(candidates) if candidates else None


class _Path:
    """Builds one path through the state machine, moving a clock forward.

    Officials act on weekdays in office hours (08:00-16:59 WIB); reporters any day
    from 06:00 to 22:00; the system just after a deadline. Fields change exactly as
    ``reports.transitions`` changes them, and event data has the same shape.
    """

    def __init__(
        self,
        gen: ReportGenerator,
        report: Draft,
        final: str,
        agency: Agency,
        picked: bool,
        theme: Theme,
        answers: tuple[str, ...],
        age: int | None = None,
    ) -> None:
        self.gen = gen
        self.age = age
        self.randint = gen.randint
        self.choice = gen.choice
        self.random = gen.random
        self.pools = gen.pools
        self.report = report
        self.final = final
        self.agency = agency
        self.picked = picked
        self.theme = theme
        self.answers = answers
        self.events: list[EventSpec] = []
        self.t = gen.now
        self.status = ""
        self.duplicate = False

    # --- the clock ----------------------------------------------------------------

    def _official_step(self, min_days: int, max_days: int) -> None:
        days = self.randint(min_days, max_days)
        t = self.t
        if days == 0 and t.weekday() < 5 and 8 <= t.hour < 16:
            t = t + timedelta(minutes=self.randint(15, 120))
            if t.hour >= 17:
                t = t.replace(hour=16, minute=59)
        else:
            days = max(days, 1)
            d = t.date()
            while days:
                d += _ONE_DAY
                if d.weekday() < 5:
                    days -= 1
            t = datetime(
                d.year, d.month, d.day, self.randint(8, 16), self.randint(0, 59), tzinfo=WIB
            )
        self.t = t

    def _reporter_step(self, min_days: int, max_days: int) -> None:
        days = self.randint(min_days, max_days)
        if days == 0:
            t = self.t + timedelta(minutes=self.randint(20, 300))
        else:
            d = self.t.date() + timedelta(days=days)
            t = datetime(
                d.year, d.month, d.day, self.randint(6, 21), self.randint(0, 59), tzinfo=WIB
            )
        self.t = t

    def _after_working_days(self, days: int) -> None:
        """Just after the reporter's time ran out: when the nightly sweep acts."""
        due = add_working_days(
            self.t,
            days,
            tz=report_timezone(self.report),  # type: ignore[arg-type]
            region_code=report_region_code(self.report),  # type: ignore[arg-type]
        )
        self.t = due.astimezone(WIB) + timedelta(minutes=self.randint(5, 90))

    # --- moves --------------------------------------------------------------------

    def _event(
        self,
        code: str,
        to_status: str,
        *,
        actor_id: int | None,
        role: str,
        agency_id: int | None = None,
        note: str = "",
        visibility: str = "public",
        data: dict[str, Any] | None = None,
    ) -> None:
        to_status = str(to_status)
        self.events.append(
            EventSpec(
                code,
                self.t,
                self.status,
                to_status,
                actor_id,
                str(role),
                agency_id,
                note,
                str(visibility),
                data or {},
            )
        )
        if to_status != self.status:
            self.report.status_changed_at = self.t
        self.status = to_status
        self.report.status = to_status

    def _verifier(self) -> tuple[int | None, str, int | None]:
        """Who verifies: the agency's admin when the reporter picked it, else the nation's."""
        if self.picked and self.report.target_agency is not None:
            user, agency_id = self.pools.official_for(
                self.report.target_agency, self.pools.admins_by_agency, self.gen.rng
            )
            return user, Role.ADMIN_INSTANSI, agency_id
        users = self.pools.verifiers
        return (self.choice(users) if users else None), Role.ADMIN_NASIONAL, None

    def _handler(self) -> tuple[int | None, str, int | None]:
        """Who acts at the agency: the unit's admin when it has a unit, else the agency's;
        the Ombudsman once the report is with it."""
        report = self.report
        if report.status == Status.ESCALATED:
            users = self.pools.ombudsman_users
            return (self.choice(users) if users else None), Role.OMBUDSMAN, None
        if report.unit is not None:
            user, agency_id = self.pools.official_for(
                report.unit, self.pools.unit_admins_by_agency, self.gen.rng
            )
            if user is not None:
                return user, Role.ADMIN_UNIT, agency_id
        user, agency_id = self.pools.official_for(
            report.agency, self.pools.admins_by_agency, self.gen.rng
        )
        return user, Role.ADMIN_INSTANSI, agency_id

    def submit(self) -> None:
        report = self.report
        if self.picked:
            report.target_agency = self.agency
            report.target_agency_id = self.agency.pk
            report.set_agency(self.agency)
        self._event(
            "report.submitted",
            Status.SUBMITTED,
            actor_id=report.reporter_id,
            role=ROLE_REPORTER,
            data={
                "channel": report.channel,
                "target_agency": self.agency.pk if self.picked else None,
            },
        )

    def hold(self) -> None:
        self._official_step(0, 3)
        actor, role, agency_id = self._verifier()
        self._event(
            "report.held",
            Status.ON_HOLD,
            actor_id=actor,
            role=role,
            agency_id=agency_id,
            note=self.choice(HOLD_QUESTIONS),
            visibility=Visibility.REPORTER,
        )

    def complete(self) -> None:
        self._reporter_step(0, 8)
        self._event(
            "report.completed",
            Status.SUBMITTED,
            actor_id=self.report.reporter_id,
            role=ROLE_REPORTER,
            note=self.choice(COMPLETIONS),
            visibility=Visibility.REPORTER,
        )

    def archive(self, reason: str, *, expired_hold: bool = False) -> None:
        if expired_hold:
            self._after_working_days(HOLD_DAYS)
            actor, role, agency_id = None, ROLE_SYSTEM, None
            note = HOLD_EXPIRED_NOTE
        else:
            self._official_step(0, 3)
            actor, role, agency_id = self._verifier()
            note = ARCHIVE_NOTES[reason]
        self.report.archive_reason = str(reason)
        self.duplicate = reason == ArchiveReason.DUPLICATE
        self._event(
            "report.archived",
            Status.ARCHIVED,
            actor_id=actor,
            role=role,
            agency_id=agency_id,
            note=note,
            visibility=Visibility.REPORTER,
            data={"reason": str(reason)},
        )

    def dispose(self) -> None:
        report = self.report
        self._official_step(0, 3)
        actor, role, agency_id = self._verifier()
        data = {
            "agency": {"old": report.agency_id, "new": self.agency.pk},
            "unit": {"old": report.unit_id, "new": None},
        }
        report.set_agency(self.agency)
        report.set_unit(None)
        report.verified_at = self.t
        report.disposed_at = self.t
        self._event(
            "report.disposed",
            Status.DISPOSED,
            actor_id=actor,
            role=role,
            agency_id=agency_id,
            data=data,
        )

    def dispose_to_unit(self) -> None:
        agency = self.report.agency
        unit = (
            self.gen.unit_for(agency, self.theme, self.report.region_id or "")
            if agency is not None
            else None
        )
        if unit is None:
            return
        self._official_step(0, 1)
        actor, role, agency_id = self._handler()
        data = {"unit": {"old": self.report.unit_id, "new": unit.pk}}
        self.report.set_unit(unit)
        self._event(
            "report.disposed_to_unit",
            self.status,
            actor_id=actor,
            role=role,
            agency_id=agency_id,
            note=self.choice(DISPOSE_UNIT_NOTES),
            visibility=Visibility.INTERNAL,
            data=data,
        )

    def decline(self) -> None:
        self._official_step(0, 3)
        actor, role, agency_id = self._handler()
        report = self.report
        data = {
            "agency": {"old": report.agency_id, "new": None},
            "unit": {"old": report.unit_id, "new": None},
        }
        report.set_agency(None)
        report.set_unit(None)
        self._event(
            "report.declined",
            Status.SUBMITTED,
            actor_id=actor,
            role=role,
            agency_id=agency_id,
            note=self.choice(DECLINE_NOTES),
            visibility=Visibility.INTERNAL,
            data=data,
        )

    def transfer(self) -> None:
        report = self.report
        current = report.agency
        # Passed on to where the next routing rule points (the province, the ministry),
        # or from one of the place's governments to the other: a road to the province,
        # never a water bill to the civil-service agency.
        region = report.region_id or ""
        onward: list[Agency] = []
        if self.pools.routing is not None:
            onward = [
                _owner(a, self.pools.agencies) or a
                for a in self.pools.routing.onward(
                    report.category_id, region, report.classification
                )
                if a.code != OMBUDSMAN_CODE
            ]
        if current is None:
            return
        onward = [a for a in onward if a.pk != current.pk]
        if not onward and current.kind in (AgencyKind.PEMKAB, AgencyKind.PEMPROV):
            parts = region.split(".")
            onward = [
                gov
                for code in (".".join(parts[:2]), parts[0])
                if (gov := self.pools.gov_by_region.get(code)) is not None and gov.pk != current.pk
            ]
        if not onward:
            return
        target = onward[0]
        self._official_step(0, 3)
        actor, role, agency_id = self._handler()
        data = {
            "agency": {"old": current.pk, "new": target.pk},
            "unit": {"old": report.unit_id, "new": None},
        }
        report.set_agency(target)
        report.set_unit(None)
        report.disposed_at = self.t
        self.agency = target
        self._event(
            "report.transferred",
            Status.DISPOSED,
            actor_id=actor,
            role=role,
            agency_id=agency_id,
            note=self.choice(TRANSFER_NOTES),
            visibility=Visibility.INTERNAL,
            data=data,
        )

    def _first_followup(self) -> dict[str, Any]:
        if self.report.first_followup_at is None:
            self.report.first_followup_at = self.t
            return {"first": True}
        return {}

    def follow_up(self) -> None:
        self._official_step(1, 6)
        actor, role, agency_id = self._handler()
        data = self._first_followup()
        to = Status.ESCALATED if self.status == Status.ESCALATED else Status.IN_PROGRESS
        self._event(
            "report.followed_up",
            to,
            actor_id=actor,
            role=role,
            agency_id=agency_id,
            note=self.choice(FOLLOWUPS),
            visibility=Visibility.REPORTER if self.report.is_confidential else Visibility.PUBLIC,
            data=data,
        )

    def reply(self) -> None:
        self._reporter_step(0, 6)
        data: dict[str, Any] = {}
        to = self.status
        if self.status == Status.RESOLVED:
            # The reporter rejects the answer: it is no longer the answer.
            to = Status.IN_PROGRESS
            self.report.resolved_at = None
            data = {"reopened": True}
        self._event(
            "report.replied",
            to,
            actor_id=self.report.reporter_id,
            role=ROLE_REPORTER,
            note=self.choice(REPLIES),
            visibility=Visibility.REPORTER,
            data=data,
        )

    def resolve(self) -> None:
        self._official_step(1, 10)
        actor, role, agency_id = self._handler()
        data = self._first_followup()
        self.report.resolved_at = self.t
        self._event(
            "report.resolved",
            Status.RESOLVED,
            actor_id=actor,
            role=role,
            agency_id=agency_id,
            note=self.choice(self.answers),
            data=data,
        )

    def close(self) -> None:
        report = self.report
        if self.random() < 0.35:
            # Silence for 10 working days: the system closes it.
            self._after_working_days(REPLY_DAYS)
            report.closed_at = self.t
            self._event("report.auto_closed", Status.CLOSED, actor_id=None, role=ROLE_SYSTEM)
            return
        self._reporter_step(0, 9)
        rating = self.gen._rating(self.gen.rng)
        report.rating = rating
        report.rating_comment = self.choice(RATING_COMMENTS[rating]) if self.random() < 0.6 else ""
        report.reporter_satisfied = rating >= 3
        report.closed_at = self.t
        self._event(
            "report.closed",
            Status.CLOSED,
            actor_id=report.reporter_id,
            role=ROLE_REPORTER,
            note=report.rating_comment,
            data={"rating": rating, "satisfied": report.reporter_satisfied},
        )

    def _consent(self, value: str) -> dict[str, Any]:
        data = {"consent": {"old": str(self.report.ombudsman_consent), "new": str(value)}}
        self.report.ombudsman_consent = str(value)
        return data

    def ask_consent(self) -> None:
        # Only 60 days after submission (transitions.CONSENT_AFTER), by the nightly sweep.
        earliest = self.report.submitted_at + timedelta(days=61)
        if self.t < earliest:
            self.t = earliest.replace(hour=1, minute=self.randint(0, 59))
        else:
            self._official_step(1, 5)
        self._event(
            "report.consent_asked",
            self.status,
            actor_id=None,
            role=ROLE_SYSTEM,
            note=CONSENT_NOTES[0],
            visibility=Visibility.REPORTER,
            data=self._consent(OmbudsmanConsent.ASKED),
        )

    def escalate(self) -> None:
        self._reporter_step(0, 5)
        report = self.report
        ombudsman = self.pools.ombudsman
        assert ombudsman is not None
        data = self._consent(OmbudsmanConsent.GIVEN)
        data["agency"] = {"old": report.agency_id, "new": ombudsman.pk}
        data["unit"] = {"old": report.unit_id, "new": None}
        report.set_agency(ombudsman)
        report.set_unit(None)
        self._event(
            "report.escalated",
            Status.ESCALATED,
            actor_id=report.reporter_id,
            role=ROLE_REPORTER,
            data=data,
        )

    def refuse_consent(self) -> None:
        self._reporter_step(0, 5)
        self._event(
            "report.consent_refused",
            self.status,
            actor_id=self.report.reporter_id,
            role=ROLE_REPORTER,
            visibility=Visibility.REPORTER,
            data=self._consent(OmbudsmanConsent.REFUSED),
        )

    # --- the paths ----------------------------------------------------------------

    def build(self) -> None:
        random_ = self.random
        final = self.final
        report = self.report
        self.t = self._start_guess()
        report.submitted_at = self.t
        self.submit()
        if final == Status.SUBMITTED:
            shape = random_()
            if shape < 0.2:
                self.hold()
                self.complete()
            elif shape < 0.3:
                self.dispose()
                self.decline()
        elif final == Status.ON_HOLD:
            self.hold()
        elif final == Status.ARCHIVED:
            if random_() < 0.25:
                self.hold()
                self.archive(ArchiveReason.INCOMPLETE, expired_hold=True)
            else:
                self.archive(self.gen._archive(self.gen.rng))
        else:
            if random_() < 0.08:
                self.hold()
                self.complete()
            self.dispose()
            self._at_agency(final)
        self._place_in_time()
        if self.duplicate:
            target = self.gen.duplicate_target(report.submitted_at)
            last = self.events[-1]
            if target is None:
                # Nothing earlier to repeat (the first reports of a run): call it spam.
                report.archive_reason = str(ArchiveReason.SPAM)
                last.note = ARCHIVE_NOTES[ArchiveReason.SPAM]
                last.data = {"reason": report.archive_reason}
            else:
                report.duplicate_of_id = target[0]
                last.data = {**last.data, "duplicate_of": target[1]}

    def _at_agency(self, final: str) -> None:
        random_ = self.random
        if random_() < 0.04:
            self.transfer()
        if self.pools.units_by_owner.get(self.report.agency_id or 0) and random_() < 0.6:
            self.dispose_to_unit()
        if final == Status.DISPOSED:
            return
        if final == Status.ESCALATED:
            for _ in range(self.randint(0, 2)):
                self.follow_up()
            self.ask_consent()
            self.escalate()
            if random_() < 0.5:
                self.follow_up()
            return
        follow_ups = self.randint(1, 3) if final == Status.IN_PROGRESS else self.randint(0, 2)
        for _ in range(follow_ups):
            self.follow_up()
            if random_() < 0.2:
                self.reply()
        if final == Status.IN_PROGRESS:
            shape = random_()
            if shape < 0.05:
                self.ask_consent()
            elif shape < 0.1:
                self.ask_consent()
                self.refuse_consent()
            return
        self.resolve()
        if final == Status.CLOSED and random_() < 0.1:
            # The reporter was not satisfied: the work reopens and ends again.
            self.reply()
            self.follow_up()
            self.resolve()
        if final == Status.CLOSED:
            self.close()

    def _start_guess(self) -> datetime:
        """A first guess of the submission time; ``_place_in_time`` fixes the end."""
        final = self.final
        if self.age is not None:
            days_ago = self.age
        elif final in (Status.CLOSED, Status.ARCHIVED):
            days_ago = self.randint(30, self.gen.history_days)
        elif final == Status.ESCALATED:
            days_ago = self.randint(75, max(75, self.gen.history_days))
        elif final in (Status.SUBMITTED, Status.ON_HOLD, Status.DISPOSED):
            days_ago = self.randint(0, 10)
        else:
            days_ago = self.randint(5, 60)
        d = (self.gen.now - timedelta(days=days_ago)).date()
        return datetime(
            d.year, d.month, d.day, self.randint(6, 21), self.randint(0, 59), tzinfo=WIB
        )

    def _place_in_time(self) -> None:
        """Shift the path back by whole weeks (weekdays and hours stay) to end before now."""
        end = self.events[-1].created_at
        now = self.gen.now
        if end <= now:
            return
        shift = _ONE_WEEK * ((end - now) // _ONE_WEEK + 1)
        for e in self.events:
            e.created_at -= shift
        report = self.report
        for name in (
            "submitted_at",
            "status_changed_at",
            "verified_at",
            "disposed_at",
            "first_followup_at",
            "resolved_at",
            "closed_at",
        ):
            value = getattr(report, name)
            if value is not None:
                setattr(report, name, value - shift)


# ---------------------------------------------------------------------------------
# Demo reporters
# ---------------------------------------------------------------------------------

DEMO_REPORTER_DOMAIN = "demo.lapor.localhost"


def demo_reporters_ensure(*, count: int) -> int:
    """At least ``count`` demo reporters (``pelapor<n>@demo.lapor.localhost``) exist.

    They have no usable password: they exist so that generated reports have people
    behind them. Returns how many were created.
    """
    from lapor.accounts.models import User

    existing = User.objects.filter(email__endswith="@" + DEMO_REPORTER_DOMAIN).count()
    if existing >= count:
        return 0
    rng = random.Random(count)
    users = []
    for i in range(existing + 1, count + 1):
        user = User(
            email=f"pelapor{i}@{DEMO_REPORTER_DOMAIN}",
            full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        )
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users, batch_size=1000, ignore_conflicts=True)
    return len(users)
