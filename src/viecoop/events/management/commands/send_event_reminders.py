from datetime import timedelta

from django.core.management.base import BaseCommand

from viecoop.events.services import reminder_lead, send_due_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder to everyone with a seat at an event starting within the next "
        "hours (EVENTS_REMINDER_HOURS, 48 by default). Never sends the same reminder twice: "
        "run it every hour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=None, help="how long before the event (default: setting)"
        )

    def handle(self, *args, hours: int | None = None, **options):
        lead = timedelta(hours=hours) if hours else reminder_lead()
        sent = send_due_reminders(lead=lead)
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder(s) sent."))
