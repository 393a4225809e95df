from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from lapor.accounts.models import User
from lapor.deadlines.calendar import is_working_day
from lapor.deadlines.models import Holiday, HolidayKind
from lapor.deadlines.services import holiday_create
from lapor.testing.factories import make_region
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_() -> Client:
    user = User.objects.create_superuser("root@example.test", "rahasia-123")
    client = Client()
    force_login_verified(client, user)
    return client


def test_changelist_lists_filters_and_searches(admin_client_: Client) -> None:
    bali = make_region("51", "Bali")
    holiday_create(date=date(2026, 4, 13), name="Galungan", kind=HolidayKind.LOCAL, region=bali)
    holiday_create(date=date(2027, 4, 14), name="Libur tambahan")
    url = "/admin/deadlines/holiday/"
    response = admin_client_.get(url)
    assert response.status_code == 200
    assert "Galungan" in response.text and "Libur tambahan" in response.text
    response = admin_client_.get(url, {"kind": "local"})
    assert "Galungan" in response.text and "Libur tambahan" not in response.text
    response = admin_client_.get(url, {"year": "2027"})
    assert "Galungan" not in response.text and "Libur tambahan" in response.text
    response = admin_client_.get(url, {"q": "bali"})
    assert "Galungan" in response.text and "Libur tambahan" not in response.text


def test_add_page_offers_provinces_and_regencies_only(admin_client_: Client) -> None:
    make_region("51.71.01.2001", "Desa Contoh")
    response = admin_client_.get("/admin/deadlines/holiday/add/")
    assert response.status_code == 200
    region_field = response.context["adminform"].form.fields["region"]
    assert sorted(r.code for r in region_field.queryset) == ["51", "51.71"]


def test_adding_and_deleting_in_the_admin_changes_the_calendar(admin_client_: Client) -> None:
    assert is_working_day(date(2026, 4, 10))
    response = admin_client_.post(
        "/admin/deadlines/holiday/add/",
        {"date": "2026-04-10", "name": "Libur mendadak", "kind": "national", "region": ""},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    holiday = Holiday.objects.get()
    assert not is_working_day(date(2026, 4, 10))

    response = admin_client_.post(
        f"/admin/deadlines/holiday/{holiday.pk}/change/",
        {"date": "2026-04-09", "name": "Libur mendadak", "kind": "national", "region": ""},
    )
    assert response.status_code == 302
    assert is_working_day(date(2026, 4, 10)) and not is_working_day(date(2026, 4, 9))

    response = admin_client_.post(f"/admin/deadlines/holiday/{holiday.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Holiday.objects.exists()
    assert is_working_day(date(2026, 4, 9))


def test_bulk_delete_in_the_admin_changes_the_calendar(admin_client_: Client) -> None:
    holiday = holiday_create(date=date(2026, 4, 10), name="Libur")
    assert not is_working_day(date(2026, 4, 10))
    response = admin_client_.post(
        "/admin/deadlines/holiday/",
        {"action": "delete_selected", "_selected_action": [holiday.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert is_working_day(date(2026, 4, 10))


def test_the_admin_form_refuses_a_local_holiday_without_region_and_a_clash(
    admin_client_: Client,
) -> None:
    holiday_create(date=date(2026, 4, 10), name="Libur")
    response = admin_client_.post(
        "/admin/deadlines/holiday/add/",
        {"date": "2026-04-13", "name": "Lokal", "kind": "local", "region": ""},
    )
    assert response.status_code == 200
    assert "region" in response.context["adminform"].form.errors
    response = admin_client_.post(
        "/admin/deadlines/holiday/add/",
        {"date": "2026-04-10", "name": "Lagi", "kind": "national", "region": ""},
    )
    assert response.status_code == 200
    assert Holiday.objects.count() == 1
