"""The share ledger refuses changes in the database; existing coops get their standard register."""

from django.db import migrations

from viecoop.core.db import append_only


def standard_register(apps, schema_editor):
    from viecoop.members.services import DEFAULT_COLLEGES, STANDARD_CATEGORIES

    Coop = apps.get_model("organizations", "Coop")
    College = apps.get_model("members", "College")
    Category = apps.get_model("members", "Category")
    RegisterSettings = apps.get_model("members", "RegisterSettings")
    for coop in Coop.objects.all():
        RegisterSettings.objects.get_or_create(coop=coop)
        colleges = {}
        for position, (code, name, kind, weight) in enumerate(DEFAULT_COLLEGES[coop.legal_form]):
            colleges[code], _ = College.objects.get_or_create(
                coop=coop, code=code, defaults={"name": name, "kind": kind, "weight": weight, "position": position}
            )
        column = 2 if coop.legal_form == "scp" else 3
        for position, row in enumerate(STANDARD_CATEGORIES):
            Category.objects.get_or_create(
                coop=coop,
                code=row[0],
                defaults={"name": row[1], "default_college": colleges.get(row[column]), "is_standard": True, "position": position},
            )


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [
        append_only("members_shareoperation"),
        append_only("members_sharemovement"),
        migrations.RunPython(standard_register, migrations.RunPython.noop),
    ]
