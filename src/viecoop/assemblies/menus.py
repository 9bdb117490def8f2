"""This app's entries in the coop's navigation (registered in ``apps.py``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.core.navigation import Item


def assembly_pages(user, coop):
    kw = {"coop_slug": coop.slug}
    if user.has_perm("assemblies.view_assemblies", coop):
        yield Item(_("General assemblies"), reverse("assemblies:list", kwargs=kw))
    if user.has_perm("assemblies.view_board", coop):
        yield Item(_("Board"), reverse("assemblies:board", kwargs=kw))
    if user.has_perm("assemblies.view_governance", coop):
        yield Item(_("Governance rules"), reverse("assemblies:governance", kwargs=kw))


def register() -> None:
    from viecoop.core.navigation import register_menu

    register_menu("coop", 30, assembly_pages)
