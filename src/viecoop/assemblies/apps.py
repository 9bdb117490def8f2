from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssembliesConfig(AppConfig):
    name = "viecoop.assemblies"
    label = "assemblies"
    verbose_name = _("General assemblies")

    def ready(self) -> None:
        from viecoop.organizations.hooks import coop_setup_hooks

        from . import menus
        from .services.profile import governance_setup

        coop_setup_hooks.append(governance_setup)
        menus.register()
