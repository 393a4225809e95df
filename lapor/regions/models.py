"""Kemendagri administrative regions: provinces down to villages."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.IntegerChoices):
    PROVINCE = 1, _("Province")
    REGENCY = 2, _("Regency/City")
    DISTRICT = 3, _("District")
    VILLAGE = 4, _("Village")


class Timezone(models.TextChoices):
    WIB = "Asia/Jakarta", "WIB"
    WITA = "Asia/Makassar", "WITA"
    WIT = "Asia/Jayapura", "WIT"


class Region(models.Model):
    """One region; the dotted code says where it sits (``32.73.01.1001``)."""

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=RegionLevel.choices)
    name = models.CharField(_("name"), max_length=100)
    timezone = models.CharField(
        _("timezone"), max_length=20, choices=Timezone.choices, default=Timezone.WIB
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        indexes = [models.Index(fields=["parent", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def province_code(self) -> str:
        return self.code[:2]

    def ancestor_codes(self) -> list[str]:
        """Codes of this region and every region above it, nearest first."""
        parts = self.code.split(".")
        return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]
