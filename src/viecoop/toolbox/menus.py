"""This app's entries in the navigation (registered in ``apps.py``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.core.navigation import Item


def network_toolbox(user):
    if user.has_perm("toolbox.view_toolbox"):
        yield Item(_("Toolbox"), reverse("toolbox:home"))


def federation_toolbox(user):
    if user.has_perm("toolbox.manage_toolbox"):
        yield Item(_("Toolbox"), reverse("toolbox:manage_list"))


def coop_resources(user, coop):
    if user.has_perm("toolbox.view_member_resources", coop):
        yield Item(
            _("Resources for members"),
            reverse("toolbox:member_list", kwargs={"coop_slug": coop.slug}),
        )


def register() -> None:
    from viecoop.core.navigation import register_menu

    register_menu("network", 20, network_toolbox)
    register_menu("federation", 40, federation_toolbox)
    register_menu("coop", 52, coop_resources)
