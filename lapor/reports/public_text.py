"""A report's free text as a principal may read it: the one read every exit uses.

The public reads the title, description, address, rating comment and public notes of a
report with the personal data masked (``reports.masking``: NIK, phone numbers, e-mail
addresses, the reporter's own name, and the passages a verifier redacted); the
reporter and the officials related to it (``visibility.relation_of``: national admin,
Ombudsman, the handling agency, Pengawas) read them as written. Pages, feeds, search
results, the similar-reports suggestion and ``report_public_dict`` (the API, open
data) all go through these functions, so no exit can forget.

Officials who are not related to a report (another agency, an official without a
verified second factor) are the public here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lapor.accounts.principals import VISITOR, Principal

from .masking import mask_public_text, mask_search_text
from .visibility import OFFICIAL_RELATIONS, relation_of

if TYPE_CHECKING:
    from .models import Report, ReportEvent


@dataclass(frozen=True)
class ReportText:
    """A report's free text, as one principal may read it."""

    title: str
    description: str
    address: str
    rating_comment: str


def reads_original(principal: Principal, report: Report) -> bool:
    """Whether ``principal`` reads ``report``'s text as written: its reporter, or an
    official related to it. Everyone else reads it masked."""
    if not isinstance(principal, Principal):
        # Anything that is not a principal (a template without one) is the public.
        return False
    if principal.owns(report.reporter_id):
        return True
    if not (principal.is_official or principal.is_system or principal.is_agency_key):
        return False  # visitors and citizens: no query to decide it
    return relation_of(principal, report) in OFFICIAL_RELATIONS


def _names(report: Report) -> tuple[str, ...]:
    if not report.reporter_id or report.reporter is None:
        return ()
    return (report.reporter.full_name,)


def _redactions(report: Report) -> tuple[str, ...]:
    return tuple(p for p in (report.redactions or ()) if isinstance(p, str))


def _mask(report: Report, text: str) -> str:
    return mask_public_text(text, names=_names(report), redactions=_redactions(report))


def report_title_for(principal: Principal, report: Report) -> str:
    """The title alone (lists, feeds, suggestions: the description need not be loaded)."""
    return report.title if reads_original(principal, report) else _mask(report, report.title)


def report_text_for(principal: Principal, report: Report) -> ReportText:
    """Title, description, address and rating comment of ``report`` for ``principal``."""
    if reads_original(principal, report):
        return ReportText(
            title=report.title,
            description=report.description,
            address=report.address,
            rating_comment=report.rating_comment,
        )
    return ReportText(
        title=_mask(report, report.title),
        description=_mask(report, report.description),
        address=_mask(report, report.address),
        rating_comment=_mask(report, report.rating_comment),
    )


def report_public_text(report: Report) -> ReportText:
    """The text as the public reads it, whoever asks (feeds: cached by anyone)."""
    return report_text_for(VISITOR, report)


def free_text_for(principal: Principal, report: Report, text: str) -> str:
    """Any other free text written about ``report`` (a comment) as ``principal`` reads
    it: masked like the report's own text unless they read that as written."""
    if not text or reads_original(principal, report):
        return text
    return _mask(report, text)


def event_note_for(principal: Principal, event: ReportEvent) -> str:
    """An event's note for ``principal``: masked unless they read the report's text as
    written. (Whether they may read the event at all is the gate's question.)"""
    return free_text_for(principal, event.report, event.note)


def report_search_text(
    *,
    title: str,
    description: str,
    reporter_name: str | None = None,
    redactions: Iterable[object] | None = None,
) -> str:
    """The words the public search indexes for a report: its title and description with
    everything the public may not read left out (``reports.search``)."""
    passages = tuple(p for p in (redactions or ()) if isinstance(p, str))
    names = (reporter_name,) if reporter_name else ()
    return mask_search_text(f"{title}\n{description}", names=names, redactions=passages)


__all__ = [
    "ReportText",
    "event_note_for",
    "free_text_for",
    "reads_original",
    "report_public_text",
    "report_search_text",
    "report_text_for",
    "report_title_for",
]
