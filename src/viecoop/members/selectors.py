"""Reads on the register and the ledger, each with a constant number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.db.models import DecimalField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.utils import timezone

from viecoop.core.text import fold
from viecoop.organizations.models import Coop

from . import voting
from .models import (
    College,
    CollegeChange,
    Consent,
    ConsentPurpose,
    Member,
    ShareMovement,
    ShareOperation,
)


def member_list(
    *,
    coop: Coop,
    search: str = "",
    status: str = "",
    category: int | None = None,
    college: int | None = None,
    residence: int | None = None,
    e_convocation: bool | None = None,
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
    if e_convocation is not None:
        qs = qs.with_consent(ConsentPurpose.E_CONVOCATION, name="e_convocation")
        qs = qs.filter(
            Q(e_convocation=True)
            if e_convocation
            else Q(e_convocation=False) | Q(e_convocation__isnull=True)  # withdrawn, never asked
        )
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


def member_history_with_balance(*, member: Member) -> tuple[list[ShareMovement], int]:
    """The member's movements in date order, each with ``balance_after``; and the final balance."""
    history = list(member_history(member=member))
    balance = 0
    for movement in history:
        balance += movement.shares
        movement.balance_after = balance
    return history, balance


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


def voting_profile(
    *, coop: Coop, draw_seed: int = 0, colleges: list[College] | None = None
) -> voting.Profile:
    """The coop's colleges as the pure voting-rights module wants them."""
    if colleges is None:
        colleges = list(College.objects.filter(coop=coop).order_by("position", "code"))
    return voting.Profile(
        legal_form=coop.legal_form,
        colleges=tuple(
            voting.College(
                code=college.code,
                name=college.name,
                kind=college.kind,
                weight=Fraction(college.weight) / 100 if college.weight is not None else None,
            )
            for college in colleges
        ),
        draw_seed=draw_seed,
    )


def voters_at(*, coop: Coop, on: date) -> QuerySet[Member]:
    """Members who may vote on ``on``: admitted by then, not gone, holding at least one share."""
    return (
        Member.objects.filter(coop=coop, admission_date__lte=on)
        .exclude(status=Member.Status.LEFT, exit_date__lte=on)
        .with_shares(on=on)
        .filter(shares__gte=1)
    )


def balances_at(*, coop: Coop, on: date) -> dict[int, int]:
    """Every positive balance of the coop on ``on``, in one grouped scan of the ledger.

    Faster than a per-member subquery when all members are wanted (a 30,000-member
    coop: one aggregate instead of 30,000 correlated lookups).
    """
    return dict(
        ShareMovement.objects.filter(operation__coop=coop, operation__effective_date__lte=on)
        .order_by()
        .values("member")
        .annotate(total=Sum("shares"))
        .filter(total__gte=1)
        .values_list("member", "total")
    )


def colleges_on(*, coop: Coop, on: date) -> dict[int, int]:
    """Members whose college on ``on`` differs from today's: member id → college id then.

    ``Member.college`` is today's college; a change recorded with an effective date after
    ``on`` means the member was still in its ``from_college`` on ``on`` (the first such
    change, if there are several). One query on the changes after ``on`` (usually few).
    """
    then: dict[int, int] = {}
    for member_id, college_id in (
        CollegeChange.objects.filter(coop=coop, effective_date__gt=on)
        .order_by("effective_date", "pk")
        .values_list("member_id", "from_college_id")
    ):
        then.setdefault(member_id, college_id)
    return then


def voting_rights_at(*, coop: Coop, on: date, draw_seed: int = 0) -> voting.VotingRights:
    """Who votes with how many votes on ``on``: the same people as ``voters_at``, each in the
    college they belonged to on that date (4 queries).
    """
    balances = balances_at(coop=coop, on=on)
    colleges = list(College.objects.filter(coop=coop).order_by("position", "code"))
    codes = {college.pk: college.code for college in colleges}
    then = colleges_on(coop=coop, on=on)
    eligible = (
        Member.objects.filter(coop=coop, admission_date__lte=on)
        .exclude(status=Member.Status.LEFT, exit_date__lte=on)
        .order_by()
        .values_list("pk", "college_id")
    )
    voters = [
        voting.Voter(member_id=pk, college=codes[then.get(pk, college_id)], shares=balances[pk])
        for pk, college_id in eligible
        if pk in balances
    ]
    profile = voting_profile(coop=coop, draw_seed=draw_seed, colleges=colleges)
    return voting.compute_voting_rights(profile, voters)


def export_own_memberships(user) -> list[dict]:
    """A person's register entries and share history, for their personal data export."""
    entries = []
    for member in Member.objects.filter(user=user).select_related(
        "coop", "category", "college", "residence"
    ):
        entries.append(
            {
                "coop": member.coop.name,
                "number": member.number,
                "status": member.status,
                "category": member.category.name,
                "college": member.college.name,
                "residence": member.residence.name if member.residence else None,
                "first_name": member.first_name,
                "last_name": member.last_name,
                "birth_date": member.birth_date,
                "email": member.email,
                "phone": member.phone,
                "address": member.address,
                "postal_code": member.postal_code,
                "city": member.city,
                "admission_date": member.admission_date,
                "exit_date": member.exit_date,
                "preferences": {
                    "preferred_channel": member.preferred_channel,
                    "language": member.language,
                    "topics": member.topics,
                },
                "consents": [
                    {
                        "purpose": c.purpose,
                        "given": c.given,
                        "date": c.date,
                        "channel": c.channel,
                        "text_version": c.text.version,
                        "text": c.text.body,
                        "recorded_at": c.recorded_at,
                    }
                    for c in consent_history(member=member)
                ],
                "share_history": [
                    {
                        "number": m.operation.sequence,
                        "date": m.operation.effective_date,
                        "operation": m.operation.kind,
                        "shares": m.shares,
                        "unit_price": m.operation.unit_price,
                    }
                    for m in member_history(member=member)
                ],
            }
        )
    return entries


# ---------------------------------------------------------------------------------------------
# Consents and communication preferences
# ---------------------------------------------------------------------------------------------


def consent_history(*, member: Member) -> QuerySet[Consent]:
    """Every line of the member's consents, latest first (what the member and staff see)."""
    return (
        Consent.objects.filter(member=member)
        .select_related("text", "recorded_by")
        .order_by("-date", "-pk")
    )


def consents_of(*, member: Member, on: date | None = None) -> dict[str, Consent | None]:
    """The member's consent in force for each purpose on ``on`` (today): its latest line."""
    on = on or timezone.localdate()
    state: dict[str, Consent | None] = dict.fromkeys(ConsentPurpose.values)
    for consent in consent_history(member=member).filter(date__lte=on):
        if state[consent.purpose] is None:
            state[consent.purpose] = consent
    return state


def members_consenting(*, coop: Coop, purpose: str, on: date | None = None) -> QuerySet[Member]:
    """Members of ``coop`` whose consent to ``purpose`` is in force on ``on`` (today)."""
    return Member.objects.filter(coop=coop).with_consent(purpose, on=on).filter(consent=True)


@dataclass(frozen=True)
class ConvocationChannels:
    """Who may be convened to an assembly by e-mail, and who must receive a letter.

    ``by_email``: the member's consent to e-mail notices (C. com. R225-63) is in force on
    the date and they have an e-mail address. ``by_post``: everybody else, a letter each.
    ``no_postal_address``: those of ``by_post`` whose postal address is incomplete (staff
    must complete it before printing the letters). Lists of member ids, sorted.
    """

    by_email: list[int]
    by_post: list[int]
    no_postal_address: list[int]


def convocation_channels(
    *, coop: Coop, on: date, member_ids: Iterable[int] | None = None
) -> ConvocationChannels:
    """Split members (``member_ids``, else every admitted member) between e-mail and post,
    by their consents on ``on`` (the day the notice is sent). One query.
    """
    members = Member.objects.filter(coop=coop)
    if member_ids is None:
        members = members.filter(status=Member.Status.ADMITTED)
    else:
        members = members.filter(pk__in=list(member_ids))
    by_email, by_post, no_address = [], [], []
    rows = (
        members.with_consent(ConsentPurpose.E_CONVOCATION, on=on)
        .order_by("pk")
        .values_list("pk", "consent", "email", "address", "postal_code", "city")
    )
    for pk, consent, email, address, postal_code, city in rows.iterator(chunk_size=5000):
        if consent and email:
            by_email.append(pk)
        else:
            by_post.append(pk)
            if not (address and postal_code and city):
                no_address.append(pk)
    return ConvocationChannels(by_email, by_post, no_address)
