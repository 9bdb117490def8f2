from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxConfig(AppConfig):
    name = "viecoop.toolbox"
    label = "toolbox"
    verbose_name = _("Toolbox")

    def ready(self) -> None:
        from viecoop.accounts.services import register_exporter
        from viecoop.demo.world import EXTRA_BUILDERS

        from . import menus
        from .demo import build_toolbox
        from .selectors import export_person

        register_exporter("toolbox", export_person)
        if build_toolbox not in EXTRA_BUILDERS:
            EXTRA_BUILDERS.append(build_toolbox)
        menus.register()
