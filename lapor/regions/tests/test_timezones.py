from __future__ import annotations

import csv

import pytest

from lapor.regions.models import Timezone
from lapor.regions.services import WILAYAH_DIR
from lapor.regions.timezones import PROVINCE_TIMEZONES, timezone_for_code


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("11", Timezone.WIB),  # Aceh
        ("31", Timezone.WIB),  # DKI Jakarta
        ("32", Timezone.WIB),  # Jawa Barat
        ("61", Timezone.WIB),  # Kalimantan Barat
        ("62", Timezone.WIB),  # Kalimantan Tengah
        ("51", Timezone.WITA),  # Bali
        ("52", Timezone.WITA),  # Nusa Tenggara Barat
        ("63", Timezone.WITA),  # Kalimantan Selatan
        ("64", Timezone.WITA),  # Kalimantan Timur
        ("65", Timezone.WITA),  # Kalimantan Utara
        ("73", Timezone.WITA),  # Sulawesi Selatan
        ("81", Timezone.WIT),  # Maluku
        ("82", Timezone.WIT),  # Maluku Utara
        ("91", Timezone.WIT),  # Papua
        ("94", Timezone.WIT),  # Papua Tengah
        ("96", Timezone.WIT),  # Papua Barat Daya
    ],
)
def test_known_provinces(code: str, expected: str) -> None:
    assert timezone_for_code(code) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("32.73", "Asia/Jakarta"),
        ("51.71.01", "Asia/Makassar"),
        ("64.72.01.1001", "Asia/Makassar"),
        ("94.01.01.2001", "Asia/Jayapura"),
    ],
)
def test_lower_regions_keep_their_provinces_clock(code: str, expected: str) -> None:
    assert timezone_for_code(code) == expected


def test_unknown_province_fails_loudly() -> None:
    with pytest.raises(KeyError, match="99"):
        timezone_for_code("99.01")


def test_every_shipped_province_has_exactly_one_mapping() -> None:
    with (WILAYAH_DIR / "provinces.csv").open(newline="", encoding="utf-8") as fh:
        shipped = {row["code"] for row in csv.DictReader(fh)}
    assert set(PROVINCE_TIMEZONES) == shipped


def test_zone_sizes_match_the_map() -> None:
    per_zone: dict[str, int] = {}
    for tz in PROVINCE_TIMEZONES.values():
        per_zone[tz] = per_zone.get(tz, 0) + 1
    # Sumatra's 10, Java's 6 and west/central Kalimantan; Bali, Nusa Tenggara, the rest
    # of Kalimantan and Sulawesi's 6; Maluku's two and Papua's six.
    assert per_zone == {Timezone.WIB: 18, Timezone.WITA: 12, Timezone.WIT: 8}
