from django.core.management.base import BaseCommand

from viecoop.groups.services import send_group_digests


class Command(BaseCommand):
    help = (
        "E-mail the daily digest of new messages to the members of working groups who chose "
        "it. Never sends the same messages twice: run it once a day."
    )

    def handle(self, *args, **options):
        sent = send_group_digests()
        self.stdout.write(self.style.SUCCESS(f"{sent} digest(s) sent."))
