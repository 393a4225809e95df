"""Seed the agency tree, the topic tree and routing rules from ``seed_data/``.

``manage.py seed_agencies`` is a thin wrapper over ``seed_agencies``. It needs the
regions (``manage.py import_wilayah``) and builds, from them and the JSON files:

- central agencies (ministries, lembaga, BUMN, PTN, Perwakilan RI) and their units;
- one government per province (``pemprov-32``) and per regency/city
  (``pemda-32-73``), each with the common dinas; a few BUMD and, for some big
  cities, units nested below the dinas (RSUD, puskesmas, schools, UPT);
- the topic tree, and routing rules (regional topics to each regency/city
  government, provincial matters to the province, national matters to the
  ministry, lembaga or BUMN in charge).

Idempotent by ``code`` (agencies) and ``slug`` (categories): a second run creates
nothing and only renames what the files renamed; routing rules are added when no
rule with the same category, region, classification and agency exists. Nothing is
ever deleted or moved, so changes made in the admin survive a re-seed.

Written for ~6,000 agencies: rows are inserted with ``bulk_create`` one tree level
at a time (a child needs its parent's id) and their paths are filled by one UPDATE
per level, so the whole seed is a few dozen statements, not thousands.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone as dj_timezone

from lapor.regions.models import Region, RegionLevel, Timezone

from .choices import AgencyKind
from .models import Agency, Category, RoutingRule

SEED_DIR = Path(__file__).resolve().parent / "seed_data"

# Central agencies sit in Jakarta unless their entry names a region.
CENTRAL_REGION = "31"
BATCH_SIZE = 500

CENTRAL_KINDS = {
    "kementerian": AgencyKind.KEMENTERIAN,
    "lembaga": AgencyKind.LEMBAGA,
    "bumn": AgencyKind.BUMN,
    "ptn": AgencyKind.PTN,
    "perwakilan": AgencyKind.PERWAKILAN,
}


class _Writer(Protocol):
    def write(self, msg: str, /) -> Any: ...


@dataclass
class SeedResult:
    agencies_created: Counter[str] = field(default_factory=Counter)
    agencies_renamed: int = 0
    agencies_skipped: int = 0  # their parent is missing (regions not imported)
    categories_created: int = 0
    categories_renamed: int = 0
    rules_created: int = 0
    rules_skipped: int = 0
    seconds: float = 0.0

    @property
    def total_agencies_created(self) -> int:
        return sum(self.agencies_created.values())


@dataclass
class _AgencySpec:
    code: str
    name: str
    kind: str
    parent: str | None
    region: str | None
    timezone: str


@dataclass
class _Regions:
    """Provinces and regencies/cities, by code: (name, timezone)."""

    provinces: dict[str, tuple[str, str]]
    regencies: dict[str, tuple[str, str]]

    def get(self, code: str | None) -> tuple[str, str] | None:
        if code is None:
            return None
        return self.provinces.get(code) or self.regencies.get(code)


def _load(data_dir: Path, name: str) -> Any:
    with (data_dir / name).open(encoding="utf-8") as fh:
        return json.load(fh)


def _unit_entries(raw: list[Any]) -> list[dict[str, Any]]:
    """Units are written ``["slug", "Name"]`` or as an object with region/units."""
    return [{"code": e[0], "name": e[1]} if isinstance(e, list) else e for e in raw]


def regency_government_code(region_code: str) -> str:
    return "pemda-" + region_code.replace(".", "-")


def province_government_code(region_code: str) -> str:
    return f"pemprov-{region_code}"


def regency_government_name(region_name: str) -> str:
    """``"Kota Bandung"`` → ``"Pemerintah Kota Bandung"`` (Kabupaten likewise)."""
    return f"Pemerintah {region_name}"


def province_government_name(region_name: str) -> str:
    return f"Pemerintah Provinsi {region_name}"


class _Plan:
    """The agencies to have, parents before children, with inherited region/timezone."""

    def __init__(self, regions: _Regions, existing: dict[str, tuple[str | None, str]]) -> None:
        self.regions = regions
        self.existing = existing  # code -> (region_id, timezone) of agencies in the DB
        self.specs: dict[str, _AgencySpec] = {}

    def _place(self, parent: str | None) -> tuple[str | None, str] | None:
        if parent is None:
            return None
        if parent in self.specs:
            s = self.specs[parent]
            return s.region, s.timezone
        return self.existing.get(parent)

    def add(
        self,
        *,
        code: str,
        name: str,
        kind: str,
        parent: str | None = None,
        region: str | None = "",
    ) -> bool:
        """Add one agency; ``region=""`` means inherit (units) or Jakarta (top level).

        Returns False, adding nothing, when its parent is not planned or stored.
        """
        inherited = self._place(parent)
        if parent is not None and inherited is None:
            return False
        if region == "":
            region = inherited[0] if inherited else CENTRAL_REGION
        found = self.regions.get(region)
        if region is not None and found is None:
            region = None  # that region was not imported: keep the agency, drop the link
        if found is not None:
            timezone = found[1]
        elif inherited is not None:
            timezone = inherited[1]
        else:
            timezone = Timezone.WIB
        self.specs[code] = _AgencySpec(code, name, kind, parent, region, timezone)
        return True

    def add_units(self, parent: str, entries: list[Any]) -> int:
        skipped = 0
        for entry in _unit_entries(entries):
            code = f"{parent}-{entry['code']}"
            if not self.add(
                code=code,
                name=entry["name"],
                kind=AgencyKind.UNIT,
                parent=parent,
                region=entry.get("region", ""),
            ):
                skipped += 1
                continue
            skipped += self.add_units(code, entry.get("units", []))
        return skipped


def _build_plan(data_dir: Path, regions: _Regions, existing: dict[str, Any]) -> tuple[_Plan, int]:
    central = _load(data_dir, "central.json")
    regional = _load(data_dir, "regional.json")
    plan = _Plan(regions, existing)
    skipped = 0

    for key, kind in CENTRAL_KINDS.items():
        for entry in central.get(key, []):
            plan.add(
                code=entry["code"], name=entry["name"], kind=kind, region=entry.get("region", "")
            )
            skipped += plan.add_units(entry["code"], entry.get("units", []))

    for code, (name, _tz) in sorted(regions.provinces.items()):
        gov = province_government_code(code)
        plan.add(
            code=gov, name=province_government_name(name), kind=AgencyKind.PEMPROV, region=code
        )
        place = f"Provinsi {name}"
        for slug, unit_name in regional["province_units"]:
            plan.add(
                code=f"{gov}-{slug}",
                name=unit_name.format(place=place),
                kind=AgencyKind.UNIT,
                parent=gov,
            )
        for entry in regional.get("per_province", []):
            if not plan.add(
                code=f"{entry['parent']}-{entry['code']}-{code}",
                name=entry["name"].format(place=place),
                kind=AgencyKind.UNIT,
                parent=entry["parent"],
                region=code,
            ):
                skipped += 1

    for code, (name, _tz) in sorted(regions.regencies.items()):
        gov = regency_government_code(code)
        plan.add(code=gov, name=regency_government_name(name), kind=AgencyKind.PEMKAB, region=code)
        for slug, unit_name in regional["regency_units"]:
            plan.add(
                code=f"{gov}-{slug}",
                name=unit_name.format(place=name),
                kind=AgencyKind.UNIT,
                parent=gov,
            )

    for entry in regional.get("bumd", []):
        if not plan.add(
            code=f"{entry['parent']}-{entry['code']}",
            name=entry["name"],
            kind=AgencyKind.BUMD,
            parent=entry["parent"],
        ):
            skipped += 1
    for group in regional.get("nested", []):
        if plan._place(group["parent"]) is None:
            skipped += 1
            continue
        skipped += plan.add_units(group["parent"], group["units"])
    return plan, skipped


def _fill_blank_paths() -> None:
    """Give every new row (``path == ""``) its path and depth, one UPDATE per level.

    Roots first; then, level by level, rows whose parent already has a path. The
    path is built in SQL from the row's own id, so no id needs reading back.
    """
    now = dj_timezone.now()
    Agency.objects.filter(path="", parent__isnull=True).update(
        path=Concat(Cast("id", CharField()), Value("/")), depth=0, updated_at=now
    )
    parents = Agency.objects.filter(pk=OuterRef("parent_id"))
    while True:
        changed = (
            Agency.objects.filter(path="", parent__isnull=False)
            .exclude(parent__path="")
            .update(
                path=Concat(
                    Subquery(parents.values("path")[:1]),
                    Cast("id", CharField()),
                    Value("/"),
                    output_field=CharField(),
                ),
                depth=Subquery(parents.values("depth")[:1]) + 1,
                updated_at=now,
            )
        )
        if not changed:
            break


def _upsert_agencies(plan: _Plan, result: SeedResult) -> dict[str, int]:
    """Create what is missing, rename what changed; returns code → id for all."""
    stored = {
        code: (pk, name) for code, pk, name in Agency.objects.values_list("code", "id", "name")
    }
    ids = {code: pk for code, (pk, _n) in stored.items()}

    renamed: list[Agency] = []
    now = dj_timezone.now()
    for spec in plan.specs.values():
        if spec.code in stored and stored[spec.code][1] != spec.name:
            renamed.append(Agency(pk=stored[spec.code][0], name=spec.name, updated_at=now))
    if renamed:
        Agency.objects.bulk_update(renamed, ["name", "updated_at"], batch_size=BATCH_SIZE)
    result.agencies_renamed = len(renamed)

    pending = [s for s in plan.specs.values() if s.code not in stored]
    while pending:
        ready = [s for s in pending if s.parent is None or s.parent in ids]
        if not ready:
            result.agencies_skipped += len(pending)
            break
        rows = [
            Agency(
                code=s.code,
                name=s.name,
                kind=s.kind,
                parent_id=ids[s.parent] if s.parent else None,
                region_id=s.region,
                timezone=s.timezone,
            )
            for s in ready
        ]
        Agency.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        if any(r.pk is None for r in rows):  # a database that cannot return ids
            codes = [r.code for r in rows]
            for i in range(0, len(codes), BATCH_SIZE):
                ids.update(
                    Agency.objects.filter(code__in=codes[i : i + BATCH_SIZE]).values_list(
                        "code", "id"
                    )
                )
        else:
            ids.update((r.code, r.pk) for r in rows)
        result.agencies_created.update(s.kind for s in ready)
        ready_codes = {s.code for s in ready}
        pending = [s for s in pending if s.code not in ready_codes]
    _fill_blank_paths()
    return ids


def _upsert_categories(data_dir: Path, result: SeedResult) -> dict[str, int]:
    """Topics (``name``, ``name_en``) and subtopics (``[slug, name, name_en]``), by slug;
    a changed name in either language is a rename."""
    topics = _load(data_dir, "categories.json")["topics"]
    stored = {
        slug: (pk, (name, name_en))
        for slug, pk, name, name_en in Category.objects.values_list("slug", "id", "name", "name_en")
    }
    ids = {slug: pk for slug, (pk, _n) in stored.items()}
    renamed: list[Category] = []

    def wanted(slug: str, names: tuple[str, str]) -> bool:
        if slug in stored:
            if stored[slug][1] != names:
                renamed.append(Category(pk=stored[slug][0], name=names[0], name_en=names[1]))
            return False
        return True

    def child_names(row: list[str]) -> tuple[str, str]:
        return row[1], row[2] if len(row) > 2 else ""

    roots = [
        Category(slug=t["slug"], name=t["name"], name_en=t.get("name_en", ""), sort_order=i)
        for i, t in enumerate(topics)
        if wanted(t["slug"], (t["name"], t.get("name_en", "")))
    ]
    Category.objects.bulk_create(roots)
    ids.update(Category.objects.filter(slug__in=[c.slug for c in roots]).values_list("slug", "id"))
    children = [
        Category(
            slug=row[0],
            name=child_names(row)[0],
            name_en=child_names(row)[1],
            parent_id=ids[t["slug"]],
            sort_order=j,
        )
        for t in topics
        for j, row in enumerate(t.get("children", []))
        if wanted(row[0], child_names(row))
    ]
    Category.objects.bulk_create(children)
    ids.update(
        Category.objects.filter(slug__in=[c.slug for c in children]).values_list("slug", "id")
    )
    if renamed:
        Category.objects.bulk_update(renamed, ["name", "name_en"])
    result.categories_created = len(roots) + len(children)
    result.categories_renamed = len(renamed)
    return ids


def _seed_rules(
    data_dir: Path,
    regions: _Regions,
    agency_ids: dict[str, int],
    category_ids: dict[str, int],
    result: SeedResult,
) -> None:
    routing = _load(data_dir, "routing.json")
    wanted: list[tuple[str, str | None, str]] = []  # (category slug, region code, agency code)
    for code in sorted(regions.regencies):
        gov = regency_government_code(code)
        wanted += [(slug, code, gov) for slug in routing["regency"]["categories"]]
    for code in sorted(regions.provinces):
        gov = province_government_code(code)
        wanted += [(slug, code, gov) for slug in routing["province"]["categories"]]
    wanted += [(slug, None, agency) for slug, agency in routing["national"]]

    existing: set[tuple[int | None, str | None, str, int]] = set(
        RoutingRule.objects.values_list("category_id", "region_id", "classification", "agency_id")
    )
    new: list[RoutingRule] = []
    for slug, region, agency in wanted:
        category_id, agency_id = category_ids.get(slug), agency_ids.get(agency)
        if category_id is None or agency_id is None:
            result.rules_skipped += 1
            continue
        key = (category_id, region, "", agency_id)
        if key in existing:
            continue
        existing.add(key)
        new.append(RoutingRule(category_id=category_id, region_id=region, agency_id=agency_id))
    RoutingRule.objects.bulk_create(new, batch_size=BATCH_SIZE)
    result.rules_created = len(new)


def _regions() -> _Regions:
    provinces: dict[str, tuple[str, str]] = {}
    regencies: dict[str, tuple[str, str]] = {}
    for code, name, level, tz in Region.objects.filter(
        level__in=[RegionLevel.PROVINCE, RegionLevel.REGENCY]
    ).values_list("code", "name", "level", "timezone"):
        (provinces if level == RegionLevel.PROVINCE else regencies)[code] = (name, tz)
    return _Regions(provinces, regencies)


def seed_agencies(
    *, data_dir: Path | str | None = None, stdout: _Writer | None = None
) -> SeedResult:
    """Create or update agencies, units, categories and routing rules (see module doc)."""
    started = time.perf_counter()
    directory = Path(data_dir) if data_dir is not None else SEED_DIR
    result = SeedResult()
    regions = _regions()
    if stdout is not None and not regions.regencies:
        stdout.write(
            "No regencies found: run `manage.py import_wilayah` first for the regional "
            "governments. Seeding the central agencies only.\n"
        )
    with transaction.atomic():
        existing = {
            code: (region_id, tz)
            for code, region_id, tz in Agency.objects.values_list("code", "region_id", "timezone")
        }
        plan, skipped = _build_plan(directory, regions, existing)
        result.agencies_skipped = skipped
        agency_ids = _upsert_agencies(plan, result)
        category_ids = _upsert_categories(directory, result)
        _seed_rules(directory, regions, agency_ids, category_ids, result)
    result.seconds = round(time.perf_counter() - started, 3)
    return result


__all__ = [
    "SEED_DIR",
    "SeedResult",
    "province_government_code",
    "regency_government_code",
    "seed_agencies",
]
