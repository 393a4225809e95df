"""The account pages: thin views over ``accounts.flows``."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from lapor.core.exceptions import ServiceError, ValidationFailed

from . import flows
from .forms import (
    CodeForm,
    DeleteAccountForm,
    LoginForm,
    ProfileForm,
    RegisterForm,
    ResetConfirmForm,
    ResetRequestForm,
    client_ip,
)
from .http import AuthenticatedHttpRequest
from .models import User
from .selectors import user_is_official

BACKEND = "lapor.accounts.backends.EmailOrPhoneBackend"
SESSION_CONFIRM = "accounts:confirm_user"
SESSION_RESET = "accounts:reset_login"
SESSION_NEXT = "accounts:next"
LOGIN_URL = "accounts:login"


def _safe_next(request: HttpRequest, value: str | None) -> str | None:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return None


def _after_login(request: HttpRequest) -> HttpResponseRedirect:
    target = _safe_next(request, request.session.pop(SESSION_NEXT, None))
    if user_is_official(request.user):
        # Officials sign in only where the second factor is asked: a password alone
        # gives them a citizen's rights at most, so hand them to the console's code
        # step (which sends those without an app yet to set one up).
        return redirect(
            reverse("console:otp") + "?" + urlencode({"next": target or reverse("console:home")})
        )
    return redirect(target or reverse("portal:my_reports"))


def _remember_next(request: HttpRequest) -> None:
    target = _safe_next(request, request.GET.get("next") or request.POST.get("next"))
    if target:
        request.session[SESSION_NEXT] = target


def register(request: HttpRequest) -> HttpResponse:
    _remember_next(request)
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = flows.account_register(**form.cleaned_data)
        except ValidationFailed as exc:
            form.apply_service_errors(exc)
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            request.session[SESSION_CONFIRM] = user.pk
            return redirect("accounts:confirm")
    return render(request, "accounts/register.html", {"form": form})


def confirm(request: HttpRequest) -> HttpResponse:
    user_pk = request.session.get(SESSION_CONFIRM)
    user = User.objects.filter(pk=user_pk).first() if user_pk is not None else None
    if user is None or not flows.account_needs_confirmation(user):
        return redirect(LOGIN_URL)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and "resend" in request.POST:
        try:
            flows.account_resend_code(user=user)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("We sent you a new code."))
        return redirect("accounts:confirm")
    if request.method == "POST" and form.is_valid():
        try:
            flows.account_confirm(user=user, code=form.cleaned_data["code"])
        except ValidationFailed as exc:
            form.apply_service_errors(exc)
        except ServiceError as exc:
            form.add_error("code", exc.message)
        else:
            del request.session[SESSION_CONFIRM]
            login(request, user, backend=BACKEND)
            messages.success(request, _("Your account is ready."))
            return _after_login(request)
    return render(
        request,
        "accounts/confirm.html",
        {"form": form, "destination": user.email or user.phone},
    )


def login_view(request: HttpRequest) -> HttpResponse:
    _remember_next(request)
    if request.user.is_authenticated:
        return _after_login(request)
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = flows.account_authenticate(
                request=request,
                login=data["login"],
                password=data["password"],
                ip=client_ip(request),
            )
        except ValidationFailed as exc:
            pending = flows.account_unconfirmed_by_credentials(
                login=data["login"], password=data["password"]
            )
            if pending is not None:
                request.session[SESSION_CONFIRM] = pending.pk
                messages.info(request, _("Confirm your account first with the code we sent you."))
                return redirect("accounts:confirm")
            form.apply_service_errors(exc)
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            login(request, user, backend=BACKEND)
            return _after_login(request)
    return render(request, "accounts/login.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You are signed out."))
    return redirect("portal:home")


def reset_request(request: HttpRequest) -> HttpResponse:
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flows.password_reset_request(login=form.cleaned_data["login"], ip=client_ip(request))
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            request.session[SESSION_RESET] = form.cleaned_data["login"]
            return redirect("accounts:reset_confirm")
    return render(request, "accounts/reset_request.html", {"form": form})


def reset_confirm(request: HttpRequest) -> HttpResponse:
    login_name = request.session.get(SESSION_RESET)
    if not login_name:
        return redirect("accounts:reset")
    form = ResetConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = flows.password_reset_confirm(
                login=login_name,
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password"],
            )
        except ValidationFailed as exc:
            form.apply_service_errors(exc)
        except ServiceError as exc:
            # Too many tries, or a code guessed at too often: about the code.
            form.add_error("code", exc.message)
        else:
            del request.session[SESSION_RESET]
            login(request, user, backend=BACKEND)
            messages.success(request, _("Your password is changed."))
            return _after_login(request)
    return render(request, "accounts/reset_confirm.html", {"form": form, "login_name": login_name})


@login_required(login_url=LOGIN_URL)
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, initial={"full_name": user.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            flows.profile_update(user=user, **form.cleaned_data)
        except ValidationFailed as exc:
            form.apply_service_errors(exc)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
    profile_row = getattr(user, "reporter_profile", None)
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "has_nik": bool(profile_row and profile_row.has_nik)},
    )


@login_required(login_url=LOGIN_URL)
def delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flows.account_delete(user=request.user, password=form.cleaned_data["password"])
        except ValidationFailed as exc:
            form.apply_service_errors(exc)
        else:
            logout(request)
            messages.success(
                request, _("Your account is deleted. Your reports stay, without your name.")
            )
            return redirect("portal:home")
    return render(request, "accounts/delete.html", {"form": form})
