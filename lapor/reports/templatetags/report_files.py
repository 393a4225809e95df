"""Attachments on report pages: photos as thumbnails, everything else as links."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from lapor.reports.thumbnails import thumbnail_supported

register = template.Library()


@register.filter
def with_thumbnail(files: Iterable[Any]) -> list[Any]:
    """The photos that can be shown small (``reports.thumbnails``)."""
    return [a for a in files or () if thumbnail_supported(a)]


@register.filter
def without_thumbnail(files: Iterable[Any]) -> list[Any]:
    """Everything else: documents, videos, photos in a type shown as a link only."""
    return [a for a in files or () if not thumbnail_supported(a)]
