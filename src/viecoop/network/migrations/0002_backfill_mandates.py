"""Référents named before this app existed get a profile and an open mandate.

The mandate starts the day their role was given (the best date we have); they may set
"référent since" on their profile to an earlier date.
"""

from django.db import migrations

from viecoop.core.text import fold


def backfill(apps, schema_editor):
    CoopRole = apps.get_model("organizations", "CoopRole")
    ReferentMandate = apps.get_model("network", "ReferentMandate")
    ReferentProfile = apps.get_model("network", "ReferentProfile")
    for role in CoopRole.objects.filter(role="referent").select_related("user").iterator():
        if not ReferentMandate.objects.filter(
            user_id=role.user_id, coop_id=role.coop_id, ended_on__isnull=True
        ).exists():
            ReferentMandate.objects.create(
                user_id=role.user_id, coop_id=role.coop_id, started_on=role.created_at.date()
            )
        if not ReferentProfile.objects.filter(user_id=role.user_id).exists():
            ReferentProfile.objects.create(
                user_id=role.user_id,
                job_title=role.job_title,
                since=role.created_at.date(),
                search_text=fold(f"{role.user.first_name} {role.user.last_name} {role.job_title}"),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("organizations", "0001_initial"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
