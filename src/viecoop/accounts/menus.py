"""This app's entries in the navigation (registered in ``apps.py``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.core.navigation import Item


def federation_deletion_requests(user):
    if user.has_perm("accounts.process_deletion_requests"):
        yield Item(_("Deletion requests"), reverse("accounts:deletion_requests"))


def register() -> None:
    from viecoop.core.navigation import register_menu

    register_menu("federation", 95, federation_deletion_requests)
