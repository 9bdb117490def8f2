from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "viecoop.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self) -> None:
        from . import menus

        menus.register()
