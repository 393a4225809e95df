"""Agencies, topics and routing rules in the admin.

Every write that touches the tree goes through the services: a new agency through
``agency_create`` (it sets the path), a changed parent through ``agency_move`` (it
re-paths the subtree), switching off through ``agency_deactivate`` (the units go
with it). Regions are picked by autocomplete: there are 91,000 of them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lapor.core.admin_widgets import NamedAutocompleteMixin
from lapor.regions.models import Timezone

from .choices import AgencyKind, Classification
from .models import Agency, Category, RoutingRule
from .services import (
    agency_activate,
    agency_create,
    agency_deactivate,
    agency_move,
    agency_move_problem,
    agency_timezone_for,
    category_create,
    routing_rule_create,
)

_FROM_REGION = [("", _("— from the region (or the parent) —"))]


class AgencyAdminForm(forms.ModelForm):
    # Blank = work it out from the region, as agency_create does; a plain select
    # defaulting to WIB would silently put an agency in Makassar on Jakarta time.
    timezone = forms.ChoiceField(
        label=_("timezone"), choices=_FROM_REGION + list(Timezone.choices), required=False
    )

    class Meta:
        model = Agency
        fields = ["name", "code", "kind", "parent", "region", "timezone", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Leave empty to make one from the name.")
        if self.instance.pk is None:
            self.initial.setdefault("timezone", "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parent: Agency | None = data.get("parent")
        kind = data.get("kind")
        if self.instance.pk is None:
            if kind == AgencyKind.UNIT and parent is None:
                self.add_error("parent", _("A unit needs a parent agency."))
        else:
            if "parent" in self.changed_data:
                stored = Agency.objects.get(pk=self.instance.pk)
                stored.kind = kind or stored.kind
                problem = agency_move_problem(agency=stored, new_parent=parent)
                if problem:
                    self.add_error("parent", problem)
            elif kind == AgencyKind.UNIT and parent is None:
                self.add_error("kind", _("A unit needs a parent agency."))
            if (
                data.get("is_active")
                and "is_active" in self.changed_data
                and parent is not None
                and not parent.is_active
            ):
                self.add_error("is_active", _("Switch on the parent agency first."))
        return data


@admin.register(Agency)
class AgencyAdmin(NamedAutocompleteMixin, admin.ModelAdmin):
    form = AgencyAdminForm
    list_display = ["tree_name", "code", "kind", "region", "timezone", "is_active"]
    list_filter = ["kind", "is_active", "timezone"]
    search_fields = ["name", "^code"]
    ordering = ["path"]
    autocomplete_fields = ["parent", "region"]
    readonly_fields = ["path", "depth", "created_at", "updated_at"]
    list_select_related = ["region"]
    list_per_page = 100
    # Counting ~6,000 rows on every page is cheap, but the filtered count is enough.
    show_full_result_count = False

    @admin.display(description=_("name"), ordering="path")
    def tree_name(self, obj: Agency) -> str:
        return format_html(
            '<span style="padding-left:{}em">{}{}</span>',
            obj.depth * 1.5,
            "└ " if obj.depth else "",
            obj.name,
        )

    def get_fields(self, request: HttpRequest, obj: Agency | None = None) -> Any:
        fields = ["name", "code", "kind", "parent", "region", "timezone", "is_active"]
        return fields if obj is None else [*fields, "path", "depth", "created_at", "updated_at"]

    def has_delete_permission(self, request: HttpRequest, obj: Agency | None = None) -> bool:
        # Reports, memberships and rules point at agencies: switch one off instead.
        return False

    def save_model(
        self, request: HttpRequest, obj: Agency, form: forms.ModelForm, change: bool
    ) -> None:
        data = form.cleaned_data
        timezone = data.get("timezone") or None
        if not change:
            created = agency_create(
                name=data["name"],
                kind=data["kind"],
                parent=data.get("parent"),
                region=data.get("region"),
                code=data.get("code") or None,
                timezone=timezone,
                is_active=data.get("is_active", True),
            )
            # The admin goes on with ``obj`` (log entry, redirect): make it the new row.
            obj.__dict__.update(
                {k: v for k, v in created.__dict__.items() if not k.startswith("_")}
            )
            obj._state.adding = False
            obj._state.db = created._state.db
            return

        if timezone is None:
            obj.timezone = (
                agency_timezone_for(obj.region)
                if obj.region
                else (obj.parent.timezone if obj.parent else Timezone.WIB)
            )
        plain = [f for f in form.changed_data if f in {"name", "code", "kind", "region"}]
        obj.save(update_fields=[*plain, "timezone", "updated_at"])
        if "parent" in form.changed_data:
            agency_move(agency=obj, new_parent=data.get("parent"))
        if "is_active" in form.changed_data:
            if data["is_active"]:
                agency_activate(agency=obj)
            else:
                agency_deactivate(agency=obj)


class CategoryAdminForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "name_en", "slug", "parent", "description", "sort_order", "is_active"]


@admin.register(Category)
class CategoryAdmin(NamedAutocompleteMixin, admin.ModelAdmin):
    form = CategoryAdminForm
    list_display = ["tree_name", "name_en", "slug", "sort_order", "is_active"]
    list_filter = ["is_active", ("parent", admin.EmptyFieldListFilter)]
    search_fields = ["name", "name_en", "slug"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ("name",)}
    list_select_related = ["parent"]

    def get_ordering(self, request: HttpRequest) -> list[Any]:
        # Each topic followed by its subtopics, the same on SQLite and PostgreSQL
        # (which disagree on where NULL parents sort, hence nulls_first).
        return [
            Coalesce(F("parent__sort_order"), F("sort_order")).asc(),
            Coalesce(F("parent_id"), F("id")).asc(),
            F("parent_id").asc(nulls_first=True),
            "sort_order",
            "name",
        ]

    @admin.display(description=_("name"))
    def tree_name(self, obj: Category) -> str:
        if obj.parent_id:
            return format_html('<span style="padding-left:1.5em">└ {}</span>', obj.name)
        return format_html("<strong>{}</strong>", obj.name)

    def save_model(
        self, request: HttpRequest, obj: Category, form: forms.ModelForm, change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        created = category_create(
            name=data["name"],
            name_en=data.get("name_en", ""),
            slug=data["slug"],
            parent=data.get("parent"),
            description=data.get("description", ""),
            sort_order=data.get("sort_order") or 0,
            is_active=data.get("is_active", True),
        )
        obj.pk = created.pk
        obj._state.adding = False


def _classification_choices() -> list[tuple[str, Any]]:
    return [("", _("— any —")), *Classification.choices]


class RoutingRuleAdminForm(forms.ModelForm):
    classification = forms.ChoiceField(
        label=_("classification"), choices=_classification_choices, required=False
    )

    class Meta:
        model = RoutingRule
        fields = ["category", "region", "classification", "agency", "priority", "is_active"]

    def clean_agency(self) -> Agency:
        agency: Agency = self.cleaned_data["agency"]
        if not agency.is_active:
            raise forms.ValidationError(_("This agency is not active."))
        return agency


@admin.register(RoutingRule)
class RoutingRuleAdmin(NamedAutocompleteMixin, admin.ModelAdmin):
    form = RoutingRuleAdminForm
    list_display = ["category", "region", "classification", "agency", "priority", "is_active"]
    list_filter = ["is_active", "classification", "agency__kind"]
    search_fields = [
        "agency__name",
        "^agency__code",
        "category__name",
        "^category__slug",
        "^region__code",
        "region__name",
    ]
    autocomplete_fields = ["category", "region", "agency"]
    list_select_related = ["category__parent", "region", "agency"]
    ordering = ["category__slug", "region_id"]
    show_full_result_count = False

    def save_model(
        self, request: HttpRequest, obj: RoutingRule, form: forms.ModelForm, change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        created = routing_rule_create(
            agency=data["agency"],
            category=data.get("category"),
            region=data.get("region"),
            classification=data.get("classification") or "",
            priority=data.get("priority") or 0,
            is_active=data.get("is_active", True),
        )
        obj.pk = created.pk
        obj._state.adding = False
