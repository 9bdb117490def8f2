from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "viecoop.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from viecoop.demo.world import EXTRA_BUILDERS

        from . import menus
        from .demo import build_api_demo

        EXTRA_BUILDERS.append(build_api_demo)
        menus.register()
