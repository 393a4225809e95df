"""The Django admin's sign-in: one form, one submit, in the visitor's language.

django-otp's admin form asks for the login and password first and then, in a second
submit, for a device to choose and its code, with English-only labels. Here the three
fields come together, the device is the user's authenticator app (chosen by
``accounts.flows.account_authenticate_staff``, never by the form), and the lockout is
the one of every other sign-in page. Only staff with a confirmed app get in.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

from lapor.core.exceptions import ServiceError, ValidationFailed

from . import flows
from .forms import client_ip


class CodeInput(forms.TextInput):
    """A one-time code is never shown back: after an error the field starts empty."""

    def format_value(self, value: Any) -> None:
        return None


class AdminLoginForm(OTPAdminAuthenticationForm):
    username = forms.CharField(
        label=_("E-mail address or mobile number"),
        max_length=254,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "spellcheck": "false", "autofocus": True}
        ),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    otp_token = forms.CharField(
        label=_("Code from the authenticator app"),
        help_text=_("The 6 digits your authenticator app shows now."),
        max_length=12,
        error_messages={"required": _("Enter the code from the authenticator app.")},
        widget=CodeInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )
    # No device to choose and no challenge button: the device is the user's app.
    otp_device = None  # type: ignore[assignment]
    otp_challenge = None  # type: ignore[assignment]

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.status_code = 200
        self.fields["username"].error_messages["required"] = _(
            "Enter your e-mail address or mobile number."
        )
        self.fields["password"].error_messages["required"] = _("Enter your password.")

    def clean(self) -> dict[str, Any]:
        data = self.cleaned_data
        if self.errors or not all(data.get(k) for k in ("username", "password", "otp_token")):
            return data  # a field left empty: said on the field, nothing looked up
        try:
            user, device = flows.account_authenticate_staff(
                request=self.request,
                login=data["username"],
                password=data["password"],
                token=data["otp_token"],
                ip=client_ip(self.request) if self.request is not None else None,
            )
        except ValidationFailed as exc:
            self.status_code = 401
            for field, messages in exc.errors.items():
                for message in messages:
                    self.add_error(None if field == "__all__" else field, message)
            return data
        except ServiceError as exc:  # locked out, or the app's back-off: wait
            self.status_code = exc.status_code
            self.add_error(None, exc.message)
            return data
        # django-otp marks the session verified with this device on login.
        user.otp_device = device  # type: ignore[attr-defined]
        self.user_cache = user
        return data

    def mark_errors(self) -> None:
        """Each field with an error points to its message and says it is invalid."""
        for name, field in self.fields.items():
            ids = [f"id_{name}_helptext"] if field.help_text else []
            if name in self.errors:
                ids.append(f"id_{name}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_errors()


class LaporAdminSite(OTPAdminSite):
    """The admin needs a verified second factor (as the console does); its sign-in is
    ``AdminLoginForm``, answered with 401 or 429 when refused."""

    login_form = AdminLoginForm
    login_template = "admin/login.html"
    site_header = _("LAPOR! administration")
    site_title = _("LAPOR! administration")

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        response: HttpResponse = super().login(request, extra_context)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if request.method == "POST" and isinstance(form, AdminLoginForm) and form.errors:
            response.status_code = form.status_code if form.status_code != 200 else 400
        return response
