"""Full-text search over reports.

On PostgreSQL a report's words are its title and description, stemmed by the
``indonesian`` text-search configuration (``jalan rusak`` finds "jalanan yang
rusak"), stored in ``ReportSearchDocument`` (a ``tsvector`` with a GIN index,
migration ``0007_report_search_document``) and written only when the words change
(``search_documents_write``): kept off the report row, whose every move would
otherwise recompute and rewrite them. On SQLite (development, tests) every word must
appear in the title or description, ignoring case.

Search narrows a queryset that already went through a visibility selector; it never
widens what a viewer may read.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q, QuerySet

from .models import Report, ReportSearchDocument

SEARCH_CONFIG = "indonesian"
QUERY_MAX = 200
# The document of a report, computed from its row. Keep it identical to the fill in
# migration ``0007_report_search_document``.
_DOCUMENT_SQL = {
    "postgresql": f"to_tsvector('{SEARCH_CONFIG}'::regconfig, title || ' ' || description)",
    "sqlite": "title || ' ' || description",
}
_WRITE_CHUNK = 1000


def search_supported() -> bool:
    return connection.vendor == "postgresql"


def search_documents_write(report_ids: Iterable[int]) -> None:
    """(Re)write the search document of each report from its title and description.

    Call it in the transaction that writes those words (submission, a correction at
    dispose, the bulk generator), and only then: a status change leaves it alone.
    """
    ids = list(dict.fromkeys(int(pk) for pk in report_ids))
    document = _DOCUMENT_SQL.get(connection.vendor, _DOCUMENT_SQL["sqlite"])
    table = ReportSearchDocument._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(ids), _WRITE_CHUNK):
            chunk = ids[start : start + _WRITE_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            # Table names and the document expression are ours; the ids are parameters.
            cursor.execute(
                f"INSERT INTO {table} (report_id, document) "  # noqa: S608
                f"SELECT id, {document} FROM {Report._meta.db_table} WHERE id IN ({marks}) "
                "ON CONFLICT (report_id) DO UPDATE SET document = EXCLUDED.document",
                chunk,
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
        qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return qs


__all__ = [
    "SEARCH_CONFIG",
    "report_search",
    "search_document_matches",
    "search_documents_write",
    "search_supported",
]
