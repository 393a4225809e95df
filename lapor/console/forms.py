"""Forms that parse the console's POSTs. They check the shape of the input (numbers,
choices, lengths); the services check the rules (which agency, which unit, who may).

Every free-text field an official writes says who will read it (``audience``): the
public, only the reporter (and officials), or officials only. The report page shows it
beside the field (``console/_audience.html``), so that nobody writes a note for the
agency where the public reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lapor.accounts.forms import GovForm
from lapor.accounts.models import User
from lapor.agencies.choices import Classification
from lapor.reports.choices import ArchiveReason, Visibility
from lapor.reports.events import EVENT_TYPES
from lapor.reports.redaction import PASSAGE_MAX
from lapor.reports.transitions import NOTE_MAX, TITLE_MAX, TITLE_MIN, Action

from .choices import TemplateKind
from .models import ReplyTemplate
from .services import INVITABLE_ROLES

# Who reads a free-text field: the three visibilities of a report's events, and
# ``choice`` where the official picks one of them on the form (a follow-up).
AUDIENCE_PUBLIC = Visibility.PUBLIC.value
AUDIENCE_REPORTER = Visibility.REPORTER.value
AUDIENCE_INTERNAL = Visibility.INTERNAL.value
AUDIENCE_CHOICE = "choice"

AUDIENCE_TEXT = {
    AUDIENCE_PUBLIC: _("Public: the reporter and everyone can read this"),
    AUDIENCE_REPORTER: _("Only the reporter and officials"),
    AUDIENCE_INTERNAL: _("Internal: officials only"),
    AUDIENCE_CHOICE: _("Who reads it: choose below."),
}

# A bulk move never takes more rows than this (``services.reports_bulk`` checks too).
BULK_MAX = 500


class ConsoleForm(forms.Form):
    """A console form: its errors as the report page and the messages show them."""

    # Free-text field name → who reads it.
    audience: ClassVar[dict[str, str]] = {}

    def error_lists(self) -> dict[str, list[str]]:
        return {name: [str(m) for m in messages] for name, messages in self.errors.items()}

    def error_text(self) -> str:
        return " ".join(m for messages in self.error_lists().values() for m in messages)


def _note_field(*, required: bool = False) -> forms.CharField:
    return forms.CharField(
        required=required,
        max_length=NOTE_MAX,
        error_messages={
            "required": _("Write a note."),
            "max_length": _("The note is too long."),
        },
    )


def _id_field(*, required: bool = True, message: Any = None) -> forms.IntegerField:
    messages = {"invalid": _("Choose from the list.")}
    if message is not None:
        messages["required"] = message
    return forms.IntegerField(required=required, min_value=1, error_messages=messages)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; the services check what each file is.

    Declared as ``files`` (the name the pages post): Django's form metaclass takes
    declared fields off the class, so ``form.files`` stays the request's uploads and
    only the type checker sees a clash (hence its ``type: ignore``).
    """

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        items = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


class IdListField(forms.Field):
    """The ticked rows of a list (``ids``, repeated): positive whole numbers."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Tick at least one report."),
        "invalid": _("Tick reports from the list."),
        "too_many": _("Choose at most %(n)d reports at once."),
    }

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        ids: list[int] = []
        for raw in values:
            text = str(raw).strip()
            # ASCII digits only: ``int()`` also reads other scripts' digits.
            if not (text.isascii() and text.isdigit()) or int(text) < 1:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            ids.append(int(text))
        ids = list(dict.fromkeys(ids))
        if len(ids) > BULK_MAX:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"n": BULK_MAX}
            )
        return ids


def _back_query(value: str) -> str:
    """The list's query string to go back to (never a URL of its own)."""
    return value.lstrip("?").split("#", 1)[0][:500]


# --- moves on one report -------------------------------------------------------------


class ActionForm(ConsoleForm):
    """A move's form on the report page: a note, maybe a saved text, and the move's own
    fields (``params``)."""

    note = _note_field()
    template = forms.IntegerField(required=False, min_value=1)
    then = forms.CharField(required=False, max_length=10)

    audience: ClassVar[dict[str, str]] = {"note": AUDIENCE_INTERNAL}
    with_files: ClassVar[bool] = False

    def note_text(self, templates: Callable[[], Iterable[ReplyTemplate]]) -> str:
        """The note; without one, the body of the chosen saved text (no JavaScript
        needed). ``templates`` gives the texts the official may use, read only when
        one was chosen."""
        note: str = self.cleaned_data.get("note") or ""
        chosen = self.cleaned_data.get("template")
        if note or not chosen:
            return note
        allowed = {t.pk: t for t in templates()}
        template = allowed.get(chosen)
        return template.body if template else note

    def params(self) -> dict[str, Any] | None:
        return None

    def event_visibility(self) -> str | None:
        """Who reads the move's event, where the official chooses (``None``: the move's
        own audience)."""
        return None

    def uploads(self) -> list[Any]:
        return list(self.cleaned_data.get("files") or []) if self.with_files else []

    @property
    def then_next(self) -> bool:
        return self.cleaned_data.get("then") == "next"


class DisposeForm(ActionForm):
    """Verify and send: corrections of the report, the agency, and a note for it."""

    agency_id = _id_field(message=_("Choose the agency."))
    unit_id = _id_field(required=False)
    title = forms.CharField(required=False)
    classification = forms.ChoiceField(
        required=False,
        choices=Classification.choices,
        error_messages={"invalid_choice": _("Choose a classification.")},
    )
    category_id = _id_field(required=False)
    region_code = forms.CharField(required=False, max_length=20)
    is_anonymous = forms.BooleanField(required=False)
    is_confidential = forms.BooleanField(required=False)
    # The page marks that it showed the privacy boxes: only then does an unticked box
    # mean "not anonymous" rather than "not said".
    privacy = forms.CharField(required=False, max_length=1)

    audience: ClassVar[dict[str, str]] = {
        # The verifier's note for the agency is for officials only (issue 8, finding 5).
        "note": AUDIENCE_INTERNAL,
        "title": AUDIENCE_PUBLIC,
    }

    CORRECTIONS = ("title", "classification", "category_id", "region_code")

    def clean_title(self) -> str:
        title = " ".join((self.cleaned_data.get("title") or "").split())
        if "title" in self.data and not TITLE_MIN <= len(title) <= TITLE_MAX:
            raise ValidationError(
                _("The title must be %(min)d to %(max)d characters long.")
                % {"min": TITLE_MIN, "max": TITLE_MAX}
            )
        return title

    def params(self) -> dict[str, Any]:
        data = self.cleaned_data
        params: dict[str, Any] = {"agency_id": data["agency_id"]}
        if data.get("unit_id"):
            params["unit_id"] = data["unit_id"]
        # A correction that was not posted is no correction: the value stays.
        for name in self.CORRECTIONS:
            if name in self.data:
                value = data.get(name)
                params[name] = value if value not in (None, "") else ""
        if (
            self.data.get("privacy")
            or "is_anonymous" in self.data
            or "is_confidential" in self.data
        ):
            params["is_anonymous"] = bool(data.get("is_anonymous"))
            params["is_confidential"] = bool(data.get("is_confidential"))
        return params


class HoldForm(ActionForm):
    audience: ClassVar[dict[str, str]] = {"note": AUDIENCE_REPORTER}


class ArchiveForm(ActionForm):
    reason = forms.ChoiceField(
        choices=ArchiveReason.choices,
        error_messages={
            "required": _("Choose why the report is archived."),
            "invalid_choice": _("Choose why the report is archived."),
        },
    )
    duplicate_of = forms.CharField(required=False, max_length=30)

    audience: ClassVar[dict[str, str]] = {"note": AUDIENCE_REPORTER}

    def params(self) -> dict[str, Any]:
        params: dict[str, Any] = {"reason": self.cleaned_data["reason"]}
        if self.cleaned_data.get("duplicate_of"):
            params["duplicate_of"] = self.cleaned_data["duplicate_of"]
        return params


class DisposeToUnitForm(ActionForm):
    unit_id = _id_field(message=_("Choose the unit."))

    audience: ClassVar[dict[str, str]] = {"note": AUDIENCE_INTERNAL}

    def params(self) -> dict[str, Any]:
        return {"unit_id": self.cleaned_data["unit_id"]}


class DeclineForm(ActionForm):
    audience: ClassVar[dict[str, str]] = {"note": AUDIENCE_INTERNAL}


class TransferForm(ActionForm):
    agency_id = _id_field(message=_("Choose the agency."))

    audience: ClassVar[dict[str, str]] = {"note": AUDIENCE_INTERNAL}

    def params(self) -> dict[str, Any]:
        return {"agency_id": self.cleaned_data["agency_id"]}


FOLLOW_UP_VISIBILITIES = [
    (Visibility.PUBLIC.value, AUDIENCE_TEXT[AUDIENCE_PUBLIC]),
    (Visibility.REPORTER.value, AUDIENCE_TEXT[AUDIENCE_REPORTER]),
]


class FollowUpForm(ActionForm):
    visibility = forms.ChoiceField(
        required=False,
        choices=FOLLOW_UP_VISIBILITIES,
        error_messages={"invalid_choice": _("Choose who may read this.")},
    )
    files = MultipleFileField()  # type: ignore[assignment]  # see MultipleFileField

    audience: ClassVar[dict[str, str]] = {"note": AUDIENCE_CHOICE}
    with_files: ClassVar[bool] = True

    def event_visibility(self) -> str | None:
        return self.cleaned_data.get("visibility") or None


class ResolveForm(ActionForm):
    files = MultipleFileField()  # type: ignore[assignment]  # see MultipleFileField

    audience: ClassVar[dict[str, str]] = {"note": AUDIENCE_PUBLIC}
    with_files: ClassVar[bool] = True


class AskConsentForm(ActionForm):
    audience: ClassVar[dict[str, str]] = {"note": AUDIENCE_REPORTER}


# The moves an official makes from the console (the reporter's are on the portal).
ACTION_FORMS: dict[Action, type[ActionForm]] = {
    Action.DISPOSE: DisposeForm,
    Action.HOLD: HoldForm,
    Action.ARCHIVE: ArchiveForm,
    Action.DISPOSE_TO_UNIT: DisposeToUnitForm,
    Action.DECLINE: DeclineForm,
    Action.TRANSFER: TransferForm,
    Action.FOLLOW_UP: FollowUpForm,
    Action.RESOLVE: ResolveForm,
    Action.ASK_CONSENT: AskConsentForm,
}


# --- beside the moves: notes and assignment ----------------------------------------------


class NoteForm(ConsoleForm):
    note = _note_field(required=True)
    files = MultipleFileField()  # type: ignore[assignment]  # see MultipleFileField

    audience: ClassVar[dict[str, str]] = {"note": AUDIENCE_INTERNAL}


class AssignForm(ConsoleForm):
    assignee = _id_field(message=_("Choose an officer of this agency."))
    note = _note_field()

    audience: ClassVar[dict[str, str]] = {"note": AUDIENCE_INTERNAL}


class RedactionForm(ConsoleForm):
    """A passage of the reporter's text to hide from the public (``reports.redaction``):
    copied from the report, so it is no text of the official's own."""

    passage = forms.CharField(max_length=PASSAGE_MAX, strip=True)


# --- lists: bulk moves and saved views ------------------------------------------------------


class DeskBulkForm(ConsoleForm):
    """Bulk moves from the verification queue."""

    SPAM, DUPLICATE, DISPOSE = "spam", "duplicate", "dispose"

    ids = IdListField()
    op = forms.ChoiceField(
        choices=[(SPAM, SPAM), (DUPLICATE, DUPLICATE), (DISPOSE, DISPOSE)],
        error_messages={
            "required": _("Choose what to do with the ticked reports."),
            "invalid_choice": _("Choose what to do with the ticked reports."),
        },
    )
    duplicate_of = forms.CharField(required=False, max_length=30)
    agency_id = _id_field(required=False)
    note = _note_field()
    back = forms.CharField(required=False, max_length=500)

    audience: ClassVar[dict[str, str]] = {"note": AUDIENCE_INTERNAL}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("op") == self.DISPOSE and not data.get("agency_id"):
            self.add_error("agency_id", _("Choose the agency."))
        if data.get("op") == self.DUPLICATE and not data.get("duplicate_of"):
            self.add_error(
                "duplicate_of", _("Enter the tracking ID of the report this one repeats.")
            )
        if data.get("op") != self.DISPOSE and data.get("note"):
            # The note is for the agency (internal, beside a disposition). An archive's
            # note is the reporter's to read: refused rather than sent where the form
            # said it would not go.
            self.add_error("note", _("The note for the agency goes only with sending."))
        return data

    @property
    def back_query(self) -> str:
        return _back_query(self.cleaned_data.get("back") or "")


class InboxBulkForm(ConsoleForm):
    """Pass many reports to one unit, with one instruction for it."""

    ids = IdListField()
    unit_id = _id_field(message=_("Choose the unit."))
    note = _note_field()
    back = forms.CharField(required=False, max_length=500)

    audience: ClassVar[dict[str, str]] = {"note": AUDIENCE_INTERNAL}

    @property
    def back_query(self) -> str:
        return _back_query(self.cleaned_data.get("back") or "")


def back_query_of(data: Any) -> str:
    """The list to go back to, read even from a form that did not validate."""
    return _back_query(str(data.get("back", "")))


class SavedViewForm(ConsoleForm):
    name = forms.CharField(
        max_length=60,
        error_messages={
            "required": _("Give the view a short name."),
            "max_length": _("Give the view a short name."),
        },
    )
    query = forms.CharField(required=False, max_length=500)


# --- agency administration ----------------------------------------------------------------


class UnitCreateForm(ConsoleForm):
    name = forms.CharField(
        min_length=3,
        max_length=200,
        error_messages={
            "required": _("Give the unit a name of 3 to 200 characters."),
            "min_length": _("Give the unit a name of 3 to 200 characters."),
            "max_length": _("Give the unit a name of 3 to 200 characters."),
        },
    )
    parent = _id_field(required=False)


class InviteForm(ConsoleForm):
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": _("Enter the official's e-mail address."),
            "invalid": _("Enter an e-mail address like nama@instansi.go.id."),
        },
    )
    full_name = forms.CharField(required=False, max_length=150)
    role = forms.ChoiceField(
        choices=[(r.value, r.label) for r in INVITABLE_ROLES],
        error_messages={
            "required": _("Choose a role."),
            "invalid_choice": _("Choose a role."),
        },
    )
    unit = _id_field(required=False)


class TemplateCreateForm(ConsoleForm):
    kind = forms.ChoiceField(
        choices=TemplateKind.choices,
        error_messages={
            "required": _("Choose what the text is for."),
            "invalid_choice": _("Choose what the text is for."),
        },
    )
    title = forms.CharField(
        min_length=3,
        max_length=120,
        error_messages={
            "required": _("Give the text a name of 3 to 120 characters."),
            "min_length": _("Give the text a name of 3 to 120 characters."),
            "max_length": _("Give the text a name of 3 to 120 characters."),
        },
    )
    body = forms.CharField(
        max_length=NOTE_MAX,
        error_messages={"required": _("Write the text."), "max_length": _("The text is too long.")},
    )

    # A saved text is read by the agency's officials; once used, by whoever reads the
    # note it fills (the form it is used in says who).
    audience: ClassVar[dict[str, str]] = {"title": AUDIENCE_INTERNAL, "body": AUDIENCE_INTERNAL}


# --- signing in -----------------------------------------------------------------------------

# The two codes the second step takes: the app's code (6 digits), or a recovery code
# (``services.recovery_codes_regenerate`` makes them 10 letters and digits long).
APP_CODE_DIGITS = 6
RECOVERY_CODE_LENGTH = 10
CODE_SHAPE_MESSAGE = _(
    "Type the 6 digits from the app, or a recovery code of 10 letters and numbers."
)


def _code_text(value: Any) -> str:
    """A typed code as the services read it: no spaces, lower case."""
    return "".join(str(value or "").split()).lower()


def _is_app_code(code: str) -> bool:
    # ASCII digits only: ``isdigit()`` also takes other scripts' digits.
    return len(code) == APP_CODE_DIGITS and code.isascii() and code.isdigit()


def _is_recovery_code(code: str) -> bool:
    return len(code) == RECOVERY_CODE_LENGTH and code.isascii() and code.isalnum()


class CodeInput(forms.TextInput):
    """A box for a code that never shows the code again: a recovery code is a secret,
    and a wrong code is typed afresh."""

    def format_value(self, value: Any) -> None:
        return None


class SignInForm(GovForm):
    """A form of the sign-in pages, drawn field by field the GOV.UK way
    (``govuk/field.html``): each message beside its field, which points to it
    (``aria-describedby``), and a summary at the top that links to the fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A hint is read with its field before any error, too.
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs.setdefault("aria-describedby", f"{self[name].auto_id}_helptext")

    def add_error(self, field: str | None, error: Any) -> None:
        # Also after cleaning: the view adds what only the services know (a wrong code).
        super().add_error(field, error)
        self.mark_errors()


class ConsoleLoginForm(SignInForm):
    """Step 1. It checks only that both were typed: the login and the password are
    checked together, by ``accounts.flows.account_authenticate`` (with the portal's
    lockout), so that the page never tells which logins exist."""

    login = forms.CharField(
        label=_("E-mail address or mobile number"),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address or mobile number."),
            "max_length": _("The e-mail address or mobile number is too long."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "spellcheck": "false", "autofocus": True}
        ),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        error_messages={"required": _("Enter your password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class OtpTokenForm(SignInForm):
    """Step 2: the 6-digit code from the app, or a recovery code.

    A code of neither shape can never be right: it is refused here, before any device
    is tried, so it neither counts as a failed try nor is written to the audit."""

    token = forms.CharField(
        label=_("6-digit code"),
        help_text=_("Lost your phone? Type one of your recovery codes instead."),
        max_length=64,
        error_messages={
            "required": _("Enter the code from your authenticator app."),
            "max_length": CODE_SHAPE_MESSAGE,
        },
        widget=CodeInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "class": "input-code",
                "autofocus": True,
            }
        ),
    )

    def clean_token(self) -> str:
        code = _code_text(self.cleaned_data.get("token"))
        if _is_app_code(code) or _is_recovery_code(code):
            return code
        if code.isdigit():
            raise ValidationError(_("The code from the app has 6 digits."), code="digits")
        raise ValidationError(CODE_SHAPE_MESSAGE, code="shape")


class EnrolTokenForm(SignInForm):
    """Setting up the app: its first code confirms it (the code itself is checked by
    ``services.totp_enrol_confirm``)."""

    token = forms.CharField(
        label=_("6-digit code"),
        max_length=64,
        error_messages={
            "required": _("Enter the 6-digit code from the app."),
            "max_length": _("The code from the app has 6 digits."),
        },
        widget=CodeInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "class": "input-code"}
        ),
    )

    def clean_token(self) -> str:
        code = _code_text(self.cleaned_data.get("token"))
        if not _is_app_code(code):
            raise ValidationError(_("The code from the app has 6 digits."), code="digits")
        return code


class RecoveryCodesForm(SignInForm):
    """New recovery codes (the old ones stop working): the button's ``op``."""

    RECOVERY = "recovery"

    op = forms.ChoiceField(
        choices=[(RECOVERY, RECOVERY)],
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Press the button to make new recovery codes."),
            "invalid_choice": _("Press the button to make new recovery codes."),
        },
    )


class InvitationAcceptForm(SignInForm):
    """An invited official's new password, twice; Django's password rules
    (``AUTH_PASSWORD_VALIDATORS``) check it against the invited account."""

    password = forms.CharField(
        label=_("New password"),
        strip=False,
        error_messages={"required": _("Enter a new password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        error_messages={"required": _("Type the new password again.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data.get("password") or ""
        password_validation.validate_password(password, self.user)
        return password

    def clean_password2(self) -> str:
        password2: str = self.cleaned_data.get("password2") or ""
        password = self.cleaned_data.get("password")
        if password is not None and password != password2:
            raise ValidationError(_("The two passwords are not the same."), code="mismatch")
        return password2


# --- webhooks -----------------------------------------------------------------------


def _webhook_event_choices() -> list[tuple[str, str]]:
    return [(code, t.label_for(official=True)) for code, t in EVENT_TYPES.items()]


class WebhookEndpointForm(GovForm):
    """A new webhook: its URL, the events it wants (none ticked: all) and a note."""

    url = forms.CharField(
        label=_("Address (URL) that receives the events"),
        help_text=_("It must start with https://, for example https://app.example.go.id/lapor."),
        max_length=500,
        error_messages={
            "required": _("Enter the address that receives the events."),
            "max_length": _("The address can be at most %(limit_value)d characters."),
        },
        widget=forms.URLInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    description = forms.CharField(
        label=_("Description"),
        help_text=_("For your colleagues, for example which application this is."),
        max_length=200,
        required=False,
    )
    events = forms.MultipleChoiceField(
        label=_("Events to send"),
        help_text=_("Tick none to receive every event."),
        choices=_webhook_event_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose events from the list.")},
    )


class WebhookActiveForm(ConsoleForm):
    active = forms.BooleanField(required=False)
