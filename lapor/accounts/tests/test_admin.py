"""The user admin: forms without a username, NIK never shown, membership rules."""

from __future__ import annotations

import pytest
import time_machine
from django.utils import translation

from lapor.accounts.choices import Role
from lapor.accounts.models import RoleMembership, User
from lapor.accounts.services import reporter_profile_set_nik
from lapor.testing.factories import UserFactory, make_agency, make_region, make_unit
from lapor.testing.otp import force_login_verified

pytestmark = pytest.mark.django_db

NIK = "3273011508850001"


@pytest.fixture
def admin_client(client):
    root = UserFactory(is_staff=True, is_superuser=True)
    force_login_verified(client, root)
    client.cookies["django_language"] = "en"  # the site ignores Accept-Language
    with translation.override("en"):
        yield client


def _inline_management(prefix_profile="reporter_profile", prefix_members="memberships", **extra):
    data = {
        f"{prefix_profile}-TOTAL_FORMS": "0",
        f"{prefix_profile}-INITIAL_FORMS": "0",
        f"{prefix_profile}-MIN_NUM_FORMS": "0",
        f"{prefix_profile}-MAX_NUM_FORMS": "1",
        f"{prefix_members}-TOTAL_FORMS": "0",
        f"{prefix_members}-INITIAL_FORMS": "0",
        f"{prefix_members}-MIN_NUM_FORMS": "0",
        f"{prefix_members}-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_add_user_with_phone_only(admin_client):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        _inline_management(
            email="",
            phone="0813-1111-2222",
            full_name="Budi",
            usable_password="true",
            password1="kata-sandi-rahasia-9",
            password2="kata-sandi-rahasia-9",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(phone="+6281311112222")
    assert user.email is None
    assert user.check_password("kata-sandi-rahasia-9")


def test_add_user_refuses_duplicate_email_in_another_case(admin_client):
    UserFactory(email="budi@example.test")
    response = admin_client.post(
        "/admin/accounts/user/add/",
        _inline_management(
            email="BUDI@Example.test",
            phone="",
            usable_password="true",
            password1="kata-sandi-rahasia-9",
            password2="kata-sandi-rahasia-9",
        ),
    )
    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors
    assert User.objects.filter(email="budi@example.test").count() == 1


def test_add_user_needs_email_or_phone(admin_client):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        _inline_management(
            email="",
            phone="",
            usable_password="true",
            password1="kata-sandi-rahasia-9",
            password2="kata-sandi-rahasia-9",
        ),
    )
    assert response.status_code == 200
    assert "e-mail address or a mobile number" in str(
        response.context["adminform"].form.non_field_errors()
    )
    assert User.objects.count() == 1  # the admin only


@time_machine.travel("2026-03-02 10:00 +0700")
def test_change_page_shows_has_nik_but_never_the_nik(admin_client):
    make_region("32.73.01")
    reporter = UserFactory(full_name="Siti Rahmawati")
    profile = reporter_profile_set_nik(user=reporter, nik=NIK)
    response = admin_client.get(f"/admin/accounts/user/{reporter.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Has NIK" in html
    assert '<div class="readonly">yes</div>' in html
    assert NIK not in html
    assert profile.nik_encrypted not in html
    assert profile.nik_hash not in html
    assert "nik_encrypted" not in html and "nik_hash" not in html


def test_user_search_by_phone_in_local_form_and_by_name(admin_client):
    UserFactory(full_name="Siti Rahmawati", phone="+6281234567890")
    UserFactory(full_name="Budi Santoso")
    html = admin_client.get("/admin/accounts/user/", {"q": "0812-3456-7890"}).content.decode()
    assert "Siti Rahmawati" in html and "Budi Santoso" not in html
    html = admin_client.get("/admin/accounts/user/", {"q": "santoso"}).content.decode()
    assert "Budi Santoso" in html and "Siti Rahmawati" not in html


@pytest.mark.parametrize(
    ("role", "where", "ok"),
    [
        (Role.ADMIN_UNIT, "unit", True),
        (Role.ADMIN_UNIT, "agency", False),
        (Role.ADMIN_INSTANSI, "unit", False),
        (Role.ADMIN_NASIONAL, "agency", False),
        (Role.ADMIN_NASIONAL, "", True),
    ],
)
def test_membership_inline_applies_the_scope_rules(admin_client, role, where, ok):
    agency = make_agency()
    places = {"": "", "agency": str(agency.pk), "unit": str(make_unit(agency).pk)}
    user = UserFactory(email="target@example.test", full_name="Target")
    data = _inline_management(
        email=user.email,
        phone="",
        full_name=user.full_name,
        is_active="on",
        date_joined_0="2026-01-01",
        date_joined_1="10:00:00",
        **{
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-role": role,
            "memberships-0-agency": places[where],
            "memberships-0-is_active": "on",
            "memberships-0-user": str(user.pk),
        },
    )
    response = admin_client.post(f"/admin/accounts/user/{user.pk}/change/", data)
    created = RoleMembership.objects.filter(user=user, role=role).exists()
    if ok:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert created
    else:
        assert response.status_code == 200
        assert not created
