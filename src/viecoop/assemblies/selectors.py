"""Reads of the assemblies app, each with a constant number of queries."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet, Sum

from viecoop.core.text import fold
from viecoop.organizations.models import Coop

from .models import (
    AgendaItem,
    Assembly,
    AssemblyDocument,
    Candidate,
    Election,
    Resolution,
    Voter,
)


def assembly_list(*, coop: Coop, staff: bool) -> QuerySet[Assembly]:
    """The coop's assemblies, newest first; members do not see those still in preparation."""
    qs = Assembly.objects.filter(coop=coop).annotate(
        voters_count=Count("voters", distinct=True),
        resolutions_count=Count("resolutions", distinct=True),
    )
    if not staff:
        qs = qs.exclude(status=Assembly.Status.DRAFT)
    return qs.select_related("coop", "first_meeting").order_by("-starts_at", "-pk")


def assembly_with_papers(*, coop: Coop, pk: int, staff: bool) -> Assembly:
    """One assembly with its agenda, resolutions, documents and elections (5 queries)."""
    from viecoop.organizations.tenancy import scoped_get

    queryset = Assembly.objects.select_related("coop", "first_meeting").prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position", "pk")),
        Prefetch(
            "resolutions",
            queryset=Resolution.objects.order_by("position", "pk").prefetch_related(
                Prefetch("documents", queryset=AssemblyDocument.objects.order_by("pk"))
            ),
        ),
        Prefetch(
            "documents",
            queryset=AssemblyDocument.objects.filter(resolution__isnull=True).order_by("pk"),
            to_attr="general_documents",
        ),
        Prefetch(
            "elections",
            queryset=Election.objects.order_by("position", "pk").prefetch_related(
                Prefetch("candidates", queryset=Candidate.objects.order_by("position", "name"))
            ),
        ),
    )
    if not staff:
        queryset = queryset.exclude(status=Assembly.Status.DRAFT)
    return scoped_get(queryset, coop=coop, pk=pk)


def voter_list(*, assembly: Assembly, search: str = "", college: str = "") -> QuerySet[Voter]:
    qs = Voter.objects.filter(assembly=assembly)
    if college:
        qs = qs.filter(college=college)
    for word in fold(search).split()[:5]:
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("name", "number")


def voter_for_user(*, assembly: Assembly, user) -> Voter | None:
    """The line of the list of voters of the person logged in (through their register entry)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Voter.objects.filter(assembly=assembly, member__user=user).first()


def college_summary(*, assembly: Assembly) -> list[dict]:
    """Voters and votes per college of the frozen list."""
    rows = (
        Voter.objects.filter(assembly=assembly)
        .order_by()
        .values("college")
        .annotate(voters=Count("pk"), votes=Sum("votes"))
        .order_by("college")
    )
    return list(rows)


def assemblies_open_for(*, coop: Coop, user) -> QuerySet[Assembly]:
    """Assemblies where this person is on the list of voters, not yet closed."""
    return Assembly.objects.filter(
        coop=coop,
        status__in=[Assembly.Status.CONVENED, Assembly.Status.IN_SESSION],
        voters__member__user=user,
    ).distinct()


__all__ = [
    "assemblies_open_for",
    "assembly_list",
    "assembly_with_papers",
    "college_summary",
    "voter_for_user",
    "voter_list",
]


def receipt_lookup(*, assembly: Assembly, code: str) -> dict | None:
    """What a receipt code stands for, once the results are published (None: unknown code).

    An advance vote shows its choices as counted and a fingerprint recomputed from the ballots
    in the count, to compare with the one printed on the receipt; a proxy, whether it was in
    force; an election ballot, that it is in the ballot box (never who cast it).
    """
    from viecoop.accounts.services import format_code, normalize_code

    from .models import AdvanceVote, Ballot, ElectionBallot, Proxy
    from .services.voting import digest

    code = format_code(normalize_code(code))
    vote = (
        AdvanceVote.objects.filter(assembly=assembly, receipt_code=code)
        .select_related("voter")
        .first()
    )
    if vote is not None:
        counted = {
            str(position): choice
            for position, choice in Ballot.objects.filter(advance_vote=vote).values_list(
                "resolution__position", "choice"
            )
        }
        return {
            "kind": "vote",
            "object": vote,
            "counted": vote.status == AdvanceVote.Status.ACTIVE,
            "choices": sorted(counted.items(), key=lambda item: int(item[0])),
            "fingerprint": digest(
                assembly_id=assembly.pk,
                voter_number=vote.voter.number,
                choices=counted,
                added=vote.added_resolutions,
            )
            if counted
            else "",
        }
    proxy = Proxy.objects.filter(assembly=assembly, receipt_code=code).first()
    if proxy is not None:
        return {"kind": "proxy", "object": proxy, "counted": proxy.status == Proxy.Status.ACTIVE}
    ballot = ElectionBallot.objects.filter(election__assembly=assembly, receipt_code=code).first()
    if ballot is not None:
        return {"kind": "election", "object": ballot, "counted": True}
    return None


def my_vote(*, assembly: Assembly, voter: Voter) -> dict:
    """A voter's situation: their advance vote, proxy given, proxies held, and what is still open."""
    from django.utils import timezone

    from . import engine
    from .governance import rules_of
    from .models import AdvanceVote, Proxy

    rules = rules_of(assembly)
    cutoff = engine.postal_cutoff(rules, assembly.starts_at, engine.Medium.ELECTRONIC)
    return {
        "advance_vote": AdvanceVote.objects.filter(
            voter=voter, status=AdvanceVote.Status.ACTIVE
        ).first(),
        "proxy": Proxy.objects.filter(giver=voter, status=Proxy.Status.ACTIVE)
        .select_related("holder")
        .first(),
        "held": Proxy.objects.filter(holder=voter, status=Proxy.Status.ACTIVE).count(),
        "can_vote": assembly.status == Assembly.Status.CONVENED and cutoff.accepts(timezone.now()),
        "cutoff": cutoff.describe(),
    }
