"""This app's entries in the navigation (registered in ``apps.py``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.core.navigation import Item
from viecoop.organizations.models import CoopRole
from viecoop.organizations.selectors import roles_for


def own_shares(user, coop):
    if CoopRole.Role.MEMBER in roles_for(user).in_coop(coop):
        yield Item(
            _("My shares"), reverse("members:my_membership", kwargs={"coop_slug": coop.slug})
        )


def register_pages(user, coop):
    kw = {"coop_slug": coop.slug}
    if user.has_perm("members.view_register", coop):
        yield Item(_("Members register"), reverse("members:member_list", kwargs=kw))
        yield Item(_("Share ledger"), reverse("members:ledger", kwargs=kw))


def federation_membership(user):
    yield Item(_("Membership"), reverse("members:federation_overview"))


def register() -> None:
    from viecoop.core.navigation import register_menu

    register_menu("coop", 10, own_shares)
    register_menu("coop", 20, register_pages)
    register_menu("federation", 20, federation_membership)
