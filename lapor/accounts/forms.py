"""Forms of the account pages, and the form habits every citizen page shares.

``GovForm`` follows the GOV.UK pattern: each field with an error points to its message
(``aria-describedby``) and is marked ``aria-invalid``; the page shows an error summary
at the top that links to each field (``includes/error_summary.html``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lapor.core.exceptions import ValidationFailed


class GovForm(forms.Form):
    template_name = "govuk/form_fields.html"

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_errors()

    def mark_errors(self) -> None:
        for name, field in self.fields.items():
            if name not in self.errors:
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}_error"]
            if field.help_text:
                ids.append(f"{bound.auto_id}_helptext")
            field.widget.attrs["aria-describedby"] = " ".join(ids)
            field.widget.attrs["aria-invalid"] = "true"

    def apply_service_errors(
        self, exc: ValidationFailed, *, aliases: dict[str, str] | None = None
    ) -> None:
        """Put a service's errors on the fields they are about (others on the form)."""
        aliases = aliases or {}
        for key, messages in exc.errors.items():
            name = aliases.get(key, key)
            for message in messages:
                if name in self.fields:
                    self.add_error(name, message)
                else:
                    self.add_error(None, message)
        self.mark_errors()


class RegisterForm(GovForm):
    full_name = forms.CharField(
        label=_("Your full name"),
        max_length=150,
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.CharField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        help_text=_(
            "Give an e-mail address, a mobile number, or both. We send a code to check it."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        required=False,
        max_length=20,
        help_text=_("For example 0812 3456 7890."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    password = forms.CharField(
        label=_("Password"),
        help_text=_("At least 8 characters. Not only numbers, and not a common word."),
        error_messages={"required": _("Choose a password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class CodeForm(GovForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        help_text=_("The 6 digits in the message we sent you."),
        error_messages={"required": _("Enter the code we sent you.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "input-short"}
        ),
    )

    def clean_code(self) -> str:
        """Six digits, spaces and dashes allowed; anything else is a typo, said as such
        and not counted as a wrong code."""
        code = "".join(self.cleaned_data["code"].replace("-", " ").split())
        if len(code) != 6 or not (code.isascii() and code.isdecimal()):
            raise forms.ValidationError(_("The code has 6 digits, for example 123456."))
        return code


class LoginForm(GovForm):
    login = forms.CharField(
        label=_("E-mail address or mobile number"),
        max_length=254,
        error_messages={"required": _("Enter your e-mail address or mobile number.")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        error_messages={"required": _("Enter your password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ResetRequestForm(GovForm):
    login = forms.CharField(
        label=_("E-mail address or mobile number"),
        max_length=254,
        help_text=_("The one you registered with. We send a code to it."),
        error_messages={"required": _("Enter your e-mail address or mobile number.")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )


class ResetConfirmForm(CodeForm):
    password = forms.CharField(
        label=_("New password"),
        help_text=_("At least 8 characters. Not only numbers, and not a common word."),
        error_messages={"required": _("Choose a new password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ProfileForm(GovForm):
    full_name = forms.CharField(
        label=_("Your full name"),
        max_length=150,
        error_messages={"required": _("Enter your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    nik = forms.CharField(
        label=_("NIK (national identity number)"),
        required=False,
        max_length=30,
        help_text=_(
            "Optional. 16 digits from your KTP. It is stored encrypted and shown to nobody "
            "but you and the national verifiers."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class DeleteAccountForm(GovForm):
    password = forms.CharField(
        label=_("Your password"),
        error_messages={"required": _("Enter your password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good"),
        required=True,
        error_messages={"required": _("Tick the box to say that you understand.")},
    )


def client_ip(request: Any) -> str | None:
    """The client's address as the server saw it (behind a proxy, configure the proxy
    to set REMOTE_ADDR, e.g. with a trusted X-Forwarded-For middleware)."""
    return request.META.get("REMOTE_ADDR") or None
