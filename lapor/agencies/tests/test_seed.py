from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency, Category, RoutingRule
from lapor.agencies.seed import SEED_DIR, seed_agencies
from lapor.agencies.selectors import routing_suggest
from lapor.regions.models import Timezone
from lapor.testing.factories import make_region

pytestmark = pytest.mark.django_db

PROVINCES = [
    ("31", "Daerah Khusus Ibukota Jakarta", Timezone.WIB),
    ("32", "Jawa Barat", Timezone.WIB),
    ("73", "Sulawesi Selatan", Timezone.WITA),
    ("94", "Papua Tengah", Timezone.WIT),
]
REGENCIES = [
    ("31.71", "Kota Administrasi Jakarta Pusat"),
    ("32.01", "Kabupaten Bogor"),
    ("32.73", "Kota Bandung"),
    ("73.71", "Kota Makassar"),
    ("94.01", "Kabupaten Nabire"),
]


def _central() -> dict:
    return json.loads((SEED_DIR / "central.json").read_text(encoding="utf-8"))


def _regional() -> dict:
    return json.loads((SEED_DIR / "regional.json").read_text(encoding="utf-8"))


@pytest.fixture
def regions() -> None:
    tz = {}
    for code, name, zone in PROVINCES:
        make_region(code, name=name, tz=zone)
        tz[code] = zone
    for code, name in REGENCIES:
        make_region(code, name=name, tz=tz[code[:2]])


def test_seed_builds_regional_governments_with_units_and_timezones(regions: None) -> None:
    result = seed_agencies()

    assert Agency.objects.filter(kind=AgencyKind.PEMPROV).count() == len(PROVINCES)
    assert Agency.objects.filter(kind=AgencyKind.PEMKAB).count() == len(REGENCIES)
    bandung = Agency.objects.get(code="pemda-32-73")
    assert bandung.name == "Pemerintah Kota Bandung"
    assert (bandung.parent_id, bandung.depth, bandung.region_id) == (None, 0, "32.73")
    assert Agency.objects.get(code="pemda-32-01").name == "Pemerintah Kabupaten Bogor"
    assert Agency.objects.get(code="pemprov-32").name == "Pemerintah Provinsi Jawa Barat"

    # Every regency government has the common dinas, Dukcapil included; provinces not.
    regency_units = len(_regional()["regency_units"])
    province_units = len(_regional()["province_units"])
    assert Agency.objects.filter(parent=bandung, kind=AgencyKind.UNIT).count() == regency_units
    assert Agency.objects.filter(code="pemda-94-01-disdukcapil").exists()
    assert not Agency.objects.filter(code="pemprov-94-disdukcapil").exists()
    assert (
        Agency.objects.filter(parent__code="pemprov-73", kind=AgencyKind.UNIT).count()
        == province_units
    )
    dukcapil = Agency.objects.get(code="pemda-32-73-disdukcapil")
    assert dukcapil.name == "Dinas Kependudukan dan Pencatatan Sipil Kota Bandung"

    # Timezones come from the regions, down to the units.
    assert Agency.objects.get(code="pemda-73-71").timezone == Timezone.WITA
    assert Agency.objects.get(code="pemda-73-71-dinkes").timezone == Timezone.WITA
    assert Agency.objects.get(code="pemprov-94-dishub").timezone == Timezone.WIT
    assert Agency.objects.get(code="ombudsman-ri-perwakilan-94").timezone == Timezone.WIT
    assert Agency.objects.get(code="pemda-32-73-dinkes").region_id == "32.73"

    # Every path is its parent's path plus its own id.
    for agency in Agency.objects.select_related("parent"):
        expected = (agency.parent.path if agency.parent else "") + f"{agency.pk}/"
        assert agency.path == expected, agency.code
        assert agency.depth == (agency.parent.depth + 1 if agency.parent else 0)

    # Depth below the big cities; BUMD under their governments.
    pustu = Agency.objects.get(code="pemda-32-73-dinkes-pkm-garuda-pustu-ciroyom")
    assert pustu.depth == 3 and pustu.path.startswith(bandung.path)
    tirtawening = Agency.objects.get(code="pemda-32-73-pdam-tirtawening")
    assert (tirtawening.kind, tirtawening.parent_id) == (AgencyKind.BUMD, bandung.pk)
    assert Agency.objects.get(code="pemprov-31-transjakarta").parent.code == "pemprov-31"
    # Kota Surabaya was not imported: its BUMD and nested units are skipped, not broken.
    assert not Agency.objects.filter(code__startswith="pemda-35-78").exists()
    assert result.agencies_skipped > 0


def test_seed_builds_the_central_agencies(regions: None) -> None:
    seed_agencies()
    central = _central()
    for key, kind in [
        ("kementerian", AgencyKind.KEMENTERIAN),
        ("lembaga", AgencyKind.LEMBAGA),
        ("bumn", AgencyKind.BUMN),
        ("ptn", AgencyKind.PTN),
        ("perwakilan", AgencyKind.PERWAKILAN),
    ]:
        assert Agency.objects.filter(kind=kind).count() == len(central[key]), key
    assert len(central["kementerian"]) == 48  # Kabinet Merah Putih

    ombudsman = Agency.objects.get(code="ombudsman-ri")
    assert ombudsman.name == "Ombudsman Republik Indonesia"
    assert ombudsman.kind == AgencyKind.LEMBAGA and ombudsman.parent_id is None
    # One regional office per imported province.
    assert ombudsman.children.count() == 3 + len(PROVINCES)

    kemenkes = Agency.objects.get(code="kemenkes")
    assert (kemenkes.region_id, kemenkes.timezone) == ("31", Timezone.WIB)
    for entry in central["kementerian"]:
        units = Agency.objects.filter(parent__code=entry["code"], kind=AgencyKind.UNIT).count()
        assert 3 <= units <= 6, entry["code"]
    assert Agency.objects.get(code="kemendagri-dukcapil").parent == Agency.objects.get(
        code="kemendagri"
    )
    # A unit may sit in its own region (and clock) rather than its parent's.
    assert Agency.objects.get(code="pln-uid-sulselrabar").timezone == Timezone.WITA
    # Missing region (not imported): agency kept, region left empty.
    assert Agency.objects.get(code="ugm").region_id is None


def test_seed_is_idempotent_and_renames(regions: None, tmp_path: Path) -> None:
    first = seed_agencies()
    counts = (Agency.objects.count(), Category.objects.count(), RoutingRule.objects.count())
    assert first.total_agencies_created == counts[0]
    assert first.categories_created == counts[1]
    assert first.rules_created == counts[2]

    second = seed_agencies()
    assert second.total_agencies_created == 0
    assert (second.categories_created, second.rules_created) == (0, 0)
    assert (second.agencies_renamed, second.categories_renamed) == (0, 0)
    assert (Agency.objects.count(), Category.objects.count(), RoutingRule.objects.count()) == (
        counts
    )

    # Renamed in the files: renamed in the database, nothing new created.
    data = tmp_path / "seed"
    shutil.copytree(SEED_DIR, data)
    central = json.loads((data / "central.json").read_text(encoding="utf-8"))
    central["lembaga"][0]["name"] = "Ombudsman RI"
    (data / "central.json").write_text(json.dumps(central), encoding="utf-8")
    third = seed_agencies(data_dir=data)
    assert (third.total_agencies_created, third.agencies_renamed) == (0, 1)
    assert Agency.objects.get(code="ombudsman-ri").name == "Ombudsman RI"


def test_seed_keeps_changes_made_after_it(regions: None) -> None:
    seed_agencies()
    from lapor.agencies.services import agency_move

    bandung = Agency.objects.get(code="pemda-32-73")
    dinkes = Agency.objects.get(code="pemda-32-73-dinkes")
    agency_move(agency=Agency.objects.get(code="pemda-32-73-pdam-tirtawening"), new_parent=None)
    Agency.objects.filter(pk=dinkes.pk).update(is_active=False)
    seed_agencies()
    assert Agency.objects.get(code="pemda-32-73-pdam-tirtawening").parent_id is None
    assert not Agency.objects.get(pk=dinkes.pk).is_active
    assert Agency.objects.get(pk=bandung.pk).path == bandung.path


def test_seeded_routing_rules(regions: None) -> None:
    seed_agencies()

    def to(slug: str, region: str | None = None) -> str | None:
        agency = routing_suggest(category_id=Category.objects.get(slug=slug).pk, region_code=region)
        return agency.code if agency else None

    assert to("jalan-rusak", "32.73.01.1001") == "pemda-32-73"
    assert to("ktp-el", "94.01") == "pemda-94-01"
    assert to("kesehatan", "73.71") == "pemda-73-71"
    assert to("rumah-sakit", "73") == "pemprov-73"  # located by province only
    assert to("jalan-provinsi", "32.01.05") == "pemprov-32"
    assert to("sma-smk", "32.73") == "pemprov-32"
    assert to("bpjs-kesehatan", "32.73") == "bpjs-kesehatan"
    assert to("bpjs-ketenagakerjaan", "32.73") == "bpjs-ketenagakerjaan"
    assert to("pinjol-ilegal", "32.73") == "ojk"
    assert to("listrik-padam", "94.01") == "pln"
    assert to("sim", "31.71") == "polri"
    assert to("pajak-daerah", "32.73") == "pemda-32-73"
    assert to("pajak-pusat", "32.73") == "kemenkeu"
    assert to("rumah-sakit") == "kemenkes"
    # Every rule targets an agency, never a unit.
    assert not RoutingRule.objects.filter(agency__kind=AgencyKind.UNIT).exists()
    assert RoutingRule.objects.filter(region_id="32.73").count() > 10


def test_seed_topic_tree(regions: None) -> None:
    seed_agencies()
    topics = Category.objects.filter(parent__isnull=True)
    assert {"infrastruktur", "kesehatan", "pinjaman-online", "topik-khusus"} <= set(
        topics.values_list("slug", flat=True)
    )
    for topic in topics:
        assert 3 <= topic.children.count() <= 8, topic.slug
    assert Category.objects.get(slug="ktp-el").parent.slug == "kependudukan"


def test_command_prints_counts_and_works_without_regions() -> None:
    out = StringIO()
    call_command("seed_agencies", stdout=out)
    text = out.getvalue()
    assert "import_wilayah" in text
    assert "Agencies:" in text and "Routing rules:" in text
    assert Agency.objects.filter(code="ombudsman-ri").exists()
    assert not Agency.objects.filter(kind=AgencyKind.PEMKAB).exists()
    assert Agency.objects.get(code="kemenkes").region_id is None


def test_every_seeded_topic_has_an_english_name_shown_on_english_pages() -> None:
    from django.utils import translation

    seed_agencies()
    assert not Category.objects.filter(name_en="").exists()
    road = Category.objects.get(slug="jalan-rusak")
    assert (road.name, road.name_en) == ("Jalan rusak", "Damaged roads")
    with translation.override("en"):
        assert road.label == "Damaged roads"
        assert str(road) == "Infrastructure › Damaged roads"  # noqa: RUF001
    with translation.override("id"):
        assert road.label == "Jalan rusak"
        assert str(road) == "Infrastruktur › Jalan rusak"  # noqa: RUF001


def test_a_changed_english_name_in_the_files_is_a_rename(tmp_path: Path) -> None:
    seed_agencies()
    data = tmp_path / "seed"
    shutil.copytree(SEED_DIR, data)
    topics = json.loads((data / "categories.json").read_text(encoding="utf-8"))
    topics["topics"][0]["name_en"] = "Roads and bridges"
    topics["topics"][0]["children"][0][2] = "Potholes"
    (data / "categories.json").write_text(json.dumps(topics), encoding="utf-8")
    result = seed_agencies(data_dir=data)
    assert (result.categories_created, result.categories_renamed) == (0, 2)
    assert Category.objects.get(slug="infrastruktur").name_en == "Roads and bridges"
    road = Category.objects.get(slug="jalan-rusak")
    assert (road.name, road.name_en) == ("Jalan rusak", "Potholes")
