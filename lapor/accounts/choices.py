from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN_NASIONAL = "admin_nasional", _("National admin")
    ADMIN_INSTANSI = "admin_instansi", _("Agency admin")
    ADMIN_UNIT = "admin_unit", _("Unit admin")
    OMBUDSMAN = "ombudsman", _("Ombudsman")
    PENGAWAS = "pengawas", _("Supervisor (KSP)")
    DEVELOPER = "developer", _("Developer")


# Roles whose scope is the whole country rather than an agency subtree.
NATIONAL_ROLES = frozenset({Role.ADMIN_NASIONAL, Role.OMBUDSMAN, Role.PENGAWAS})
# Roles that must name the agency (subtree) they act for.
AGENCY_ROLES = frozenset({Role.ADMIN_INSTANSI, Role.ADMIN_UNIT, Role.DEVELOPER})
