"""Comment moderation for national admins: flagged comments first, hide or keep.

Only a national admin with a verified second factor opens it. Even so, the changelist
and the change page read comments through the report's gate with the request's
principal, and show authors by user id: moderating a comment never needs the name of
the person who wrote it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lapor.accounts.middleware import request_principal
from lapor.core.exceptions import ServiceError

from .models import Comment
from .selectors import comment_author_ref, comment_list_for_moderation
from .services import comment_moderate


class FlaggedFilter(admin.SimpleListFilter):
    title = _("moderation")
    parameter_name = "moderation"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("waiting", _("Flagged, not yet decided")), ("decided", _("Decided"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Comment]) -> QuerySet[Comment]:
        if self.value() == "waiting":
            return queryset.filter(flag_count__gt=0, moderated_at__isnull=True)
        if self.value() == "decided":
            return queryset.filter(moderated_at__isnull=False)
        return queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = (
        "body_short",
        "report_link",
        "author_ref",
        "flag_count",
        "is_hidden",
        "created_at",
        "moderated_at",
    )
    list_filter = (FlaggedFilter, "is_hidden")
    search_fields = ("body", "report__tracking_id")
    ordering = ("-flag_count", "-created_at")
    actions = ("hide_comments", "keep_comments")
    list_select_related = ("report",)
    # No user foreign key is shown as such: its link text would be the user's name.
    fields = (
        "report_link",
        "author_ref",
        "body",
        "created_at",
        "flag_count",
        "is_hidden",
        "moderated_at",
        "moderator_ref",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        # Only comments on reports this person may read, by the one gate.
        return comment_list_for_moderation(principal=request_principal(request))

    def _moderates(self, request: HttpRequest) -> bool:
        # Moderation is the national admin's (second factor verified): other staff, a
        # role-less superuser included, do not read comments here at all; the bodies
        # are shown as written, which only those who may read every report may see.
        return request_principal(request).is_national_admin

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._moderates(request) and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._moderates(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._moderates(request) and super().has_change_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("comment"))
    def body_short(self, obj: Comment) -> str:
        return obj.body[:80]

    @admin.display(description=_("report"))
    def report_link(self, obj: Comment) -> str:
        return f"#{obj.report.tracking_id}"

    @admin.display(description=_("author"))
    def author_ref(self, obj: Comment) -> str:
        return comment_author_ref(comment=obj)

    @admin.display(description=_("moderated by"))
    def moderator_ref(self, obj: Comment) -> str:
        return f"#{obj.moderated_by_id}" if obj.moderated_by_id else "—"

    def _moderate(self, request: HttpRequest, queryset: QuerySet[Comment], *, hide: bool) -> None:
        principal = request_principal(request)
        done = 0
        for comment_id in queryset.values_list("pk", flat=True):
            try:
                comment_moderate(principal=principal, comment_id=comment_id, hide=hide)
            except ServiceError as exc:
                self.message_user(request, exc.message, messages.ERROR)
                return
            done += 1
        self.message_user(
            request,
            ngettext("%(n)d comment decided.", "%(n)d comments decided.", done) % {"n": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Hide the selected comments"))
    def hide_comments(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._moderate(request, queryset, hide=True)

    @admin.action(description=_("Keep the selected comments visible"))
    def keep_comments(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._moderate(request, queryset, hide=False)
