"""Reads on the register and the ledger, each with a constant number of queries."""

from __future__ import annotations

from datetime import date

from django.db.models import DecimalField, ExpressionWrapper, F, QuerySet, Sum

from viecoop.core.text import fold
from viecoop.organizations.models import Coop

from .models import Member, ShareMovement, ShareOperation


def member_list(
    *,
    coop: Coop,
    search: str = "",
    status: str = "",
    category: int | None = None,
    college: int | None = None,
    residence: int | None = None,
) -> QuerySet[Member]:
    qs = (
        Member.objects.filter(coop=coop)
        .select_related("category", "college", "residence")
        .with_shares()
    )
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category_id=category)
    if college:
        qs = qs.filter(college_id=college)
    if residence:
        qs = qs.filter(residence_id=residence)
    for word in fold(search).split()[:5]:
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("last_name", "first_name", "legal_name", "pk")


def member_history(*, member: Member) -> QuerySet[ShareMovement]:
    return (
        ShareMovement.objects.filter(member=member)
        .select_related(
            "operation", "operation__member", "operation__counterpart", "operation__created_by"
        )
        .order_by("operation__effective_date", "operation__sequence")
    )


def ledger(*, coop: Coop) -> QuerySet[ShareOperation]:
    return (
        ShareOperation.objects.filter(coop=coop)
        .select_related("member", "counterpart", "created_by")
        .order_by("-sequence")
    )


def capital(*, coop: Coop, on: date | None = None) -> dict:
    """Shares and capital of the coop, derived from the ledger (never typed)."""
    movements = ShareMovement.objects.filter(operation__coop=coop)
    if on is not None:
        movements = movements.filter(operation__effective_date__lte=on)
    totals = movements.aggregate(
        total_shares=Sum("shares"),
        total_amount=Sum(
            ExpressionWrapper(
                F("shares") * F("operation__unit_price"),
                output_field=DecimalField(max_digits=16, decimal_places=2),
            )
        ),
    )
    return {"shares": totals["total_shares"] or 0, "amount": totals["total_amount"] or 0}
