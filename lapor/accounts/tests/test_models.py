"""What a user row says about itself (finding 1: a user's ``__str__`` named them)."""

from __future__ import annotations

import pytest

from lapor.accounts.choices import Role
from lapor.accounts.models import ReporterProfile, RoleMembership
from lapor.testing.factories import UserFactory, make_agency

pytestmark = pytest.mark.django_db

NAME = "Siti Rahmawati"
EMAIL = "siti.pelapor@example.test"
PHONE = "+6281234567890"


def _assert_no_identity(text: str) -> None:
    for part in (*NAME.split(), EMAIL, PHONE, "siti.pelapor", "81234567890"):
        assert part not in text, (part, text)


def test_a_user_reads_as_an_id_never_as_a_name_or_contact():
    user = UserFactory(full_name=NAME, email=EMAIL, phone=PHONE)
    text = str(user)
    _assert_no_identity(text)
    assert str(user.pk) in text


def test_a_user_with_a_phone_only_reads_as_an_id_too():
    user = UserFactory(full_name="", email=None, phone=PHONE)
    text = str(user)
    _assert_no_identity(text)
    assert str(user.pk) in text


def test_rows_that_print_a_user_print_the_id():
    # Admin pages and log lines print these rows through their ``__str__``.
    user = UserFactory(full_name=NAME, email=EMAIL, phone=PHONE)
    profile = ReporterProfile.objects.create(user=user)
    membership = RoleMembership.objects.create(
        user=user, role=Role.ADMIN_INSTANSI, agency=make_agency("Dinas Contoh")
    )
    for row in (profile, membership):
        _assert_no_identity(str(row))
        assert str(user.pk) in str(row)


def test_short_name_is_still_the_first_name_for_the_person_themself():
    # The header greets the signed-in person by their own first name.
    assert UserFactory(full_name=NAME).get_short_name() == "Siti"
    nameless = UserFactory(full_name="", email=EMAIL)
    _assert_no_identity(nameless.get_short_name())
