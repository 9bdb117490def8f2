from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "viecoop.groups"
    label = "groups"
    verbose_name = _("Working groups")

    def ready(self) -> None:
        from viecoop.accounts.services import register_exporter
        from viecoop.demo.world import EXTRA_BUILDERS
        from viecoop.events.audiences import register_audience

        from . import menus
        from .audience import GroupAudience
        from .demo import build_groups
        from .selectors import export_own_group_data

        register_audience(GroupAudience())
        register_exporter("groups", export_own_group_data)
        if build_groups not in EXTRA_BUILDERS:
            EXTRA_BUILDERS.append(build_groups)
        menus.register()
