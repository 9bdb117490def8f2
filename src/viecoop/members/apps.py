from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "viecoop.members"
    label = "members"
    verbose_name = _("Members register")

    def ready(self) -> None:
        from viecoop.demo.world import EXTRA_BUILDERS
        from viecoop.organizations.hooks import coop_setup_hooks

        from .demo import build_registers
        from .services import register_setup

        coop_setup_hooks.append(register_setup)
        EXTRA_BUILDERS.append(build_registers)
