from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from lapor.accounts.models import User
from lapor.regions.models import Region
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.usefixtures("imported")

CHANGELIST = "admin:regions_region_changelist"


@pytest.fixture
def superuser_client(client: Client) -> Client:
    force_login_verified(client, User.objects.create_superuser("root@example.test", "rahasia-123"))
    return client


@pytest.fixture
def staff_client(client: Client) -> Client:
    user = User.objects.create_user("staf@example.test", "rahasia-123", is_staff=True)
    # Even holding every model permission, a staff member may not add or delete.
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="regions"))
    force_login_verified(client, user)
    return client


@pytest.mark.django_db
def test_changelist_loads_for_a_superuser(superuser_client: Client) -> None:
    response = superuser_client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    body = response.content.decode()
    for text in ("32.73.01.1001", "Sukarasa", "WITA", "Papua Tengah"):
        assert text in body


@pytest.mark.django_db
def test_changelist_search_and_filter(superuser_client: Client) -> None:
    response = superuser_client.get(reverse(CHANGELIST), {"q": "32.73"})
    assert response.status_code == 200
    assert [r.code for r in response.context["cl"].result_list] == [
        "32.73",
        "32.73.01",
        "32.73.01.1001",
        "32.73.01.1002",
    ]

    response = superuser_client.get(reverse(CHANGELIST), {"q": "denpasar"})
    assert {r.code for r in response.context["cl"].result_list} == {"51.71", "51.71.01"}

    response = superuser_client.get(reverse(CHANGELIST), {"level__exact": "1"})
    assert [r.code for r in response.context["cl"].result_list] == ["32", "51", "94"]


@pytest.mark.django_db
def test_superuser_may_add_and_delete(superuser_client: Client) -> None:
    assert superuser_client.get(reverse("admin:regions_region_add")).status_code == 200
    url = reverse("admin:regions_region_delete", args=["94.01.01.2001"])
    assert superuser_client.get(url).status_code == 200


@pytest.mark.django_db
def test_staff_may_view_and_rename_but_not_add_or_delete(staff_client: Client) -> None:
    assert staff_client.get(reverse(CHANGELIST)).status_code == 200
    assert staff_client.get(reverse("admin:regions_region_add")).status_code == 403
    delete_url = reverse("admin:regions_region_delete", args=["32.73"])
    assert staff_client.get(delete_url).status_code == 403

    change_url = reverse("admin:regions_region_change", args=["32.73"])
    response = staff_client.post(
        change_url, {"name": "Kota Bandung Baru", "_save": "Save"}, follow=False
    )
    assert response.status_code == 302
    region = Region.objects.get(code="32.73")
    # Only the name is editable; the place in the tree and the clock are not.
    assert (region.name, region.parent_id, region.timezone) == (
        "Kota Bandung Baru",
        "32",
        "Asia/Jakarta",
    )
