"""This app's entries in the navigation (registered in ``apps.py``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.core.navigation import Item

from .rules import is_referent_somewhere


def network_pages(user):
    yield Item(_("Network home"), reverse("network:home"))
    yield Item(_("Coops directory"), reverse("network:directory"))
    yield Item(_("Référents"), reverse("network:referent_list"))
    yield Item(_("News"), reverse("network:news_list"))


def network_own(user):
    if is_referent_somewhere(user):
        yield Item(_("My référent profile"), reverse("network:my_profile"))
    elif user.has_perm("network.volunteer"):
        yield Item(_("Become a référent"), reverse("network:volunteer"))


def federation_network(user):
    if user.has_perm("network.view_applications"):
        yield Item(_("Référent applications"), reverse("network:applications"))
        yield Item(_("Coops without a référent"), reverse("network:coops_without_referent"))
    if user.has_perm("network.moderate_news"):
        yield Item(_("Network news"), reverse("network:news_moderation"))


def coop_referents(user, coop):
    if user.has_perm("network.view_coop_referents", coop):
        yield Item(
            _("Référents"), reverse("network:coop_referents", kwargs={"coop_slug": coop.slug})
        )


def register() -> None:
    from viecoop.core.navigation import register_menu

    register_menu("network", 0, network_pages)
    register_menu("network", 90, network_own)
    register_menu("federation", 30, federation_network)
    register_menu("coop", 75, coop_referents)
