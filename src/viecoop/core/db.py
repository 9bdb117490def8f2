"""Database helpers used by migrations."""

from django.db import migrations


def append_only(table: str) -> migrations.RunPython:
    """A migration operation that makes ``table`` refuse changes to its rows.

    PostgreSQL refuses UPDATE and DELETE. SQLite refuses UPDATE only: its test databases
    are emptied with DELETE between transactional tests, and SQLite is the embedded demo
    database, not the production one.
    """
    trigger = f"{table}_append_only"

    def forward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(
                f"""
                CREATE OR REPLACE FUNCTION {trigger}() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION '{table} is append-only'; END;
                $$ LANGUAGE plpgsql;
                CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {table}
                    FOR EACH ROW EXECUTE FUNCTION {trigger}();
                """
            )
        elif vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {trigger} BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;"
            )

    def backward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {trigger} ON {table}; DROP FUNCTION IF EXISTS {trigger}();"
            )
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger};")

    return migrations.RunPython(forward, backward)
