"""Corrections to the working-day calendar that the `holidays` package carries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lapor.core.models import TimeStampedModel


class HolidayKind(models.TextChoices):
    NATIONAL = "national", _("National holiday")
    CUTI_BERSAMA = "cuti_bersama", _("Collective leave (cuti bersama)")
    LOCAL = "local", _("Local holiday")
    WORKING_DAY = "working_day", _("Working day (correction)")


class Holiday(TimeStampedModel):
    """A day added to, or removed from, the calendar of the `holidays` package.

    ``kind=working_day`` marks a date the package lists as a holiday but that is a
    working day after all (a moved or cancelled cuti bersama). A ``region`` limits the
    row to that region and everything inside it (a local holiday such as Nyepi in Bali
    when it is not national).
    """

    date = models.DateField(_("date"), db_index=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(
        _("kind"), max_length=20, choices=HolidayKind.choices, default=HolidayKind.LOCAL
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Leave empty for the whole country."),
    )

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["date", "region"], name="holiday_unique_date_region"),
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(region__isnull=True),
                name="holiday_unique_date_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"
