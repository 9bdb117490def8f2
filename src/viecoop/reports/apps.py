from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "viecoop.reports"
    label = "reports"
    verbose_name = _("Reports and barometer")

    def ready(self) -> None:
        from viecoop.accounts.services import register_exporter
        from viecoop.demo.world import EXTRA_BUILDERS

        from . import builtin_indicators, menus, prefill
        from .demo import build_reports
        from .selectors.export import export_person

        builtin_indicators.register()
        prefill.register()
        register_exporter("reports", export_person)
        if build_reports not in EXTRA_BUILDERS:
            EXTRA_BUILDERS.append(build_reports)
        menus.register()
