"""French full-text search of the toolbox, on PostgreSQL only (SQLite searches folded text).

A stored generated column keeps each resource's weighted French ``tsvector`` (PostgreSQL
computes it on every write, whatever writes), and a GIN index answers ``@@`` queries on it.
Ranking reads the stored vector instead of parsing every matching text again. The model
does not declare the column: Django never writes it; ``toolbox.search.ResourceVector``
reads it.
"""

from django.db import migrations

COLUMN = "search_vector"
INDEX = "toolbox_resource_search_gin"
EXPRESSION = (
    "setweight(to_tsvector('french'::regconfig, search_title), 'A') || "
    "setweight(to_tsvector('french'::regconfig, search_body), 'B')"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE toolbox_resource ADD COLUMN IF NOT EXISTS {COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({EXPRESSION}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON toolbox_resource USING gin ({COLUMN})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(f"ALTER TABLE toolbox_resource DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [("toolbox", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
