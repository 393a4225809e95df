"""Notifications in the admin: read-only, and without their words.

A notification's title and text were written for one person (they may name a
confidential report or quote a note), so the admin shows who got what kind of message
when, and where it went, never the message itself.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Delivery, Notification, NotificationSetting


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
    list_display = ("id", "user_id", "kind", "audience", "report_id", "created_at", "read_at")
    list_filter = ("kind", "audience", ("read_at", admin.EmptyFieldListFilter))
    search_fields = ("=user__id", "=report__tracking_id")
    fields = ("user_id", "kind", "audience", "report_id", "event_id", "created_at", "read_at")
    readonly_fields = fields
    inlines = [DeliveryInline]
    date_hierarchy = "created_at"
    list_per_page = 50

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
