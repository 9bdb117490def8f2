"""The meeting itself: opening it, checking people in, votes in the room, resolutions added."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record

from ..governance import rules_of
from ..models import (
    AdvanceVote,
    Assembly,
    Attendance,
    Ballot,
    Channel,
    Choice,
    Proxy,
    Resolution,
    RoomTally,
    Voter,
)
from . import AssemblyError
from .voting import _lock_voters

ROOM_CHOICES = {c.value for c in Choice}


def _meeting(assembly: Assembly, *statuses: str) -> Assembly:
    assembly = Assembly.objects.select_related("coop").get(pk=assembly.pk)
    if assembly.status not in statuses:
        raise AssemblyError(_("This is not possible at this stage of the assembly."))
    return assembly


@transaction.atomic
def meeting_open(*, actor, assembly: Assembly) -> Assembly:
    """The chair opens the meeting: votes before it close, votes in the room begin."""
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    if assembly.status != Assembly.Status.CONVENED:
        raise AssemblyError(_("Only an assembly whose notice was sent can be opened."))
    assembly.status = Assembly.Status.IN_SESSION
    assembly.opened_at = timezone.now()
    assembly.save(update_fields=["status", "opened_at", "updated_at"])
    audit_record(actor=actor, action="assembly.open", obj=assembly)
    return assembly


@transaction.atomic
def check_in(*, actor, assembly: Assembly, voter: Voter, mode: str = Attendance.Mode.PRESENT):
    """A voter arrives (or connects remotely). Their proxy, if they gave one, ends: revocable
    until the meeting, it gives way to the member in person. Returns (attendance, notes)."""
    assembly = _meeting(assembly, Assembly.Status.CONVENED, Assembly.Status.IN_SESSION)
    rules = rules_of(assembly)
    voter = _lock_voters(voter)[voter.pk]
    if voter.assembly_id != assembly.pk:
        raise AssemblyError(_("This member is not on the list of voters of this assembly."))
    if mode == Attendance.Mode.REMOTE and not rules.remote_participation:
        raise AssemblyError(_("The statuts do not provide for remote participation."))
    if Attendance.objects.filter(voter=voter).exists():
        raise AssemblyError(_("%(name)s is already checked in.") % {"name": voter.name})
    notes = []
    proxy = Proxy.objects.filter(giver=voter, status=Proxy.Status.ACTIVE).first()
    if proxy is not None:
        proxy.status, proxy.ended_at = Proxy.Status.REVOKED, timezone.now()
        proxy.save(update_fields=["status", "ended_at"])
        notes.append(_("Their proxy is revoked: they vote in person."))
    if AdvanceVote.objects.filter(voter=voter, status=AdvanceVote.Status.ACTIVE).exists():
        notes.append(
            _("They voted before the meeting: that vote stands and they do not vote again.")
            if not rules.meeting_vote_replaces_postal
            else _("They voted before the meeting: a vote in the room will replace it.")
        )
    held = Proxy.objects.filter(holder=voter, status=Proxy.Status.ACTIVE).count()
    if held:
        notes.append(
            _("They hold %(count)s proxy(ies): give them the matching voting cards.")
            % {"count": held}
        )
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                assembly=assembly,
                voter=voter,
                mode=mode,
                checked_in_at=timezone.now(),
                checked_in_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError:
        raise AssemblyError(_("%(name)s is already checked in.") % {"name": voter.name}) from None
    audit_record(
        actor=actor,
        action="assembly.check_in",
        obj=assembly,
        details={"voter": voter.number, "mode": mode, "proxy_revoked": proxy is not None},
    )
    return attendance, notes


@transaction.atomic
def check_in_cancel(*, actor, assembly: Assembly, voter: Voter) -> None:
    """Undo a mistaken check-in, as long as the person cast no ballot in the meeting."""
    assembly = _meeting(assembly, Assembly.Status.CONVENED, Assembly.Status.IN_SESSION)
    voter = _lock_voters(voter)[voter.pk]
    if Ballot.objects.filter(voter=voter, channel__in=[Channel.ROOM, Channel.REMOTE]).exists():
        raise AssemblyError(_("This person has voted in the meeting: the check-in stays."))
    deleted, _rows = Attendance.objects.filter(voter=voter).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="assembly.check_in_cancel",
            obj=assembly,
            details={"voter": voter.number},
        )


def room_capacity(assembly: Assembly) -> dict[str, int]:
    """Per college, the most votes a show of hands can count: members in the room who did not
    vote before the meeting, and the named proxies their holders carry."""
    rules = rules_of(assembly)
    voters = Voter.objects.filter(assembly=assembly, attendance__mode=Attendance.Mode.PRESENT)
    if not rules.meeting_vote_replaces_postal:
        voters = voters.exclude(advance_votes__status=AdvanceVote.Status.ACTIVE)
    capacity = dict(
        voters.order_by().values("college").annotate(n=Sum("votes")).values_list("college", "n")
    )
    represented = (
        Voter.objects.filter(
            proxies_given__status=Proxy.Status.ACTIVE,
            proxies_given__holder__attendance__mode=Attendance.Mode.PRESENT,
            assembly=assembly,
        )
        .order_by()
        .values("college")
        .annotate(n=Sum("votes"))
        .values_list("college", "n")
    )
    for college, votes in represented:
        capacity[college] = capacity.get(college, 0) + votes
    return capacity


@transaction.atomic
def room_tally_save(*, actor, resolution: Resolution, tallies: dict[str, dict[str, int]]) -> None:
    """Totals counted in the room for one resolution, per college (show of hands, cards)."""
    assembly = Assembly.objects.select_for_update().get(pk=resolution.assembly_id)
    if assembly.status != Assembly.Status.IN_SESSION:
        raise AssemblyError(_("Votes in the room are entered while the meeting is in progress."))
    capacity = room_capacity(assembly)
    codes = {c.code for c in rules_of(assembly).colleges}
    for college, numbers in tallies.items():
        if college not in codes:
            raise AssemblyError(_("Unknown college %(code)s.") % {"code": college})
        total = sum(numbers.values())
        if any(n < 0 for n in numbers.values()):
            raise AssemblyError(_("A number of votes cannot be negative."))
        if total > capacity.get(college, 0):
            raise AssemblyError(
                _(
                    "College %(code)s: %(total)s votes counted, but only %(max)s can vote in the "
                    "room (members present who did not vote before, and the proxies they hold)."
                )
                % {"code": college, "total": total, "max": capacity.get(college, 0)}
            )
    Ballot.objects.filter(resolution=resolution, channel=Channel.ROOM).delete()
    RoomTally.objects.filter(resolution=resolution).delete()
    RoomTally.objects.bulk_create(
        [
            RoomTally(
                resolution=resolution,
                college=college,
                votes_for=numbers.get("for", 0),
                votes_against=numbers.get("against", 0),
                votes_abstain=numbers.get("abstain", 0),
                votes_blank=numbers.get("blank", 0),
                votes_spoiled=numbers.get("spoiled", 0),
                entered_by=actor if getattr(actor, "pk", None) else None,
            )
            for college, numbers in sorted(tallies.items())
        ]
    )
    Resolution.objects.filter(pk=resolution.pk).update(room_mode=Resolution.RoomMode.TOTALS)
    audit_record(
        actor=actor,
        action="assembly.room_tally",
        obj=assembly,
        details={"resolution": resolution.position, "tallies": tallies},
    )


@transaction.atomic
def room_ballots_save(
    *, actor, resolution: Resolution, choices: dict[int, str], totals_mode: bool = False
) -> int:
    """Ballots cast in the meeting, one per person checked in (room or remote).

    ``totals_mode``: the room is counted by totals and these are the remote participants only.
    A ballot is refused for someone who voted before the meeting unless the rules let the
    meeting vote replace it. Returns the number of ballots saved.
    """
    assembly = Assembly.objects.select_for_update().get(pk=resolution.assembly_id)
    if assembly.status != Assembly.Status.IN_SESSION:
        raise AssemblyError(_("Votes in the room are entered while the meeting is in progress."))
    rules = rules_of(assembly)
    now = timezone.now()
    attending = dict(
        Attendance.objects.filter(assembly=assembly, voter_id__in=choices).values_list(
            "voter_id", "mode"
        )
    )
    advance = set(
        AdvanceVote.objects.filter(
            voter_id__in=choices, status=AdvanceVote.Status.ACTIVE
        ).values_list("voter_id", flat=True)
    )
    saved = 0
    for voter_id, choice in sorted(choices.items()):
        if not choice:
            continue
        if choice not in ROOM_CHOICES:
            raise AssemblyError(_("Unknown choice."))
        mode = attending.get(voter_id)
        if mode is None:
            raise AssemblyError(_("A ballot is cast by a person checked in."))
        channel = Channel.ROOM if mode == Attendance.Mode.PRESENT else Channel.REMOTE
        if totals_mode and channel == Channel.ROOM:
            continue
        if voter_id in advance and not rules.meeting_vote_replaces_postal:
            raise AssemblyError(
                _("A member who voted before the meeting does not vote again (R225-85).")
            )
        Ballot.objects.update_or_create(
            resolution=resolution,
            voter_id=voter_id,
            defaults={
                "assembly": assembly,
                "choice": choice,
                "channel": channel,
                "cast_at": now,
                "advance_vote": None,
                "entered_by": actor if getattr(actor, "pk", None) else None,
            },
        )
        saved += 1
    if not totals_mode:
        RoomTally.objects.filter(resolution=resolution).delete()
        Resolution.objects.filter(pk=resolution.pk).update(room_mode=Resolution.RoomMode.BALLOTS)
    audit_record(
        actor=actor,
        action="assembly.room_ballots",
        obj=assembly,
        details={
            "resolution": resolution.position,
            "ballots": {str(k): v for k, v in sorted(choices.items()) if v},
        },
    )
    return saved


@transaction.atomic
def resolution_add_during_meeting(
    *, actor, assembly: Assembly, title: str, text: str, kind: str, board_backed: bool
) -> Resolution:
    """A resolution not on the notice (e.g. dismissing a director): voters who voted before the
    meeting follow their instruction for it (against, or a proxy to the chair)."""
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    if assembly.status != Assembly.Status.IN_SESSION:
        raise AssemblyError(_("A resolution is added while the meeting is in progress."))
    last = assembly.resolutions.aggregate(n=Max("position"))["n"] or 0
    resolution = Resolution(
        assembly=assembly,
        position=last + 1,
        title=title,
        text=text,
        kind=kind,
        board_backed=board_backed,
        added_during_meeting=True,
    )
    resolution.full_clean()
    resolution.save()
    audit_record(
        actor=actor,
        action="assembly.resolution_add_in_meeting",
        obj=assembly,
        details={"number": resolution.position, "title": title, "kind": kind},
    )
    return resolution
