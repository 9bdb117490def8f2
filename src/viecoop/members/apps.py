from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "viecoop.members"
    label = "members"
    verbose_name = _("Members register")

    def ready(self) -> None:
        from viecoop.accounts.services import invitation_accepted_hooks, register_exporter
        from viecoop.demo.world import EXTRA_BUILDERS
        from viecoop.organizations.hooks import coop_setup_hooks

        from . import menus
        from .demo import build_registers
        from .demo_life import build_register_life
        from .selectors import export_own_memberships
        from .services import link_account_on_invitation, register_setup

        coop_setup_hooks.append(register_setup)
        register_exporter("memberships", export_own_memberships)
        invitation_accepted_hooks.append(link_account_on_invitation)
        EXTRA_BUILDERS.append(build_registers)
        EXTRA_BUILDERS.append(build_register_life)
        menus.register()
