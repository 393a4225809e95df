"""The citizen's account: register, confirm, sign in, reset, edit, delete.

A new account is inactive until its owner types the one-time code sent to them
(``accounts.otp``): nobody can file reports in another person's name with an e-mail
address or number they do not hold.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapor.core.exceptions import ValidationFailed

from .backends import user_find_by_login
from .models import CodePurpose, ReporterProfile, User
from .otp import (
    CODE_MAX_ATTEMPTS,
    LOCK_WINDOW,
    attempt_record,
    code_issue,
    code_pending,
    code_verify,
    devices_throttle_check,
    login_keys,
    login_throttle_check,
    throttle_check,
)
from .services import reporter_profile_set_nik, user_create

MSG_BAD_LOGIN = _("The e-mail address or mobile number and the password do not match.")
MSG_BAD_CODE = _("This code is wrong or has expired. Check the message or ask for a new code.")
MSG_BAD_STAFF_LOGIN = _("The login and the password do not match a staff account.")
MSG_BAD_AUTHENTICATOR_CODE = _(
    "The code from the authenticator app is not right. Type the newest code."
)
MSG_NO_AUTHENTICATOR = _(
    "This account has no authenticator app yet. Set one up in the console first."
)
NAME_MAX = 150


def _check_password(password: str, user: User | None = None) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationFailed({"password": list(exc.messages)}) from None


def account_register(*, full_name: str, email: str = "", phone: str = "", password: str) -> User:
    """Create an inactive account and send its confirmation code."""
    errors: dict[str, list] = {}
    full_name = " ".join((full_name or "").split())
    if not full_name:
        errors["full_name"] = [_("Enter your name.")]
    elif len(full_name) > NAME_MAX:
        errors["full_name"] = [_("The name is too long.")]
    try:
        _check_password(password, User(email=email or None, full_name=full_name))
    except ValidationFailed as exc:
        errors.update(exc.errors)
    with transaction.atomic():
        try:
            user = user_create(email=email, phone=phone, password=password, full_name=full_name)
        except ValidationFailed as exc:
            errors = {**exc.errors, **errors}
            raise ValidationFailed(errors) from None
        if errors:
            raise ValidationFailed(errors)
        user.is_active = False
        user.save(update_fields=["is_active"])
    code_issue(user=user, purpose=CodePurpose.CONFIRM)
    return user


def account_needs_confirmation(user: User) -> bool:
    return not user.is_active and code_pending(user=user, purpose=CodePurpose.CONFIRM)


def account_confirm(*, user: User, code: str, now: datetime | None = None) -> User:
    """Activate ``user`` with the code they were sent.

    Too many wrong codes: ``TooManyAttempts`` (with the real wait) or, for a code that
    was guessed at too often, ``CodeTriedTooOften``; neither counts as another wrong
    code, and the right code then never reads "wrong"."""
    key = f"code:{user.pk}"
    throttle_check(key=key, limit=CODE_MAX_ATTEMPTS * 2, window=LOCK_WINDOW, now=now, say_when=True)
    if not code_verify(user=user, purpose=CodePurpose.CONFIRM, code=code, now=now):
        attempt_record(keys=[key], succeeded=False, now=now)
        raise ValidationFailed({"code": [MSG_BAD_CODE]})
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def account_resend_code(*, user: User) -> None:
    if account_needs_confirmation(user):
        code_issue(user=user, purpose=CodePurpose.CONFIRM)


def account_authenticate(
    *,
    request: HttpRequest | None,
    login: str,
    password: str,
    ip: str | None = None,
    forgive: bool = True,
) -> User:
    """The user behind ``login``/``password``, or ``ValidationFailed``; locked out after
    too many failures (``TooManyAttempts``), whether or not the password was right.

    A right password forgives the login's earlier failures, unless ``forgive`` is off:
    a sign-in with a second step (the admin's authenticator code) forgives only once
    that step is passed too, or a known password would let the code be guessed for ever.
    """
    login = (login or "").strip()
    login_throttle_check(login=login, ip=ip)
    user = authenticate(request, username=login, password=password)
    keys = login_keys(login, ip)
    if user is None:
        attempt_record(keys=keys, succeeded=False)
        raise ValidationFailed({"__all__": [MSG_BAD_LOGIN]})
    if forgive:
        attempt_record(keys=keys, succeeded=True)
    return user


def account_authenticate_staff(
    *, request: HttpRequest | None, login: str, password: str, token: str, ip: str | None = None
) -> tuple[User, TOTPDevice]:
    """The Django admin's sign-in in one step: login, password and the code of the
    user's authenticator app (its confirmed TOTP device, chosen here, not by the form).

    The password step is ``account_authenticate`` with its lockout. A wrong login, a
    wrong password and an account that is not staff read the same; a wrong code is
    said on the code field (the citizens' sign-in already tells a right password, so
    that says nothing new) and counts as a failed sign-in for the lockout. During
    django-otp's back-off the reply is ``TooManyAttempts`` with the real wait.
    """
    keys = login_keys((login or "").strip(), ip)
    try:
        user = account_authenticate(
            request=request, login=login, password=password, ip=ip, forgive=False
        )
    except ValidationFailed:
        raise ValidationFailed({"__all__": [MSG_BAD_STAFF_LOGIN]}) from None
    if not (user.is_active and user.is_staff):
        # Counted as the wrong password it reads as: the lock tells nothing either.
        attempt_record(keys=keys, succeeded=False)
        raise ValidationFailed({"__all__": [MSG_BAD_STAFF_LOGIN]})
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        raise ValidationFailed({"otp_token": [MSG_NO_AUTHENTICATOR]})
    devices_throttle_check([device])
    token = "".join((token or "").split())
    if not (token.isdecimal() and verify_token(user, device.persistent_id, token)):
        attempt_record(keys=keys, succeeded=False)
        raise ValidationFailed({"otp_token": [MSG_BAD_AUTHENTICATOR_CODE]})
    # Both steps passed: now the owner's earlier failures are forgiven.
    attempt_record(keys=keys, succeeded=True)
    return user, device


def account_unconfirmed_by_credentials(*, login: str, password: str) -> User | None:
    """An account that is right but not yet confirmed (to send its owner to the code
    page instead of saying "wrong password")."""
    user = user_find_by_login(login or "")
    if user is None or not account_needs_confirmation(user):
        return None
    return user if user.check_password(password) else None


def password_reset_request(*, login: str, ip: str | None = None) -> User | None:
    """Send a reset code if ``login`` is an account. The page says the same either way,
    so that it cannot be used to find out who has an account."""
    key = f"reset:{ip or '-'}"
    throttle_check(key=key, limit=10, window=LOCK_WINDOW, say_when=True)
    attempt_record(keys=[key], succeeded=False)
    user = user_find_by_login(login or "")
    if user is None:
        return None
    if not user.is_active and not account_needs_confirmation(user):
        return None  # a deleted or blocked account
    code_issue(user=user, purpose=CodePurpose.RESET)
    return user


def password_reset_confirm(*, login: str, code: str, password: str) -> User:
    user = user_find_by_login(login or "")
    if user is None:
        raise ValidationFailed({"code": [MSG_BAD_CODE]})
    key = f"code:{user.pk}"
    throttle_check(key=key, limit=CODE_MAX_ATTEMPTS * 2, window=LOCK_WINDOW, say_when=True)
    _check_password(password, user)
    if not code_verify(user=user, purpose=CodePurpose.RESET, code=code):
        attempt_record(keys=[key], succeeded=False)
        raise ValidationFailed({"code": [MSG_BAD_CODE]})
    user.set_password(password)
    fields = ["password"]
    if account_needs_confirmation(user):
        # The code reached them: that confirms the address as well.
        user.is_active = True
        fields.append("is_active")
    user.save(update_fields=fields)
    return user


def profile_update(*, user: User, full_name: str, nik: str = "") -> User:
    """Change the name (and set the NIK when given: it is never shown back in full)."""
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise ValidationFailed({"full_name": [_("Enter your name.")]})
    if len(full_name) > NAME_MAX:
        raise ValidationFailed({"full_name": [_("The name is too long.")]})
    with transaction.atomic():
        user.full_name = full_name
        user.save(update_fields=["full_name"])
        if nik.strip():
            reporter_profile_set_nik(user=user, nik=nik)
    return user


def account_delete(*, user: User, password: str) -> None:
    """Remove the person, keep their reports: name, e-mail, phone and NIK are erased and
    the account can never sign in again. Reports then show no reporter identity."""
    if not user.check_password(password):
        raise ValidationFailed({"password": [_("The password is not right.")]})
    with transaction.atomic():
        ReporterProfile.objects.filter(user=user).delete()
        # The table needs an e-mail or a phone: an address that can never receive mail.
        user.email = f"dihapus-{user.pk}@akun.invalid"
        user.phone = None
        user.full_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["email", "phone", "full_name", "is_active", "password"])
        user.one_time_codes.all().delete()
        user.memberships.update(is_active=False)


__all__ = [
    "account_authenticate",
    "account_authenticate_staff",
    "account_confirm",
    "account_delete",
    "account_needs_confirmation",
    "account_register",
    "account_resend_code",
    "account_unconfirmed_by_credentials",
    "password_reset_confirm",
    "password_reset_request",
    "profile_update",
]
