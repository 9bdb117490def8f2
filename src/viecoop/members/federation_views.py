"""What the federation sees of the registers: counts per coop, never a person."""

from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import space_view

from .models import Member

ADMITTED = Q(members__status=Member.Status.ADMITTED)


@space_view("organizations.view_federation")
def membership_overview(request):
    coops = (
        Coop.objects.active()
        .annotate(
            admitted=Count("members", filter=ADMITTED),
            candidates=Count("members", filter=Q(members__status=Member.Status.CANDIDATE)),
            users=Count("members", filter=ADMITTED & Q(members__college__kind="users")),
            linked=Count("members", filter=ADMITTED & Q(members__user__isnull=False)),
        )
        .order_by("name")
    )
    totals = {
        key: sum(getattr(c, key) for c in coops)
        for key in ("admitted", "candidates", "users", "linked")
    }
    return render(request, "members/federation_overview.html", {"coops": coops, "totals": totals})


@space_view("organizations.view_federation")
def membership_coop(request, coop_slug: str):
    coop = get_object_or_404(Coop.objects.active(), slug=coop_slug)
    admitted = Member.objects.filter(coop=coop, status=Member.Status.ADMITTED)
    by_category = (
        admitted.values("category__name").annotate(n=Count("pk")).order_by("-n", "category__name")
    )
    by_college = (
        admitted.values("college__name").annotate(n=Count("pk")).order_by("-n", "college__name")
    )
    total = sum(row["n"] for row in by_college)
    return render(
        request,
        "members/federation_coop.html",
        {"coop": coop, "by_category": by_category, "by_college": by_college, "total": total},
    )
