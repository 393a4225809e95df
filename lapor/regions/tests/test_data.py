"""The shipped wilayah files: complete, consistent, and carrying their licence."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lapor.regions.services import LEVEL_FILES, WILAYAH_DIR, _read_level


def _rows(filename: str) -> list[dict[str, str]]:
    with (WILAYAH_DIR / filename).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def shipped() -> dict[str, list[dict[str, str]]]:
    return {spec.filename: _rows(spec.filename) for spec in LEVEL_FILES}


def test_row_counts(shipped: dict[str, list[dict[str, str]]]) -> None:
    counts = {name: len(rows) for name, rows in shipped.items()}
    assert counts == {
        "provinces.csv": 38,
        "regencies.csv": 514,
        "districts.csv": 7285,
        "villages.csv": 83762,
    }


@pytest.mark.parametrize(
    ("child", "parent", "column"),
    [
        ("regencies.csv", "provinces.csv", "province_code"),
        ("districts.csv", "regencies.csv", "regency_code"),
        ("villages.csv", "districts.csv", "district_code"),
    ],
)
def test_every_parent_exists_and_prefixes_the_code(
    shipped: dict[str, list[dict[str, str]]], child: str, parent: str, column: str
) -> None:
    parent_codes = {row["code"] for row in shipped[parent]}
    orphans = [row["code"] for row in shipped[child] if row[column] not in parent_codes]
    assert orphans == []
    mismatched = [
        row["code"] for row in shipped[child] if row["code"].rsplit(".", 1)[0] != row[column]
    ]
    assert mismatched == []


def test_codes_are_unique(shipped: dict[str, list[dict[str, str]]]) -> None:
    for rows in shipped.values():
        codes = [row["code"] for row in rows]
        assert len(codes) == len(set(codes))


def test_the_importer_accepts_every_shipped_file() -> None:
    # Parses and checks without touching the database.
    parsed = {spec.key: _read_level(WILAYAH_DIR, spec) for spec in LEVEL_FILES}
    assert sum(len(rows) for rows in parsed.values()) == 38 + 514 + 7285 + 83762
    village = next(r for r in parsed["villages"] if r.code == "32.73.01.1001")
    assert (village.parent_code, village.timezone) == ("32.73.01", "Asia/Jakarta")


def test_licence_and_attribution_ship_beside_the_data() -> None:
    readme = (WILAYAH_DIR / "README.md").read_text(encoding="utf-8")
    licence = Path(WILAYAH_DIR / "LICENSE-ODbL.md").read_text(encoding="utf-8")
    assert "Open Database License" in readme
    assert "idn-area-data" in readme
    assert licence.startswith("# Open Database License (ODbL)")
