from __future__ import annotations

import pytest

from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import RoutingRule
from lapor.agencies.selectors import (
    agency_ancestors,
    agency_search,
    agency_subtree,
    agency_units,
    category_tree,
    region_code_ancestors,
    routing_suggest,
)
from lapor.agencies.services import agency_deactivate, category_create, routing_rule_create
from lapor.testing.factories import make_agency, make_region, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> dict:
    gov = make_agency("Pemerintah Kota Bandung")
    dinkes = make_unit(gov, "Dinas Kesehatan Kota Bandung")
    pkm = make_unit(dinkes, "UPT Puskesmas Garuda")
    pustu = make_unit(pkm, "Puskesmas Pembantu Ciroyom")
    bumd = make_agency("Perumda Tirtawening", kind=AgencyKind.BUMD, parent=gov)
    other = make_agency("Pemerintah Kota Bogor")
    make_unit(other, "Dinas Kesehatan Kota Bogor")
    return {"gov": gov, "dinkes": dinkes, "pkm": pkm, "pustu": pustu, "bumd": bumd}


def test_subtree_is_the_agency_and_everything_below_in_tree_order(tree: dict) -> None:
    names = [a.name for a in agency_subtree(tree["gov"])]
    assert names[0] == "Pemerintah Kota Bandung"
    assert set(names) == {
        "Pemerintah Kota Bandung",
        "Dinas Kesehatan Kota Bandung",
        "UPT Puskesmas Garuda",
        "Puskesmas Pembantu Ciroyom",
        "Perumda Tirtawening",
    }
    assert names.index("UPT Puskesmas Garuda") < names.index("Puskesmas Pembantu Ciroyom")
    assert list(agency_subtree(tree["pustu"])) == [tree["pustu"]]


def test_ancestors_root_first_in_one_query(tree: dict, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        ancestors = agency_ancestors(tree["pustu"])
    assert ancestors == [tree["gov"], tree["dinkes"], tree["pkm"]]
    with django_assert_num_queries(0):
        assert agency_ancestors(tree["gov"]) == []
    assert agency_ancestors(tree["dinkes"], include_self=True) == [tree["gov"], tree["dinkes"]]


def test_units_are_units_only(tree: dict) -> None:
    assert list(agency_units(tree["gov"])) == [tree["dinkes"], tree["pkm"], tree["pustu"]]
    assert list(agency_units(tree["gov"], direct_only=True)) == [tree["dinkes"]]


def test_search_matches_every_word_agencies_first_and_skips_inactive(tree: dict) -> None:
    found = agency_search(q="kesehatan bandung")
    assert found == [tree["dinkes"]]
    assert agency_search(q="kota")[0].depth == 0
    assert agency_search(q="bandung", kind=AgencyKind.BUMD) == []
    assert agency_search(q="tirtawening", kind=AgencyKind.BUMD) == [tree["bumd"]]
    assert agency_search(q=tree["pkm"].code) == [tree["pkm"], tree["pustu"]]
    agency_deactivate(agency=tree["dinkes"])
    assert agency_search(q="kesehatan bandung") == []
    assert agency_search(q="   ") == []
    assert len(agency_search(q="a", limit=2)) == 2


def test_category_tree_in_two_queries(django_assert_num_queries) -> None:
    infra = category_create(name="Infrastruktur", sort_order=1)
    kes = category_create(name="Kesehatan", sort_order=2)
    category_create(name="Jalan rusak", parent=infra)
    category_create(name="Jembatan", parent=infra)
    category_create(name="Rumah sakit", parent=kes)
    category_create(name="Dihapus", parent=kes, is_active=False)
    category_create(name="Topik lama", is_active=False)

    with django_assert_num_queries(2):
        roots = category_tree()
        shape = {r.name: sorted(c.name for c in r.children.all()) for r in roots}
    assert [r.name for r in roots] == ["Infrastruktur", "Kesehatan"]
    assert shape == {"Infrastruktur": ["Jalan rusak", "Jembatan"], "Kesehatan": ["Rumah sakit"]}


def test_region_code_ancestors() -> None:
    assert region_code_ancestors("32.73.01.1001") == ["32.73.01.1001", "32.73.01", "32.73", "32"]
    assert region_code_ancestors("32") == ["32"]


# --- routing_suggest ---------------------------------------------------------------


@pytest.fixture
def world() -> dict:
    for code, name in [("32", "Jawa Barat"), ("32.73", "Kota Bandung"), ("32.73.01", "Sukasari")]:
        make_region(code, name=name)
    infra = category_create(name="Infrastruktur")
    jalan = category_create(name="Jalan rusak", parent=infra)
    lubang = category_create(name="Jalan berlubang", parent=jalan)
    kes = category_create(name="Kesehatan")
    return {"infra": infra, "jalan": jalan, "lubang": lubang, "kes": kes}


def rule(agency_name: str, **kwargs) -> RoutingRule:
    return routing_rule_create(agency=make_agency(agency_name), **kwargs)


def suggest(**kwargs) -> str | None:
    agency = routing_suggest(**kwargs)
    return agency.name if agency else None


def test_exact_category_beats_ancestor_beats_none(world: dict) -> None:
    rule("Semua")
    rule("Induk", category=world["infra"])
    assert suggest(category_id=world["lubang"].pk) == "Induk"
    rule("Jalan", category=world["jalan"])
    assert suggest(category_id=world["lubang"].pk) == "Jalan"  # parent beats grandparent
    rule("Lubang", category=world["lubang"])
    assert suggest(category_id=world["lubang"].pk) == "Lubang"
    assert suggest(category_id=world["kes"].pk) == "Semua"
    assert suggest() == "Semua"


def test_category_match_outranks_region_depth(world: dict) -> None:
    # A national rule on the subtopic beats a regency rule on its topic.
    rule("Regional", category=world["infra"], region=make_region("32.73"))
    rule("Nasional", category=world["jalan"])
    assert suggest(category_id=world["jalan"].pk, region_code="32.73.01") == "Nasional"
    assert suggest(category_id=world["infra"].pk, region_code="32.73.01") == "Regional"


def test_deeper_region_wins_and_other_regions_do_not_match(world: dict) -> None:
    rule("Nasional", category=world["infra"])
    rule("Provinsi", category=world["infra"], region=make_region("32"))
    rule("Kota", category=world["infra"], region=make_region("32.73"))
    rule("Kota Lain", category=world["infra"], region=make_region("32.71"))
    cid = world["infra"].pk
    assert suggest(category_id=cid, region_code="32.73.01.1001") == "Kota"
    assert suggest(category_id=cid, region_code="32.04") == "Provinsi"
    assert suggest(category_id=cid, region_code="35.78") == "Nasional"
    assert suggest(category_id=cid) == "Nasional"


def test_classification_exact_beats_blank_and_never_matches_another(world: dict) -> None:
    cid = world["kes"].pk
    rule("Umum", category=world["kes"])
    rule("Pengawasan", category=world["kes"], classification="pengaduan_pengawasan")
    assert suggest(category_id=cid, classification="pengaduan_pengawasan") == "Pengawasan"
    assert suggest(category_id=cid, classification="aspirasi") == "Umum"
    assert suggest(category_id=cid) == "Umum"
    # Region depth still outranks classification.
    rule("Kota", category=world["kes"], region=make_region("32.73"))
    assert suggest(category_id=cid, region_code="32.73", classification="pengaduan_pengawasan") == (
        "Kota"
    )


def test_priority_breaks_ties_then_lowest_id(world: dict) -> None:
    cid = world["kes"].pk
    rule("Pertama", category=world["kes"])
    rule("Kedua", category=world["kes"])
    assert suggest(category_id=cid) == "Pertama"
    rule("Prioritas", category=world["kes"], priority=5)
    assert suggest(category_id=cid) == "Prioritas"
    # Priority never outranks specificity.
    rule("Sangat", priority=100)
    assert suggest(category_id=cid) == "Prioritas"


def test_inactive_agencies_and_rules_are_never_suggested(world: dict) -> None:
    cid = world["kes"].pk
    fallback = rule("Cadangan", category=world["kes"])
    best = rule("Utama", category=world["kes"], region=make_region("32.73"))
    assert suggest(category_id=cid, region_code="32.73") == "Utama"
    agency_deactivate(agency=best.agency)
    assert suggest(category_id=cid, region_code="32.73") == "Cadangan"
    RoutingRule.objects.filter(pk=fallback.pk).update(is_active=False)
    assert suggest(category_id=cid, region_code="32.73") is None


def test_a_unit_of_an_inactive_agency_is_not_suggested(world: dict) -> None:
    gov = make_agency("Pemkot")
    dinas = make_unit(gov, "Dinas")
    routing_rule_create(agency=dinas, category=world["kes"])
    agency_deactivate(agency=gov)
    assert suggest(category_id=world["kes"].pk) is None


def test_suggest_is_one_query(world: dict, django_assert_num_queries) -> None:
    rule("Jalan", category=world["jalan"], region=make_region("32.73"))
    rule("Induk", category=world["infra"])
    with django_assert_num_queries(1):
        agency = routing_suggest(
            category_id=world["lubang"].pk, region_code="32.73.01", classification="pengaduan"
        )
        assert agency is not None and agency.name == "Jalan"
