"""Reads of the network, each with a number of queries that does not grow with the rows."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate

from viecoop.core.text import fold
from viecoop.organizations.models import Coop, CoopRole, Region

from .models import NewsComment, NewsPost, ReferentApplication, ReferentMandate, ReferentProfile
from .regions_map import RegionsMap, build_map

REFERENT = CoopRole.Role.REFERENT


def referent_roles() -> QuerySet[CoopRole]:
    """Current référent roles with the person, their profile and themes, and since when.

    ``since`` is the start of the open mandate in that coop, else the day the role was given.
    """
    open_mandate = ReferentMandate.objects.filter(
        user=OuterRef("user"), coop=OuterRef("coop"), ended_on__isnull=True
    ).values("started_on")[:1]
    return (
        CoopRole.objects.filter(role=REFERENT)
        .select_related("user", "user__referent_profile")
        .prefetch_related("user__referent_profile__theme_rows")
        .annotate(since=Coalesce(Subquery(open_mandate), TruncDate("created_at")))
    )


def _theme_filter(theme: str) -> Q:
    return Q(user__referent_profile__theme_rows__theme=theme)


def directory_coops(
    *, region: str = "", theme: str = "", legal_form: str = "", search: str = ""
) -> QuerySet[Coop]:
    """Active coops with counts and their current référents (``coop.referents``)."""
    referents = referent_roles().order_by("user__last_name", "user__first_name")
    qs = (
        Coop.objects.active()
        .with_counts()
        .prefetch_related(Prefetch("roles", queryset=referents, to_attr="referents"))
    )
    if region:
        qs = qs.filter(region=region)
    if legal_form:
        qs = qs.filter(legal_form=legal_form)
    if theme:
        with_theme = CoopRole.objects.filter(_theme_filter(theme), role=REFERENT).values("coop_id")
        qs = qs.filter(pk__in=Subquery(with_theme))
    if search:
        qs = qs.filter(search_text__contains=fold(search))
    return qs.order_by("name")


def directory_referents(
    *, region: str = "", theme: str = "", search: str = ""
) -> QuerySet[CoopRole]:
    """Current référents of active coops (one row per person and coop)."""
    qs = referent_roles().select_related("coop").filter(coop__is_active=True)
    if region:
        qs = qs.filter(coop__region=region)
    if theme:
        qs = qs.filter(_theme_filter(theme))
    # Every word must match the person (name, job, expertise) or their coop; single letters
    # would match almost everything, so they are left out.
    for word in [w for w in fold(search).split() if len(w) > 1][:5]:
        qs = qs.filter(
            Q(user__referent_profile__search_text__contains=word)
            | Q(coop__search_text__contains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__first_name__icontains=word)
        )
    return qs.order_by("user__last_name", "user__first_name", "coop__name")


def region_counts() -> dict[str, tuple[int, int]]:
    """{region: (active coops, current référents)} in one query."""
    rows = (
        Coop.objects.active()
        .values("region")
        .annotate(
            coops=Count("pk", distinct=True),
            referents=Count("roles", filter=Q(roles__role=REFERENT), distinct=True),
        )
        .order_by()
    )
    return {row["region"]: (row["coops"], row["referents"]) for row in rows}


def regions_map(*, current: str = "") -> RegionsMap:
    return build_map(region_counts(), current=current if current in Region.values else "")


def network_figures() -> dict[str, int]:
    """Coops, coops with a référent, référents (people), for the network's home."""
    referent_roles_qs = CoopRole.objects.filter(role=REFERENT, coop__is_active=True)
    figures = Coop.objects.active().aggregate(
        coops=Count("pk", distinct=True),
        covered=Count("pk", filter=Q(roles__role=REFERENT), distinct=True),
    )
    figures["referents"] = referent_roles_qs.values("user_id").distinct().count()
    return figures


def coops_without_referent() -> QuerySet[Coop]:
    has_referent = CoopRole.objects.filter(coop=OuterRef("pk"), role=REFERENT)
    last_mandate = ReferentMandate.objects.filter(coop=OuterRef("pk")).order_by("-ended_on")
    return (
        Coop.objects.active()
        .with_counts()
        .exclude(Exists(has_referent))
        .annotate(last_referent_until=Subquery(last_mandate.values("ended_on")[:1]))
        .order_by("region", "name")
    )


# Profiles and mandates ---------------------------------------------------------------
def profile_detail(*, pk: int) -> ReferentProfile:
    return ReferentProfile.objects.select_related("user").prefetch_related("theme_rows").get(pk=pk)


def mandates_of(*, user) -> QuerySet[ReferentMandate]:
    return ReferentMandate.objects.filter(user=user).select_related("coop")


def coop_mandates(*, coop: Coop) -> QuerySet[ReferentMandate]:
    return (
        ReferentMandate.objects.filter(coop=coop)
        .select_related("user", "user__referent_profile")
        .order_by("-started_on", "-pk")
    )


def coop_applications(*, coop: Coop) -> QuerySet[ReferentApplication]:
    return (
        ReferentApplication.objects.filter(coop=coop)
        .select_related("user", "decided_by")
        .order_by("-created_at")
    )


def applications(*, status: str = "") -> QuerySet[ReferentApplication]:
    qs = ReferentApplication.objects.select_related("user", "coop", "decided_by")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def pending_applications_count() -> int:
    return ReferentApplication.objects.filter(status=ReferentApplication.Status.PENDING).count()


# News ------------------------------------------------------------------------------------
def _with_comment_count(qs: QuerySet[NewsPost]) -> QuerySet[NewsPost]:
    visible = (
        NewsComment.objects.filter(post=OuterRef("pk"), hidden_at__isnull=True)
        .order_by()
        .values("post")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(comments_count=Coalesce(Subquery(visible), 0))


def published_news() -> QuerySet[NewsPost]:
    return _with_comment_count(
        NewsPost.objects.filter(status=NewsPost.Status.PUBLISHED)
        .select_related("author", "coop")
        .order_by("-published_at", "-pk")
    )


def news_to_moderate() -> QuerySet[NewsPost]:
    return (
        NewsPost.objects.filter(status=NewsPost.Status.SUBMITTED)
        .select_related("author", "coop")
        .order_by("submitted_at", "pk")
    )


def own_news(*, user) -> QuerySet[NewsPost]:
    return (
        NewsPost.objects.filter(author=user)
        .exclude(status=NewsPost.Status.PUBLISHED)
        .select_related("coop")
        .order_by("-updated_at")
    )


def federation_drafts() -> QuerySet[NewsPost]:
    """Drafts of the federation's team: shared, any of them may finish and publish one."""
    return (
        NewsPost.objects.filter(status=NewsPost.Status.DRAFT)
        .select_related("author")
        .order_by("-updated_at")
    )


def post_comments(*, post: NewsPost, include_hidden: bool) -> QuerySet[NewsComment]:
    qs = NewsComment.objects.filter(post=post).select_related("author", "hidden_by")
    if not include_hidden:
        qs = qs.filter(hidden_at__isnull=True)
    return qs.order_by("created_at", "pk")
