"""Audiences: who may see an event, register to it, and be registered by its organisers.

An event's audience is a *kind* (``Event.audience``) and, for kinds that point at
something, a target id (``Event.audience_target``: a working group, a training cohort).
Each kind is an ``AudienceKind`` object in a registry. This app registers the built-in
kinds (the network, its référents, a coop's staff, everyone in a coop); later apps
register theirs from their ``AppConfig.ready()`` — ``groups`` registers "group",
``training`` registers "cohort" — so this app never imports them::

    from viecoop.events.audiences import AudienceKind, AudienceOption, register_audience

    class CohortAudience(AudienceKind):
        key = "cohort"
        label = _("A training cohort")
        needs_target = True

        def space(self, *, coop, target): return "network"
        def visible_q(self, user): return Q(audience="cohort", audience_target__in=…)
        def can_view(self, user, event): …
        def eligible_users(self, event): …

    register_audience(CohortAudience())

Every method receives plain objects and must not import ``events`` views. ``visible_q``
is what keeps the event lists at a constant number of queries: it returns a ``Q`` over
``Event`` (subqueries allowed, no query run), always restricted to its own kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from viecoop.organizations.models import CoopRole, FederationRole
from viecoop.organizations.selectors import roles_for

if TYPE_CHECKING:
    from viecoop.organizations.models import Coop

    from .models import Event

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class AudienceOption:
    """One choice of audience offered to someone creating an event (a form's option)."""

    key: str
    target: int | None
    label: str

    @property
    def value(self) -> str:
        return self.key if self.target is None else f"{self.key}:{self.target}"


class AudienceKind:
    """Base class of an audience kind. Override what differs; defaults refuse everything."""

    key: str = ""
    label = ""
    #: the event must belong to a coop (``Event.coop``)
    needs_coop: bool = False
    #: the event must point at a target (``Event.audience_target``)
    needs_target: bool = False

    def space(self, *, coop: Coop | None, target: int | None) -> str:
        """Where events of this audience live: "network" or "coop"."""
        return "coop" if coop is not None else "network"

    def validate(self, *, coop: Coop | None, target: int | None) -> None:
        """Raise ``ValidationError`` if (coop, target) is not a valid audience of this kind."""
        if self.needs_coop and coop is None:
            raise ValidationError({"audience": _("This audience belongs to a coop.")})
        if self.needs_target and target is None:
            raise ValidationError({"audience": _("Choose which one.")})
        if not self.needs_target and target is not None:
            raise ValidationError({"audience": _("This audience takes no target.")})

    def options(self, *, user, coop: Coop | None) -> Iterable[AudienceOption]:
        """The choices ``user`` may pick when creating an event for ``coop`` (None: the network)."""
        return ()

    def visible_q(self, user) -> Q:
        """Events of this kind ``user`` may see, as a ``Q`` over ``Event`` (no query run)."""
        return NOTHING

    def manageable_q(self, user) -> Q:
        """Events of this kind ``user`` organises beyond the default organisers (drafts shown)."""
        return NOTHING

    def can_view(self, user, event: Event) -> bool:
        return False

    def can_register(self, user, event: Event) -> bool:
        """May ``user`` register themselves (and be registered by the organisers)?"""
        return self.can_view(user, event)

    def can_manage(self, user, event: Event) -> bool:
        """Extra organisers (a group's coordinators); the coop's staff and the federation
        team are organisers already, see ``rules.py``."""
        return False

    def eligible_users(self, event: Event) -> QuerySet:
        """People who may register: the organisers' "register someone" search looks here."""
        return get_user_model().objects.none()

    def describe(self, event: Event) -> str:
        return str(self.label)

    def describe_many(self, events: list[Event]) -> dict[int, str]:
        """Labels for a page of events of this kind, in a constant number of queries."""
        return {event.pk: self.describe(event) for event in events}

    def target_url(self, event: Event) -> str | None:
        """A page about the audience (the working group's page), if any."""
        return None


def _staff_coop_ids(user) -> list[int]:
    return [
        coop_id
        for coop_id, roles in roles_for(user).coop_roles.items()
        if roles & CoopRole.STAFF_ROLES
    ]


def _is_federation_team(user) -> bool:
    return bool(roles_for(user).federation_roles)


def _is_referent_anywhere(user) -> bool:
    return any(CoopRole.Role.REFERENT in roles for roles in roles_for(user).coop_roles.values())


def _network_people() -> QuerySet:
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(coop_roles__role__in=CoopRole.STAFF_ROLES, coop_roles__coop__is_active=True)
            | Q(federation_roles__isnull=False)
        )
        .distinct()
    )


class NetworkAudience(AudienceKind):
    """The whole network: référents and staff of every member coop, and the federation team."""

    key = "network"
    label = _("The network (référents and staff of member coops)")

    def space(self, *, coop, target):
        return "network"

    def options(self, *, user, coop):
        if (coop is None and _is_federation_team(user)) or (
            coop is not None and coop.pk in _staff_coop_ids(user)
        ):
            yield AudienceOption(self.key, None, str(self.label))

    def visible_q(self, user):
        return Q(audience=self.key) if user.has_perm("organizations.view_network") else NOTHING

    def can_view(self, user, event):
        return user.has_perm("organizations.view_network")

    def eligible_users(self, event):
        return _network_people()


class ReferentsAudience(AudienceKind):
    """The référents vie coopérative of the network (the federation team joins them).

    Every member of the network sees these meetings (a colleague may want to become
    référent); only référents and the federation team register.
    """

    key = "referents"
    label = _("Référents vie coopérative of the network")

    def space(self, *, coop, target):
        return "network"

    def options(self, *, user, coop):
        if (coop is None and _is_federation_team(user)) or (
            coop is not None and coop.pk in _staff_coop_ids(user)
        ):
            yield AudienceOption(self.key, None, str(self.label))

    def visible_q(self, user):
        return Q(audience=self.key) if user.has_perm("organizations.view_network") else NOTHING

    def can_view(self, user, event):
        return user.has_perm("organizations.view_network")

    def can_register(self, user, event):
        return _is_federation_team(user) or _is_referent_anywhere(user)

    def eligible_users(self, event):
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(coop_roles__role=CoopRole.Role.REFERENT, coop_roles__coop__is_active=True)
                | Q(federation_roles__role__in=FederationRole.Role.values)
            )
            .distinct()
        )


class CoopStaffAudience(AudienceKind):
    """The staff of the organising coop (managers, référents, employees)."""

    key = "coop_staff"
    label = _("Staff of the coop")
    needs_coop = True

    def options(self, *, user, coop):
        if coop is not None and coop.pk in _staff_coop_ids(user):
            yield AudienceOption(self.key, None, str(self.label))

    def visible_q(self, user):
        return Q(audience=self.key, coop_id__in=_staff_coop_ids(user))

    def can_view(self, user, event):
        return bool(roles_for(user).in_coop(event.coop_id) & CoopRole.STAFF_ROLES)

    def eligible_users(self, event):
        return (
            get_user_model()
            .objects.filter(
                is_active=True,
                coop_roles__coop_id=event.coop_id,
                coop_roles__role__in=CoopRole.STAFF_ROLES,
            )
            .distinct()
        )


class CoopMembersAudience(AudienceKind):
    """Everyone in the organising coop: its associés and its staff."""

    key = "coop_members"
    label = _("Everyone in the coop (members and staff)")
    needs_coop = True

    def options(self, *, user, coop):
        if coop is not None and coop.pk in _staff_coop_ids(user):
            yield AudienceOption(self.key, None, str(self.label))

    def visible_q(self, user):
        return Q(audience=self.key, coop_id__in=list(roles_for(user).coop_roles))

    def can_view(self, user, event):
        return bool(roles_for(user).in_coop(event.coop_id))

    def eligible_users(self, event):
        return (
            get_user_model()
            .objects.filter(is_active=True, coop_roles__coop_id=event.coop_id)
            .distinct()
        )


class UnknownAudience(AudienceKind):
    """An audience whose app is not installed (any more): organisers only."""

    label = _("Restricted audience")

    def __init__(self, key: str):
        self.key = key


_registry: dict[str, AudienceKind] = {}


def register_audience(kind: AudienceKind) -> None:
    """Add (or replace, for tests) an audience kind under ``kind.key``."""
    if not kind.key:
        raise ValueError("An audience kind needs a key.")
    _registry[kind.key] = kind


def get_audience(key: str) -> AudienceKind:
    return _registry.get(key) or UnknownAudience(key)


def audience_kinds() -> list[AudienceKind]:
    return list(_registry.values())


def visible_events_q(user) -> Q:
    """Events ``user`` may see, whatever their kind (published or not: see selectors)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    q = NOTHING
    for kind in _registry.values():
        q |= kind.visible_q(user)
    return q


def audience_options(*, user, coop: Coop | None) -> list[AudienceOption]:
    """Every audience ``user`` may choose for a new event of ``coop`` (None: the network)."""
    return [option for kind in _registry.values() for option in kind.options(user=user, coop=coop)]


def parse_option(value: str) -> tuple[str, int | None]:
    """ "group:12" → ("group", 12); "coop_members" → ("coop_members", None)."""
    key, _sep, target = (value or "").partition(":")
    return key, int(target) if target.isdigit() else None


for _kind in (NetworkAudience(), ReferentsAudience(), CoopStaffAudience(), CoopMembersAudience()):
    register_audience(_kind)
