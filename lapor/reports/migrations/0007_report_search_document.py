"""The search document moves off the report row into ``ReportSearchDocument``.

PostgreSQL: each report's ``to_tsvector('indonesian', title || ' ' || description)`` is
stored once, the GIN index is built on the new table (after the fill: faster than
growing it row by row), and the expression index of ``0003_report_search`` goes, so
that moving a report no longer recomputes and rewrites its words. SQLite keeps the
plain text (its search reads the report's columns). The SQL is spelled out here, not
imported from ``reports.search``, so that this migration keeps meaning what it meant.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

FILL_PG = """
INSERT INTO reports_reportsearchdocument (report_id, document)
SELECT id, to_tsvector('indonesian'::regconfig, title || ' ' || description)
FROM reports_report
"""
FILL_TEXT = """
INSERT INTO reports_reportsearchdocument (report_id, document)
SELECT id, title || ' ' || description FROM reports_report
"""
DOCUMENT_INDEX = (
    "CREATE INDEX IF NOT EXISTS report_search_document_gin "
    "ON reports_reportsearchdocument USING gin (document)"
)
OLD_INDEX = (
    "CREATE INDEX IF NOT EXISTS report_fulltext_id ON reports_report USING gin "
    "(to_tsvector('indonesian'::regconfig, title || ' ' || description))"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.execute(FILL_TEXT)
        return
    schema_editor.execute(FILL_PG)
    schema_editor.execute(DOCUMENT_INDEX)
    schema_editor.execute("DROP INDEX IF EXISTS report_fulltext_id")
    # Statistics now: without them the planner misjudges the join and search runs twice
    # as slow until autovacuum comes by.
    schema_editor.execute("ANALYZE reports_reportsearchdocument")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OLD_INDEX)
        schema_editor.execute("DROP INDEX IF EXISTS report_search_document_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_sweep_state"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReportSearchDocument",
            fields=[
                (
                    "report",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="reports.report",
                    ),
                ),
                (
                    "document",
                    django.contrib.postgres.search.SearchVectorField(
                        editable=False, null=True, verbose_name="search document"
                    ),
                ),
            ],
            options={
                "verbose_name": "report search document",
                "verbose_name_plural": "report search documents",
            },
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
