"""Full-text search over reports.

On PostgreSQL a report's words are its title and description, stemmed by the
``indonesian`` text-search configuration (``jalan rusak`` finds "jalanan yang
rusak"), with the personal data masked on the public pages left out (finding 7),
stored in ``ReportSearchDocument`` (a ``tsvector`` with a GIN index,
migration ``0007_report_search_document``) and written only when the words change
(``search_documents_write``): kept off the report row, whose every move would
otherwise recompute and rewrite them. On SQLite (development, tests) the document is
the same text unstemmed, and every word must appear in it, ignoring case.

Search narrows a queryset that already went through a visibility selector; it never
widens what a viewer may read.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import QuerySet

from .models import Report, ReportSearchDocument
from .public_text import report_search_text

SEARCH_CONFIG = "indonesian"
QUERY_MAX = 200
# Each document's text, as the search reads it: PostgreSQL stems it (``to_tsvector``);
# SQLite keeps the text, and its search matches words in it.
_DOCUMENT_SQL = {
    "postgresql": f"to_tsvector('{SEARCH_CONFIG}'::regconfig, %s)",
    "sqlite": "%s",
}
_WRITE_CHUNK = 500


def search_supported() -> bool:
    return connection.vendor == "postgresql"


def search_documents_write(report_ids: Iterable[int]) -> None:
    """(Re)write the search document of each report from its title and description.

    Call it in the transaction that writes those words (submission, a correction at
    dispose, a verifier's redaction, the bulk generator), and only then: a status
    change leaves it alone.

    The search is public, so the document holds the words the public may read: the
    text with NIK, phone numbers, e-mail addresses, the reporter's name and the
    redacted passages left out (``reports.public_text.report_search_text``). Otherwise
    searching for a NIK would tell which report holds it, even with the page masked.
    """
    ids = list(dict.fromkeys(int(pk) for pk in report_ids))
    document = _DOCUMENT_SQL.get(connection.vendor, _DOCUMENT_SQL["sqlite"])
    table = ReportSearchDocument._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(ids), _WRITE_CHUNK):
            rows = Report.objects.filter(pk__in=ids[start : start + _WRITE_CHUNK]).values_list(
                "pk", "title", "description", "reporter__full_name", "redactions"
            )
            params: list[int | str] = []
            for pk, title, description, name, redactions in rows:
                text = report_search_text(
                    title=title, description=description, reporter_name=name, redactions=redactions
                )
                params += [pk, text]
            if not params:
                continue
            values = ", ".join([f"(%s, {document})"] * (len(params) // 2))
            # The table name and the document expression are ours; the values are
            # parameters.
            cursor.execute(
                f"INSERT INTO {table} (report_id, document) VALUES {values} "  # noqa: S608
                "ON CONFLICT (report_id) DO UPDATE SET document = EXCLUDED.document",
                params,
            )


def search_document_matches(qs: QuerySet[Report], query: SearchQuery) -> QuerySet[Report]:
    """``qs`` narrowed to the reports whose stored document matches ``query``
    (PostgreSQL only): a join on the document table, through its GIN index."""
    return qs.filter(search_document__document=query)


def report_search(qs: QuerySet[Report], q: str) -> QuerySet[Report]:
    """``qs`` narrowed to the reports matching ``q`` (web-search syntax on PostgreSQL:
    words, "quoted phrases", -excluded)."""
    q = " ".join((q or "").split())[:QUERY_MAX]
    if not q:
        return qs
    if search_supported():
        return search_document_matches(
            qs, SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        )
    for word in q.split()[:10]:
        word = word.strip('"')
        if word.startswith("-") or not word:
            continue
        # The stored document, not the report's columns: it holds what the public may
        # read (``search_documents_write``).
        qs = qs.filter(search_document__document__icontains=word)
    return qs


__all__ = [
    "SEARCH_CONFIG",
    "report_search",
    "search_document_matches",
    "search_documents_write",
    "search_supported",
]
