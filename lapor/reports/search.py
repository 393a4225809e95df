"""Full-text search over reports.

On PostgreSQL a report's words are its title and description, stemmed by the
``indonesian`` text-search configuration (``jalan rusak`` finds "jalanan yang
rusak"), through a GIN expression index (migration ``0003_report_search``) that the
query below matches exactly. On SQLite (development, tests) every word must appear in
the title or description, ignoring case.

Search narrows a queryset that already went through a visibility selector; it never
widens what a viewer may read.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import F, Func, Q, QuerySet

from .models import Report

SEARCH_CONFIG = "indonesian"
# The indexed expression. Keep it identical to the index in the migration, or
# PostgreSQL stops using the index.
INDEX_NAME = "report_fulltext_id"
INDEX_SQL = (
    f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON reports_report USING gin "
    f"(to_tsvector('{SEARCH_CONFIG}'::regconfig, title || ' ' || description))"
)
DROP_SQL = f"DROP INDEX IF EXISTS {INDEX_NAME}"
QUERY_MAX = 200


class ReportDocument(Func):
    """``to_tsvector('indonesian', title || ' ' || description)``, as indexed."""

    template = f"to_tsvector('{SEARCH_CONFIG}'::regconfig, %(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = SearchVectorField()

    def __init__(self) -> None:
        super().__init__(F("title"), F("description"))


def search_supported() -> bool:
    return connection.vendor == "postgresql"


def report_search(qs: QuerySet[Report], q: str) -> QuerySet[Report]:
    """``qs`` narrowed to the reports matching ``q`` (web-search syntax on PostgreSQL:
    words, "quoted phrases", -excluded)."""
    q = " ".join((q or "").split())[:QUERY_MAX]
    if not q:
        return qs
    if search_supported():
        return qs.annotate(_document=ReportDocument()).filter(
            _document=SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        )
    for word in q.split()[:10]:
        word = word.strip('"')
        if word.startswith("-") or not word:
            continue
        qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return qs


__all__ = ["ReportDocument", "report_search", "search_supported"]
