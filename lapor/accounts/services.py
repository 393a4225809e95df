"""Writes for users, reporter profiles and role memberships."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lapor.agencies.choices import AgencyKind
from lapor.agencies.models import Agency
from lapor.core.exceptions import PermissionDenied, ValidationFailed
from lapor.regions.models import Region, RegionLevel

from .choices import NATIONAL_ROLES, Role
from .crypto import field_encrypt, nik_hash
from .models import ReporterProfile, RoleMembership, User
from .selectors import user_agency_paths, user_forget_scopes, user_has_role


class InvalidPhone(ValidationFailed):
    pass


def normalize_email(email: str) -> str:
    return email.strip().lower()


def normalize_phone(raw: str) -> str:
    """An Indonesian mobile number in E.164 (``0812-3456-7890`` → ``+6281234567890``)."""
    try:
        number = phonenumbers.parse(raw.strip(), "ID")
    except phonenumbers.NumberParseException:
        raise InvalidPhone({"phone": [_("Enter a valid Indonesian mobile number.")]}) from None
    if not phonenumbers.is_valid_number(number) or phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise InvalidPhone({"phone": [_("Enter a valid Indonesian mobile number.")]})
    if number.country_code != 62:
        raise InvalidPhone({"phone": [_("Enter a valid Indonesian mobile number.")]})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --- users -------------------------------------------------------------------------

MSG_EMAIL_TAKEN = _("An account with this e-mail address already exists.")
MSG_PHONE_TAKEN = _("An account with this mobile number already exists.")


def user_create(
    *,
    email: str | None = None,
    phone: str | None = None,
    password: str | None,
    full_name: str = "",
    is_active: bool = True,
) -> User:
    """Register a person by e-mail address and/or Indonesian mobile number.

    The e-mail is lower-cased and the phone stored in E.164, so that ``Budi@X.id`` and
    ``budi@x.id``, or ``0812…`` and ``+62812…``, are one account. Password strength is
    checked by the forms (as Django does), not here: intake channels such as SMS create
    users with no usable password (``password=None``); an agency's app creates the
    people it files for inactive (``is_active=False``): an account nobody opened.
    """
    errors: dict[str, Sequence[str | Promise]] = {}
    email = normalize_email(email) if email and email.strip() else None
    phone_raw = phone.strip() if phone and phone.strip() else None
    phone = None
    if email is None and phone_raw is None:
        errors["__all__"] = [_("Give an e-mail address or a mobile number.")]
    if email is not None:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Enter a valid e-mail address.")]
        else:
            if User.objects.filter(email=email).exists():
                errors["email"] = [MSG_EMAIL_TAKEN]
    if phone_raw is not None:
        try:
            phone = normalize_phone(phone_raw)
        except InvalidPhone as exc:
            errors.update(exc.errors)
        else:
            if User.objects.filter(phone=phone).exists():
                errors["phone"] = [MSG_PHONE_TAKEN]
    if errors:
        raise ValidationFailed(errors)

    user = User(email=email, phone=phone, full_name=full_name.strip(), is_active=is_active)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # Lost a race with a concurrent registration of the same login.
        race: dict[str, list[Any]] = {}
        if email and User.objects.filter(email=email).exists():
            race["email"] = [MSG_EMAIL_TAKEN]
        if phone and User.objects.filter(phone=phone).exists():
            race["phone"] = [MSG_PHONE_TAKEN]
        if not race:
            raise
        raise ValidationFailed(race) from None
    return user


# --- NIK ---------------------------------------------------------------------------

_NIK_RE = re.compile(r"^\d{16}$")


def normalize_nik(raw: str) -> str:
    """Digits only: people type NIKs with spaces, dots or dashes."""
    return re.sub(r"[\s.\-]", "", raw or "")


def _nik_birth_date(day: int, month: int, yy: int) -> dt.date | None:
    if day > 40:  # women's NIKs add 40 to the day of birth
        day -= 40
    today = timezone.localdate()
    for century in (2000, 1900):  # the latest century that is not in the future
        try:
            born = dt.date(century + yy, month, day)
        except ValueError:
            continue
        if born <= today:
            return born
    return None


def validate_nik(nik: str) -> None:
    """Check a NIK (Nomor Induk Kependudukan) as Dukcapil builds it.

    ``PPRRDD DDMMYY SSSS``: district code (province, regency, district), birth date
    (women add 40 to the day), and a serial that is never 0000. Raises
    ``ValidationFailed`` with every problem found under ``nik``.
    """
    if not _NIK_RE.match(nik or ""):
        raise ValidationFailed({"nik": [_("A NIK has exactly 16 digits.")]})
    problems = []
    district = f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"
    if not Region.objects.filter(code=district, level=RegionLevel.DISTRICT).exists():
        problems.append(
            _("The first six digits of the NIK must be the code of an existing district.")
        )
    if _nik_birth_date(int(nik[6:8]), int(nik[8:10]), int(nik[10:12])) is None:
        problems.append(
            _(
                "Digits 7 to 12 of the NIK must be a date of birth (DDMMYY; "
                "for women the day is plus 40)."
            )
        )
    if nik[12:] == "0000":
        problems.append(_("The last four digits of the NIK cannot be 0000."))
    if problems:
        raise ValidationFailed({"nik": problems})


def reporter_profile_get_or_create(*, user: User) -> ReporterProfile:
    profile, _created = ReporterProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def reporter_profile_set_nik(*, user: User, nik: str) -> ReporterProfile:
    """Store the reporter's NIK encrypted, with a keyed hash for lookups.

    A NIK belongs to one person, so it may sit on one account only.
    """
    nik = normalize_nik(nik)
    validate_nik(nik)
    digest = nik_hash(nik)
    if ReporterProfile.objects.filter(nik_hash=digest).exclude(user=user).exists():
        raise ValidationFailed({"nik": [_("This NIK is already registered to another account.")]})
    profile = reporter_profile_get_or_create(user=user)
    profile.nik_encrypted = field_encrypt(nik)
    profile.nik_hash = digest
    profile.save(update_fields=["nik_encrypted", "nik_hash", "updated_at"])
    return profile


# --- role memberships --------------------------------------------------------------


def membership_check_scope(*, role: str, agency: Agency | None) -> None:
    """The agency a role may (or must) be held over.

    National roles cover the country and name no agency; Admin Instansi and Developer
    act for a whole agency (not a unit); Admin Unit acts for a unit.
    """
    if role not in Role.values:
        raise ValidationFailed({"role": [_("Unknown role.")]})
    if role in NATIONAL_ROLES:
        if agency is not None:
            raise ValidationFailed({"agency": [_("A national role is not held over an agency.")]})
        return
    if agency is None:
        raise ValidationFailed({"agency": [_("This role needs an agency.")]})
    kind = agency.kind
    if role == Role.ADMIN_UNIT and kind != AgencyKind.UNIT:
        raise ValidationFailed({"agency": [_("A unit admin must be given a unit.")]})
    if role in (Role.ADMIN_INSTANSI, Role.DEVELOPER) and kind == AgencyKind.UNIT:
        raise ValidationFailed(
            {"agency": [_("This role is held over an agency, not over one of its units.")]}
        )


def _check_may_manage(actor: User, *, role: str, agency: Agency | None) -> None:
    """Who may hand out a role: superusers and national admins any; an agency admin
    the agency roles inside their own subtree."""
    if actor.is_superuser or user_has_role(actor, Role.ADMIN_NASIONAL):
        return
    if role in NATIONAL_ROLES or agency is None:
        raise PermissionDenied()
    paths = user_agency_paths(actor, {Role.ADMIN_INSTANSI})
    if not any(agency.path.startswith(p) for p in paths):
        raise PermissionDenied()


@transaction.atomic
def membership_grant(
    *,
    user: User,
    role: str,
    agency: Agency | None = None,
    granted_by: User | None = None,
) -> RoleMembership:
    """Give ``user`` a role (over ``agency``'s subtree for agency roles).

    ``granted_by=None`` is the system (management commands, fixtures). Granting a role
    the user held before reactivates that membership.
    """
    membership_check_scope(role=role, agency=agency)
    if granted_by is not None:
        _check_may_manage(granted_by, role=role, agency=agency)
    membership, created = RoleMembership.objects.get_or_create(
        user=user,
        role=role,
        agency=agency,
        defaults={"granted_by": granted_by, "is_active": True},
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.granted_by = granted_by
        membership.save(update_fields=["is_active", "granted_by", "updated_at"])
    _forget(user)
    return membership


@transaction.atomic
def membership_revoke(*, membership: RoleMembership, revoked_by: User | None = None) -> None:
    """End a membership. The row stays (inactive) as a record of who held what."""
    if revoked_by is not None:
        _check_may_manage(revoked_by, role=membership.role, agency=membership.agency)
    if membership.is_active:
        membership.is_active = False
        membership.save(update_fields=["is_active", "updated_at"])
    _forget(membership.user)


def _forget(user: User) -> None:
    user_forget_scopes(user)
