"""Regions in the admin: for looking up codes, not for editing the tree.

The tree comes from ``manage.py import_wilayah``; hand-made or deleted regions would
drift from the Kemendagri codes that reports and agencies point at, so only a
superuser may add or delete one, and the structural fields are never edited here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "timezone"]
    list_filter = ["level", "timezone"]
    # "^code" matches from the start, which is how codes are looked up (32.73 ...).
    search_fields = ["^code", "name"]
    ordering = ["code"]
    # A select of 90,000 regions would not render; pick the parent by code instead.
    raw_id_fields = ["parent"]
    fields = ["code", "parent", "level", "name", "timezone"]
    # The importer's 90k-row count is cheap, but there is no reason to pay it twice.
    show_full_result_count = False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return []
        # An existing region's place in the tree is its code; renaming is the only edit.
        return ["code", "parent", "level", "timezone"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)
