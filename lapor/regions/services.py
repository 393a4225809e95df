"""Writes for regions: loading the Kemendagri wilayah files."""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lapor.core.exceptions import ValidationFailed

from .models import Region, RegionLevel
from .timezones import timezone_for_code

WILAYAH_DIR = Path(__file__).resolve().parent / "data" / "wilayah"

# Rows per INSERT. Django lowers it further where the database needs (SQLite's limit
# on query parameters); large enough that 83k villages take a few dozen statements.
BATCH_SIZE = 2000

# How many bad lines to show before giving up on a file: enough to see a pattern.
MAX_ERRORS = 10


class _Writer(Protocol):
    def write(self, msg: str, /) -> Any: ...


@dataclass(frozen=True)
class LevelFile:
    key: str
    level: RegionLevel
    filename: str
    parent_column: str | None


LEVEL_FILES: tuple[LevelFile, ...] = (
    LevelFile("provinces", RegionLevel.PROVINCE, "provinces.csv", None),
    LevelFile("regencies", RegionLevel.REGENCY, "regencies.csv", "province_code"),
    LevelFile("districts", RegionLevel.DISTRICT, "districts.csv", "regency_code"),
    LevelFile("villages", RegionLevel.VILLAGE, "villages.csv", "district_code"),
)
LEVEL_KEYS: tuple[str, ...] = tuple(spec.key for spec in LEVEL_FILES)

_CODE_MAX = Region._meta.get_field("code").max_length or 13
_NAME_MAX = Region._meta.get_field("name").max_length or 100


@dataclass(frozen=True)
class _Row:
    code: str
    parent_code: str | None
    name: str
    timezone: str


def wilayah_import(
    *,
    path: Path | str | None = None,
    levels: list[str] | tuple[str, ...] | None = None,
    stdout: _Writer | None = None,
) -> dict[str, Any]:
    """Create or update ``Region`` rows from the wilayah CSV files in ``path``.

    Safe to run again: a region is written only when it is new or its name, parent
    or time zone changed, so a second run over the same files writes nothing. Regions
    missing from the files are counted but never deleted, because reports, agencies
    and accounts point at them; retiring a region is a human decision.

    Every file is read and checked before the database is touched, and all levels
    are written in one transaction, so a bad file changes nothing.

    Returns ``{"levels": {key: {"rows", "created", "updated", "unchanged",
    "not_in_file"}}, "seconds": float, "path": str}``.
    """
    started = time.perf_counter()
    directory = Path(path) if path is not None else WILAYAH_DIR
    specs = _wanted_levels(levels)

    parsed = {spec.key: _read_level(directory, spec) for spec in specs}

    counts: dict[str, dict[str, int]] = {}
    with transaction.atomic():
        # Parents before children, so each level can check its parents in the database.
        for spec in specs:
            level_started = time.perf_counter()
            counts[spec.key] = _upsert_level(spec, parsed[spec.key])
            if stdout is not None:
                c = counts[spec.key]
                stdout.write(
                    f"{spec.key}: {c['rows']} rows, {c['created']} created, "
                    f"{c['updated']} updated, {c['unchanged']} unchanged, "
                    f"{c['not_in_file']} in the database but not in the file "
                    f"({time.perf_counter() - level_started:.2f}s)\n"
                )

    return {
        "levels": counts,
        "seconds": round(time.perf_counter() - started, 3),
        "path": str(directory),
    }


def _wanted_levels(levels: list[str] | tuple[str, ...] | None) -> list[LevelFile]:
    if not levels:
        return list(LEVEL_FILES)
    unknown = sorted(set(levels) - set(LEVEL_KEYS))
    if unknown:
        raise ValidationFailed(
            {
                "levels": [
                    _("Unknown level %(levels)s; choose from %(choices)s.")
                    % {"levels": ", ".join(unknown), "choices": ", ".join(LEVEL_KEYS)}
                ]
            }
        )
    # Hierarchy order whatever order they were asked in.
    return [spec for spec in LEVEL_FILES if spec.key in levels]


def _read_level(directory: Path, spec: LevelFile) -> list[_Row]:
    """Parse and check one file; raise ``ValidationFailed`` listing its bad lines."""
    file = directory / spec.filename
    if not file.is_file():
        raise ValidationFailed(
            {spec.filename: [_("File %(file)s was not found.") % {"file": str(file)}]}
        )

    required = {"code", "name"} | ({spec.parent_column} if spec.parent_column else set())
    rows: list[_Row] = []
    errors: list[str] = []
    seen: set[str] = set()

    # utf-8-sig: a file saved by a spreadsheet may start with a byte-order mark.
    with file.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing_columns = required - set(reader.fieldnames or [])
        if missing_columns:
            raise ValidationFailed(
                {
                    spec.filename: [
                        _("Missing columns: %(columns)s.")
                        % {"columns": ", ".join(sorted(missing_columns))}
                    ]
                }
            )
        for record in reader:
            code = (record["code"] or "").strip()
            # Collapse stray spaces so that a re-export does not count as a rename.
            name = " ".join((record["name"] or "").split())
            parent_code = (record[spec.parent_column] or "").strip() if spec.parent_column else None
            problem = _row_problem(spec, code, parent_code, name, seen)
            if problem is None:
                try:
                    timezone = timezone_for_code(code)
                except KeyError:
                    problem = _("no time zone is known for province %(province)s") % {
                        "province": code.split(".", 1)[0]
                    }
            if problem is not None:
                errors.append(
                    _("Line %(line)d: %(problem)s.") % {"line": reader.line_num, "problem": problem}
                )
                if len(errors) >= MAX_ERRORS:
                    break
                continue
            seen.add(code)
            rows.append(_Row(code, parent_code, name, timezone))

    if errors:
        raise ValidationFailed({spec.filename: errors})
    return rows


def _row_problem(
    spec: LevelFile, code: str, parent_code: str | None, name: str, seen: set[str]
) -> str | None:
    parts = code.split(".")
    if (
        not code
        or len(parts) != spec.level
        or not all(p.isascii() and p.isdecimal() for p in parts)
    ):
        return str(
            _("code %(code)r is not a level-%(level)d code") % {"code": code, "level": spec.level}
        )
    if len(code) > _CODE_MAX:
        return str(_("code %(code)r is too long") % {"code": code})
    if code in seen:
        return str(_("code %(code)s appears twice") % {"code": code})
    # The code spells out its parent; a file that disagrees with itself is wrong.
    if spec.parent_column and parent_code != code.rsplit(".", 1)[0]:
        return str(
            _("parent %(parent)r does not match code %(code)s")
            % {"parent": parent_code, "code": code}
        )
    if not name:
        return str(_("the name is empty"))
    if len(name) > _NAME_MAX:
        return str(_("the name is longer than %(max)d characters") % {"max": _NAME_MAX})
    return None


def _upsert_level(spec: LevelFile, rows: list[_Row]) -> dict[str, int]:
    existing = {
        code: (parent_id, name, timezone)
        for code, parent_id, name, timezone in Region.objects.filter(level=spec.level).values_list(
            "code", "parent_id", "name", "timezone"
        )
    }

    if spec.level > RegionLevel.PROVINCE:
        parent_codes = set(
            Region.objects.filter(level=spec.level - 1).values_list("code", flat=True)
        )
        missing = sorted({r.parent_code or "" for r in rows} - parent_codes)
        if missing:
            shown = ", ".join(missing[:MAX_ERRORS])
            raise ValidationFailed(
                {
                    spec.filename: [
                        _(
                            "%(count)d parent regions are not in the database "
                            "(import the level above first): %(codes)s"
                        )
                        % {"count": len(missing), "codes": shown}
                    ]
                }
            )

    created = updated = 0
    to_write: list[Region] = []
    for row in rows:
        current = existing.get(row.code)
        if current is None:
            created += 1
        elif current != (row.parent_code, row.name, row.timezone):
            updated += 1
        else:
            continue
        to_write.append(
            Region(
                code=row.code,
                parent_id=row.parent_code,
                level=spec.level,
                name=row.name,
                timezone=row.timezone,
            )
        )

    if to_write:
        Region.objects.bulk_create(
            to_write,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["parent", "level", "name", "timezone"],
        )

    in_file = {row.code for row in rows}
    return {
        "rows": len(rows),
        "created": created,
        "updated": updated,
        "unchanged": len(rows) - created - updated,
        "not_in_file": sum(1 for code in existing if code not in in_file),
    }
