"""Full-text search on PostgreSQL: a GIN index over the report's words in the
``indonesian`` configuration (see ``lapor/reports/search.py``). Nothing on SQLite."""

from django.db import migrations

INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS report_fulltext_id ON reports_report USING gin "
    "(to_tsvector('indonesian'::regconfig, title || ' ' || description))"
)
DROP_SQL = "DROP INDEX IF EXISTS report_fulltext_id"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_sweeps")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
