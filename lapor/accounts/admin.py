"""Django admin for users, their reporter profiles, role memberships and second factors.

The NIK never appears here, not even as ciphertext or hash: the profile inline says
only whether one is on file. Memberships edited here obey the same scope rules as
``accounts.services.membership_grant``.

Second factors are write-only: django-otp's own device admins show a TOTP key, its QR
code and the recovery codes, so a superuser could copy an official's second factor.
Here a device shows whose it is, its name, whether it is confirmed and when it was last
used; it can be deleted (the reset: the official enrols again on the console's
security page) and never added, edited or read back.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapor.core.exceptions import ValidationFailed

from .models import ReporterProfile, RoleMembership, User
from .services import InvalidPhone, membership_check_scope, normalize_email, normalize_phone


class _LoginFieldsMixin(forms.ModelForm):
    """E-mail lower-cased and phone in E.164, as ``user_create`` stores them, so that
    the model's uniqueness check compares like with like."""

    def clean_email(self) -> str | None:
        email = self.cleaned_data.get("email")
        return normalize_email(email) if email else None

    def clean_phone(self) -> str | None:
        phone = self.cleaned_data.get("phone")
        if not phone:
            return None
        try:
            return normalize_phone(phone)
        except InvalidPhone as exc:
            raise forms.ValidationError(exc.message) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("email") and not cleaned.get("phone") and not self.errors:
            raise forms.ValidationError(_("Give an e-mail address or a mobile number."))
        return cleaned


class UserAddForm(_LoginFieldsMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "phone", "full_name")


class UserEditForm(_LoginFieldsMixin, UserChangeForm):
    class Meta:
        model = User
        fields = (
            "email",
            "phone",
            "password",
            "full_name",
            "is_active",
            "is_staff",
            "is_superuser",
            "groups",
            "user_permissions",
        )


class MembershipInlineForm(forms.ModelForm):
    class Meta:
        model = RoleMembership
        fields = ("role", "agency", "is_active")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role = cleaned.get("role")
        if role:
            try:
                membership_check_scope(role=role, agency=cleaned.get("agency"))
            except ValidationFailed as exc:
                errors: dict[str, Any] = {
                    (k if k in self.fields else NON_FIELD_ERRORS): v for k, v in exc.errors.items()
                }
                raise forms.ValidationError(errors) from None
        return cleaned


class MembershipInline(admin.TabularInline):
    model = RoleMembership
    fk_name = "user"
    form = MembershipInlineForm
    extra = 0
    raw_id_fields = ("agency",)
    readonly_fields = ("granted_by", "created_at")
    fields = ("role", "agency", "is_active", "granted_by", "created_at")


class ReporterProfileInline(admin.StackedInline):
    model = ReporterProfile
    can_delete = False
    extra = 0
    max_num = 1
    # nik_encrypted and nik_hash are deliberately absent (and not editable anyway).
    fields = ("address", "region", "nik_on_file")
    readonly_fields = ("nik_on_file",)
    raw_id_fields = ("region",)

    @admin.display(description=_("has NIK"))
    def nik_on_file(self, obj: ReporterProfile | None) -> str:
        return str(_("yes")) if obj is not None and obj.has_nik else str(_("no"))


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserAddForm
    inlines = (ReporterProfileInline, MembershipInline)
    list_display = ("email", "phone", "full_name", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active")
    search_fields = ("email", "phone", "full_name")
    ordering = ("-date_joined",)
    readonly_fields = ("last_login", "date_joined")
    # Plain multiple selects: Django's two-box picker (SelectFilter2.js) puts an
    # aria-label on a plain <span> (axe-core: aria-prohibited-attr, serious).
    filter_horizontal = ()
    fieldsets = (
        (None, {"fields": ("email", "phone", "password")}),
        (_("Personal info"), {"fields": ("full_name",)}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "phone",
                    "full_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def get_search_results(self, request: HttpRequest, queryset: Any, search_term: str) -> Any:
        # Find "0812-3456-7890" although phones are stored as +6281234567890.
        qs, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        try:
            phone = normalize_phone(search_term)
        except InvalidPhone:
            return qs, may_have_duplicates
        return qs | queryset.filter(phone=phone), may_have_duplicates


# --- second factors: listed and reset, never read back -----------------------------------


class SecondFactorAdmin(admin.ModelAdmin):
    """A second-factor device without its secret: who, which, confirmed, last used."""

    list_display = ("user_ref", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    # Exact matches only: finding an official's device to reset it, not browsing people.
    search_fields = ("=user__email", "=user__phone")
    fields = ("user_ref", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields
    list_select_related = ("user",)
    ordering = ("user_id", "name")

    @admin.display(description=_("user"), ordering="user_id")
    def user_ref(self, device: Device) -> str:
        return str(device.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Enrolment shows the key once, to its owner, in the console.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, SecondFactorAdmin)
