"""``viecoop assembly_recompute <id>``: recompute every result from the stored data and compare.

Reads the frozen rules, the list of voters, proxies, ballots, check-ins, room tallies and the
election ballot box, runs the engine's recount (``engine.recompute``) and compares its summary
with the one stored (and fingerprinted) when the meeting closed. Exit status 0 when they match,
1 when they differ (each difference is printed), 2 when there is nothing to compare.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from viecoop.assemblies.models import Assembly
from viecoop.assemblies.services import AssemblyError
from viecoop.assemblies.services.results import recompute_and_compare


class Command(BaseCommand):
    help = (
        "Recompute an assembly's results from its stored data and compare with the published ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("assembly_id", type=int)

    def handle(self, *args, assembly_id: int, **options):
        assembly = Assembly.objects.select_related("coop").filter(pk=assembly_id).first()
        if assembly is None:
            raise CommandError(f"No assembly {assembly_id}.", returncode=2)
        started = time.perf_counter()
        try:
            differences = recompute_and_compare(assembly)
        except AssemblyError as error:
            raise CommandError(str(error), returncode=2) from None
        elapsed = time.perf_counter() - started
        voters = assembly.voters.count()
        if differences:
            self.stderr.write(
                f"{assembly.coop.name} — {assembly.title}: the recomputed results DIFFER from "
                f"the published ones ({len(differences)} difference(s), {elapsed:.2f} s):"
            )
            for line in differences:
                self.stderr.write(f"  {line}")
            raise CommandError("Results do not match.", returncode=1)
        self.stdout.write(
            f"{assembly.coop.name} — {assembly.title}: the results recomputed from the stored "
            f"data match the published ones ({voters} voters, fingerprint "
            f"{assembly.results_hash[:16]}…, {elapsed:.2f} s)."
        )
