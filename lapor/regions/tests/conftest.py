"""A small wilayah data set written to disk, shaped like the shipped files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lapor.regions.services import wilayah_import

PROVINCES = [("32", "Jawa Barat"), ("51", "Bali"), ("94", "Papua Tengah")]
REGENCIES = [
    ("32.04", "32", "Kabupaten Bandung"),
    ("32.73", "32", "Kota Bandung"),
    ("51.71", "51", "Kota Denpasar"),
    ("94.01", "94", "Kabupaten Nabire"),
]
DISTRICTS = [
    ("32.04.01", "32.04", "Cileunyi"),
    ("32.73.01", "32.73", "Sukasari"),
    ("51.71.01", "51.71", "Denpasar Selatan"),
    ("94.01.01", "94.01", "Nabire"),
]
VILLAGES = [
    ("32.04.01.2001", "32.04.01", "Bandungsari"),
    ("32.73.01.1001", "32.73.01", "Sukarasa"),
    ("32.73.01.1002", "32.73.01", "Gegerkalong"),
    ("51.71.01.1001", "51.71.01", "Sesetan"),
    # Quoted, with a comma, as some shipped names are.
    ("94.01.01.2001", "94.01.01", "Oyehe, Kota"),
]


def write_wilayah(
    directory: Path,
    *,
    provinces: list[tuple[str, ...]] = PROVINCES,
    regencies: list[tuple[str, ...]] = REGENCIES,
    districts: list[tuple[str, ...]] = DISTRICTS,
    villages: list[tuple[str, ...]] = VILLAGES,
) -> Path:
    files = {
        "provinces.csv": (["code", "name"], provinces),
        "regencies.csv": (["code", "province_code", "name"], regencies),
        "districts.csv": (["code", "regency_code", "name"], districts),
        "villages.csv": (["code", "district_code", "name"], villages),
    }
    directory.mkdir(parents=True, exist_ok=True)
    for filename, (header, rows) in files.items():
        with (directory / filename).open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)
    return directory


@pytest.fixture
def wilayah_dir(tmp_path: Path) -> Path:
    return write_wilayah(tmp_path / "wilayah")


@pytest.fixture
def imported(db: None, wilayah_dir: Path) -> dict:
    return wilayah_import(path=wilayah_dir)
