import pytest

from lapor.testing.factories import UserFactory
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.django_db


def test_a_superuser_without_a_second_factor_cannot_open_the_admin(client):
    root = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(root)
    response = client.get("/admin/agencies/agency/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_superuser_with_a_verified_second_factor_can(client):
    root = UserFactory(is_staff=True, is_superuser=True)
    force_login_verified(client, root)
    assert client.get("/admin/agencies/agency/").status_code == 200
