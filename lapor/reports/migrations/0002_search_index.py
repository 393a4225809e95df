"""Full-text search on PostgreSQL: a GIN index over each report's search document
(``to_tsvector('indonesian', …)`` of its public text, written by ``reports.search``).
SQLite keeps plain text in the same column and needs no index. The SQL is spelled out
here so that this migration keeps meaning what it meant."""

from django.db import migrations

INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS report_search_document_gin "
    "ON reports_reportsearchdocument USING gin (document)"
)
DROP_SQL = "DROP INDEX IF EXISTS report_search_document_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
