from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    INDONESIAN = "id", _("Indonesian")
    ENGLISH = "en", _("English")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In the app")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    DIGEST = "digest", _("Daily digest e-mail")


class Audience(models.TextChoices):
    """Why a person gets a notification: as the report's reporter or as an official."""

    REPORTER = "reporter", _("Reporter")
    OFFICIAL = "official", _("Official")
