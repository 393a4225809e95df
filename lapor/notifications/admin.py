"""Notifications in the admin: read-only, through the gate, and without their words.

A notification's title and text were written for one person (they may name a
confidential report or quote a note), so the admin shows who got what kind of message
when, and where it went, never the message itself.

Which rows: only the notifications of reports the admin user's principal may read
(``Report.objects.visible_to``), and of events it may read (an internal note's
notifications only to officials related to the report). A superuser without a role
is a citizen here.

Who received a reporter's notification is the reporter: the admin shows that account
only to those who may know the reporter fully (``report_reporter_identity_for``): on an
anonymous report the national admin alone, on any other report the officials handling
it. Otherwise a search by tracking ID would tie a report to a person's account (issue
8, finding 2); for the same reason only the national admin may search by account id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from lapor.accounts.middleware import request_principal
from lapor.accounts.principals import Principal
from lapor.reports.selectors import report_reporter_identity_for

from .choices import Audience
from .models import Delivery, Notification, NotificationSetting
from .selectors import notifications_visible_to

HIDDEN = _("(the reporter: hidden)")


def recipient_label(principal: Principal, notification: Notification) -> str:
    """The recipient's account as ``principal`` may know it (never a name)."""
    if notification.audience == Audience.REPORTER and notification.report_id is not None:
        identity = report_reporter_identity_for(principal, notification.report)  # type: ignore[arg-type]
        if not identity or not (identity["email"] or identity["phone"]):
            return str(HIDDEN)
    return str(notification.user)


class DeliveryInline(admin.TabularInline):
    model = Delivery
    fields = ("channel", "created_at", "key")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_filter = ("kind", "audience", ("read_at", admin.EmptyFieldListFilter))
    fields = ("recipient", "kind", "audience", "report_ref", "event_id", "created_at", "read_at")
    readonly_fields = fields
    inlines = [DeliveryInline]
    date_hierarchy = "created_at"
    list_per_page = 50
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Notification]:
        # The gate of the notifications pages (one selector): the report's, the event's,
        # and an official's notification only for an official.
        return notifications_visible_to(request_principal(request)).select_related(
            "user",
            "report__reporter",
            "report__agency",
            "report__unit",
            "report__target_agency",
        )

    def get_search_fields(self, request: HttpRequest) -> tuple[str, ...]:
        if request_principal(request).is_national_admin:
            return ("=report__tracking_id", "=user__id")
        return ("=report__tracking_id",)

    def get_list_display(self, request: HttpRequest) -> tuple[str | Callable[[Any], str], ...]:
        principal = request_principal(request)

        @admin.display(description=_("recipient"))
        def recipient(obj: Notification) -> str:
            return recipient_label(principal, obj)

        return ("id", recipient, "kind", "audience", "report_ref", "created_at", "read_at")

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj._admin_principal = request_principal(request)
        return obj

    @admin.display(description=_("recipient"))
    def recipient(self, obj: Notification) -> str:
        principal = getattr(obj, "_admin_principal", None)
        return str(HIDDEN) if principal is None else recipient_label(principal, obj)

    @admin.display(description=_("report"), ordering="report__tracking_id")
    def report_ref(self, obj: Notification) -> str:
        return f"#{obj.report.tracking_id}" if obj.report_id and obj.report else "-"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(NotificationSetting)
class NotificationSettingAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "language",
        "email_enabled",
        "sms_enabled",
        "digest_only",
        "instant_reminders",
        "updated_at",
    )
    list_filter = ("language", "email_enabled", "sms_enabled", "digest_only")
    raw_id_fields = ("user",)
    search_fields = ("=user__email", "=user__phone")
    readonly_fields = ("updated_at",)
