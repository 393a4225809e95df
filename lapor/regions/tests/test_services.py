from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lapor.core.exceptions import ValidationFailed
from lapor.regions.models import Region, RegionLevel, Timezone
from lapor.regions.services import wilayah_import
from lapor.testing.factories import make_region

from .conftest import DISTRICTS, PROVINCES, REGENCIES, VILLAGES, write_wilayah

pytestmark = pytest.mark.django_db


def _created(result: dict) -> dict[str, int]:
    return {key: counts["created"] for key, counts in result["levels"].items()}


def test_import_creates_every_level(wilayah_dir: Path) -> None:
    result = wilayah_import(path=wilayah_dir)

    assert _created(result) == {"provinces": 3, "regencies": 4, "districts": 4, "villages": 5}
    assert Region.objects.count() == 16
    assert Region.objects.filter(level=RegionLevel.VILLAGE).count() == 5
    assert result["seconds"] >= 0


def test_import_links_parents_and_levels(imported: dict) -> None:
    village = Region.objects.get(code="32.73.01.1001")
    chain = [village.parent, village.parent.parent, village.parent.parent.parent]
    assert [r.code for r in chain] == ["32.73.01", "32.73", "32"]
    assert [r.level for r in chain] == [3, 2, 1]
    assert village.level == RegionLevel.VILLAGE
    assert village.name == "Sukarasa"
    assert Region.objects.get(code="32").parent is None


def test_import_sets_each_regions_timezone_from_its_province(imported: dict) -> None:
    tz = dict(Region.objects.values_list("code", "timezone"))
    assert tz["32"] == tz["32.73.01.1001"] == Timezone.WIB
    assert tz["51"] == tz["51.71"] == tz["51.71.01.1001"] == Timezone.WITA
    assert tz["94"] == tz["94.01.01"] == tz["94.01.01.2001"] == Timezone.WIT


def test_quoted_name_with_comma_survives(imported: dict) -> None:
    assert Region.objects.get(code="94.01.01.2001").name == "Oyehe, Kota"


def test_second_run_creates_and_changes_nothing(wilayah_dir: Path) -> None:
    wilayah_import(path=wilayah_dir)
    before = list(Region.objects.values_list("code", "parent_id", "level", "name", "timezone"))

    result = wilayah_import(path=wilayah_dir)

    for counts in result["levels"].values():
        assert counts["created"] == counts["updated"] == 0
        assert counts["unchanged"] == counts["rows"]
    after = list(Region.objects.values_list("code", "parent_id", "level", "name", "timezone"))
    assert after == before


def test_second_run_writes_nothing(
    wilayah_dir: Path, django_assert_max_num_queries: object
) -> None:
    wilayah_import(path=wilayah_dir)
    # Reads only: one "existing rows" query per level and one parent query per lower
    # level, plus savepoint bookkeeping; no INSERT at all.
    with django_assert_max_num_queries(9) as ctx:  # type: ignore[operator]
        wilayah_import(path=wilayah_dir)
    assert not [q for q in ctx.captured_queries if "INSERT" in q["sql"].upper()]


def test_renamed_region_gets_its_new_name(wilayah_dir: Path, tmp_path: Path) -> None:
    wilayah_import(path=wilayah_dir)
    renamed = [(c, p, "Sukarasa Baru" if c == "32.73.01.1001" else n) for c, p, n in VILLAGES]
    provinces = [(c, "Provinsi Bali" if c == "51" else n) for c, n in PROVINCES]
    update_dir = write_wilayah(tmp_path / "v2", villages=renamed, provinces=provinces)

    result = wilayah_import(path=update_dir)

    assert result["levels"]["villages"]["updated"] == 1
    assert result["levels"]["provinces"]["updated"] == 1
    assert result["levels"]["regencies"]["updated"] == 0
    assert Region.objects.get(code="32.73.01.1001").name == "Sukarasa Baru"
    assert Region.objects.get(code="51").name == "Provinsi Bali"
    assert Region.objects.get(code="32.73.01.1002").name == "Gegerkalong"
    assert Region.objects.count() == 16


def test_timezone_is_corrected_on_re_import(wilayah_dir: Path) -> None:
    wilayah_import(path=wilayah_dir)
    Region.objects.filter(code__startswith="51").update(timezone=Timezone.WIB)

    result = wilayah_import(path=wilayah_dir)

    assert result["levels"]["villages"]["updated"] == 1
    assert set(Region.objects.filter(code__startswith="51").values_list("timezone", flat=True)) == {
        Timezone.WITA
    }


def test_regions_missing_from_the_file_are_counted_not_deleted(
    wilayah_dir: Path, tmp_path: Path
) -> None:
    wilayah_import(path=wilayah_dir)
    smaller = write_wilayah(tmp_path / "smaller", villages=VILLAGES[:-1])

    result = wilayah_import(path=smaller)

    assert result["levels"]["villages"]["not_in_file"] == 1
    assert Region.objects.filter(code=VILLAGES[-1][0]).exists()


def test_existing_hand_made_region_is_overwritten_by_the_file(wilayah_dir: Path) -> None:
    make_region("32.73", name="Bandung (test)")

    result = wilayah_import(path=wilayah_dir)

    assert result["levels"]["regencies"]["updated"] == 1
    assert result["levels"]["provinces"]["updated"] == 1  # "Wilayah 32" -> "Jawa Barat"
    assert Region.objects.get(code="32.73").name == "Kota Bandung"


def test_levels_subset_uses_parents_already_loaded(wilayah_dir: Path) -> None:
    wilayah_import(path=wilayah_dir, levels=["provinces", "regencies", "districts"])
    assert not Region.objects.filter(level=RegionLevel.VILLAGE).exists()

    result = wilayah_import(path=wilayah_dir, levels=["villages"])

    assert list(result["levels"]) == ["villages"]
    assert result["levels"]["villages"]["created"] == 5


def test_levels_are_imported_top_down_whatever_the_order(wilayah_dir: Path) -> None:
    result = wilayah_import(path=wilayah_dir, levels=["regencies", "provinces"])
    assert list(result["levels"]) == ["provinces", "regencies"]
    assert Region.objects.count() == 7


def test_missing_parents_fail_and_change_nothing(wilayah_dir: Path) -> None:
    with pytest.raises(ValidationFailed, match="import the level above first"):
        wilayah_import(path=wilayah_dir, levels=["villages"])
    assert Region.objects.count() == 0


def test_unknown_level_is_refused(wilayah_dir: Path) -> None:
    with pytest.raises(ValidationFailed, match="kelurahan"):
        wilayah_import(path=wilayah_dir, levels=["kelurahan"])


@pytest.mark.parametrize(
    ("villages", "message"),
    [
        ([("32.73.01.1001", "32.73.02", "Sukarasa")], "Line 2: parent .* does not match"),
        ([("32.73.01", "32.73", "Sukarasa")], "Line 2: code .* not a level-4 code"),
        (
            [("32.73.01.1001", "32.73.01", "A"), ("32.73.01.1001", "32.73.01", "B")],
            "Line 3:.*twice",
        ),
        ([("32.73.01.1001", "32.73.01", "   ")], "Line 2: the name is empty"),
        ([("32.73.01.1001", "32.73.01", "x" * 101)], "Line 2:.*longer than 100"),
    ],
)
def test_a_bad_line_fails_the_whole_import(
    tmp_path: Path, villages: list[tuple[str, ...]], message: str
) -> None:
    path = write_wilayah(tmp_path / "bad", villages=villages)

    with pytest.raises(ValidationFailed, match=message) as exc:
        wilayah_import(path=path)

    assert list(exc.value.errors) == ["villages.csv"]
    # Checked before writing: the good provinces above were not loaded either.
    assert Region.objects.count() == 0


def test_province_without_a_known_timezone_is_refused(tmp_path: Path) -> None:
    path = write_wilayah(
        tmp_path / "new", provinces=[*PROVINCES, ("99", "Provinsi Baru")], villages=[]
    )
    with pytest.raises(ValidationFailed, match="no time zone is known for province 99"):
        wilayah_import(path=path)
    assert Region.objects.count() == 0


def test_missing_column_is_reported(wilayah_dir: Path) -> None:
    (wilayah_dir / "regencies.csv").write_text("code,name\n32.73,Kota Bandung\n", encoding="utf-8")
    with pytest.raises(ValidationFailed, match="Missing columns: province_code"):
        wilayah_import(path=wilayah_dir)


def test_byte_order_mark_from_a_spreadsheet_is_ignored(wilayah_dir: Path) -> None:
    provinces = wilayah_dir / "provinces.csv"
    provinces.write_text(provinces.read_text(encoding="utf-8"), encoding="utf-8-sig")
    result = wilayah_import(path=wilayah_dir)
    assert result["levels"]["provinces"]["created"] == 3


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed, match="was not found"):
        wilayah_import(path=tmp_path / "nowhere")


def test_shipped_upper_levels_import_with_their_timezones() -> None:
    # The two small shipped files through the database; villages stay out of tests.
    result = wilayah_import(levels=["provinces", "regencies"])

    assert _created(result) == {"provinces": 38, "regencies": 514}
    tz = dict(Region.objects.values_list("code", "timezone"))
    assert tz["32"] == tz["32.73"] == Timezone.WIB
    assert tz["51"] == Timezone.WITA
    assert tz["64"] == Timezone.WITA
    assert tz["94"] == Timezone.WIT
    assert Region.objects.get(code="32.73").name == "Kota Bandung"


def test_command_prints_counts_per_level(wilayah_dir: Path) -> None:
    out = StringIO()
    call_command("import_wilayah", path=str(wilayah_dir), stdout=out)
    text = out.getvalue()
    assert "villages: 5 rows, 5 created, 0 updated" in text
    assert "Done in" in text

    out = StringIO()
    call_command("import_wilayah", "--path", str(wilayah_dir), stdout=out)
    assert "0 created, 0 updated, 16 unchanged" in out.getvalue()


def test_command_levels_option(wilayah_dir: Path) -> None:
    out = StringIO()
    call_command("import_wilayah", "--path", str(wilayah_dir), "--levels", "provinces", stdout=out)
    assert "provinces: 3 rows, 3 created" in out.getvalue()
    assert "regencies" not in out.getvalue()
    assert Region.objects.count() == 3


def test_command_turns_bad_data_into_a_command_error(tmp_path: Path) -> None:
    path = write_wilayah(tmp_path / "bad", regencies=[("32.73", "33", "Kota Bandung")])
    with pytest.raises(CommandError, match=r"regencies\.csv: Line 2"):
        call_command("import_wilayah", "--path", str(path), stdout=StringIO())
    assert Region.objects.count() == 0


def test_fixture_lists_are_consistent() -> None:
    # Guards the fixture itself: the tests above assume it is a valid tree.
    codes = {c for c, _ in PROVINCES} | {r[0] for r in REGENCIES} | {d[0] for d in DISTRICTS}
    assert all(parent in codes for _, parent, _ in (*REGENCIES, *DISTRICTS, *VILLAGES))
