"""The working-day (hari kerja) calendar.

A working day is a weekday that is neither a holiday of the ``holidays`` package for
Indonesia (public holidays and the government's cuti bersama) nor added as a day off
by a ``deadlines.Holiday`` row; a ``working_day`` row turns a day back into a working
day. A row with a ``region`` applies to that region and every region inside it (by
code prefix: ``51`` covers ``51.03.02``).

Bulk jobs call ``add_working_days`` about a million times, so nothing here touches the
database or the ``holidays`` package per call: for each *region key* (the codes of the
regions above a report's region that have their own rows) we build once a sorted
array of the ordinals of working days over a span of years, and answer with
``bisect``. The arrays live in this process and are rebuilt when the Holiday rows
change: ``deadlines.services`` and the admin call ``calendar_invalidate()``, which
bumps a counter here and a version in Django's cache that other processes check at
most every ``_VERSION_CHECK_SECONDS``.
"""

from __future__ import annotations

import threading
import time as _time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.core.cache import cache

from .models import Holiday, HolidayKind

DEFAULT_TZ = "Asia/Jakarta"

# The package's categories: public holidays and cuti bersama ("government").
_PACKAGE_CATEGORIES = ("public", "government")
_CACHE_VERSION_KEY = "deadlines:calendar:version"
_VERSION_CHECK_SECONDS = 30.0
# 60 working days are about three months; two spare years cover any legal limit
# even around the end of a year and long holiday clusters.
_SPARE_YEARS = 2

_END_OF_DAY = time.max  # 23:59:59.999999


@dataclass
class _Corrections:
    """The Holiday rows of one version, grouped by region code (``None`` = national)."""

    by_region: dict[str | None, list[tuple[int, str]]] = field(default_factory=dict)


@dataclass
class _Span:
    """Working-day ordinals for the years ``first_year``..``last_year`` inclusive."""

    first_year: int
    last_year: int
    ordinals: list[int]
    first_ordinal: int
    last_ordinal: int


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.local_version = 0
        self.shared_version: int | None = None
        self.checked_at = 0.0
        self.built_for: tuple[int, int | None] | None = None
        self.corrections: _Corrections | None = None
        self.region_keys: dict[str | None, tuple[str, ...]] = {}
        self.spans: dict[tuple[str, ...], _Span] = {}


_state = _State()


# --- invalidation -----------------------------------------------------------------


def calendar_invalidate() -> None:
    """Forget the computed calendars here and tell other processes to do the same.

    Called whenever a Holiday row is created, changed or deleted.
    """
    with _state.lock:
        _state.local_version += 1
        _reset_locked()
    try:
        cache.incr(_CACHE_VERSION_KEY)
    except ValueError:
        cache.set(_CACHE_VERSION_KEY, 1, timeout=None)


def calendar_clear_cache() -> None:
    """Forget everything computed in this process (for tests)."""
    with _state.lock:
        _reset_locked()
        _state.shared_version = None
        _state.checked_at = 0.0


def _reset_locked() -> None:
    _state.corrections = None
    _state.region_keys = {}
    _state.spans = {}
    _state.built_for = None


def _check_version() -> None:
    """Drop the arrays when this process or another one changed the Holiday rows."""
    now = _time.monotonic()
    if now - _state.checked_at < _VERSION_CHECK_SECONDS and _state.corrections is not None:
        return
    shared = cache.get(_CACHE_VERSION_KEY)
    with _state.lock:
        _state.checked_at = now
        if shared != _state.shared_version:
            _state.shared_version = shared
            _reset_locked()


# --- building ---------------------------------------------------------------------


@lru_cache(maxsize=64)
def _package_holidays(year: int) -> frozenset[int]:
    """Ordinals of the package's holidays in one year (fixed for a package version)."""
    days = holidays.country_holidays(
        "ID", categories=_PACKAGE_CATEGORIES, language="id", years=year
    )
    return frozenset(d.toordinal() for d in days)


def _corrections() -> _Corrections:
    _check_version()
    corrections = _state.corrections
    if corrections is None:
        corrections = _Corrections()
        rows = Holiday.objects.order_by("date").values_list("date", "kind", "region_id")
        for day, kind, region_code in rows:
            corrections.by_region.setdefault(region_code, []).append((day.toordinal(), kind))
        with _state.lock:
            _state.corrections = corrections
    return corrections


def _region_key(region_code: str | None) -> tuple[str, ...]:
    """The codes, broadest first, of the regions above ``region_code`` that have rows."""
    key = _state.region_keys.get(region_code)
    if key is None:
        by_region = _corrections().by_region
        key = ()
        if region_code:
            parts = region_code.split(".")
            prefixes = (".".join(parts[:i]) for i in range(1, len(parts) + 1))
            key = tuple(code for code in prefixes if code in by_region)
        _state.region_keys[region_code] = key
    return key


def _build_span(key: tuple[str, ...], first_year: int, last_year: int) -> _Span:
    corrections = _corrections()
    first = date(first_year, 1, 1).toordinal()
    last = date(last_year, 12, 31).toordinal()
    off: set[int] = set()
    for year in range(first_year, last_year + 1):
        off |= _package_holidays(year)
    forced_on: set[int] = set()
    # National rows first, then each region from the broadest to the narrowest, so
    # that the most specific row for a date has the last word.
    for region_code in (None, *key):
        for ordinal, kind in corrections.by_region.get(region_code, ()):
            if not first <= ordinal <= last:
                continue
            if kind == HolidayKind.WORKING_DAY:
                off.discard(ordinal)
                forced_on.add(ordinal)
            else:
                off.add(ordinal)
                forced_on.discard(ordinal)
    ordinals = [
        o
        for o in range(first, last + 1)
        # date.fromordinal(o).weekday(): ordinal 1 (0001-01-01) is a Monday.
        if ((o - 1) % 7 < 5 or o in forced_on) and o not in off
    ]
    return _Span(first_year, last_year, ordinals, first, last)


def _span(key: tuple[str, ...], first_year: int, last_year: int) -> _Span:
    span = _state.spans.get(key)
    if span is None or span.first_year > first_year or span.last_year < last_year:
        if span is not None:
            first_year = min(first_year, span.first_year)
            last_year = max(last_year, span.last_year)
        span = _build_span(key, first_year, last_year)
        with _state.lock:
            _state.spans[key] = span
    return span


@lru_cache(maxsize=16)
def _zone(tz: str) -> ZoneInfo:
    return ZoneInfo(tz)


# --- the API ----------------------------------------------------------------------


def region_within(region_code: str | None, ancestor_code: str) -> bool:
    """Whether ``region_code`` is ``ancestor_code`` or a region inside it (``51.71`` in ``51``)."""
    return bool(region_code) and f"{region_code}.".startswith(f"{ancestor_code}.")


def is_working_day(day: date, *, region_code: str | None = None) -> bool:
    """Whether ``day`` is a working day (for ``region_code``'s local holidays too)."""
    _check_version()
    span = _span(_region_key(region_code), day.year, day.year)
    ordinal = day.toordinal()
    i = bisect_left(span.ordinals, ordinal)
    return i < len(span.ordinals) and span.ordinals[i] == ordinal


def add_working_days(
    start: datetime, days: int, *, tz: str = DEFAULT_TZ, region_code: str | None = None
) -> datetime:
    """The end (23:59:59.999999, local) of the ``days``-th working day after ``start``.

    Counting starts on the first working day strictly after the local date of
    ``start`` in ``tz``: a report filed at any hour of a day is first counted on the
    next working day. The result is timezone-aware in ``tz``.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    zone = _zone(tz)
    start_ordinal = start.astimezone(zone).toordinal()
    _check_version()
    key = _region_key(region_code)
    span = _state.spans.get(key)
    if span is None or not span.first_ordinal <= start_ordinal <= span.last_ordinal:
        year = date.fromordinal(start_ordinal).year
        span = _span(key, year, year + _SPARE_YEARS)
    index = bisect_right(span.ordinals, start_ordinal) + days - 1
    while index >= len(span.ordinals):
        # Far from the span's end is rare; widen it and search again.
        span = _span(key, span.first_year, span.last_year + 1 + days // 200)
        index = bisect_right(span.ordinals, start_ordinal) + days - 1
    return datetime.combine(date.fromordinal(span.ordinals[index]), _END_OF_DAY, tzinfo=zone)


def working_days_between(
    start: datetime, end: datetime, *, tz: str = DEFAULT_TZ, region_code: str | None = None
) -> int:
    """Working days after the local date of ``start`` up to and including ``end``'s.

    0 when ``end`` is on or before ``start``'s date. Used for overdue reporting and
    the Ombudsman's 60-day rule.
    """
    zone = _zone(tz)
    start_day = start.astimezone(zone).date()
    end_day = end.astimezone(zone).date()
    if end_day <= start_day:
        return 0
    _check_version()
    span = _span(_region_key(region_code), start_day.year, end_day.year)
    ordinals = span.ordinals
    return bisect_right(ordinals, end_day.toordinal()) - bisect_right(
        ordinals, start_day.toordinal()
    )


def working_days_in_year(year: int, *, region_code: str | None = None) -> list[date]:
    """Every working day of ``year`` (for display and checks)."""
    _check_version()
    span = _span(_region_key(region_code), year, year)
    first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    lo, hi = bisect_left(span.ordinals, first), bisect_right(span.ordinals, last)
    return [date.fromordinal(o) for o in span.ordinals[lo:hi]]


def days_off_in_year(year: int, *, region_code: str | None = None) -> list[tuple[date, str]]:
    """The weekday days off of ``year`` with their names (package, then corrections)."""
    names: dict[date, str] = dict(
        holidays.country_holidays(
            "ID", categories=_PACKAGE_CATEGORIES, language="id", years=year
        ).items()
    )
    rows = Holiday.objects.filter(date__year=year).exclude(kind=HolidayKind.WORKING_DAY)
    for row in rows.only("date", "name", "region"):
        if row.region_id is None or region_within(region_code, row.region_id):
            names[row.date] = row.name
    working = set(working_days_in_year(year, region_code=region_code))
    day = date(year, 1, 1)
    result = []
    while day.year == year:
        if day.weekday() < 5 and day not in working:
            result.append((day, names.get(day, "")))
        day += timedelta(days=1)
    return result
