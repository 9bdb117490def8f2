"""The navigation: which spaces a person has, and the menu of the current one.

Permissions decide what appears; templates only draw it (never filter there).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.organizations.models import CoopRole
from viecoop.organizations.selectors import roles_for


@dataclass
class Item:
    label: str
    url: str
    current: bool = False


@dataclass
class Space:
    label: str
    url: str
    kind: str
    current: bool = False
    items: list[Item] = field(default_factory=list)


def _coop_items(user, coop) -> list[Item]:
    kw = {"coop_slug": coop.slug}
    items = [Item(_("Home"), reverse("organizations:coop_home", kwargs=kw))]
    if CoopRole.Role.MEMBER in roles_for(user).in_coop(coop):
        items.append(Item(_("My shares"), reverse("members:my_membership", kwargs=kw)))
    if user.has_perm("members.view_register", coop):
        items.append(Item(_("Members register"), reverse("members:member_list", kwargs=kw)))
        items.append(Item(_("Share ledger"), reverse("members:ledger", kwargs=kw)))
    if user.has_perm("organizations.view_residences", coop):
        items.append(Item(_("Residences"), reverse("organizations:residence_list", kwargs=kw)))
    if user.has_perm("organizations.view_team", coop):
        items.append(Item(_("Team and invitations"), reverse("organizations:team", kwargs=kw)))
    if user.has_perm("audit.view_coop_log", coop):
        items.append(Item(_("Audit log"), reverse("audit:coop_log", kwargs=kw)))
    if user.has_perm("organizations.change_coop", coop):
        items.append(Item(_("Coop settings"), reverse("organizations:coop_settings", kwargs=kw)))
    return items


def _federation_items(user) -> list[Item]:
    items = [
        Item(_("Dashboard"), reverse("organizations:federation_home")),
        Item(_("Membership"), reverse("members:federation_overview")),
    ]
    if user.has_perm("organizations.manage_federation"):
        items.append(Item(_("New coop"), reverse("organizations:coop_create")))
    if user.has_perm("audit.view_federation_log"):
        items.append(Item(_("Audit log"), reverse("audit:federation_log")))
    if user.has_perm("accounts.process_deletion_requests"):
        items.append(Item(_("Deletion requests"), reverse("accounts:deletion_requests")))
    return items


def build_navigation(request) -> list[Space]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    roles = roles_for(user)
    current_coop = getattr(request, "coop", None)
    path = request.path
    spaces: list[Space] = []
    for coop in roles.coops:
        space = Space(
            coop.name, reverse("organizations:coop_home", kwargs={"coop_slug": coop.slug}), "coop"
        )
        if current_coop is not None and current_coop.pk == coop.pk:
            space.current = True
            space.items = _coop_items(user, coop)
        spaces.append(space)
    if user.has_perm("organizations.view_network"):
        space = Space(_("Network"), reverse("organizations:network_home"), "network")
        if path.startswith("/reseau/"):
            space.current = True
            space.items = [Item(_("Coops directory"), reverse("organizations:network_home"))]
        spaces.append(space)
    if user.has_perm("organizations.view_federation"):
        space = Space(_("Federation"), reverse("organizations:federation_home"), "federation")
        if path.startswith("/federation/"):
            space.current = True
            space.items = _federation_items(user)
        spaces.append(space)
    for space in spaces:
        for item in space.items:
            item.current = item.url == path or (item.url != space.url and path.startswith(item.url))
    return spaces
