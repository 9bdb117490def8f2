from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssembliesConfig(AppConfig):
    name = "viecoop.assemblies"
    label = "assemblies"
    verbose_name = _("General assemblies")

    def ready(self) -> None:
        from viecoop.accounts.services import register_exporter
        from viecoop.demo.world import EXTRA_BUILDERS
        from viecoop.organizations.hooks import coop_setup_hooks

        from . import menus
        from .demo import build_assemblies
        from .selectors import export_own_ballots
        from .services.profile import governance_setup

        coop_setup_hooks.append(governance_setup)
        register_exporter("assemblies", export_own_ballots)
        if build_assemblies not in EXTRA_BUILDERS:
            EXTRA_BUILDERS.append(build_assemblies)
        menus.register()
