"""This app's entries in the navigation (registered in ``apps.py``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.core.navigation import Item


def coop_log(user, coop):
    if user.has_perm("audit.view_coop_log", coop):
        yield Item(_("Audit log"), reverse("audit:coop_log", kwargs={"coop_slug": coop.slug}))


def federation_log(user):
    if user.has_perm("audit.view_federation_log"):
        yield Item(_("Audit log"), reverse("audit:federation_log"))


def register() -> None:
    from viecoop.core.navigation import register_menu

    register_menu("coop", 90, coop_log)
    register_menu("federation", 90, federation_log)
