"""Writes for users, reporter profiles and role memberships."""

from __future__ import annotations

import phonenumbers
from django.utils.translation import gettext_lazy as _

from lapor.core.exceptions import ValidationFailed


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
