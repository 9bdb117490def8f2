"""Remind the référents of coops that have not answered an open campaign (run daily).

Idempotent: each coop gets each reminder (a week before, the day before, after the deadline)
at most once per campaign, however often the command runs.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from viecoop.reports.services import reminders_send


class Command(BaseCommand):
    help = "Remind référents of open campaigns they have not answered (idempotent; run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="act as if today were this day (YYYY-MM-DD)")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError("--date must be YYYY-MM-DD") from error
        sent = reminders_send(today=today)
        self.stdout.write(f"Reminded {sent['coops']} coop(s), {sent['emails']} e-mail(s).")
