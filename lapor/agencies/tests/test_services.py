from __future__ import annotations

import pytest

from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency
from lapor.agencies.services import (
    agency_activate,
    agency_create,
    agency_deactivate,
    agency_move,
    category_create,
    routing_rule_create,
)
from lapor.core.exceptions import ValidationFailed
from lapor.regions.models import Timezone
from lapor.testing.factories import make_agency, make_region, make_unit

pytestmark = pytest.mark.django_db


def _fresh(agency: Agency) -> Agency:
    return Agency.objects.get(pk=agency.pk)


def test_create_sets_path_depth_region_and_timezone() -> None:
    makassar = make_region("73.71", name="Kota Makassar", tz=Timezone.WITA)
    gov = agency_create(name="Pemerintah Kota Makassar", kind=AgencyKind.PEMKAB, region=makassar)
    dinkes = agency_create(name="Dinas Kesehatan", kind=AgencyKind.UNIT, parent=gov)
    pkm = agency_create(name="Puskesmas Kassi-Kassi", kind=AgencyKind.UNIT, parent=dinkes)

    assert gov.path == f"{gov.pk}/" and gov.depth == 0
    assert dinkes.path == f"{gov.pk}/{dinkes.pk}/" and dinkes.depth == 1
    assert pkm.path == f"{gov.pk}/{dinkes.pk}/{pkm.pk}/" and pkm.depth == 2
    # Units inherit the region, and the region's clock.
    assert pkm.region_id == "73.71" and pkm.timezone == Timezone.WITA
    assert gov.code == "pemerintah-kota-makassar"
    assert dinkes.code == "pemerintah-kota-makassar-dinas-kesehatan"


def test_create_makes_codes_unique_and_refuses_a_unit_without_parent() -> None:
    a = agency_create(name="Dinas Sosial", kind=AgencyKind.LEMBAGA)
    b = agency_create(name="Dinas Sosial", kind=AgencyKind.LEMBAGA)
    assert (a.code, b.code) == ("dinas-sosial", "dinas-sosial-2")
    with pytest.raises(ValueError):
        agency_create(name="Unit", kind=AgencyKind.UNIT)


def test_move_repaths_the_whole_subtree() -> None:
    old_root, new_root = make_agency("Lama"), make_agency("Baru")
    dinas = make_unit(old_root, "Dinas")
    upt = make_unit(dinas, "UPT")
    pustu = make_unit(upt, "Pustu")
    bystander = make_unit(old_root, "Tetap")
    target = make_unit(new_root, "Sekretariat")

    agency_move(agency=dinas, new_parent=target)

    dinas, upt, pustu = _fresh(dinas), _fresh(upt), _fresh(pustu)
    assert dinas.parent_id == target.pk
    assert dinas.path == f"{new_root.pk}/{target.pk}/{dinas.pk}/" and dinas.depth == 2
    assert upt.path == f"{dinas.path}{upt.pk}/" and upt.depth == 3
    assert pustu.path == f"{upt.path}{pustu.pk}/" and pustu.depth == 4
    assert _fresh(bystander).path == f"{old_root.pk}/{bystander.pk}/"
    assert set(Agency.objects.filter(path__startswith=old_root.path)) == {old_root, bystander}


def test_move_to_the_top_and_back() -> None:
    root = make_agency("Induk")
    bumd = make_agency("Perumda", kind=AgencyKind.BUMD, parent=root)
    child = make_unit(bumd, "Bagian")

    agency_move(agency=bumd, new_parent=None)
    assert (_fresh(bumd).path, _fresh(bumd).depth) == (f"{bumd.pk}/", 0)
    assert (_fresh(child).path, _fresh(child).depth) == (f"{bumd.pk}/{child.pk}/", 1)

    agency_move(agency=bumd, new_parent=root)
    assert _fresh(child).path == f"{root.pk}/{bumd.pk}/{child.pk}/"
    assert _fresh(child).depth == 2


def test_move_refuses_own_descendant_self_and_a_parentless_unit() -> None:
    root = make_agency("Induk")
    unit = make_unit(root, "Dinas")
    grandchild = make_unit(unit, "UPT")

    with pytest.raises(ValidationFailed) as exc:
        agency_move(agency=root, new_parent=grandchild)
    assert "parent" in exc.value.errors
    with pytest.raises(ValidationFailed):
        agency_move(agency=unit, new_parent=unit)
    with pytest.raises(ValidationFailed):
        agency_move(agency=unit, new_parent=None)
    # Nothing changed.
    assert _fresh(grandchild).path == f"{root.pk}/{unit.pk}/{grandchild.pk}/"


def test_move_uses_the_stored_path_not_a_stale_instance() -> None:
    a, b, c = make_agency("A"), make_agency("B"), make_agency("C")
    unit = make_unit(a, "Dinas")
    stale = Agency.objects.get(pk=unit.pk)
    agency_move(agency=unit, new_parent=b)
    agency_move(agency=stale, new_parent=c)  # stale.path still says it is under A
    assert _fresh(unit).path == f"{c.pk}/{unit.pk}/"


def test_deactivate_switches_off_the_subtree_and_activate_needs_the_parent_on() -> None:
    root = make_agency("Induk")
    unit = make_unit(root, "Dinas")
    leaf = make_unit(unit, "UPT")
    other = make_agency("Lain")

    assert agency_deactivate(agency=unit) == 2
    assert not _fresh(unit).is_active and not _fresh(leaf).is_active
    assert _fresh(root).is_active and _fresh(other).is_active

    agency_deactivate(agency=root)
    with pytest.raises(ValidationFailed):
        agency_activate(agency=_fresh(unit))
    assert agency_activate(agency=_fresh(root)) == 1
    assert agency_activate(agency=_fresh(unit), include_units=True) == 2
    assert _fresh(leaf).is_active


def test_category_create_slugs_depth_and_duplicates() -> None:
    topic = category_create(name="Infrastruktur")
    sub = category_create(name="Jalan rusak", parent=topic)
    leaf = category_create(name="Jalan desa", slug="jalan-desa", parent=sub)
    assert (topic.slug, sub.slug, leaf.parent_id) == ("infrastruktur", "jalan-rusak", sub.pk)
    with pytest.raises(ValidationFailed) as exc:
        category_create(name="Terlalu dalam", parent=leaf)
    assert "parent" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        category_create(name="Infrastruktur")
    assert "slug" in exc.value.errors


def test_routing_rule_create_checks_agency_and_classification() -> None:
    agency = make_agency("Pemkot")
    rule = routing_rule_create(agency=agency, classification="pengaduan", priority=3)
    assert (rule.classification, rule.priority, rule.category_id) == ("pengaduan", 3, None)
    with pytest.raises(ValidationFailed) as exc:
        routing_rule_create(agency=agency, classification="gosip")
    assert "classification" in exc.value.errors
    agency_deactivate(agency=agency)
    with pytest.raises(ValidationFailed) as exc:
        routing_rule_create(agency=agency)
    assert "agency" in exc.value.errors
