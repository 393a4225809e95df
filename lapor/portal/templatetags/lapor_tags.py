"""Dates as Indonesians write them, in the agency's own timezone."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.utils import formats, translation

from lapor.accounts.principals import VISITOR
from lapor.reports import events
from lapor.reports.public_text import report_title_for

register = template.Library()

ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


@register.filter
def local_dt(value: datetime | None, tz: str = "Asia/Jakarta") -> str:
    """``5 Maret 2026 14.30 WIB`` (``5 March 2026 14:30 WIB`` in English)."""
    if not value:
        return ""
    local = value.astimezone(ZoneInfo(tz or "Asia/Jakarta"))
    clock = "H.i" if translation.get_language() == "id" else "H:i"
    return (
        f"{formats.date_format(local, 'j F Y')} {formats.date_format(local, clock)} "
        f"{ZONE_NAMES.get(tz, tz)}"
    )


@register.filter
def local_date(value: datetime | date | None, tz: str = "Asia/Jakarta") -> str:
    """``5 Maret 2026``: the day in the agency's timezone."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(ZoneInfo(tz or "Asia/Jakarta"))
    return formats.date_format(value, "j F Y")


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with some parameters changed (pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def event_label(code: str) -> str:
    """The timeline's name of an event, as the reporter and the public read it
    (``reports.events``, the registry of codes)."""
    return events.event_label(code)


@register.filter
def title_for(report: Any, principal: Any) -> str:
    """A report's title as ``principal`` may read it (``{{ r|title_for:request.principal }}``):
    masked for the public, as written for the reporter and the officials handling it."""
    return report_title_for(principal, report)


@register.filter
def public_title(report: Any) -> str:
    """A report's title as the public reads it, whoever looks (the suggestions)."""
    return report_title_for(VISITOR, report)
