from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "viecoop.training"
    label = "training"
    verbose_name = _("Training programme")

    def ready(self) -> None:
        from viecoop.accounts.services import register_exporter
        from viecoop.demo.world import EXTRA_BUILDERS
        from viecoop.events.audiences import register_audience
        from viecoop.network.extensions import home_sections
        from viecoop.organizations.hooks import federation_dashboard_panels

        from . import menus
        from .audiences import CohortAudience
        from .dashboard import training_panel
        from .demo import build_training
        from .selectors import export_training, network_lessons_section

        register_audience(CohortAudience())
        for hooks, hook in (
            (home_sections, network_lessons_section),
            (federation_dashboard_panels, training_panel),
            (EXTRA_BUILDERS, build_training),
        ):
            if hook not in hooks:  # ready() may run twice in tests
                hooks.append(hook)
        register_exporter("training", export_training)
        menus.register()
