"""This app's entries in the navigation (registered in ``apps.py``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.core.navigation import Item


def network_training(user):
    if user.has_perm("training.view_training"):
        yield Item(_("Training"), reverse("training:programme_list"))


def federation_training(user):
    if user.has_perm("training.manage_training"):
        yield Item(_("Training programme"), reverse("training:manage_home"))


def coop_training(user, coop):
    if user.has_perm("training.view_coop_training", coop):
        yield Item(
            _("Training"), reverse("training:coop_training", kwargs={"coop_slug": coop.slug})
        )


def register() -> None:
    from viecoop.core.navigation import register_menu

    register_menu("network", 40, network_training)
    register_menu("federation", 40, federation_training)
    register_menu("coop", 76, coop_training)
