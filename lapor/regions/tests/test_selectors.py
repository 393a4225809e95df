from __future__ import annotations

import pytest

from lapor.regions.selectors import region_children, region_get, region_path, region_search

pytestmark = pytest.mark.usefixtures("imported")


def _names(regions) -> list[str]:
    return [r.name for r in regions]


@pytest.mark.django_db
def test_children_of_none_are_the_provinces_by_name() -> None:
    assert _names(region_children(parent_code=None)) == ["Bali", "Jawa Barat", "Papua Tengah"]


@pytest.mark.django_db
def test_children_of_a_region() -> None:
    assert _names(region_children(parent_code="32")) == ["Kabupaten Bandung", "Kota Bandung"]
    assert _names(region_children(parent_code="32.73.01")) == ["Gegerkalong", "Sukarasa"]
    assert list(region_children(parent_code="32.73.01.1001")) == []
    assert list(region_children(parent_code="00")) == []


@pytest.mark.django_db
def test_region_get() -> None:
    region = region_get(code="32.73")
    assert region is not None
    assert region.name == "Kota Bandung"
    assert region_get(code=" 51 ").name == "Bali"  # type: ignore[union-attr]
    assert region_get(code="99.99") is None


@pytest.mark.django_db
def test_region_path_is_one_query(django_assert_num_queries) -> None:
    village = region_get(code="32.73.01.1002")
    assert village is not None
    with django_assert_num_queries(1):
        path = region_path(village)
    assert [r.code for r in path] == ["32", "32.73", "32.73.01", "32.73.01.1002"]
    province = region_get(code="51")
    assert region_path(province) == [province]  # type: ignore[arg-type]


@pytest.mark.django_db
def test_search_is_case_insensitive_and_bigger_regions_first() -> None:
    found = _names(region_search(q="BANDUNG"))
    assert found == ["Kabupaten Bandung", "Kota Bandung", "Bandungsari"]
    assert _names(region_search(q="bandung")) == found


@pytest.mark.django_db
def test_search_prefers_names_starting_with_the_query_within_a_level() -> None:
    from lapor.testing.factories import make_region

    make_region("32.73.01.1003", name="Kota Bandung Lama")  # contains, not starts with
    make_region("32.73.01.1004", name="Bandung Wetan")
    villages = [r.name for r in region_search(q="bandung") if r.level == 4]
    assert villages == ["Bandung Wetan", "Bandungsari", "Kota Bandung Lama"]


@pytest.mark.django_db
def test_search_limit_and_empty_query() -> None:
    assert len(region_search(q="a", limit=2)) == 2
    assert list(region_search(q="   ")) == []
    assert list(region_search(q="tidak ada")) == []


@pytest.mark.django_db
def test_search_by_code_prefix() -> None:
    assert [r.code for r in region_search(q="32.73")] == [
        "32.73",
        "32.73.01",
        "32.73.01.1001",
        "32.73.01.1002",
    ]


@pytest.mark.django_db
def test_search_fetches_parents_along(django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        labels = [f"{r.name}, {r.parent.name}" for r in region_search(q="suka") if r.parent]
    assert labels == ["Sukasari, Kota Bandung", "Sukarasa, Sukasari"]
