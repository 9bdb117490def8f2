"""Reads for the API and the tokens page, each with a constant number of queries."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from viecoop.members import selectors as member_selectors
from viecoop.members.models import Category, College, Member
from viecoop.organizations.models import Coop, Residence

from .models import ApiToken

# Stable orders for paging: every one ends with the primary key, so no row is skipped
# nor repeated between two pages.
MEMBER_ORDERS = {
    "id": ("pk",),
    "-id": ("-pk",),
    "updated_at": ("updated_at", "pk"),
    "-updated_at": ("-updated_at", "-pk"),
    "name": ("last_name", "first_name", "legal_name", "pk"),
    "-name": ("-last_name", "-first_name", "-legal_name", "-pk"),
}


def api_members(
    *,
    coop: Coop,
    status: str = "",
    category: str = "",
    college: str = "",
    residence: int | None = None,
    updated_since: datetime | None = None,
    search: str = "",
    order: str = "id",
) -> QuerySet[Member]:
    """The coop's members as the API lists them, with their balance from the ledger."""
    qs = member_selectors.member_list(
        coop=coop, search=search, status=status, residence=residence
    ).select_related("residence__api_code")
    if category:
        qs = qs.filter(category__code=category)
    if college:
        qs = qs.filter(college__code=college)
    if updated_since is not None:
        qs = qs.filter(updated_at__gte=updated_since)
    return qs.order_by(*MEMBER_ORDERS[order])


def api_member(*, coop: Coop, pk: int | None = None, number: str | None = None) -> Member | None:
    qs = api_members(coop=coop)
    return qs.filter(pk=pk).first() if pk is not None else qs.filter(number=number).first()


def api_residences(*, coop: Coop) -> QuerySet[Residence]:
    members = (
        Member.objects.filter(residence=OuterRef("pk"))
        .order_by()
        .values("residence")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Residence.objects.filter(coop=coop)
        .select_related("api_code")
        .annotate(members_count=Coalesce(Subquery(members), 0))
        .order_by("name", "pk")
    )


def api_categories(*, coop: Coop) -> QuerySet[Category]:
    return Category.objects.filter(coop=coop).select_related("default_college")


def api_colleges(*, coop: Coop) -> QuerySet[College]:
    return College.objects.filter(coop=coop)


def coop_tokens(*, coop: Coop) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(coop=coop).select_related("created_by", "revoked_by")
