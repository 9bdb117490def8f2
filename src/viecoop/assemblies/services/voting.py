"""Votes before the meeting: online votes, paper postal forms, proxies, and their receipts.

One member, one vote: every write here first locks the voter's row of the frozen list
(``select_for_update``), so two devices of the same member, or a member and the staff typing
their paper form, are served one after the other; the database's unique constraints (one
ballot per voter and resolution, one active advance vote, one active proxy per giver) stop
anything that would slip through. A proxy also locks its holder's row (both in id order, so
two people giving each other a proxy cannot deadlock) to count the proxies held under the cap.

The rules themselves — cut-offs, what a proxy allows, the cap — are the engine's.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.accounts.services import generate_code
from viecoop.audit.services import audit_record

from .. import engine
from ..governance import rules_of
from ..models import AdvanceVote, Assembly, Ballot, Channel, Choice, Proxy, Voter
from . import AssemblyError

VOTE_CHOICES = {Choice.FOR.value, Choice.AGAINST.value, Choice.ABSTAIN.value, Choice.BLANK.value}


def receipt_code() -> str:
    return generate_code()  # 12 characters without 0/O, 1/I/L, in groups of four


def digest(*, assembly_id: int, voter_number: str, choices: dict[str, str], added: str) -> str:
    """The fingerprint printed on a receipt: anyone can recompute it from the counted ballots."""
    payload = json.dumps(
        {"assembly": assembly_id, "voter": voter_number, "choices": choices, "added": added},
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _lock_voters(*voters: Voter | None) -> dict[int, Voter]:
    """Lock the voters' rows in id order (no deadlock between two crossing proxies)."""
    ids = sorted({v.pk for v in voters if v is not None})
    locked = Voter.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return {v.pk: v for v in locked}


def _assembly_open(assembly: Assembly) -> Assembly:
    assembly = Assembly.objects.select_related("coop").get(pk=assembly.pk)
    if assembly.status != Assembly.Status.CONVENED:
        if assembly.status == Assembly.Status.DRAFT:
            raise AssemblyError(_("The notice of this assembly has not been sent yet."))
        raise AssemblyError(_("The meeting has started: votes before the meeting are closed."))
    return assembly


def active_proxy(voter: Voter) -> Proxy | None:
    return Proxy.objects.filter(giver=voter, status=Proxy.Status.ACTIVE).first()


def active_advance_vote(voter: Voter) -> AdvanceVote | None:
    return AdvanceVote.objects.filter(voter=voter, status=AdvanceVote.Status.ACTIVE).first()


@transaction.atomic
def advance_vote_record(
    *,
    actor,
    assembly: Assembly,
    voter: Voter,
    channel: str,
    choices: dict[int, str],
    added_resolutions: str,
    received_at: datetime | None = None,
    confirmed_by=None,
) -> AdvanceVote:
    """Record an online vote or a paper postal form; it replaces the voter's earlier one.

    ``choices``: resolution id → for / against / abstain (a paper form may leave some empty:
    those count as blank, not as votes cast). Refused after the cut-off of its medium (paper
    received by D-3, online until 15:00 the day before), when the voter gave a proxy (unless
    the rules let a later vote replace it), and once the meeting has started.
    """
    assembly = _assembly_open(assembly)
    rules = rules_of(assembly)
    voter = _lock_voters(voter)[voter.pk]
    if voter.assembly_id != assembly.pk:
        raise AssemblyError(_("This member is not on the list of voters of this assembly."))
    received_at = received_at or timezone.now()
    medium = engine.medium_of(channel)
    validity = engine.check_form(rules, assembly.starts_at, medium, received_at)
    if not validity.valid:
        raise AssemblyError(validity.explanation)
    if added_resolutions not in AdvanceVote.AddedResolutions.values:
        raise AssemblyError(_("Choose what to do with resolutions added during the meeting."))
    resolutions = {
        r.pk: r
        for r in assembly.resolutions.filter(added_during_meeting=False).order_by("position")
    }
    unknown = set(choices) - set(resolutions)
    if unknown:
        raise AssemblyError(_("A choice is about a resolution that is not on the notice."))
    if any(value not in VOTE_CHOICES for value in choices.values()):
        raise AssemblyError(_("Choose for, against or abstain."))
    if channel == Channel.ONLINE and set(choices) != set(resolutions):
        raise AssemblyError(_("Choose for, against or abstain on every resolution."))

    proxy = active_proxy(voter)
    if proxy is not None:
        if not rules.later_vote_replaces_proxy:
            raise AssemblyError(
                _(
                    "You gave a proxy for this assembly: revoke it first if you want to vote "
                    "yourself."
                )
                if channel == Channel.ONLINE
                else _("This member gave a proxy: it must be revoked before a postal vote counts.")
            )
        proxy.status, proxy.ended_at = Proxy.Status.REPLACED, received_at
        proxy.save(update_fields=["status", "ended_at"])
        audit_record(
            actor=actor,
            action="assembly.proxy_replaced",
            obj=assembly,
            details={"giver": voter.number, "proxy": proxy.pk},
        )

    previous = active_advance_vote(voter)
    if previous is not None:
        previous.status = AdvanceVote.Status.REPLACED
        previous.save(update_fields=["status"])
        Ballot.objects.filter(voter=voter, advance_vote=previous).delete()

    stored = {str(r.position): choices.get(pk, Choice.BLANK) for pk, r in resolutions.items()}
    vote = AdvanceVote(
        assembly=assembly,
        voter=voter,
        channel=channel,
        added_resolutions=added_resolutions,
        choices=stored,
        received_at=received_at,
        receipt_code=receipt_code(),
        digest=digest(
            assembly_id=assembly.pk,
            voter_number=voter.number,
            choices=stored,
            added=added_resolutions,
        ),
        entered_by=actor if channel == Channel.POSTAL else None,
        confirmed_by=confirmed_by,
    )
    vote.save()
    try:
        # No savepoint: if the database refuses a second ballot, the whole vote rolls back.
        Ballot.objects.bulk_create(
            [
                Ballot(
                    assembly=assembly,
                    resolution_id=pk,
                    voter=voter,
                    choice=choices.get(pk, Choice.BLANK),
                    channel=channel,
                    cast_at=received_at,
                    advance_vote=vote,
                    entered_by=actor if channel == Channel.POSTAL else None,
                )
                for pk in resolutions
            ]
        )
    except IntegrityError:
        raise AssemblyError(_("This member has already voted.")) from None
    audit_record(
        actor=actor,
        action=f"assembly.vote_{channel}",
        obj=assembly,
        details={
            "voter": voter.number,
            "receipt": vote.receipt_code,
            "choices": stored,
            "added_resolutions": added_resolutions,
            "replaces": previous.receipt_code if previous else None,
            "received_at": received_at,
        },
    )
    return vote


def online_vote_cast(
    *,
    user,
    assembly: Assembly,
    choices: dict[int, str],
    added_resolutions: str,
    voter: Voter | None = None,
) -> AdvanceVote:
    """A member votes online from their space (their own line of the list of voters)."""
    if voter is None or voter.member.user_id != user.pk:
        voter = Voter.objects.filter(assembly=assembly, member__user=user).first()
    if voter is None:
        raise AssemblyError(_("You are not on the list of voters of this assembly."))
    return advance_vote_record(
        actor=user,
        assembly=assembly,
        voter=voter,
        channel=Channel.ONLINE,
        choices=choices,
        added_resolutions=added_resolutions,
    )


@transaction.atomic
def advance_vote_withdraw(*, actor, assembly: Assembly, voter: Voter) -> None:
    """Withdraw a vote before the cut-off (to give a proxy instead, for instance)."""
    assembly = _assembly_open(assembly)
    rules = rules_of(assembly)
    voter = _lock_voters(voter)[voter.pk]
    vote = active_advance_vote(voter)
    if vote is None:
        return
    medium = engine.medium_of(vote.channel)
    if not engine.postal_cutoff(rules, assembly.starts_at, medium).accepts(timezone.now()):
        raise AssemblyError(_("The cut-off has passed: the vote can no longer change."))
    vote.status = AdvanceVote.Status.WITHDRAWN
    vote.save(update_fields=["status"])
    Ballot.objects.filter(voter=voter, advance_vote=vote).delete()
    audit_record(
        actor=actor,
        action="assembly.vote_withdraw",
        obj=assembly,
        details={"voter": voter.number, "receipt": vote.receipt_code},
    )


@transaction.atomic
def proxy_give(
    *,
    actor,
    assembly: Assembly,
    giver: Voter,
    holder: Voter | None,
    channel: str = Channel.ONLINE,
    received_at: datetime | None = None,
    confirmed_by=None,
) -> Proxy:
    """A proxy to a named member (``holder``) or to the chair (``None``), until the meeting.

    It replaces the giver's earlier proxy (a proxy is revocable). Refused when the giver has
    already voted before the meeting, when the holder gave their own proxy away, and over the
    statuts' cap of proxies per holder.
    """
    assembly = _assembly_open(assembly)
    rules = rules_of(assembly)
    locked = _lock_voters(giver, holder)
    giver = locked[giver.pk]
    holder = locked[holder.pk] if holder is not None else None
    if giver.assembly_id != assembly.pk or (holder and holder.assembly_id != assembly.pk):
        raise AssemblyError(_("This member is not on the list of voters of this assembly."))
    if holder is not None and holder.pk == giver.pk:
        raise AssemblyError(_("A proxy is given to someone else."))
    received_at = received_at or timezone.now()
    if received_at >= assembly.starts_at:
        raise AssemblyError(_("Proxies are given before the meeting."))
    if active_advance_vote(giver) is not None:
        raise AssemblyError(
            _("This member has already voted before the meeting: withdraw the vote first.")
        )
    if holder is not None:
        if active_proxy(holder) is not None:
            raise AssemblyError(
                _("%(name)s gave their own proxy and will not attend: choose someone else.")
                % {"name": holder.name}
            )
        held = Proxy.objects.filter(holder=holder, status=Proxy.Status.ACTIVE).exclude(giver=giver)
        message = engine.proxy_cap_error(rules, held.count())
        if message:
            raise AssemblyError(message)
    previous = active_proxy(giver)
    if previous is not None:
        previous.status, previous.ended_at = Proxy.Status.REVOKED, received_at
        previous.save(update_fields=["status", "ended_at"])
    proxy = Proxy.objects.create(
        assembly=assembly,
        giver=giver,
        holder=holder,
        channel=channel,
        received_at=received_at,
        receipt_code=receipt_code(),
        entered_by=actor if channel == Channel.POSTAL else None,
        confirmed_by=confirmed_by,
    )
    audit_record(
        actor=actor,
        action="assembly.proxy_give",
        obj=assembly,
        details={
            "giver": giver.number,
            "holder": holder.number if holder else None,
            "channel": channel,
            "receipt": proxy.receipt_code,
            "replaces": previous.receipt_code if previous else None,
        },
    )
    return proxy


@transaction.atomic
def proxy_revoke(*, actor, assembly: Assembly, giver: Voter) -> None:
    """Revoke the giver's proxy (possible until the meeting starts)."""
    assembly = _assembly_open(assembly)
    giver = _lock_voters(giver)[giver.pk]
    proxy = active_proxy(giver)
    if proxy is None:
        return
    proxy.status, proxy.ended_at = Proxy.Status.REVOKED, timezone.now()
    proxy.save(update_fields=["status", "ended_at"])
    audit_record(
        actor=actor,
        action="assembly.proxy_revoke",
        obj=assembly,
        details={"giver": giver.number, "receipt": proxy.receipt_code},
    )
