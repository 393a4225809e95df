"""Signing in to the console: password, second factor, the authenticator app and
recovery codes, signing out, and accepting an invitation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from lapor.accounts import flows
from lapor.accounts.forms import client_ip
from lapor.accounts.models import User
from lapor.accounts.otp import TooManyAttempts, second_factor_throttle_check
from lapor.core.exceptions import ServiceError, ValidationFailed

from .. import selectors, services
from ..access import (
    otp_verified,
    redirect,
    safe_next,
    session_touch,
)
from ..choices import LoginEventKind
from ..forms import (
    ConsoleLoginForm,
    EnrolTokenForm,
    InvitationAcceptForm,
    OtpTokenForm,
    RecoveryCodesForm,
)
from .common import nav_context


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Step 1: login (e-mail or mobile number) and password. Officials only."""
    form = ConsoleLoginForm(request.POST if request.method == "POST" else None)
    # An empty field is refused before any account is looked up, whatever the login:
    # that says nothing about which logins exist.
    status = 401
    if form.is_valid():
        login_value = form.cleaned_data["login"]
        # The portal's check, with its lockout: a login is locked after 5 failures in
        # 15 minutes, an address after 30 in an hour, on either sign-in page. A locked
        # login is refused before any account is looked up, so the reply is the same
        # whether or not the account exists, and whether or not the password is right.
        try:
            user = flows.account_authenticate(
                request=request,
                login=login_value,
                password=form.cleaned_data["password"],
                ip=client_ip(request),
            )
        except TooManyAttempts as exc:
            services.login_event_record(
                request=request, kind=LoginEventKind.LOCKED_OUT, login=login_value
            )
            form.add_error(None, exc.message)
            status = exc.status_code
        except ValidationFailed:
            services.login_event_record(
                request=request, kind=LoginEventKind.PASSWORD_FAILED, login=login_value
            )
            form.add_error(None, _("The login or the password is not right."))
        else:
            if not selectors.user_is_console_official(user):
                services.login_event_record(
                    request=request, kind=LoginEventKind.NOT_OFFICIAL, user=user, login=login_value
                )
                form.add_error(
                    None, _("This sign-in is for officials. Reporters sign in on the main site.")
                )
            else:
                login(request, user)
                services.login_event_record(
                    request=request, kind=LoginEventKind.PASSWORD_OK, user=user, login=login_value
                )
                session_touch(request)
                nxt = safe_next(request)
                target = (
                    "console:otp" if services.totp_device_confirmed(user) else "console:security"
                )
                return redirect(request, f"{reverse(target)}?next={nxt}")
    return render(
        request,
        "console/login.html",
        {"form": form, "next": safe_next(request)},
        status=status if form.errors else 200,
    )


def _signed_in_official(request: HttpRequest) -> User | None:
    user = request.user
    if not user.is_authenticated or not selectors.user_is_console_official(user):
        return None
    return user


@require_http_methods(["GET", "POST"])
def otp_view(request: HttpRequest) -> HttpResponse:
    """Step 2: the code from the authenticator app, or a recovery code."""
    user = _signed_in_official(request)
    if user is None:
        return redirect(request, reverse("console:login"))
    if services.totp_device_confirmed(user) is None:
        return redirect(request, reverse("console:security"))
    if otp_verified(request):
        return redirect(request, safe_next(request))
    form = OtpTokenForm(request.POST if request.method == "POST" else None)
    status = 401
    if form.is_valid():
        token = form.cleaned_data["token"]
        try:
            # During django-otp's back-off even the right code is refused: say "wait",
            # with the real wait, and count no failure.
            second_factor_throttle_check(user=user, token=token)
        except TooManyAttempts as exc:
            form.add_error("token", exc.message)
            status = exc.status_code
        else:
            device, recovery = services.second_factor_verify(user=user, token=token)
            if device is None:
                services.login_event_record(
                    request=request, kind=LoginEventKind.OTP_FAILED, user=user
                )
                form.add_error(
                    "token", _("That code is not right. Wait for a new code and try again.")
                )
            else:
                otp_login(request, device)
                services.login_event_record(
                    request=request,
                    kind=LoginEventKind.RECOVERY_USED if recovery else LoginEventKind.OTP_OK,
                    user=user,
                )
                session_touch(request)
                if recovery:
                    messages.warning(
                        request,
                        _("You used a recovery code. Each works once: make new ones soon."),
                    )
                return redirect(request, safe_next(request))
    return render(
        request,
        "console/otp.html",
        {"form": form, "next": safe_next(request)},
        status=status if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def security_view(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app (first sign-in), and make new recovery codes.

    An official who already has an app must pass it first: a stolen password alone
    never lets anyone set up a second app.
    """
    user = _signed_in_official(request)
    if user is None:
        return redirect(request, reverse("console:login"))
    confirmed = services.totp_device_confirmed(user)
    verified = otp_verified(request)
    if confirmed is not None and not verified:
        return redirect(request, reverse("console:otp"))

    if confirmed is not None:
        codes: list[str] = []
        recovery_form = RecoveryCodesForm(request.POST if request.method == "POST" else None)
        if recovery_form.is_valid():
            codes = services.recovery_codes_regenerate(user=user)
        return render(
            request,
            "console/security.html",
            {
                **nav_context(request, "security"),
                "enrolled": True,
                "codes": codes,
                "form": recovery_form,
            },
            status=400 if recovery_form.errors else 200,
        )

    device = services.totp_enrol_start(user=user)
    form = EnrolTokenForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            device, codes = services.totp_enrol_confirm(user=user, token=form.cleaned_data["token"])
        except ValidationFailed as exc:
            form.apply_service_errors(exc)
        else:
            otp_login(request, device)
            services.login_event_record(request=request, kind=LoginEventKind.ENROLLED, user=user)
            session_touch(request)
            return render(
                request,
                "console/security.html",
                {
                    **nav_context(request, "security"),
                    "enrolled": True,
                    "codes": codes,
                    "just_enrolled": True,
                    "form": RecoveryCodesForm(),
                    "next": safe_next(request),
                },
            )
    import segno

    qr = segno.make(device.config_url, error="m")
    key_b32 = _b32(device.bin_key)
    return render(
        request,
        "console/security.html",
        {
            "enrolled": False,
            "qr_svg": qr.svg_inline(scale=4, dark="#1b1f24", omitsize=True),
            "key_b32": " ".join(key_b32[i : i + 4] for i in range(0, len(key_b32), 4)),
            "form": form,
            "next": safe_next(request),
        },
        status=401 if form.errors else 200,
    )


def _b32(key: bytes) -> str:
    from base64 import b32encode

    return b32encode(key).decode().rstrip("=")


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.login_event_record(
            request=request,
            kind=LoginEventKind.LOGOUT,
            user=request.user,
        )
    logout(request)
    return redirect(request, reverse("console:login"))


@require_http_methods(["GET", "POST"])
def invitation_view(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """An invited official sets their password, then signs in (and sets up 2FA)."""
    user = selectors.invitation_user_for(uidb64=uidb64, token=token)
    if user is None:
        # The same page for a used, expired or made-up link: it names nobody.
        return render(request, "console/invitation.html", {"invited": None}, status=404)
    form = InvitationAcceptForm(request.POST if request.method == "POST" else None, user=user)
    if form.is_valid():
        try:
            services.invitation_accept(
                user=user, token=token, password=form.cleaned_data["password"]
            )
        except ValidationFailed as exc:
            form.apply_service_errors(exc)
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            services.login_event_record(
                request=request, kind=LoginEventKind.INVITATION_ACCEPTED, user=user
            )
            messages.success(request, _("Your password is set. Sign in now."))
            return redirect(request, reverse("console:login"))
    return render(request, "console/invitation.html", {"invited": user, "form": form})
