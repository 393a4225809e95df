"""Admin widgets that assistive technology can name.

Django's autocomplete widget (select2) renders its box as a textbox labelled by the
chosen value's text only, and forces an empty placeholder: an empty box has no
accessible name (axe-core: aria-input-field-name, serious) and no hint. Here each box
shows "Search…" when empty and takes its field's label as its name
(``lapor/admin-autocomplete.js``, loaded with the admin's other scripts).
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import ForeignKey
from django.forms import Media, ModelChoiceField
from django.http import HttpRequest
from django.utils.translation import gettext as _


class NamedAutocompleteSelect(AutocompleteSelect):
    def build_attrs(self, base_attrs: Any, extra_attrs: Any = None) -> dict[str, Any]:
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-placeholder"] = _("Search…")
        return attrs


class NamedAutocompleteMixin:
    """For a ``ModelAdmin`` with ``autocomplete_fields``: each gets a placeholder and
    its label as its accessible name."""

    @property
    def media(self) -> Media:
        base: Media = super().media  # type: ignore[misc]
        return base + Media(js=["lapor/admin-autocomplete.js"])

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        model_admin: Any = self
        if "widget" not in kwargs and db_field.name in model_admin.get_autocomplete_fields(request):
            kwargs["widget"] = NamedAutocompleteSelect(
                db_field, model_admin.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


__all__ = ["NamedAutocompleteMixin", "NamedAutocompleteSelect"]
