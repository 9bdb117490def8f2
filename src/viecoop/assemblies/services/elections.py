"""Board elections by secret ballot: who voted and what was voted are stored apart.

Casting writes two rows that share nothing: the voter's ``ElectionParticipation`` (who voted,
for the émargement) and a ``PendingBallot`` (what, with a random id and receipt code, no time,
no voter). Pending ballots are moved into the ballot box by ``ballots_mix`` in shuffled batches
of at least ``MIX_BATCH``, with fresh random ids, so the box's rows — their order on disk, their
ids, the transaction that wrote them — tell nothing of who voted when. The close mixes what is
left. Paper ballots counted in the room go straight into the box (nobody's name is on them).
"""

from __future__ import annotations

import secrets
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record

from .. import engine
from ..governance import rules_of
from ..models import (
    Assembly,
    Candidate,
    Election,
    ElectionBallot,
    ElectionParticipation,
    PendingBallot,
    Proxy,
    Voter,
)
from . import AssemblyError
from .voting import _lock_voters, receipt_code

MIX_BATCH = 10


def _check_choices(election: Election, choices: list[int]) -> list[int]:
    chosen = sorted(set(choices))
    if len(chosen) != len(choices):
        raise AssemblyError(_("A candidate can be chosen only once."))
    if len(chosen) > election.max_choices:
        raise AssemblyError(_("Choose %(max)s candidates at most.") % {"max": election.max_choices})
    known = set(Candidate.objects.filter(election=election).values_list("pk", flat=True))
    if not set(chosen) <= known:
        raise AssemblyError(_("Unknown candidate."))
    return chosen


@transaction.atomic
def election_vote_cast(*, user, assembly: Assembly, election: Election, choices: list[int]) -> str:
    """A member's secret ballot online (until the online cut-off); returns the receipt code,
    shown once: it is stored with the ballot only, never with the voter."""
    assembly = Assembly.objects.select_related("coop").get(pk=assembly.pk)
    if election.assembly_id != assembly.pk:
        raise AssemblyError(_("Unknown election."))
    if assembly.status != Assembly.Status.CONVENED:
        raise AssemblyError(_("Online votes are closed."))
    rules = rules_of(assembly)
    cutoff = engine.postal_cutoff(rules, assembly.starts_at, engine.Medium.ELECTRONIC)
    if not cutoff.accepts(timezone.now()):
        raise AssemblyError(_("Online votes are closed."))
    voter = Voter.objects.filter(assembly=assembly, member__user=user).first()
    if voter is None:
        raise AssemblyError(_("You are not on the list of voters of this assembly."))
    voter = _lock_voters(voter)[voter.pk]
    if Proxy.objects.filter(giver=voter, status=Proxy.Status.ACTIVE).exists():
        raise AssemblyError(
            _("You gave a proxy: your proxy holder votes for you. Revoke it to vote yourself.")
        )
    chosen = _check_choices(election, choices)
    code = receipt_code()
    try:
        with transaction.atomic():
            ElectionParticipation.objects.create(election=election, voter=voter)
    except IntegrityError:
        raise AssemblyError(_("You have already voted in this election.")) from None
    PendingBallot.objects.create(
        election=election,
        choices=chosen,
        college=voter.college,
        weight=voter.votes,
        receipt_code=code,
    )
    # Who voted, never what: the audit row knows the voter and the election only.
    audit_record(
        actor=user,
        action="assembly.election_vote",
        obj=assembly,
        details={"election": election.pk, "voter": voter.number},
    )
    ballots_mix(election=election, minimum=MIX_BATCH)
    return code


@transaction.atomic
def ballots_mix(*, election: Election, minimum: int = MIX_BATCH) -> int:
    """Move the pending ballots into the box, shuffled, with new random ids, when at least
    ``minimum`` are waiting. Returns how many moved."""
    Election.objects.select_for_update().get(pk=election.pk)
    pending = list(PendingBallot.objects.filter(election=election))
    if not pending or len(pending) < minimum:
        return 0
    secrets.SystemRandom().shuffle(pending)
    ElectionBallot.objects.bulk_create(
        [
            ElectionBallot(
                id=uuid.uuid4(),
                election=election,
                choices=p.choices,
                college=p.college,
                weight=p.weight,
                receipt_code=p.receipt_code,
            )
            for p in pending
        ]
    )
    PendingBallot.objects.filter(pk__in=[p.pk for p in pending]).delete()
    return len(pending)


@transaction.atomic
def room_election_ballot_add(
    *, actor, election: Election, college: str, weight: int, choices: list[int], spoiled: bool
) -> None:
    """A paper ballot counted in the room by the tellers (nobody's name on it)."""
    assembly = Assembly.objects.select_for_update().get(pk=election.assembly_id)
    if assembly.status != Assembly.Status.IN_SESSION:
        raise AssemblyError(_("Paper ballots are counted while the meeting is in progress."))
    if college not in {c.code for c in rules_of(assembly).colleges}:
        raise AssemblyError(_("Unknown college %(code)s.") % {"code": college})
    if weight < 1:
        raise AssemblyError(_("A ballot carries at least one vote."))
    chosen = sorted(set(choices))
    known = set(Candidate.objects.filter(election=election).values_list("pk", flat=True))
    if not set(chosen) <= known:
        raise AssemblyError(_("Unknown candidate."))
    ElectionBallot.objects.create(
        election=election,
        choices=chosen,
        college=college,
        weight=weight,
        spoiled=spoiled or len(chosen) > election.max_choices,
        receipt_code=receipt_code(),
    )
    audit_record(
        actor=actor,
        action="assembly.election_room_ballot",
        obj=assembly,
        details={"election": election.pk, "college": college},
    )
