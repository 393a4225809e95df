"""Tracking IDs: the number by which a reporter and the public find a report.

A tracking ID is ten digits: nine random ones (the first never zero, so the number
keeps its length when someone writes it as an integer) and a Luhn check digit.
Random rather than sequential, so that a report's neighbours cannot be guessed by
counting; checked, so that a mistyped digit or two swapped neighbours is caught before
the lookup instead of landing on somebody else's report.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from enum import StrEnum

LENGTH = 10
_BODY = LENGTH - 1
_DB_CHUNK = 500
_SEPARATORS = re.compile(r"[\s\-.]+")


def luhn_check_digit(body: str) -> str:
    """The digit that makes ``body + digit`` pass the Luhn test."""
    total = 0
    # Walking from the right, the digit next to the (future) check digit is doubled.
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def _luhn_valid(number: str) -> bool:
    return luhn_check_digit(number[:-1]) == number[-1]


def generate_tracking_id() -> str:
    first = str(1 + secrets.randbelow(9))
    rest = "".join(str(secrets.randbelow(10)) for _ in range(_BODY - 1))
    body = first + rest
    return body + luhn_check_digit(body)


class TrackingIdProblem(StrEnum):
    """Why a typed number is not a tracking ID, so that the page can say what to fix."""

    LENGTH = "length"  # not ten digits: the person typed something else
    CHECK_DIGIT = "check_digit"  # ten digits, but not one we ever give: a typo


def _clean(value: str | None) -> str:
    return _SEPARATORS.sub("", str(value or "")).removeprefix("#")


def tracking_id_problem(value: str | None) -> TrackingIdProblem | None:
    """What is wrong with ``value`` as a tracking ID, or ``None`` when it is a valid one
    (whether or not a report has it)."""
    text = _clean(value)
    if len(text) != LENGTH or not text.isascii() or not text.isdigit():
        return TrackingIdProblem.LENGTH
    if text[0] == "0" or not _luhn_valid(text):
        return TrackingIdProblem.CHECK_DIGIT
    return None


def normalize_tracking_id(value: str | None) -> str | None:
    """``"#12345 67890"`` → ``"1234567890"``; ``None`` when it is not a valid ID."""
    if not value or tracking_id_problem(value) is not None:
        return None
    return _clean(value)


def is_valid_tracking_id(value: str | None) -> bool:
    return normalize_tracking_id(value) is not None


def _taken(candidates: Iterable[str]) -> set[str]:
    from .models import Report

    found: set[str] = set()
    batch = list(candidates)
    for i in range(0, len(batch), _DB_CHUNK):
        chunk = batch[i : i + _DB_CHUNK]
        found.update(
            Report.objects.filter(tracking_id__in=chunk).values_list("tracking_id", flat=True)
        )
    return found


def allocate_tracking_ids(n: int) -> list[str]:
    """``n`` fresh IDs, distinct among themselves and unused in the database.

    For bulk generators (imports, benchmarks). Another writer may still take one of
    them before it is saved; the unique index on ``Report.tracking_id`` catches that.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    chosen: set[str] = set()
    while len(chosen) < n:
        fresh: set[str] = set()
        while len(chosen) + len(fresh) < n:
            candidate = generate_tracking_id()
            if candidate not in chosen:
                fresh.add(candidate)
        chosen |= fresh - _taken(fresh)
    return list(chosen)
