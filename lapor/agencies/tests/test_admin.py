from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lapor.accounts.models import User
from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency, Category, RoutingRule
from lapor.agencies.services import category_create, routing_rule_create
from lapor.regions.models import Timezone
from lapor.testing.factories import make_agency, make_region, make_unit
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client) -> Client:
    force_login_verified(client, User.objects.create_superuser("root@example.test", "rahasia-123"))
    return client


def _agency_form(**overrides) -> dict:
    data = {
        "name": "",
        "code": "",
        "kind": AgencyKind.PEMKAB,
        "parent": "",
        "region": "",
        "timezone": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_agency_changelist_shows_the_tree_indented(admin_client: Client) -> None:
    gov = make_agency("Pemerintah Kota Bandung")
    dinas = make_unit(gov, "Dinas Kesehatan Kota Bandung")
    make_unit(dinas, "UPT Puskesmas Garuda")
    make_agency("Kementerian Kesehatan", kind=AgencyKind.KEMENTERIAN)

    response = admin_client.get(reverse("admin:agencies_agency_changelist"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("Pemerintah Kota Bandung") < body.index("Dinas Kesehatan Kota Bandung")
    assert body.index("Dinas Kesehatan Kota Bandung") < body.index("UPT Puskesmas Garuda")
    assert 'padding-left:3.0em">└ UPT Puskesmas Garuda' in body

    response = admin_client.get(
        reverse("admin:agencies_agency_changelist"), {"q": "garuda", "kind__exact": "unit"}
    )
    assert response.status_code == 200
    assert "UPT Puskesmas Garuda" in response.content.decode()
    assert "Kementerian Kesehatan" not in response.content.decode()


def test_agency_add_goes_through_agency_create(admin_client: Client) -> None:
    region = make_region("73.71", name="Kota Makassar", tz=Timezone.WITA)
    response = admin_client.post(
        reverse("admin:agencies_agency_add"),
        _agency_form(name="Pemerintah Kota Makassar", region="73.71"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    gov = Agency.objects.get(name="Pemerintah Kota Makassar")
    # Path, generated code and the region's timezone: agency_create's work.
    assert (gov.path, gov.depth) == (f"{gov.pk}/", 0)
    assert gov.code == "pemerintah-kota-makassar"
    assert gov.region == region and gov.timezone == Timezone.WITA

    response = admin_client.post(
        reverse("admin:agencies_agency_add"),
        _agency_form(name="Dinas Kesehatan", kind=AgencyKind.UNIT, parent=str(gov.pk)),
    )
    assert response.status_code == 302
    unit = Agency.objects.get(name="Dinas Kesehatan")
    assert (unit.path, unit.depth, unit.timezone) == (f"{gov.pk}/{unit.pk}/", 1, Timezone.WITA)


def test_agency_add_refuses_a_unit_without_parent(admin_client: Client) -> None:
    response = admin_client.post(
        reverse("admin:agencies_agency_add"), _agency_form(name="Yatim", kind=AgencyKind.UNIT)
    )
    assert response.status_code == 200
    assert not Agency.objects.filter(name="Yatim").exists()


def test_agency_change_parent_moves_the_subtree(admin_client: Client) -> None:
    a, b = make_agency("Induk A"), make_agency("Induk B")
    dinas = make_unit(a, "Dinas")
    upt = make_unit(dinas, "UPT")
    url = reverse("admin:agencies_agency_change", args=[dinas.pk])
    assert admin_client.get(url).status_code == 200

    form = _agency_form(name="Dinas Baru", code=dinas.code, kind=AgencyKind.UNIT, parent=str(b.pk))
    response = admin_client.post(url, form)
    assert response.status_code == 302
    upt.refresh_from_db()
    dinas.refresh_from_db()
    assert dinas.name == "Dinas Baru"
    assert upt.path == f"{b.pk}/{dinas.pk}/{upt.pk}/" and upt.depth == 2

    # Under its own unit: refused with a message, nothing moves.
    form = _agency_form(name="Dinas Baru", code=dinas.code, kind=AgencyKind.UNIT, parent=upt.pk)
    response = admin_client.post(url, form)
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    dinas.refresh_from_db()
    assert dinas.parent_id == b.pk


def test_agency_switch_off_in_admin_takes_the_units(admin_client: Client) -> None:
    gov = make_agency("Pemkot")
    unit = make_unit(gov, "Dinas")
    form = _agency_form(name="Pemkot", code=gov.code, is_active="")
    del form["is_active"]
    response = admin_client.post(reverse("admin:agencies_agency_change", args=[gov.pk]), form)
    assert response.status_code == 302
    unit.refresh_from_db()
    assert not unit.is_active


def test_agency_autocomplete_and_region_widget(admin_client: Client) -> None:
    make_agency("Pemerintah Kota Bandung")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "bandung",
            "app_label": "agencies",
            "model_name": "agency",
            "field_name": "parent",
        },
    )
    assert response.status_code == 200
    assert "Pemerintah Kota Bandung" in response.content.decode()
    # The add page never renders a select of every region.
    make_region("32.73.01.1001")
    page = admin_client.get(reverse("admin:agencies_agency_add")).content.decode()
    assert "Wilayah 32.73.01.1001" not in page


def test_category_admin(admin_client: Client) -> None:
    infra = category_create(name="Infrastruktur", sort_order=1)
    category_create(name="Jalan rusak", parent=infra)
    category_create(name="Kesehatan", sort_order=0)
    response = admin_client.get(reverse("admin:agencies_category_changelist"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("Kesehatan") < body.index("Infrastruktur") < body.index("Jalan rusak")

    response = admin_client.post(
        reverse("admin:agencies_category_add"),
        {
            "name": "Jembatan",
            "slug": "jembatan",
            "parent": infra.pk,
            "sort_order": 2,
            "is_active": "on",
            "description": "",
            "name_en": "Bridges",
        },
    )
    assert response.status_code == 302
    bridge = Category.objects.get(slug="jembatan")
    assert (bridge.parent, bridge.name_en) == (infra, "Bridges")

    response = admin_client.post(
        reverse("admin:agencies_category_change", args=[infra.pk]),
        {
            "name": "Infrastruktur",
            "name_en": "Infrastructure",
            "slug": infra.slug,
            "sort_order": 1,
            "is_active": "on",
            "description": "",
        },
    )
    assert response.status_code == 302
    infra.refresh_from_db()
    assert infra.name_en == "Infrastructure"


def test_routing_rule_admin(admin_client: Client) -> None:
    agency = make_agency("Pemerintah Kota Bandung")
    region = make_region("32.73", name="Kota Bandung")
    category = category_create(name="Infrastruktur")
    routing_rule_create(agency=agency, category=category, region=region)
    response = admin_client.get(reverse("admin:agencies_routingrule_changelist"))
    assert response.status_code == 200
    assert "Pemerintah Kota Bandung" in response.content.decode()
    assert admin_client.get(reverse("admin:agencies_routingrule_add")).status_code == 200

    response = admin_client.post(
        reverse("admin:agencies_routingrule_add"),
        {
            "agency": agency.pk,
            "category": category.pk,
            "region": "",
            "classification": "aspirasi",
            "priority": 1,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert RoutingRule.objects.filter(classification="aspirasi", region=None).count() == 1

    agency.is_active = False
    agency.save(update_fields=["is_active"])
    response = admin_client.post(
        reverse("admin:agencies_routingrule_add"),
        {
            "agency": agency.pk,
            "category": "",
            "region": "",
            "classification": "",
            "priority": 0,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert RoutingRule.objects.count() == 2
