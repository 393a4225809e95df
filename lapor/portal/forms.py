"""Forms of the citizen's pages. They parse; the services validate the rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lapor.accounts.forms import GovForm
from lapor.agencies.models import Agency
from lapor.regions.selectors import region_children
from lapor.reports.choices import PUBLIC_STATUSES, Classification, Status
from lapor.reports.services import DESCRIPTION_MIN
from lapor.reports.transitions import TITLE_MIN

from .selectors import categories_by_topic

REGION_LEVELS = ("province", "regency", "district", "village")

CLASSIFICATION_HINTS = {
    Classification.PENGADUAN: _(
        "A public service went wrong for you or others: a broken road, a clinic that "
        "refused you, a fee you should not pay."
    ),
    Classification.PENGADUAN_PENGAWASAN: _(
        "A complaint that needs an inspection or an audit: for example an officer "
        "asking for money, or public funds misused."
    ),
    Classification.ASPIRASI: _("An idea or a request to make a public service better."),
    Classification.INFORMASI: _("You want information from a public agency."),
}


def _choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """A field the form class declares as a ``ChoiceField``; ``form.fields`` is typed as
    plain ``Field``, which has no ``choices``."""
    return cast(forms.ChoiceField, form.fields[name])


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        items = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(d, initial) for d in items if d]


def _placeholder(level: str) -> tuple[str, str]:
    labels = {
        "province": _("Choose a province"),
        "regency": _("Choose a regency or city"),
        "district": _("Choose a district"),
        "village": _("Choose a village"),
    }
    return ("", str(labels[level]))


def region_choices(level: str, parent_code: str | None) -> list[tuple[str, str]]:
    """Options of one region select: the children of the level above's choice."""
    if level != "province" and not parent_code:
        return [_placeholder(level)]
    rows = region_children(parent_code=parent_code if level != "province" else None)
    return [_placeholder(level), *((r.code, r.name) for r in rows.only("code", "name"))]


def category_choices() -> list[Any]:
    """Topics grouped by their parent, named in the page's language (``Category.label``)."""
    choices: list[Any] = [("", str(_("Choose a topic")))]
    for topic, children in categories_by_topic():
        options = [(str(topic.pk), str(_("%(topic)s: other") % {"topic": topic.label}))]
        options = [(str(c.pk), c.label) for c in children] + options
        choices.append((topic.label, options))
    return choices


class ReportForm(GovForm):
    classification = forms.ChoiceField(
        label=_("What kind of report is it?"),
        choices=[
            (Classification.PENGADUAN, Classification.PENGADUAN.label),
            (Classification.PENGADUAN_PENGAWASAN, Classification.PENGADUAN_PENGAWASAN.label),
            (Classification.ASPIRASI, Classification.ASPIRASI.label),
            (Classification.INFORMASI, Classification.INFORMASI.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of report this is.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("In a few words: what and where. For example: Jalan berlubang di Jl. Merdeka."),
        min_length=TITLE_MIN,
        error_messages={
            "required": _("Write a title."),
            "min_length": _("Write a title of at least %(limit_value)d characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    description = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Tell it in order: what, when, where, who was involved. At least 30 characters."
        ),
        min_length=DESCRIPTION_MIN,
        error_messages={
            "required": _("Tell what happened."),
            "min_length": _("Tell what happened in at least 30 characters."),
        },
        widget=forms.Textarea(attrs={"rows": 7}),
    )
    incident_date = forms.DateField(
        label=_("When did it happen?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "input-short"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a real date, for example 17/08/2025.")},
    )
    category = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        help_text=_("Pick the closest. The verifier can change it."),
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    regency = forms.ChoiceField(label=_("Regency or city"), required=False)
    district = forms.ChoiceField(label=_("District (kecamatan)"), required=False)
    village = forms.ChoiceField(label=_("Village (kelurahan/desa)"), required=False)
    address = forms.CharField(
        label=_("Address or landmark"),
        required=False,
        max_length=255,
        help_text=_("For example: in front of Pasar Baru, RT 02/RW 05."),
    )
    latitude = forms.CharField(label=_("Latitude"), required=False, max_length=20)
    longitude = forms.CharField(label=_("Longitude"), required=False, max_length=20)
    target_agency = forms.CharField(required=False, widget=forms.HiddenInput)
    agency_q = forms.CharField(
        label=_("Search for an agency"),
        required=False,
        max_length=100,
        help_text=_("For example: Dinas Kesehatan Kota Bandung."),
    )
    is_anonymous = forms.BooleanField(
        label=_("Anonymous: hide my name"),
        required=False,
        help_text=_(
            "The agency and the public do not see who you are. Only the national "
            "verifiers at LAPOR! see your name. The report itself can still be public."
        ),
    )
    is_confidential = forms.BooleanField(
        label=_("Confidential: hide the whole report from the public"),
        required=False,
        help_text=_(
            "Only you and the officials who handle it can read the report. It never "
            "appears in the public list, search or feeds."
        ),
    )
    attachments = MultipleFileField(
        label=_("Photos or documents"),
        required=False,
        help_text=_(
            "Up to 5 files: photos (JPEG, PNG), PDF or Office documents, or short videos. "
            "10 MB each (videos 50 MB)."
        ),
        widget=MultipleFileInput(
            attrs={"accept": "image/*,video/*,.pdf,.doc,.docx,.xls,.xlsx,.odt"}
        ),
    )

    def __init__(self, *args: Any, values: Mapping[str, Any] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        source = values if values is not None else (self.data or self.initial or {})
        _choice_field(self, "category").choices = category_choices()
        parent = None
        for level in REGION_LEVELS:
            field = _choice_field(self, level)
            field.choices = region_choices(level, parent)
            chosen = str(source.get(level) or "")
            valid = {code for code, _label in field.choices}
            parent = chosen if chosen and chosen in valid else None
            if parent is None:
                # Levels below an empty one show nothing to choose yet.
                for lower in REGION_LEVELS[REGION_LEVELS.index(level) + 1 :]:
                    _choice_field(self, lower).choices = [_placeholder(lower)]
                break
        for level in REGION_LEVELS:
            self.fields[level].widget.attrs["data-region-level"] = level

    def region_code(self) -> str | None:
        data = self.cleaned_data
        for level in reversed(REGION_LEVELS):
            if data.get(level):
                return data[level]
        return None

    def service_fields(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "classification": d["classification"],
            "title": d["title"],
            "description": d["description"],
            "incident_date": d.get("incident_date"),
            "region_code": self.region_code(),
            "latitude": d.get("latitude") or None,
            "longitude": d.get("longitude") or None,
            "address": d.get("address", ""),
            "category_id": int(d["category"]) if d.get("category") else None,
            "target_agency_id": _int_or_none(d.get("target_agency")),
            "is_anonymous": bool(d.get("is_anonymous")),
            "is_confidential": bool(d.get("is_confidential")),
        }


# Service error keys that belong to another field on this page.
REPORT_ERROR_ALIASES = {
    "region_code": "province",
    "category_id": "category",
    "target_agency_id": "agency_q",
    "location": "latitude",
    "file": "attachments",
}


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def target_agency_options(
    *, suggestion: Agency | None, found: list[Agency], chosen: Agency | None
) -> list[Agency]:
    seen: set[int] = set()
    out: list[Agency] = []
    for agency in [chosen, suggestion, *found]:
        if agency is not None and agency.pk not in seen:
            seen.add(agency.pk)
            out.append(agency)
    return out


class ReplyForm(GovForm):
    note = forms.CharField(
        label=_("Your reply"),
        help_text=_("Tell the agency what is still wrong, or add information."),
        error_messages={"required": _("Write your reply.")},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    attachments = MultipleFileField(
        label=_("Photos or documents"),
        required=False,
        widget=MultipleFileInput(
            attrs={"accept": "image/*,video/*,.pdf,.doc,.docx,.xls,.xlsx,.odt"}
        ),
    )


class CloseForm(GovForm):
    rating = forms.TypedChoiceField(
        label=_("How good was the answer?"),
        coerce=int,
        choices=[
            (5, _("5 (very good)")),
            (4, _("4 (good)")),
            (3, _("3 (fair)")),
            (2, _("2 (poor)")),
            (1, _("1 (very poor)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    satisfied = forms.TypedChoiceField(
        label=_("Did the answer solve your problem?"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the problem is solved.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommentForm(GovForm):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=2000,
        help_text=_("Be polite. Do not write anyone's personal data."),
        error_messages={"required": _("Write your comment.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    classification = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Classification.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses"))]
        + [(s.value, s.label) for s in Status if s in PUBLIC_STATUSES],
    )
    category = forms.ChoiceField(label=_("Topic"), required=False)
    province = forms.ChoiceField(label=_("Province"), required=False)
    agency = forms.CharField(required=False, widget=forms.HiddenInput)
    region = forms.CharField(required=False, widget=forms.HiddenInput)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        topics, provinces = _filter_choices()
        _choice_field(self, "category").choices = [("", str(_("All topics"))), *topics]
        _choice_field(self, "province").choices = [("", str(_("All provinces"))), *provinces]


def _filter_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Topics and provinces change rarely; the public list is the busiest page. Topic
    names depend on the page's language, so each language has its own entry."""
    key = f"portal:filter_choices:{get_language() or ''}"
    cached = cache.get(key)
    if cached is None:
        topics = [(str(topic.pk), topic.label) for topic, _children in categories_by_topic()]
        cached = (topics, region_choices("province", None)[1:])
        cache.set(key, cached, 300)
    return cached
