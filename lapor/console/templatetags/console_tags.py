"""Words the console's templates share."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from lapor.reports.choices import OmbudsmanConsent, Status

register = template.Library()


@register.filter
def status_text(report: Any) -> str:
    """The report's state as an official should read it after the last move.

    The status alone does not say everything: passing a report to a unit leaves it
    "sent to the agency" (the agency still answers for it), yet the work now sits with
    the unit; asking the reporter about the Ombudsman leaves the step as it was while
    the reporter decides. The unit's name is for officials only (the console)."""
    status = report.status
    if status == Status.DISPOSED and report.unit_id:
        try:
            unit = report.unit.name
        except ObjectDoesNotExist:
            unit = ""
        if unit:
            return _("With unit: %(unit)s") % {"unit": unit}
    label = str(report.get_status_display())
    if (
        status in (Status.DISPOSED, Status.IN_PROGRESS)
        and report.ombudsman_consent == OmbudsmanConsent.ASKED
    ):
        return _("%(status)s; the reporter is asked about the Ombudsman") % {"status": label}
    return label
