"""Store the barometer's indicators of every coop for a closed year or quarter.

Idempotent: running it again for the same period replaces that period's values. Run it
early each January (``--kind year``) and each quarter (``--kind quarter``), or give a past
period to fill the history (``--period 2024`` or ``--period 2024-T3``).
"""

import re
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from viecoop.reports.indicators import Period
from viecoop.reports.services import snapshot_take


class Command(BaseCommand):
    help = "Store the barometer's indicators for the last closed year or quarter (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=["year", "quarter"], default="year")
        parser.add_argument("--period", help="2025 for a year, 2025-T3 for a quarter")
        parser.add_argument("--today", help="act as if today were this day (YYYY-MM-DD)")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError("--today must be YYYY-MM-DD") from error
        if options["period"]:
            period = self._parse(options["period"])
        else:
            period = Period.last_closed(options["kind"], today)
        if period.end >= today:
            raise CommandError(f"{period.label} is not over yet.")
        counts = snapshot_take(period=period)
        self.stdout.write(
            f"Barometer {period.label}: {counts['values']} values for {counts['coops']} coops."
        )

    @staticmethod
    def _parse(text: str) -> Period:
        if re.fullmatch(r"\d{4}", text):
            return Period.year(int(text))
        match = re.fullmatch(r"(\d{4})-[TtQq]([1-4])", text)
        if match:
            return Period.quarter(int(match.group(1)), int(match.group(2)))
        raise CommandError("--period must be a year (2025) or a quarter (2025-T3)")
