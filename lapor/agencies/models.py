"""The agency tree (agencies and their units), topics and routing rules."""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lapor.core.models import TimeStampedModel
from lapor.regions.models import Timezone

from .choices import AgencyKind


class Agency(TimeStampedModel):
    """An agency or one of its units, nested to any depth.

    ``path`` is a materialised path of primary keys (``"12/40/41/"``) kept by
    ``agency_create``/``agency_move``, so that "this agency and everything below it"
    is one indexed prefix match.
    """

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
    )
    timezone = models.CharField(
        _("timezone"), max_length=20, choices=Timezone.choices, default=Timezone.WIB
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_unit(self) -> bool:
        return self.kind == AgencyKind.UNIT

    def is_within(self, other: Agency) -> bool:
        return self.path.startswith(other.path)


class Category(models.Model):
    """A topic (Infrastruktur > Jalan rusak ...).

    ``name`` is the Indonesian name, the one that counts (search, routing, the API);
    ``name_en`` is what an English page shows instead, when it is filled in. Pages show
    ``label``, never ``name`` directly.
    """

    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(
        _("name in English"),
        max_length=120,
        blank=True,
        help_text=_("Shown on pages read in English. Leave blank to show the name."),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.CharField(_("description"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        name = self.label
        if self.parent_id and self.parent:
            return f"{self.parent.label} › {name}"  # noqa: RUF001
        return name

    @property
    def label(self) -> str:
        """The name in the language of the page: English when the page is English and
        there is an English name, else the (Indonesian) name."""
        if self.name_en and (translation.get_language() or "").startswith("en"):
            return self.name_en
        return self.name

    def ancestor_ids(self) -> list[int]:
        ids = [self.pk]
        node = self
        while node.parent_id is not None:
            node = node.parent  # type: ignore[assignment]
            ids.append(node.pk)
        return ids


class RoutingRule(models.Model):
    """Category, region (and classification) → the agency that should handle it.

    Blank fields match anything; the most specific matching rule wins (see
    ``agencies.selectors.routing_suggest``).
    """

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, null=True, blank=True
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Matches this region and every region inside it."),
    )
    classification = models.CharField(_("classification"), max_length=30, blank=True, default="")
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="routing_rules"
    )
    priority = models.SmallIntegerField(
        _("priority"), default=0, help_text=_("Higher wins when two rules are equally specific.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        indexes = [models.Index(fields=["category", "region"])]

    def __str__(self) -> str:
        parts = [str(self.category or "*"), str(self.region or "*"), self.classification or "*"]
        return " × ".join(parts) + f" → {self.agency}"  # noqa: RUF001
