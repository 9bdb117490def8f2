"""Reads about organisations and who may act where."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from viecoop.core.text import fold

from .models import Coop, CoopRole, Federation, FederationRole, Residence

_CACHE_ATTR = "_viecoop_roles"


@dataclass(frozen=True)
class Roles:
    """Everything a request needs to know about one person's roles (loaded once)."""

    coop_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    coops: tuple[Coop, ...] = ()
    federation_roles: frozenset[str] = frozenset()

    def in_coop(self, coop: Coop | int | None) -> frozenset[str]:
        if coop is None:
            return frozenset()
        coop_id = coop if isinstance(coop, int) else coop.pk
        return self.coop_roles.get(coop_id, frozenset())

    def coop_by_slug(self, slug: str) -> Coop | None:
        return next((coop for coop in self.coops if coop.slug == slug), None)

    @property
    def is_staff_somewhere(self) -> bool:
        return any(roles & CoopRole.STAFF_ROLES for roles in self.coop_roles.values())


def roles_for(user) -> Roles:
    """Roles of ``user``, cached on the user object for the life of the request (2 queries)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Roles()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    coop_roles: dict[int, set[str]] = {}
    coops: dict[int, Coop] = {}
    for role in (
        CoopRole.objects.filter(user=user, coop__is_active=True)
        .select_related("coop")
        .order_by("coop__name")
    ):
        coop_roles.setdefault(role.coop_id, set()).add(role.role)
        coops.setdefault(role.coop_id, role.coop)
    federation_roles = frozenset(
        FederationRole.objects.filter(user=user).values_list("role", flat=True)
    )
    roles = Roles(
        coop_roles={key: frozenset(value) for key, value in coop_roles.items()},
        coops=tuple(coops.values()),
        federation_roles=federation_roles,
    )
    setattr(user, _CACHE_ATTR, roles)
    return roles


def forget_roles(user) -> None:
    """Drop the cached roles after a change, so the next check reads them again."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def current_federation() -> Federation | None:
    return Federation.objects.order_by("pk").first()


def coop_list(*, region: str = "", legal_form: str = "", search: str = "") -> QuerySet[Coop]:
    """Active coops with their counts, for the network directory (constant queries)."""
    qs = Coop.objects.active().with_counts()
    if region:
        qs = qs.filter(region=region)
    if legal_form:
        qs = qs.filter(legal_form=legal_form)
    if search:
        qs = qs.filter(search_text__contains=fold(search))
    return qs.order_by("name")


def coop_team(*, coop: Coop) -> QuerySet[CoopRole]:
    """Staff roles of a coop (members are listed by the register, not here)."""
    return (
        CoopRole.objects.filter(coop=coop, role__in=CoopRole.STAFF_ROLES)
        .select_related("user", "granted_by")
        .order_by("user__last_name", "user__first_name", "role")
    )


def coop_residences(*, coop: Coop, search: str = "") -> QuerySet[Residence]:
    qs = Residence.objects.filter(coop=coop)
    if search:
        qs = qs.filter(search_text__contains=fold(search))
    return qs.order_by("name")


def federation_team(*, federation: Federation) -> QuerySet[FederationRole]:
    return (
        FederationRole.objects.filter(federation=federation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
