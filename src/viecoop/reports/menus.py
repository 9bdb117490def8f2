"""This app's entries in the navigation (registered in ``apps.py``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.core.navigation import Item


def coop_reports(user, coop):
    kw = {"coop_slug": coop.slug}
    if user.has_perm("reports.view_reports", coop):
        yield Item(_("Reports to the federation"), reverse("reports:overview", kwargs=kw))
    if user.has_perm("reports.view_barometer", coop):
        yield Item(_("Barometer"), reverse("reports:coop_barometer", kwargs=kw))


def federation_reports(user):
    if user.has_perm("reports.view_federation_reports"):
        yield Item(_("Reports from the coops"), reverse("reports:dashboard"))
        yield Item(_("Campaigns"), reverse("reports:federation_campaigns"))
        yield Item(_("Barometer"), reverse("reports:federation_barometer"))


def register() -> None:
    from viecoop.core.navigation import register_menu

    register_menu("coop", 80, coop_reports)
    register_menu("federation", 50, federation_reports)
