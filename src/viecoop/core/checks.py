"""System checks that `check --deploy` runs for production settings."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def production_services(app_configs, **kwargs):
    warnings = []
    if not settings.DEBUG and not settings.REDIS_URL:
        warnings.append(
            Warning(
                "REDIS_URL is not set: cache and login rate limits are per process.",
                hint="Set REDIS_URL when running more than one instance.",
                id="viecoop.W001",
            )
        )
    if not settings.DEBUG and settings.TASKS_BACKEND != "database":
        warnings.append(
            Warning(
                "Tasks do not use the database backend: e-mails are sent inside requests.",
                hint="Set VIECOOP_TASKS_BACKEND=database and run `viecoop db_worker`.",
                id="viecoop.W002",
            )
        )
    return warnings
