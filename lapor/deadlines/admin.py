from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from lapor.core.exceptions import ValidationFailed
from lapor.regions.models import Region, RegionLevel

from .models import Holiday
from .services import holiday_changed, holiday_validate


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:  # type: ignore[override]
        return f"{obj.code} {obj.name}"


class HolidayForm(forms.ModelForm):
    # Local holidays are set for a province or a regency/city, never lower.
    region = RegionChoiceField(
        label=_("region"),
        queryset=Region.objects.filter(level__lte=RegionLevel.REGENCY).order_by("code"),
        required=False,
        help_text=_("Leave empty for the whole country."),
    )

    class Meta:
        model = Holiday
        fields = ["date", "name", "kind", "region"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            holiday_validate(
                date=data["date"],
                kind=data["kind"],
                region=data.get("region"),
                exclude_pk=self.instance.pk,
            )
        except ValidationFailed as exc:
            for name, messages in exc.errors.items():
                for message in messages:
                    self.add_error(None if name == "__all__" else name, message)
        return data


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        years = Holiday.objects.dates("date", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Holiday]) -> QuerySet[Holiday]:
        if self.value():
            return queryset.filter(date__year=self.value())
        return queryset


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    form = HolidayForm
    list_display = ["date", "name", "kind", "region"]
    list_filter = ["kind", YearFilter]
    search_fields = ["name", "region__name", "region__code"]
    date_hierarchy = "date"
    list_select_related = ["region"]
    ordering = ["-date"]

    # Every write here changes the calendar: drop the computed working-day arrays.
    def save_model(self, request: HttpRequest, obj: Holiday, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        holiday_changed()

    def delete_model(self, request: HttpRequest, obj: Holiday) -> None:
        super().delete_model(request, obj)
        holiday_changed()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Holiday]) -> None:
        super().delete_queryset(request, queryset)
        holiday_changed()
