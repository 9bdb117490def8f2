from django.core.management.base import BaseCommand
from django.utils import timezone

from viecoop.members.services import anonymise_departed_members


class Command(BaseCommand):
    help = (
        "Anonymise the members who left longer ago than their coop's retention period "
        "(RGPD). Run it daily; --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args, dry_run: bool = False, **options):
        counts = anonymise_departed_members(today=timezone.localdate(), dry_run=dry_run)
        verb = "would be anonymised" if dry_run else "anonymised"
        for slug, count in counts.items():
            self.stdout.write(f"{slug}: {count} member(s) {verb}")
        self.stdout.write(self.style.SUCCESS(f"{sum(counts.values())} member(s) {verb} in all."))
