from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "viecoop.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from viecoop.accounts.services import register_exporter
        from viecoop.demo.world import EXTRA_BUILDERS

        from . import audiences, menus  # noqa: F401 — audiences registers the built-in kinds
        from .demo import build_events
        from .selectors import export_own_registrations

        register_exporter("events", export_own_registrations)
        if build_events not in EXTRA_BUILDERS:
            EXTRA_BUILDERS.append(build_events)
        menus.register()
