from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from viecoop.demo.world import COOPS, DEMO_PASSWORD, build_demo_world, demo_logins


class Command(BaseCommand):
    help = "Build the demo world (idempotent): federation, six fictional coops, people and roles."

    def handle(self, *args, **options):
        self.stdout.write("Building the viecoop demo world…")
        # Demo people are fictional: whatever the e-mail settings, nothing is sent while seeding.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            build_demo_world(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Demo ready: {len(COOPS)} coops."))
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for login in demo_logins():
            self.stdout.write(f"  {login['email']:<45} {login['role']} — {login['where']}")
