from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "viecoop.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from . import audiences  # noqa: F401 — registers the built-in audience kinds
