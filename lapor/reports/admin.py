"""Reports in the Django admin: read-only, and only as far as the viewer may see.

Statuses change only through ``reports.transitions``, so nothing is editable here.
The list is ``Report.objects.visible_to(principal)`` for the request's principal (a
superuser without a role sees what the public sees; an official only with the second
factor the admin asks for), the reporter appears only through
``report_reporter_identity_for``, the timeline only through
``report_events_visible_to``, and the free text (title, description, address, rating
comment, notes) only through ``reports.public_text``: masked for whoever is the public
to the report, as on every other public exit. Search covers tracking ID and title only: searching by
the reporter's name or e-mail would tell which reports someone filed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from lapor.accounts.middleware import request_principal
from lapor.accounts.principals import Principal
from lapor.core.exceptions import NotFound

from .attachments import download_name
from .models import Report, ReportEvent
from .public_text import ReportText, event_note_for, report_text_for, report_title_for
from .selectors import (
    event_actor_label_for,
    report_attachments_visible_to,
    report_events_visible_to,
    report_get_visible_to,
    report_reporter_identity_for,
)


def _may_use(request: HttpRequest) -> bool:
    user = request.user
    return bool(
        user.is_active
        and user.is_staff
        and (user.is_superuser or request_principal(request).is_official)
    )


class ReportEventInline(admin.TabularInline):
    """The timeline, filtered per viewer by ``ReportAdmin.get_formset_kwargs``."""

    model = ReportEvent
    fk_name = "report"
    extra = 0
    can_delete = False
    fields = (
        "created_at",
        "code",
        "actor_label",
        "from_status",
        "to_status",
        "visibility",
        "note_text",
    )
    readonly_fields = fields
    ordering = ("created_at", "id")

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        # The actor's label depends on who is looking; keep the request at hand.
        self._request = request
        return super().get_formset(request, obj, **kwargs)

    @admin.display(description=_("by"))
    def actor_label(self, event: ReportEvent) -> str:
        request = getattr(self, "_request", None)
        if request is None or event.pk is None:
            return ""
        return event_actor_label_for(request_principal(request), event)

    @admin.display(description=_("note"))
    def note_text(self, event: ReportEvent) -> str:
        request = getattr(self, "_request", None)
        if request is None or event.pk is None:
            return ""
        return event_note_for(request_principal(request), event)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _may_use(request)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    # The columns are ``get_list_display``'s: the title as the principal may read it.
    list_filter = ("status", "classification", "is_anonymous", "is_confidential", "channel")
    search_fields = ("=tracking_id", "title")
    list_select_related = ("agency",)
    show_full_result_count = False
    ordering = ("-submitted_at",)
    inlines = (ReportEventInline,)
    # ``reporter`` and ``duplicate_of`` are never shown as such: the first through the
    # identity selector, the second only if the viewer may see that report too.
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "tracking_id",
                    "title_text",
                    "description_text",
                    "classification",
                    "category",
                    "incident_date",
                    "channel",
                )
            },
        ),
        (
            _("Reporter"),
            {"fields": ("reporter_identity", "is_anonymous", "is_confidential")},
        ),
        (_("Location"), {"fields": ("region", "address_text", "latitude", "longitude")}),
        (
            _("Handling"),
            {
                "fields": (
                    "status",
                    "target_agency",
                    "agency",
                    "unit",
                    "archive_reason",
                    "duplicate_of_link",
                    "ombudsman_consent",
                )
            },
        ),
        (
            _("Dates"),
            {
                "fields": (
                    "submitted_at",
                    "verified_at",
                    "disposed_at",
                    "first_followup_at",
                    "resolved_at",
                    "closed_at",
                    "due_at",
                    "verification_due_at",
                    "hold_due_at",
                    "first_followup_due_at",
                    "resolution_due_at",
                    "reply_due_at",
                )
            },
        ),
        (
            _("Outcome"),
            {"fields": ("rating", "rating_comment_text", "reporter_satisfied", "support_count")},
        ),
        (_("Attachments"), {"fields": ("attachment_links",)}),
    )

    def get_search_fields(self, request: HttpRequest) -> tuple[str, ...]:
        # Words of the title only for officials: for the public the title is masked,
        # and a search for a phone number would tell which report hides it.
        return (
            tuple(self.search_fields)
            if request_principal(request).is_official
            else ("=tracking_id",)
        )

    def get_list_display(self, request: HttpRequest) -> tuple[str | Callable[[Any], str], ...]:
        principal = request_principal(request)

        @admin.display(description=_("title"), ordering="title")
        def title(obj: Report) -> str:
            return report_title_for(principal, obj)

        return (
            "tracking_id",
            title,
            "status",
            "agency",
            "is_anonymous",
            "is_confidential",
            "submitted_at",
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [str(f) for _name, opts in self.fieldsets for f in opts["fields"]]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Report]:
        return Report.objects.visible_to(request_principal(request)).select_related(
            "agency", "unit", "target_agency", "category", "region", "reporter"
        )

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Any, inline: Any, prefix: str
    ) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ReportEventInline):
            kwargs["queryset"] = (
                report_events_visible_to(request_principal(request), obj)
                if obj is not None
                else ReportEvent.objects.none()
            )
        return kwargs

    # What officials may do: look.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return _may_use(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _may_use(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}

    # Read-only displays that go through the visibility selectors.
    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj._admin_principal = request_principal(request)
            # Masked once for the four fields that show it.
            obj._admin_text = report_text_for(obj._admin_principal, obj)
        return obj

    def _text(self, obj: Report) -> ReportText | None:
        return getattr(obj, "_admin_text", None)

    @admin.display(description=_("title"))
    def title_text(self, obj: Report) -> str:
        text = self._text(obj)
        return text.title if text else ""

    @admin.display(description=_("description"))
    def description_text(self, obj: Report) -> str:
        text = self._text(obj)
        return text.description if text else ""

    @admin.display(description=_("address"))
    def address_text(self, obj: Report) -> str:
        text = self._text(obj)
        return text.address if text else ""

    @admin.display(description=_("rating comment"))
    def rating_comment_text(self, obj: Report) -> str:
        text = self._text(obj)
        return text.rating_comment if text else ""

    @admin.display(description=_("reporter"))
    def reporter_identity(self, obj: Report) -> str:
        viewer: Principal | None = getattr(obj, "_admin_principal", None)
        identity = report_reporter_identity_for(viewer, obj) if viewer is not None else None
        if not identity:
            return str(_("Anonymous reporter")) if obj.is_anonymous else "-"
        return " · ".join(v for v in (identity["name"], identity["email"], identity["phone"]) if v)

    @admin.display(description=_("duplicate of"))
    def duplicate_of_link(self, obj: Report) -> str:
        viewer = getattr(obj, "_admin_principal", None)
        if not obj.duplicate_of_id or viewer is None:
            return "-"
        try:
            other = report_get_visible_to(viewer, pk=obj.duplicate_of_id)
        except NotFound:
            return "-"
        return f"#{other.tracking_id}"

    @admin.display(description=_("attachments"))
    def attachment_links(self, obj: Report) -> str:
        viewer = getattr(obj, "_admin_principal", None)
        if viewer is None:
            return "-"
        files = list(report_attachments_visible_to(viewer, obj))
        if not files:
            return "-"
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a> ({})',
            (
                (
                    reverse("reports:attachment", args=[a.pk]),
                    download_name(a),
                    a.get_visibility_display(),
                )
                for a in files
            ),
        )
