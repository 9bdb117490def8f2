"""Make the audit log append-only in the database itself, not only in the ORM."""

from django.db import migrations

from viecoop.core.db import append_only


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [append_only("audit_auditentry")]
