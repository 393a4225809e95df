"""Users, NIK and role memberships through the services."""

from __future__ import annotations

import pytest
import time_machine
from django.utils import translation

from lapor.accounts.choices import Role
from lapor.accounts.crypto import nik_hash
from lapor.accounts.models import ReporterProfile, RoleMembership, User
from lapor.accounts.principals import principal_for_user
from lapor.accounts.selectors import (
    reporter_nik_for,
    reporter_profile_find_by_nik,
    user_has_role,
    user_scopes,
)
from lapor.accounts.services import (
    membership_grant,
    membership_revoke,
    reporter_profile_set_nik,
    user_create,
    validate_nik,
)
from lapor.core.exceptions import PermissionDenied, ValidationFailed
from lapor.testing.factories import (
    UserFactory,
    make_agency,
    make_member,
    make_region,
    make_unit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# --- user_create -------------------------------------------------------------------


def test_user_create_normalises_email_and_phone():
    user = user_create(
        email="  Siti.Rahma@Example.TEST ", phone="0812-3456-7890", password="kata-sandi-9"
    )
    user.refresh_from_db()
    assert user.email == "siti.rahma@example.test"
    assert user.phone == "+6281234567890"
    assert user.check_password("kata-sandi-9")


def test_user_create_with_phone_only_and_no_password():
    user = user_create(phone="+62 813 1111 2222", password=None, full_name=" Budi ")
    assert user.email is None
    assert user.phone == "+6281311112222"
    assert user.full_name == "Budi"
    assert not user.has_usable_password()


@pytest.mark.parametrize(
    ("first", "second", "field"),
    [
        ({"email": "budi@example.test"}, {"email": "BUDI@example.test"}, "email"),
        ({"phone": "081234567890"}, {"phone": "+6281234567890"}, "phone"),
        ({"phone": "081234567890"}, {"phone": "6281234567890"}, "phone"),
    ],
)
def test_user_create_refuses_duplicates_per_field(first, second, field):
    user_create(password="kata-sandi-9", **first)
    with pytest.raises(ValidationFailed) as exc:
        user_create(password="kata-sandi-9", **second)
    assert list(exc.value.errors) == [field]
    assert "already exists" in exc.value.errors[field][0]
    assert User.objects.count() == 1


def test_user_create_reports_both_duplicates_at_once():
    user_create(email="a@example.test", phone="081234567890", password="kata-sandi-9")
    with pytest.raises(ValidationFailed) as exc:
        user_create(email="A@example.test", phone="0812 3456 7890", password="kata-sandi-9")
    assert set(exc.value.errors) == {"email", "phone"}


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "__all__"),
        ({"email": "   "}, "__all__"),
        ({"email": "not-an-address"}, "email"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "+14155550123"}, "phone"),  # not Indonesian
    ],
)
def test_user_create_refuses_bad_input(kwargs, field):
    with pytest.raises(ValidationFailed) as exc:
        user_create(password="kata-sandi-9", **kwargs)
    assert field in exc.value.errors
    assert User.objects.count() == 0


# --- NIK ---------------------------------------------------------------------------

VALID_NIK = "3273011508850001"  # Kec. 32.73.01, born 15-08-1985, serial 0001
WOMAN_NIK = "3273015508850002"  # day 15 + 40


@pytest.fixture
def district():
    return make_region("32.73.01")


@pytest.mark.parametrize("nik", [VALID_NIK, WOMAN_NIK, "3273012902000003", "3273010101990009"])
@time_machine.travel("2026-03-02 10:00 +0700")
def test_validate_nik_accepts(district, nik):
    validate_nik(nik)


@pytest.mark.parametrize(
    ("nik", "fragments"),
    [
        ("327301150885001", ["exactly 16 digits"]),
        ("32730115088500011", ["exactly 16 digits"]),
        ("32730115O8850001", ["exactly 16 digits"]),
        ("", ["exactly 16 digits"]),
        ("3273021508850001", ["existing district"]),  # 32.73.02 does not exist
        ("3200001508850001", ["existing district"]),
        ("3273013102850001", ["date of birth"]),  # 31 February
        ("3273010013850001", ["date of birth"]),  # month 13 / day 00
        ("3273017208850001", ["date of birth"]),  # 72 - 40 = 32
        ("3273012902010001", ["date of birth"]),  # 29-02-2001 / 1901: no leap year
        ("3273011508850000", ["0000"]),
        ("9999993202850000", ["existing district", "date of birth", "0000"]),
    ],
)
@time_machine.travel("2026-03-02 10:00 +0700")
def test_validate_nik_refuses_with_a_message_per_problem(district, nik, fragments):
    with pytest.raises(ValidationFailed) as exc:
        validate_nik(nik)
    messages = exc.value.errors["nik"]
    assert len(messages) == len(fragments)
    for message, fragment in zip(messages, fragments, strict=True):
        assert fragment in message


@time_machine.travel("2026-03-02 10:00 +0700")
def test_nik_birth_date_may_not_be_in_the_future_in_either_century(district):
    validate_nik("3273010103260001")  # 1 March 2026: yesterday
    validate_nik("3273010303260001")  # 3 March 2026 is tomorrow, so 1926


@time_machine.travel("2026-03-02 10:00 +0700")
def test_nik_is_stored_encrypted_with_a_keyed_hash(district):
    user = UserFactory()
    profile = reporter_profile_set_nik(user=user, nik="3273 0115 0885 0001")
    profile.refresh_from_db()
    assert profile.has_nik
    assert VALID_NIK not in profile.nik_encrypted
    assert profile.nik_hash == nik_hash(VALID_NIK)
    assert len(profile.nik_hash) == 64
    # Keyed: not the plain SHA-256 anybody could compute from a guessed NIK.
    import hashlib

    assert profile.nik_hash != hashlib.sha256(VALID_NIK.encode()).hexdigest()
    # Fernet uses a random IV: the same NIK never encrypts to the same text twice.
    other = reporter_profile_set_nik(user=user, nik=VALID_NIK)
    assert other.nik_encrypted != profile.nik_encrypted
    assert reporter_profile_find_by_nik(VALID_NIK).user == user


@time_machine.travel("2026-03-02 10:00 +0700")
def test_nik_may_sit_on_one_account_only(district):
    reporter_profile_set_nik(user=UserFactory(), nik=VALID_NIK)
    second = UserFactory()
    with pytest.raises(ValidationFailed) as exc:
        reporter_profile_set_nik(user=second, nik=VALID_NIK)
    assert "already registered" in exc.value.errors["nik"][0]
    assert not ReporterProfile.objects.filter(user=second).exclude(nik_hash="").exists()


@time_machine.travel("2026-03-02 10:00 +0700")
def test_invalid_nik_is_not_stored(district):
    user = UserFactory()
    with pytest.raises(ValidationFailed):
        reporter_profile_set_nik(user=user, nik="3273011508850000")
    assert not ReporterProfile.objects.filter(user=user).exclude(nik_encrypted="").exists()


# --- who reads the NIK -------------------------------------------------------------


@time_machine.travel("2026-03-02 10:00 +0700")
@pytest.mark.parametrize(
    ("viewer_kind", "sees"),
    [
        ("self", True),
        ("admin_nasional", True),
        ("anonymous", False),
        ("other_citizen", False),
        ("admin_instansi", False),
        ("admin_unit", False),
        ("ombudsman", False),
        ("pengawas", False),
        ("developer", False),
        ("superuser_without_role", False),
        ("inactive_admin_nasional", False),
        ("admin_nasional_unverified", False),
    ],
)
def test_reporter_nik_for(district, viewer_kind, sees):
    from django.contrib.auth.models import AnonymousUser

    reporter = UserFactory()
    reporter_profile_set_nik(user=reporter, nik=VALID_NIK)
    agency = make_agency()
    viewers = {
        "self": lambda: reporter,
        "admin_nasional": lambda: make_member(Role.ADMIN_NASIONAL),
        "anonymous": AnonymousUser,
        "other_citizen": UserFactory,
        "admin_instansi": lambda: make_member(Role.ADMIN_INSTANSI, agency),
        "admin_unit": lambda: make_member(Role.ADMIN_UNIT, make_unit(agency)),
        "ombudsman": lambda: make_member(Role.OMBUDSMAN),
        "pengawas": lambda: make_member(Role.PENGAWAS),
        "developer": lambda: make_member(Role.DEVELOPER, agency),
        "superuser_without_role": lambda: UserFactory(is_superuser=True, is_staff=True),
        "inactive_admin_nasional": lambda: make_member(Role.ADMIN_NASIONAL, is_active=False),
        "admin_nasional_unverified": lambda: make_member(Role.ADMIN_NASIONAL),
    }
    viewer = viewers[viewer_kind]()
    # Every official has verified the second factor, but for the one who has not.
    principal = principal_for_user(viewer, verified=viewer_kind != "admin_nasional_unverified")
    assert reporter_nik_for(principal=principal, user=reporter) == (VALID_NIK if sees else None)


def test_reporter_nik_for_without_nik_is_none():
    user = UserFactory()
    assert reporter_nik_for(principal=principal_for_user(user, verified=True), user=user) is None


# --- memberships -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "where", "ok"),
    [
        (Role.ADMIN_NASIONAL, None, True),
        (Role.ADMIN_NASIONAL, "agency", False),
        (Role.OMBUDSMAN, None, True),
        (Role.OMBUDSMAN, "unit", False),
        (Role.PENGAWAS, None, True),
        (Role.PENGAWAS, "agency", False),
        (Role.ADMIN_INSTANSI, "agency", True),
        (Role.ADMIN_INSTANSI, "unit", False),
        (Role.ADMIN_INSTANSI, None, False),
        (Role.DEVELOPER, "agency", True),
        (Role.DEVELOPER, "unit", False),
        (Role.DEVELOPER, None, False),
        (Role.ADMIN_UNIT, "unit", True),
        (Role.ADMIN_UNIT, "agency", False),
        (Role.ADMIN_UNIT, None, False),
        ("kepala_desa", None, False),
    ],
)
def test_membership_grant_scope_rules(role, where, ok):
    agency = make_agency()
    places = {None: None, "agency": agency, "unit": make_unit(agency)}
    user = UserFactory()
    if ok:
        membership = membership_grant(user=user, role=role, agency=places[where])
        assert membership.is_active
        assert user_has_role(user, role)
    else:
        with pytest.raises(ValidationFailed):
            membership_grant(user=user, role=role, agency=places[where])
        assert not RoleMembership.objects.filter(user=user).exists()


def test_membership_grant_checks_the_granter():
    agency, other = make_agency(), make_agency()
    unit, other_unit = make_unit(agency), make_unit(other)
    coordinator = make_member(Role.ADMIN_INSTANSI, agency)
    target = UserFactory()

    # An agency admin hands out agency roles inside their own subtree only.
    membership = membership_grant(
        user=target, role=Role.ADMIN_UNIT, agency=unit, granted_by=coordinator
    )
    assert membership.granted_by == coordinator
    membership_grant(user=target, role=Role.DEVELOPER, agency=agency, granted_by=coordinator)
    with pytest.raises(PermissionDenied):
        membership_grant(
            user=target, role=Role.ADMIN_UNIT, agency=other_unit, granted_by=coordinator
        )
    with pytest.raises(PermissionDenied):
        membership_grant(user=target, role=Role.ADMIN_NASIONAL, granted_by=coordinator)
    with pytest.raises(PermissionDenied):
        membership_grant(user=target, role=Role.PENGAWAS, granted_by=UserFactory())

    # The national admin and a superuser may hand out anything.
    membership_grant(
        user=target,
        role=Role.ADMIN_INSTANSI,
        agency=other,
        granted_by=make_member(Role.ADMIN_NASIONAL),
    )
    membership_grant(
        user=target, role=Role.ADMIN_NASIONAL, granted_by=UserFactory(is_superuser=True)
    )
    assert RoleMembership.objects.filter(user=target, is_active=True).count() == 4


def test_membership_revoke_and_grant_again():
    agency = make_agency()
    user = UserFactory()
    membership = membership_grant(user=user, role=Role.ADMIN_INSTANSI, agency=agency)
    assert user_has_role(user, Role.ADMIN_INSTANSI)

    membership_revoke(membership=membership)
    membership.refresh_from_db()
    assert not membership.is_active
    assert user_scopes(user) == ()  # the cached scopes were dropped

    again = membership_grant(user=user, role=Role.ADMIN_INSTANSI, agency=agency)
    assert again.pk == membership.pk and again.is_active
    assert RoleMembership.objects.filter(user=user).count() == 1


def test_membership_revoke_checks_the_revoker():
    agency, other = make_agency(), make_agency()
    membership = membership_grant(user=UserFactory(), role=Role.DEVELOPER, agency=other)
    with pytest.raises(PermissionDenied):
        membership_revoke(
            membership=membership, revoked_by=make_member(Role.ADMIN_INSTANSI, agency)
        )
    membership.refresh_from_db()
    assert membership.is_active
    membership_revoke(membership=membership, revoked_by=make_member(Role.ADMIN_INSTANSI, other))
    membership.refresh_from_db()
    assert not membership.is_active
