from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """What the public adds to a report: support (dukung), comments and their flags.

    Domain rows, below the faces: the portal, the console and the API all use them
    through this app's services and selectors.
    """

    name = "lapor.community"
    label = "community"
    verbose_name = _("Community")
