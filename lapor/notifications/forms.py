from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Language


class NotificationSettingForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of messages"), choices=Language.choices, widget=forms.RadioSelect
    )
    email_enabled = forms.BooleanField(label=_("Send me e-mail"), required=False)
    sms_enabled = forms.BooleanField(
        label=_("Send me SMS"),
        required=False,
        help_text=_("Only to the mobile number of your account."),
    )
    digest_only = forms.BooleanField(
        label=_("Only one e-mail a day"),
        required=False,
        help_text=_("Everything still appears here at once; e-mail comes once a day."),
    )
    instant_reminders = forms.BooleanField(
        label=_("Deadline reminders by e-mail at once"),
        required=False,
        help_text=_("Otherwise they come in the daily e-mail."),
    )

    def __init__(self, *args, official: bool = False, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if not official:
            del self.fields["digest_only"]
            del self.fields["instant_reminders"]
