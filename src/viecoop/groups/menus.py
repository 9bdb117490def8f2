"""This app's entries in the navigation (registered in ``apps.py``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.core.navigation import Item


def coop_groups(user, coop):
    if user.has_perm("groups.view_coop_groups", coop):
        yield Item(
            _("Working groups"), reverse("groups:coop_list", kwargs={"coop_slug": coop.slug})
        )


def network_groups(user):
    if user.has_perm("groups.view_network_groups"):
        yield Item(_("Working groups"), reverse("groups:network_list"))


def register() -> None:
    from viecoop.core.navigation import register_menu

    register_menu("coop", 45, coop_groups)
    register_menu("network", 30, network_groups)
