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


class Classification(models.TextChoices):
    """What kind of report it is (PermenPAN-RB 62/2018): it sets the time limit to finish
    and may pick the agency. It lives here, below reports, because routing rules and the
    deadline law need it too; ``reports.choices`` re-exports it for everyone else."""

    PENGADUAN_PENGAWASAN = "pengaduan_pengawasan", _("Complaint needing inspection")
    PENGADUAN = "pengaduan", _("Complaint")
    ASPIRASI = "aspirasi", _("Suggestion")
    INFORMASI = "informasi", _("Information request")
