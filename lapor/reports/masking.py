"""Masking of personal data in text that the public reads (finding 7).

Reporters type their NIK, phone number, e-mail address and name into the report
itself ("Saya Siti, NIK 3273..., hubungi 0812-..."), and the same text is shown to
everyone once the report is public. :func:`mask_public_text` replaces each of these
with a short placeholder, plus the passages a verifier redacted by hand
(``Report.redactions``). Who reads the original and who the masked text is decided in
``reports.public_text``; this module only knows text.

Written against false positives as much as against leaks: amounts (``Rp 1.500.000``),
years, dates, clock times, this system's 10-digit tracking IDs and short codes (1708)
stay readable. Where a number could be either, it is masked: a hidden amount costs a
reader little, a shown phone number costs the reporter a lot.

Pure functions over strings, with the fixed patterns compiled once and the per-report
ones (names, redactions) cached, so masking a page of reports costs microseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# What a placeholder stands for.
NIK = "nik"
PHONE = "phone"
EMAIL = "email"
NAME = "name"
REDACTED = "redacted"

_PLACEHOLDERS: dict[str, Promise] = {
    NIK: _("[NIK hidden]"),
    PHONE: _("[phone number hidden]"),
    EMAIL: _("[e-mail hidden]"),
    NAME: _("[name hidden]"),
    REDACTED: _("[hidden by the verifier]"),
}


def placeholder(kind: str) -> Promise:
    """The text that stands in for a masked datum of ``kind``, in the active language."""
    return _PLACEHOLDERS[kind]


# --- the fixed patterns ------------------------------------------------------------------

# Between the groups of a number: one space, dot or dash (a dash may have spaces round it).
_SEP = r"(?:[ \u00a0]?[.\-][ \u00a0]?|[ \u00a0])"

# A NIK (and a family card number, same shape): 16 digits, written plain or in groups
# that follow its structure (province code, never 0..., then region 2-2, birth date 6,
# serial 4) or in fours, so a separator may stand only after an even number of digits,
# up to the twelfth. Amounts group in threes and never fit. Not preceded or followed by
# another digit.
_NIK_RE = re.compile(
    r"(?<!\d)[1-9]\d(?:[ .\-]?\d{2}){5}[ .\-]?\d{4}(?!\d)",
)

# Mobile numbers: 08xx (10-13 digits), or +62 / 62 / (+62) and the number without its
# 0. A landline: an area code (02x-07xx) in parentheses or followed by a separator, or
# +62 and the area code; or 9-12 digits starting with 02-07 (tracking IDs never start
# with 0). A digit, a plus or a thousands separator right before means it is part of
# something else.
_PHONE_RE = re.compile(
    r"(?<![\d+])(?<!\d[.,])(?:"
    # mobile
    rf"(?:\+62|\(\+?62\)|62){_SEP}?8[1-9](?:{_SEP}?\d){{7,10}}"
    rf"|08[1-9](?:{_SEP}?\d){{7,10}}"
    rf"|\(08[1-9]\d{{1,2}}\){_SEP}?\d{{3,4}}{_SEP}?\d{{3,5}}"
    # landline, international
    rf"|(?:\+62|\(\+?62\)){_SEP}?\(?[2-7]\d{{1,2}}\)?{_SEP}?\d{{3,4}}{_SEP}?\d{{3,4}}"
    # landline, area code in parentheses or followed by a separator
    rf"|\(0[2-7]\d{{1,2}}\){_SEP}?\d{{3,4}}{_SEP}?\d{{3,4}}"
    rf"|0[2-7]\d{{1,2}}{_SEP}\d{{3,4}}{_SEP}?\d{{3,4}}"
    # landline written plain
    r"|0[2-7]\d{7,10}"
    r")(?!\d)"
)

# A number grouped in thousands (``62.812.345.678``) is an amount, not a phone number.
_AMOUNT_RE = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})+")

_EMAIL_RE = re.compile(
    r"[A-Za-z0-9._%+\-]+"
    r"(?:@|[ ]?[\[(][ ]?at[ ]?[\])][ ]?)"
    r"[A-Za-z0-9\-]+(?:(?:\.|[ ]?[\[(][ ]?dot[ ]?[\])][ ]?)[A-Za-z0-9\-]+)*"
    r"(?:\.|[ ]?[\[(][ ]?dot[ ]?[\])][ ]?)[A-Za-z]{2,}",
    re.IGNORECASE,
)

# A word of a name: letters, maybe joined by an apostrophe (Ma'ruf).
_NAME_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
# Parts of a name that identify nobody: they are masked only as part of the full name.
_NAME_PARTICLES = frozenset(
    {"bin", "binti", "boru", "van", "von", "der", "den", "dan", "haji", "hajah", "hajjah"}
)
_NAME_PART_MIN = 3

# Placeholders are put in as private-use markers first and turned into text at the end,
# so that a later pattern never matches inside an earlier placeholder.
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARK_RE = re.compile(f"{_MARK_OPEN}([a-z]+){_MARK_CLOSE}")
_KINDS = (NIK, PHONE, EMAIL, NAME, REDACTED)


def _mark(kind: str) -> str:
    return f"{_MARK_OPEN}{kind}{_MARK_CLOSE}"


def _nik(match: re.Match[str]) -> str:
    separators = {c for c in match.group() if not c.isdigit()}
    # "01-02-2024 03-04-2024" has 16 digits too; a NIK is written with one separator.
    return match.group() if len(separators) > 1 else _mark(NIK)


def _phone(match: re.Match[str]) -> str:
    return match.group() if _AMOUNT_RE.fullmatch(match.group()) else _mark(PHONE)


# --- the per-report patterns ----------------------------------------------------------------


@lru_cache(maxsize=4096)
def _names_re(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """Each full name (its words, however spaced) and each identifying word of it, as
    whole words, longest first, ignoring case."""
    alternatives: set[str] = set()
    for name in names:
        words = _NAME_WORD_RE.findall(name or "")
        if not words:
            continue
        if len(words) > 1:
            alternatives.add(r"[\s.,]+".join(re.escape(w) for w in words))
        for word in words:
            if len(word) >= _NAME_PART_MIN and word.lower() not in _NAME_PARTICLES:
                alternatives.add(re.escape(word))
    if not alternatives:
        return None
    body = "|".join(sorted(alternatives, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _redactions_re(passages: tuple[str, ...]) -> re.Pattern[str] | None:
    """Each passage as written, ignoring case and how the spaces between words fall."""
    alternatives = {r"\s+".join(re.escape(w) for w in p.split()) for p in passages if p.split()}
    if not alternatives:
        return None
    body = "|".join(sorted(alternatives, key=len, reverse=True))
    return re.compile(f"(?:{body})", re.IGNORECASE)


def _clean(values: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(sorted({v.strip() for v in values or () if v and v.strip()}))


# --- masking ---------------------------------------------------------------------------------


def _marked(text: str, names: Iterable[str], redactions: Iterable[str]) -> str:
    """``text`` with every masked datum replaced by its marker. Redactions go first (a
    passage holding a phone number disappears whole), then e-mail addresses (they hold
    names and digits), numbers, and names last."""
    text = text.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, "")
    redactions_re = _redactions_re(_clean(redactions))
    if redactions_re is not None:
        text = redactions_re.sub(_mark(REDACTED), text)
    if "@" in text or "at" in text.lower():
        text = _EMAIL_RE.sub(_mark(EMAIL), text)
    if any(c.isdigit() for c in text):
        text = _NIK_RE.sub(_nik, text)
        text = _PHONE_RE.sub(_phone, text)
    names_re = _names_re(_clean(names))
    if names_re is not None:
        text = names_re.sub(_mark(NAME), text)
    return text


def _unmark(text: str, replace: Callable[[str], str]) -> str:
    return _MARK_RE.sub(lambda m: replace(m.group(1)), text)


def mask_public_text(
    text: str, *, names: Iterable[str] = (), redactions: Iterable[str] = ()
) -> str:
    """``text`` as the public may read it: NIK-like numbers, Indonesian phone numbers,
    e-mail addresses, the ``names`` (the reporter's own: the full name and each part of
    three letters or more, whole words, any case) and the ``redactions`` (passages a
    verifier hid by hand) each replaced by a translated placeholder."""
    if not text:
        return text or ""
    return _unmark(_marked(text, names, redactions), lambda kind: str(_PLACEHOLDERS[kind]))


def mask_search_text(
    text: str, *, names: Iterable[str] = (), redactions: Iterable[str] = ()
) -> str:
    """``text`` for the public search index: what :func:`mask_public_text` masks is left
    out (a space), so that searching for a NIK or a name finds nothing and the
    placeholders' own words are not indexed."""
    if not text:
        return text or ""
    return _unmark(_marked(text, names, redactions), lambda kind: " ")


def redaction_in_text(passage: str, text: str) -> bool:
    """Whether ``passage`` occurs in ``text`` as :func:`mask_public_text` would find it."""
    pattern = _redactions_re(_clean([passage]))
    return pattern is not None and bool(text) and pattern.search(text) is not None


__all__ = [
    "EMAIL",
    "NAME",
    "NIK",
    "PHONE",
    "REDACTED",
    "mask_public_text",
    "mask_search_text",
    "placeholder",
    "redaction_in_text",
]
