from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    KEMENTERIAN = "kementerian", _("Ministry")
    LEMBAGA = "lembaga", _("Non-ministerial agency")
    PEMPROV = "pemprov", _("Provincial government")
    PEMKAB = "pemkab", _("Regency/city government")
    BUMN = "bumn", _("State-owned enterprise (BUMN)")
    BUMD = "bumd", _("Regional enterprise (BUMD)")
    PTN = "ptn", _("State university")
    PERWAKILAN = "perwakilan", _("Indonesian mission abroad")
    UNIT = "unit", _("Unit")
