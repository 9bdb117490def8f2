from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "viecoop.network"
    label = "network"
    verbose_name = _("Network of référents")

    def ready(self) -> None:
        from viecoop.accounts.services import register_exporter, user_anonymise_hooks
        from viecoop.demo.world import EXTRA_BUILDERS
        from viecoop.organizations.hooks import coop_role_hooks, federation_dashboard_panels

        from . import menus
        from .dashboard import network_panel
        from .demo import build_network
        from .exports import export_network
        from .services import on_coop_role_change, on_user_anonymise

        for hooks, hook in (
            (coop_role_hooks, on_coop_role_change),
            (user_anonymise_hooks, on_user_anonymise),
            (federation_dashboard_panels, network_panel),
            (EXTRA_BUILDERS, build_network),
        ):
            if hook not in hooks:  # ready() may run twice in tests
                hooks.append(hook)
        register_exporter("network", export_network)
        menus.register()
        if apps.is_installed("viecoop.events"):
            from .extensions import set_upcoming_meetings_provider
            from .meetings import next_network_meetings

            set_upcoming_meetings_provider(next_network_meetings)
