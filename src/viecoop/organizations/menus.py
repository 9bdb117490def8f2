"""This app's entries in the navigation (registered in ``apps.py``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.core.navigation import Item


def coop_home(user, coop):
    yield Item(_("Home"), reverse("organizations:coop_home", kwargs={"coop_slug": coop.slug}))


def coop_management(user, coop):
    kw = {"coop_slug": coop.slug}
    if user.has_perm("organizations.view_residences", coop):
        yield Item(_("Residences"), reverse("organizations:residence_list", kwargs=kw))
    if user.has_perm("organizations.view_team", coop):
        yield Item(_("Team and invitations"), reverse("organizations:team", kwargs=kw))


def coop_settings(user, coop):
    if user.has_perm("organizations.change_coop", coop):
        yield Item(
            _("Coop settings"),
            reverse("organizations:coop_settings", kwargs={"coop_slug": coop.slug}),
        )


def federation_dashboard(user):
    yield Item(_("Dashboard"), reverse("organizations:federation_home"))


def federation_new_coop(user):
    if user.has_perm("organizations.manage_federation"):
        yield Item(_("New coop"), reverse("organizations:coop_create"))


def register() -> None:
    from viecoop.core.navigation import register_menu

    register_menu("coop", 0, coop_home)
    register_menu("coop", 60, coop_management)
    register_menu("coop", 100, coop_settings)
    register_menu("federation", 0, federation_dashboard)
    register_menu("federation", 80, federation_new_coop)
