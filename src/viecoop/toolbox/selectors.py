"""Reads on the toolbox, each with a constant number of queries.

What a person may see is decided here, never in templates: the network sees published
resources; members see published resources meant for members; the federation sees all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from viecoop.organizations.models import Coop

from .models import (
    Feedback,
    Relay,
    RelayRecipient,
    Resource,
    ResourceTheme,
    ResourceUse,
    ResourceVersion,
)
from .search import search_resources
from .themes import Theme


@dataclass(frozen=True)
class Filters:
    search: str = ""
    theme: str = ""
    audience: str = ""
    format: str = ""
    language: str = ""
    state: str = ""
    new_only: bool = False

    @classmethod
    def from_query(cls, params, *, with_state: bool = False) -> Filters:
        """Read the filters of a query string; unknown values are ignored, never an error."""
        from .models import Audience, Format, Language

        def pick(name: str, allowed) -> str:
            value = params.get(name, "")
            return value if value in allowed else ""

        return cls(
            search=params.get("q", "").strip()[:200],
            theme=pick("theme", Theme.values),
            audience=pick("public", Audience.values),
            format=pick("format", Format.values),
            language=pick("langue", Language.values),
            state=pick("etat", Resource.State.values) if with_state else "",
            new_only=params.get("nouveautes") == "1",
        )

    @property
    def active(self) -> bool:
        return any(
            [
                self.search,
                self.theme,
                self.audience,
                self.format,
                self.language,
                self.state,
                self.new_only,
            ]
        )


def _themes_prefetch() -> Prefetch:
    return Prefetch("themes", queryset=ResourceTheme.objects.order_by("theme"))


def _apply_filters(qs: QuerySet[Resource], filters: Filters) -> QuerySet[Resource]:
    if filters.theme:
        qs = qs.filter(
            Exists(ResourceTheme.objects.filter(resource=OuterRef("pk"), theme=filters.theme))
        )
    if filters.audience:
        qs = qs.filter(**{f"for_{filters.audience}": True})
    if filters.format:
        qs = qs.filter(format=filters.format)
    if filters.language:
        qs = qs.filter(language=filters.language)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.search:
        qs = search_resources(qs, filters.search)
    return qs


def network_resources(*, user, filters: Filters, since: datetime | None) -> QuerySet[Resource]:
    """Published resources for the network, with "new" and "updated since you used it" flags."""
    my_use = ResourceUse.objects.filter(resource=OuterRef("pk"), user=user).order_by(
        "-last_version"
    )
    qs = (
        Resource.objects.published()
        .select_related("current_version")
        .prefetch_related(_themes_prefetch())
        .annotate(
            my_last_version=Subquery(
                my_use.values("last_version")[:1], output_field=IntegerField()
            ),
            is_new=(Q(changed_at__gt=since) if since is not None else Value(False)),
        )
    )
    if filters.new_only and since is not None:
        qs = qs.filter(changed_at__gt=since)
    qs = _apply_filters(qs, filters)
    if not filters.search:
        qs = qs.order_by("-changed_at", "-pk")
    return qs


def news_since(*, since: datetime, limit: int = 6) -> list[Resource]:
    return list(
        Resource.objects.published()
        .filter(changed_at__gt=since)
        .select_related("current_version")
        .order_by("-changed_at", "-pk")[:limit]
    )


def updated_since_used(*, user, limit: int = 10) -> list[ResourceUse]:
    """Resources with a newer version than the one this person last opened."""
    from django.db.models import F

    return list(
        ResourceUse.objects.filter(
            user=user,
            resource__state=Resource.State.PUBLISHED,
            last_version__lt=F("resource__current_version__number"),
        )
        .select_related("resource", "resource__current_version")
        .order_by("-resource__changed_at")[:limit]
    )


def unread_shared_count(*, user) -> int:
    return RelayRecipient.objects.filter(
        user=user, read_at__isnull=True, relay__resource__state=Resource.State.PUBLISHED
    ).count()


def shared_with_me(*, user) -> QuerySet[RelayRecipient]:
    return (
        RelayRecipient.objects.filter(user=user, relay__resource__state=Resource.State.PUBLISHED)
        .select_related("relay", "relay__resource", "relay__sender", "relay__coop")
        .order_by("-relay__created_at", "-pk")
    )


def published_resource(*, pk: int) -> Resource:
    """A resource the network may read (published), else 404."""
    try:
        return (
            Resource.objects.published()
            .select_related("current_version")
            .prefetch_related(_themes_prefetch())
            .get(pk=pk)
        )
    except Resource.DoesNotExist as error:
        raise Http404("No such published resource.") from error


def member_resource(*, pk: int) -> Resource:
    """A resource members may read: published and meant for members, else 404."""
    try:
        return (
            Resource.objects.for_members()
            .select_related("current_version")
            .prefetch_related(_themes_prefetch())
            .get(pk=pk)
        )
    except Resource.DoesNotExist as error:
        raise Http404("No such resource for members.") from error


def member_resources(*, filters: Filters) -> QuerySet[Resource]:
    qs = (
        Resource.objects.for_members()
        .select_related("current_version")
        .prefetch_related(_themes_prefetch())
    )
    qs = _apply_filters(qs, Filters(search=filters.search, theme=filters.theme))
    if not filters.search:
        qs = qs.order_by("-changed_at", "-pk")
    return qs


def versions_of(*, resource: Resource) -> list[ResourceVersion]:
    return list(
        ResourceVersion.objects.filter(resource=resource)
        .select_related("created_by")
        .order_by("-number")
    )


def my_feedback(*, user, resource: Resource) -> Feedback | None:
    return Feedback.objects.filter(user=user, resource=resource).first()


def my_proposals(*, user) -> QuerySet[Resource]:
    return (
        Resource.objects.filter(proposed_by=user)
        .select_related("proposed_by_coop", "current_version")
        .order_by("-created_at")
    )


# Federation: management and reach --------------------------------------------------------
def _count(model, *, field: str, distinct: str | None = None, **filters) -> Subquery:
    """A correlated COUNT as a subquery (no row multiplication between several counts)."""
    qs = model.objects.filter(**{field: OuterRef("pk")}, **filters).order_by().values(field)
    aggregate = Count(distinct, distinct=True) if distinct else Count("pk")
    return Coalesce(Subquery(qs.annotate(n=aggregate).values("n")[:1]), 0)


def with_reach(qs: QuerySet[Resource]) -> QuerySet[Resource]:
    """Annotate per resource: coops that used, relayed and rated it, and "useful" votes."""
    return qs.annotate(
        coops_used=_count(ResourceUse, field="resource", distinct="coop"),
        coops_relayed=_count(Relay, field="resource", distinct="coop"),
        coops_rated=_count(Feedback, field="resource", distinct="coop"),
        useful_yes=_count(Feedback, field="resource", useful=True),
        useful_no=_count(Feedback, field="resource", useful=False),
    )


def managed_resources(*, filters: Filters) -> QuerySet[Resource]:
    qs = Resource.objects.select_related("current_version", "proposed_by_coop").prefetch_related(
        _themes_prefetch()
    )
    qs = with_reach(_apply_filters(qs, filters))
    if not filters.search:
        qs = qs.order_by("-updated_at", "-pk")
    return qs


def proposals_to_review() -> QuerySet[Resource]:
    return (
        Resource.objects.filter(state=Resource.State.PROPOSED)
        .select_related("proposed_by", "proposed_by_coop", "current_version")
        .prefetch_related(_themes_prefetch())
        .order_by("created_at")
    )


def managed_resource(*, pk: int) -> Resource:
    try:
        return (
            with_reach(Resource.objects.all())
            .select_related(
                "current_version", "proposed_by", "proposed_by_coop", "reviewed_by", "created_by"
            )
            .prefetch_related(_themes_prefetch())
            .get(pk=pk)
        )
    except Resource.DoesNotExist as error:
        raise Http404("No such resource.") from error


def resource_reach_by_coop(*, resource: Resource) -> list[dict]:
    """Per coop: uses, people who used, relays and their recipients, feedback (3 queries)."""
    rows: dict[int, dict] = {}

    def row(coop_id: int, name: str, slug: str) -> dict:
        return rows.setdefault(
            coop_id,
            {"coop": name, "slug": slug, "uses": 0, "people": 0, "relays": 0, "recipients": 0},
        )

    for entry in (
        ResourceUse.objects.filter(resource=resource)
        .values("coop", "coop__name", "coop__slug")
        .annotate(uses=Sum("count"), people=Count("user", distinct=True))
        .order_by()
    ):
        r = row(entry["coop"], entry["coop__name"], entry["coop__slug"])
        r["uses"], r["people"] = entry["uses"], entry["people"]
    for entry in (
        Relay.objects.filter(resource=resource)
        .values("coop", "coop__name", "coop__slug")
        .annotate(relays=Count("pk", distinct=True), recipients=Count("recipients"))
        .order_by()
    ):
        r = row(entry["coop"], entry["coop__name"], entry["coop__slug"])
        r["relays"], r["recipients"] = entry["relays"], entry["recipients"]
    for entry in (
        Feedback.objects.filter(resource=resource)
        .values("coop", "coop__name", "coop__slug")
        .annotate(
            yes=Count("pk", filter=Q(useful=True)),
            no=Count("pk", filter=Q(useful=False)),
        )
        .order_by()
    ):
        r = row(entry["coop"], entry["coop__name"], entry["coop__slug"])
        r["yes"], r["no"] = entry["yes"], entry["no"]
    return sorted(rows.values(), key=lambda r: r["coop"])


def resource_feedback(*, resource: Resource) -> QuerySet[Feedback]:
    return (
        Feedback.objects.filter(resource=resource)
        .select_related("user", "coop")
        .order_by("-updated_at")
    )


def coops_reach() -> QuerySet[Coop]:
    """Per active coop: resources used, relayed and rated, relays sent (constant queries)."""
    return (
        Coop.objects.active()
        .annotate(
            resources_used=_count(ResourceUse, field="coop", distinct="resource"),
            resources_relayed=_count(Relay, field="coop", distinct="resource"),
            relays_sent=_count(Relay, field="coop"),
            resources_rated=_count(Feedback, field="coop", distinct="resource"),
        )
        .order_by("name")
    )


def coop_reach(*, coop: Coop) -> list[dict]:
    """What reached one coop: per resource, uses, relays and its feedback (3 queries)."""
    rows: dict[int, dict] = {}

    def row(pk: int, title: str, state: str) -> dict:
        return rows.setdefault(
            pk,
            {
                "pk": pk,
                "title": title,
                "state": Resource.State(state).label,
                "uses": 0,
                "people": 0,
                "relays": 0,
                "recipients": 0,
                "useful": None,
            },
        )

    for entry in (
        ResourceUse.objects.filter(coop=coop)
        .values("resource", "resource__title", "resource__state")
        .annotate(uses=Sum("count"), people=Count("user", distinct=True))
        .order_by()
    ):
        r = row(entry["resource"], entry["resource__title"], entry["resource__state"])
        r["uses"], r["people"] = entry["uses"], entry["people"]
    for entry in (
        Relay.objects.filter(coop=coop)
        .values("resource", "resource__title", "resource__state")
        .annotate(relays=Count("pk", distinct=True), recipients=Count("recipients"))
        .order_by()
    ):
        r = row(entry["resource"], entry["resource__title"], entry["resource__state"])
        r["relays"], r["recipients"] = entry["relays"], entry["recipients"]
    for entry in (
        Feedback.objects.filter(coop=coop)
        .values("resource", "resource__title", "resource__state")
        .annotate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
        .order_by()
    ):
        r = row(entry["resource"], entry["resource__title"], entry["resource__state"])
        r["useful"] = (entry["yes"], entry["no"])
    return sorted(rows.values(), key=lambda r: r["title"].lower())


# Personal data export -------------------------------------------------------------------
def export_person(user) -> dict:
    """A person's ratings and comments, relays sent and received, uses and proposals."""
    return {
        "feedback": [
            {
                "resource": f.resource.title,
                "coop": f.coop.name if f.coop_id else None,
                "useful": f.useful,
                "comment": f.comment,
                "given_at": f.created_at,
                "updated_at": f.updated_at,
            }
            for f in Feedback.objects.filter(user=user).select_related("resource", "coop")
        ],
        "relays_sent": [
            {
                "resource": r.resource.title,
                "coop": r.coop.name,
                "note": r.note,
                "roles": r.roles,
                "recipients": len(r.recipients.all()),
                "sent_at": r.created_at,
            }
            for r in Relay.objects.filter(sender=user)
            .select_related("resource", "coop")
            .prefetch_related("recipients")
        ],
        "relays_received": [
            {
                "resource": rr.relay.resource.title,
                "from": str(rr.relay.sender) if rr.relay.sender_id else None,
                "note": rr.relay.note,
                "sent_at": rr.relay.created_at,
                "read_at": rr.read_at,
            }
            for rr in RelayRecipient.objects.filter(user=user).select_related(
                "relay", "relay__resource", "relay__sender"
            )
        ],
        "uses": [
            {
                "resource": u.resource.title,
                "coop": u.coop.name,
                "times": u.count,
                "first": u.first_used_at,
                "last": u.last_used_at,
            }
            for u in ResourceUse.objects.filter(user=user).select_related("resource", "coop")
        ],
        "proposals": [
            {"title": r.title, "state": r.state, "proposed_at": r.created_at}
            for r in Resource.objects.filter(proposed_by=user)
        ],
    }


def notes_shared_with(*, user, resource: Resource) -> QuerySet[RelayRecipient]:
    """What colleagues wrote when they shared this resource with ``user``."""
    return (
        RelayRecipient.objects.filter(user=user, relay__resource=resource)
        .select_related("relay", "relay__sender")
        .order_by("-relay__created_at")
    )


def relay_colleagues(*, coop: Coop, exclude) -> QuerySet:
    """The staff of ``coop`` a resource may be relayed to (everybody but the sender)."""
    from viecoop.accounts.models import User
    from viecoop.organizations.models import CoopRole

    return (
        User.objects.filter(
            coop_roles__coop=coop, coop_roles__role__in=CoopRole.STAFF_ROLES, is_active=True
        )
        .exclude(pk=exclude.pk)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
