"""This app's entries in the navigation (registered in ``apps.py``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.core.navigation import Item


def coop_events(user, coop):
    if user.has_perm("events.view_coop_events", coop):
        yield Item(_("Events"), reverse("events:coop_list", kwargs={"coop_slug": coop.slug}))


def network_events(user):
    if user.has_perm("events.view_network_events"):
        yield Item(_("Events"), reverse("events:network_list"))


def register() -> None:
    from viecoop.core.navigation import register_menu

    register_menu("coop", 40, coop_events)
    register_menu("network", 20, network_events)
