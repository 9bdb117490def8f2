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
        "jobs",
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
    return (
        Voter.objects.filter(assembly=assembly, member__user=user).select_related("member").first()
    )


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
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    from . import engine
    from .governance import rules_of
    from .models import AdvanceVote, ElectionParticipation, Proxy

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
        "elections": [
            {"pk": e.pk, "title": e.title, "voted": e.voted}
            for e in assembly.elections.annotate(
                voted=Exists(
                    ElectionParticipation.objects.filter(election=OuterRef("pk"), voter=voter)
                )
            )
        ],
    }


def checkin_search(*, assembly: Assembly, search: str = "", card: str = "", limit: int = 20):
    """Voters matching a name, number or admission card, with what the door needs to know
    (checked in? voted before? proxy given? proxies held?), in one query."""
    from django.db.models import Exists, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from .models import AdvanceVote, Attendance, Proxy

    qs = Voter.objects.filter(assembly=assembly)
    if card:
        qs = qs.filter(card_code=card.strip().upper())
    else:
        words = fold(search).split()[:5]
        if not words:
            return Voter.objects.none()
        for word in words:
            qs = qs.filter(search_text__contains=word)
    held = (
        Proxy.objects.filter(holder=OuterRef("pk"), status=Proxy.Status.ACTIVE)
        .order_by()
        .values("holder")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(
        checked_in_mode=Subquery(
            Attendance.objects.filter(voter=OuterRef("pk")).values("mode")[:1]
        ),
        voted_before=Exists(
            AdvanceVote.objects.filter(voter=OuterRef("pk"), status=AdvanceVote.Status.ACTIVE)
        ),
        gave_proxy=Exists(Proxy.objects.filter(giver=OuterRef("pk"), status=Proxy.Status.ACTIVE)),
        held_count=Coalesce(Subquery(held), 0),
    ).order_by("name", "number")[:limit]


def attendance_counts(*, assembly: Assembly) -> dict:
    """Heads checked in, by mode (the quorum itself counts votes, see services.results)."""
    from .models import Attendance

    rows = dict(
        Attendance.objects.filter(assembly=assembly)
        .order_by()
        .values("mode")
        .annotate(n=Count("pk"))
        .values_list("mode", "n")
    )
    return {"present": rows.get("present", 0), "remote": rows.get("remote", 0)}


def attendees(*, assembly: Assembly):
    """Everyone checked in, with their line of the list (for ballots entered one by one)."""
    from .models import Attendance

    return (
        Attendance.objects.filter(assembly=assembly)
        .select_related("voter")
        .order_by("voter__name", "voter__number")
    )


def results_view(*, assembly: Assembly) -> dict:
    """The stored results (summary and explanations) joined to the resolutions and candidates,
    ready for the results page and the minutes (no recomputation: what was published)."""
    from fractions import Fraction

    from .engine import text

    summary = assembly.results["summary"]
    explained = assembly.results["explained"]
    resolutions = []
    for resolution in Resolution.objects.filter(assembly=assembly).order_by("position"):
        numbers = summary["resolutions"].get(str(resolution.pk))
        if numbers is None:
            continue
        share = numbers.get("share_for")
        resolutions.append(
            {
                "resolution": resolution,
                "numbers": numbers,
                "share": text.percent(Fraction(share)) if share else "—",
                "colleges": [
                    {
                        "code": code,
                        **values,
                        "weight_text": text.percent(Fraction(values["weight"]))
                        if values.get("weight")
                        else "",
                    }
                    for code, values in numbers["colleges"].items()
                ],
                "rule": explained["resolutions"][str(resolution.pk)]["rule"],
                "lines": explained["resolutions"][str(resolution.pk)]["lines"],
            }
        )
    elections = []
    scic = assembly.rules and assembly.rules.get("legal_form") == "scic"
    for election in Election.objects.filter(assembly=assembly).prefetch_related("candidates"):
        numbers = summary["elections"].get(str(election.pk))
        if numbers is None:
            continue
        names = {str(c.pk): c.name for c in election.candidates.all()}
        elected = [str(pk) for pk in numbers["elected"]]
        elections.append(
            {
                "election": election,
                "numbers": numbers,
                "elected": [names[pk] for pk in elected],
                "candidates": sorted(
                    (
                        {
                            "name": names[pk],
                            "score": text.percent(Fraction(score)) if scic else score,
                            "elected": pk in elected,
                        }
                        for pk, score in numbers["scores"].items()
                    ),
                    key=lambda c: (not c["elected"], c["name"]),
                ),
                "lines": explained["elections"].get(str(election.pk), []),
            }
        )
    return {
        "summary": summary,
        "attendance": summary["attendance"],
        "quorum_lines": explained["quorums"],
        "resolution_results": resolutions,
        "election_results": elections,
        "notes": explained.get("notes", []),
    }


def board(*, coop: Coop):
    """Who sits on the board now, president first, with since when (one query)."""
    from django.db.models import Case, IntegerField, Value, When

    from .models import Mandate

    order = Case(
        *[When(role=role, then=Value(i)) for i, role in enumerate(Mandate.Role.values)],
        output_field=IntegerField(),
    )
    return (
        Mandate.objects.filter(coop=coop, ends_on__isnull=True)
        .select_related("member", "member__college", "election")
        .annotate(role_order=order)
        .order_by("role_order", "starts_on", "member__last_name", "pk")
    )


def board_history(*, coop: Coop, limit: int = 50):
    from .models import Mandate

    return (
        Mandate.objects.filter(coop=coop, ends_on__isnull=False)
        .select_related("member")
        .order_by("-ends_on", "-pk")[:limit]
    )


def board_user_members(*, coop: Coop) -> dict:
    """The federation's indicator: seats on the board, and how many are held by user-members
    (tenants, buyers, employees: a college of kind "users") — counts only, no names."""
    from viecoop.members.models import CollegeKind

    from .models import Mandate

    running = Mandate.objects.filter(coop=coop, ends_on__isnull=True)
    return {
        "seats": running.count(),
        "user_members": running.filter(member__college__kind=CollegeKind.USERS).count(),
    }


def board_user_members_by_coop() -> dict[int, dict]:
    """The same indicator for every coop, in one query: coop id → seats and user-members."""
    from django.db.models import Q

    from viecoop.members.models import CollegeKind

    from .models import Mandate

    rows = (
        Mandate.objects.filter(ends_on__isnull=True)
        .order_by()
        .values("coop")
        .annotate(
            seats=Count("pk"),
            user_members=Count("pk", filter=Q(member__college__kind=CollegeKind.USERS)),
        )
    )
    return {
        row["coop"]: {"seats": row["seats"], "user_members": row["user_members"]} for row in rows
    }


def export_own_ballots(user) -> list[dict]:
    """A person's part in assemblies, for their personal data export: the lines of the lists of
    voters, advance votes with their choices (open ballots), proxies, attendance, and the
    elections they voted in — never what they chose there (a secret ballot is not stored with
    the voter, so it cannot be exported)."""
    from .models import AdvanceVote, Attendance, ElectionParticipation, Proxy

    lines = []
    for voter in Voter.objects.filter(member__user=user).select_related(
        "assembly", "assembly__coop"
    ):
        assembly = voter.assembly
        lines.append(
            {
                "coop": assembly.coop.name,
                "assembly": assembly.title,
                "date": assembly.starts_at,
                "member_number": voter.number,
                "college": voter.college,
                "votes": voter.votes,
                "votes_before_the_meeting": [
                    {
                        "channel": v.channel,
                        "received_at": v.received_at,
                        "status": v.status,
                        "receipt": v.receipt_code,
                        "choices": v.choices,
                        "added_resolutions": v.added_resolutions,
                    }
                    for v in AdvanceVote.objects.filter(voter=voter).order_by("created_at")
                ],
                "ballots_in_the_meeting": [
                    {"resolution": b.resolution.position, "choice": b.choice, "channel": b.channel}
                    for b in voter.ballots.filter(channel__in=["room", "remote"]).select_related(
                        "resolution"
                    )
                ],
                "proxies_given": [
                    {
                        "to": p.holder.name if p.holder_id else "chair",
                        "status": p.status,
                        "received_at": p.received_at,
                    }
                    for p in Proxy.objects.filter(giver=voter).select_related("holder")
                ],
                "proxies_held": Proxy.objects.filter(holder=voter, status="active").count(),
                "attendance": [
                    {"mode": a.mode, "checked_in_at": a.checked_in_at}
                    for a in Attendance.objects.filter(voter=voter)
                ],
                "elections_voted_in": [
                    p.election.title
                    for p in ElectionParticipation.objects.filter(voter=voter).select_related(
                        "election"
                    )
                ],
            }
        )
    return lines
