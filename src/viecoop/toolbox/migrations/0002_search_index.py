"""French full-text index of the toolbox, on PostgreSQL only (SQLite searches folded text).

The indexed expression is ``toolbox.search.INDEX_EXPRESSION``; ``search.ResourceVector``
compiles to the same expression so the planner can use this index.
"""

from django.db import migrations

INDEX = "toolbox_resource_search_gin"
EXPRESSION = (
    "(setweight(to_tsvector('french'::regconfig, search_title), 'A') || "
    "setweight(to_tsvector('french'::regconfig, search_body), 'B'))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON toolbox_resource USING gin ({EXPRESSION})"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("toolbox", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
