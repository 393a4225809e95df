"""Forms of the citizen's pages. They parse; the services validate the rules."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lapor.accounts.forms import GovForm
from lapor.agencies.models import Agency
from lapor.regions.selectors import region_children
from lapor.reports.choices import PUBLIC_STATUSES, Classification, Status
from lapor.reports.services import (
    ADDRESS_MAX,
    DESCRIPTION_MIN,
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
)
from lapor.reports.transitions import NOTE_MAX, TITLE_MIN

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


# What the file pickers offer (the server checks the content, whatever the name).
ATTACHMENT_ACCEPT = "image/*,video/*,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.heic"


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


class PlaceForm(GovForm):
    """Step 1, where: the region cascade (each level chosen by the reporter, never
    guessed) and an optional point on the map."""

    province = forms.ChoiceField(label=_("Province"), required=False)
    regency = forms.ChoiceField(label=_("Regency or city"), required=False)
    district = forms.ChoiceField(label=_("District (kecamatan)"), required=False)
    village = forms.ChoiceField(label=_("Village (kelurahan/desa)"), required=False)
    address = forms.CharField(
        label=_("Address or landmark"),
        required=False,
        max_length=ADDRESS_MAX,
        help_text=_("For example: in front of Pasar Baru, RT 02/RW 05."),
    )
    latitude = forms.CharField(label=_("Latitude"), required=False, max_length=20)
    longitude = forms.CharField(label=_("Longitude"), required=False, max_length=20)

    def __init__(self, *args: Any, values: Mapping[str, Any] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        source = values if values is not None else (self.data or self.initial or {})
        parent = None
        for level in REGION_LEVELS:
            field = _choice_field(self, level)
            field.choices = region_choices(level, parent)
            field.error_messages["invalid_choice"] = _("Choose a place from the list.")
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
        self.fields["latitude"].widget.attrs["inputmode"] = "decimal"
        self.fields["longitude"].widget.attrs["inputmode"] = "decimal"

    def region_values(self) -> dict[str, str]:
        """The levels as chosen, each kept only under the level above (a stale regency
        of another province is dropped); below the first empty level, nothing."""
        out: dict[str, str] = {}
        empty = False
        for level in REGION_LEVELS:
            field = _choice_field(self, level)
            raw = "" if empty else str(self.data.get(level) or "")
            if raw not in {code for code, _label in cast(list[tuple[str, str]], field.choices)}:
                raw = ""
            out[level] = raw
            empty = empty or not raw
        return out

    def clean(self) -> dict[str, Any]:
        data = cast(dict[str, Any], super().clean())
        lat, lng = data.get("latitude", ""), data.get("longitude", "")
        if bool(lat) != bool(lng):
            self.add_error("latitude", _("Give both latitude and longitude, or neither."))
        elif lat:
            for name, bounds in (("latitude", LATITUDE_RANGE), ("longitude", LONGITUDE_RANGE)):
                try:
                    number = Decimal(str(data[name]).replace(",", "."))
                except InvalidOperation:
                    self.add_error(name, _("Enter a number, for example -6.9175."))
                    continue
                if not number.is_finite() or not bounds[0] <= number <= bounds[1]:
                    self.add_error(name, _("The point on the map must be in Indonesia."))
                else:
                    data[name] = str(number)
        if not data.get("province") and not lat and "province" not in self.errors:
            self.add_error("province", _("Choose the province, or mark the place on the map."))
        return data

    def answers(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            **{level: d.get(level) or "" for level in REGION_LEVELS},
            "address": " ".join((d.get("address") or "").split()),
            "latitude": d.get("latitude") or "",
            "longitude": d.get("longitude") or "",
        }


class FilesForm(GovForm):
    """Step 2, photos and documents: each upload is kept in the draft at once."""

    attachments = MultipleFileField(
        label=_("Add photos or documents"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ATTACHMENT_ACCEPT}),
    )


class StoryForm(GovForm):
    """Step 3, what happened."""

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
        # Not the page's own heading again ("What happened?" twice on one screen).
        label=_("Tell us what happened"),
        help_text=_(
            "Tell it in order: what, when, where, who was involved. At least 30 characters."
        ),
        min_length=DESCRIPTION_MIN,
        max_length=NOTE_MAX,
        error_messages={
            "required": _("Tell what happened."),
            "min_length": _("Tell what happened in at least 30 characters."),
            "max_length": _("The description is too long."),
        },
        widget=forms.Textarea(attrs={"rows": 7}),
    )
    incident_date = forms.DateField(
        label=_("When did it happen?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "input-short"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a real date, for example 17/08/2025.")},
    )

    def clean_incident_date(self) -> date | None:
        value = self.cleaned_data.get("incident_date")
        # The latest "today" in the country is Papua's (as the service counts it).
        if value and value > timezone.now().astimezone(ZoneInfo("Asia/Jayapura")).date():
            raise forms.ValidationError(_("The date of the incident cannot be in the future."))
        return value

    def answers(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "title": d["title"].strip(),
            "description": d["description"].strip(),
            "incident_date": d["incident_date"].isoformat() if d.get("incident_date") else "",
        }


CLASSIFICATION_CHOICES = [
    (Classification.PENGADUAN, Classification.PENGADUAN.label),
    (Classification.PENGADUAN_PENGAWASAN, Classification.PENGADUAN_PENGAWASAN.label),
    (Classification.ASPIRASI, Classification.ASPIRASI.label),
    (Classification.INFORMASI, Classification.INFORMASI.label),
]


class KindForm(GovForm):
    """Step 4, what kind of report and its topic."""

    classification = forms.ChoiceField(
        label=_("What kind of report is it?"),
        choices=CLASSIFICATION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of report this is.")},
    )
    category = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        help_text=_("Pick the closest. The verifier can change it."),
        error_messages={"invalid_choice": _("Choose a topic from the list.")},
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _choice_field(self, "category").choices = category_choices()

    def answers(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"classification": d["classification"], "category": d.get("category") or ""}


class AgencyForm(GovForm):
    """Step 5, the agency: let LAPOR! choose, take the suggestion, or search."""

    target_agency = forms.ChoiceField(
        label=_("Which agency should handle it?"),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose an agency from the list.")},
    )
    agency_q = forms.CharField(
        label=_("Search for an agency"),
        required=False,
        max_length=100,
        help_text=_("For example: Dinas Kesehatan Kota Bandung."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(
        self,
        *args: Any,
        options: list[Agency] | None = None,
        suggestion: Agency | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = [("", str(_("Let LAPOR! choose (recommended)")))]
        for agency in options or []:
            label = agency.name
            if suggestion is not None and agency.pk == suggestion.pk:
                # A whole sentence for the translator (an f-string hides it from
                # makemessages: this label stayed English on Indonesian pages).
                label = _("%(name)s (suggested for this topic and place)") % {"name": agency.name}
            choices.append((str(agency.pk), label))
        _choice_field(self, "target_agency").choices = choices

    def answers(self) -> dict[str, Any]:
        return {"target_agency": self.cleaned_data.get("target_agency") or ""}


class PrivacyForm(GovForm):
    """Step 6, who may see the report, in plain words."""

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

    def answers(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "is_anonymous": bool(d.get("is_anonymous")),
            "is_confidential": bool(d.get("is_confidential")),
        }


# Which step answers each key of ``reports.services.report_submit``'s errors.
SERVICE_ERROR_STEPS = {
    "region_code": "place",
    "location": "place",
    "latitude": "place",
    "longitude": "place",
    "address": "place",
    "attachments": "files",
    "files": "files",
    "title": "story",
    "description": "story",
    "incident_date": "story",
    "classification": "kind",
    "category_id": "kind",
    "target_agency_id": "agency",
    "is_anonymous": "privacy",
    "is_confidential": "privacy",
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
