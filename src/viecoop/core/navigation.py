"""The navigation: which spaces a person has, and the menu of the current one.

Permissions decide what appears; templates only draw it (never filter there).

Each app adds its own entries from its ``AppConfig.ready()`` with ``register_menu``:
core never imports the apps that come after it, and two apps never edit the same list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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


# A provider returns the items one app adds to a space's menu, for this person:
# ``fn(user, coop)`` for the coop space, ``fn(user)`` for the network and the federation.
MenuProvider = Callable[..., Iterable[Item]]
SPACES = ("coop", "network", "federation")
_menus: dict[str, list[tuple[int, MenuProvider]]] = {space: [] for space in SPACES}


def register_menu(space: str, order: int, provider: MenuProvider) -> None:
    """Add ``provider``'s items to the menu of ``space``, sorted by ``order`` (0 comes first).

    Orders used so far — coop: home 0, own shares 10, register 20, residences 60, team 70,
    audit 90, settings 100; network: directory 0; federation: dashboard 0, membership 20,
    new coop 80, audit 90, deletion requests 95. Leave gaps for the apps to come.
    """
    if space not in _menus:
        raise ValueError(f"unknown space {space!r}")
    if any(existing is provider for _order, existing in _menus[space]):
        return  # ready() may run twice in tests
    _menus[space].append((order, provider))
    _menus[space].sort(key=lambda entry: entry[0])


def menu_items(space: str, *args) -> list[Item]:
    items: list[Item] = []
    for _order, provider in _menus[space]:
        items.extend(provider(*args))
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
            space.items = menu_items("coop", user, coop)
        spaces.append(space)
    if user.has_perm("organizations.view_network"):
        space = Space(_("Network"), reverse("organizations:network_home"), "network")
        if path.startswith("/reseau/"):
            space.current = True
            space.items = menu_items("network", user)
        spaces.append(space)
    if user.has_perm("organizations.view_federation"):
        space = Space(_("Federation"), reverse("organizations:federation_home"), "federation")
        if path.startswith("/federation/"):
            space.current = True
            space.items = menu_items("federation", user)
        spaces.append(space)
    for space in spaces:
        # The most precise entry is the current one: « API access » (/parametres/api/), not
        # also « Coop settings » (/parametres/).
        matches = [
            item
            for item in space.items
            if item.url == path or (item.url != space.url and path.startswith(item.url))
        ]
        if matches:
            max(matches, key=lambda item: len(item.url)).current = True
    return spaces
