"""This app's entry in the coop's menu, beside the coop settings (registered in ``apps.py``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.core.navigation import Item


def api_tokens(user, coop):
    if user.has_perm("api.manage_tokens", coop):
        yield Item(_("API access"), reverse("api:tokens", kwargs={"coop_slug": coop.slug}))


def register() -> None:
    from viecoop.core.navigation import register_menu

    register_menu("coop", 105, api_tokens)
