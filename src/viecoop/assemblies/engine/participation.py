"""From proxies, check-ins and stored votes to one effective ballot per voter and resolution.

The rules applied (rules.md "Notices, proxies, postal and online votes"; C. com. L225-106,
R225-77, R225-85 III, L225-107 II):

- A proxy in force is a giver's latest proxy that is not revoked. A named holder may hold at most
  ``rules.proxy_cap`` proxies (``ProxyError`` otherwise); proxies without a holder go to the chair
  and are never capped.
- A named proxy is exercised only if its holder takes part in the meeting (room, or remote when
  allowed): the giver is then *represented* and votes as the holder does (or as the holder voted
  for that giver, ``Vote.by``). A proxy without a holder votes the board's position: FOR what the
  board backs, AGAINST the rest (``rules.blank_proxy``).
- A member who gave a proxy cannot vote: their own votes are rejected, unless
  ``rules.later_vote_replaces_proxy`` and they sent a postal or online vote after the proxy, which
  then voids the proxy for the whole assembly.
- Postal (paper) and online (electronic) votes count when received before their cut-off; the
  latest one per resolution counts (a member may change their mind until the cut-off). A member
  who voted before the meeting cannot vote again in it, unless
  ``rules.meeting_vote_replaces_postal`` (then the meeting vote replaces it, resolution by
  resolution).
- Room and remote ballots need the voter checked in (room or remote); remote ones need the statuts
  to allow remote participation. The latest meeting ballot per resolution counts (a correction).
- Resolutions added in the meeting: members who voted before the meeting follow their instruction
  (AGAINST, or a proxy to the chair = the board's position), ``rules.added_resolution_default``
  when they gave none.
- Resolutions counted by totals in the room (``tallied``): the room totals cover members in the
  room and the named proxies their holders carry; the engine adds the remote, postal, online,
  chair-proxy and added-resolution ballots.

Nothing is silently dropped: every vote or proxy left out is listed in ``Participation.notes``
with a reason.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .deadlines import postal_cutoff
from .quorum import Attendance
from .rules import BlankProxyPolicy, GovernanceRules
from .types import (
    AddedChoice,
    Ballot,
    Channel,
    Choice,
    Medium,
    Presence,
    Proxy,
    Resolution,
    Vote,
    Voter,
)

BEFORE_MEETING = (Channel.POSTAL, Channel.ONLINE)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
IN_MEETING = (Channel.ROOM, Channel.REMOTE)


class NoteCode(StrEnum):
    NOT_A_VOTER = "not_a_voter"
    UNKNOWN_RESOLUTION = "unknown_resolution"
    LATE = "late"
    GAVE_PROXY = "gave_proxy"
    PROXY_REPLACED = "proxy_replaced"
    PROXY_HOLDER_ABSENT = "proxy_holder_absent"
    VOTED_BEFORE_MEETING = "voted_before_meeting"
    NOT_CHECKED_IN = "not_checked_in"
    REMOTE_NOT_ALLOWED = "remote_not_allowed"
    NOT_HOLDER = "not_holder"
    NOT_ON_NOTICE = "not_on_notice"
    TALLIED_IN_ROOM = "tallied_in_room"
    SUPERSEDED = "superseded"


# Notes that repeat by the thousand in a large assembly: translated once per call, not per note.
CONSTANT_MESSAGES = {
    NoteCode.SUPERSEDED: gettext_noop("Replaced by a later vote."),
    NoteCode.NOT_A_VOTER: gettext_noop("Not on the list of voters."),
    NoteCode.UNKNOWN_RESOLUTION: gettext_noop("Unknown resolution."),
    NoteCode.REMOTE_NOT_ALLOWED: gettext_noop(
        "The statuts do not provide for remote participation."
    ),
    NoteCode.NOT_CHECKED_IN: gettext_noop("Cast by a member who is not checked in."),
    NoteCode.TALLIED_IN_ROOM: gettext_noop("This resolution was counted by totals in the room."),
    NoteCode.GAVE_PROXY: gettext_noop("The member gave a proxy and cannot vote."),
}


class Note(NamedTuple):
    """A vote or proxy the count leaves out (or replaces), and why (a NamedTuple: thousands)."""

    code: NoteCode
    voter_id: int
    resolution_id: int | None  # None: about a proxy, for the whole assembly
    channel: Channel
    message: str
    at: datetime | None = None  # the vote's time, for a note about a vote
    choice: Choice | None = None  # the vote's choice, for a note about a vote


@dataclass(frozen=True)
class Participation:
    ballots: dict[int, tuple[Ballot, ...]]  # resolution id -> ballots sorted by voter id
    attendance: Attendance
    # voter id -> ROOM, REMOTE, PROXY, BLANK_PROXY, POSTAL or ONLINE: each voter once, in this
    # order of precedence (remote participants the statuts do not allow come last).
    taking_part: dict[int, Channel]
    counted_votes: dict[str, int]  # college -> votes counted for the quorum
    proxies: dict[int, Proxy]  # giver id -> proxy exercised
    notes: tuple[Note, ...]


class ProxyError(ValueError):
    """Stored proxies break the rules (cap, proxy to oneself…): the app must not have let them in."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = tuple(messages)
        super().__init__(" ".join(messages))


def proxy_cap_error(rules: GovernanceRules, held: int) -> str | None:
    """The message to show when a holder who already holds ``held`` proxies is given another."""
    if rules.proxy_cap is None or held < rules.proxy_cap:
        return None
    return _(
        "This member already holds %(held)s proxies; the statuts allow %(cap)s per member."
    ) % {"held": held, "cap": rules.proxy_cap}


def proxies_in_force(
    rules: GovernanceRules, voters: Iterable[Voter], proxies: Iterable[Proxy]
) -> dict[int, Proxy]:
    """Each giver's latest proxy that is not revoked, checked against the rules.

    Raises ``ProxyError`` for a giver not on the list of voters, a proxy given to oneself, two
    proxies from one giver at the same instant, or a holder over the cap.
    """
    on_list = {v.voter_id for v in voters}
    errors: list[str] = []
    latest: dict[int, Proxy] = {}
    for proxy in proxies:
        if proxy.revoked:
            continue
        if proxy.giver_id not in on_list:
            errors.append(
                _("Member %(giver)s gave a proxy but is not on the list of voters.")
                % {"giver": proxy.giver_id}
            )
            continue
        if proxy.holder_id == proxy.giver_id:
            errors.append(
                _("Member %(giver)s gave a proxy to themselves.") % {"giver": proxy.giver_id}
            )
            continue
        current = latest.get(proxy.giver_id)
        if current is None or proxy.given_at > current.given_at:
            latest[proxy.giver_id] = proxy
        elif proxy.given_at == current.given_at and proxy != current:
            errors.append(
                _("Member %(giver)s gave two proxies at the same time.") % {"giver": proxy.giver_id}
            )
    held: dict[int, int] = {}
    for proxy in latest.values():
        if proxy.holder_id is not None:
            held[proxy.holder_id] = held.get(proxy.holder_id, 0) + 1
    if rules.proxy_cap is not None:
        for holder, count in sorted(held.items()):
            if count > rules.proxy_cap:
                errors.append(
                    _("Member %(holder)s holds %(count)s proxies; the statuts allow %(cap)s.")
                    % {"holder": holder, "count": count, "cap": rules.proxy_cap}
                )
    if errors:
        raise ProxyError(errors)
    return dict(sorted(latest.items()))


def board_choice(rules: GovernanceRules, resolution: Resolution) -> Choice:
    """How a proxy without a holder votes on ``resolution``."""
    if rules.blank_proxy == BlankProxyPolicy.ABSTAIN:
        return Choice.ABSTAIN
    return Choice.FOR if resolution.board_backed else Choice.AGAINST


def effective_ballots(
    rules: GovernanceRules,
    *,
    meeting_at: datetime,
    voters: Iterable[Voter],
    resolutions: Iterable[Resolution],
    proxies: Iterable[Proxy] = (),
    votes: Iterable[Vote] = (),
    presence: Mapping[int, Presence] | None = None,
    added_instructions: Mapping[int, AddedChoice] | None = None,
    tallied: Collection[int] = (),
) -> Participation:
    """One effective ballot per voter and resolution, the attendance, and what was left out.

    ``presence``: who checked in (room or remote). ``added_instructions``: what members who vote
    before the meeting chose for resolutions added in it. ``tallied``: ids of resolutions voted
    by totals entered in the room. Input order never matters. Raises ``ProxyError`` (see
    ``proxies_in_force``) and ValueError for a voter listed twice.
    """
    voter_list = list(voters)
    by_id: dict[int, Voter] = {}
    for voter in voter_list:
        if voter.voter_id in by_id:
            raise ValueError(f"Voter {voter.voter_id} is listed twice.")
        if isinstance(voter.votes, bool) or not isinstance(voter.votes, int) or voter.votes < 1:
            raise ValueError(f"Voter {voter.voter_id}: votes must be an int >= 1.")
        by_id[voter.voter_id] = voter
    resolution_by_id: dict[int, Resolution] = {}
    for resolution in resolutions:
        if resolution.resolution_id in resolution_by_id:
            raise ValueError(f"Resolution {resolution.resolution_id} is listed twice.")
        resolution_by_id[resolution.resolution_id] = resolution
    presence = dict(presence or {})
    instructions = dict(added_instructions or {})
    tallied = set(tallied)
    if not tallied <= resolution_by_id.keys():
        raise ValueError(
            f"Room totals for unknown resolutions: {sorted(tallied - resolution_by_id.keys())}."
        )
    in_force = proxies_in_force(rules, voter_list, proxies)
    notes: list[Note] = []

    def note(code: NoteCode, vote: Vote, message: str) -> None:
        notes.append(
            Note(
                code,
                vote.voter_id,
                vote.resolution_id,
                _channel(vote.channel),
                message,
                vote.at,
                _choice(vote.choice),
            )
        )

    # Who is in the meeting: remote participants only where the statuts allow them.
    attending: dict[int, Presence] = {}
    remote_not_counted: list[int] = []  # reported in the attendance, counted for nothing
    for voter_id, how in presence.items():
        if voter_id not in by_id:
            raise ValueError(f"Checked-in member {voter_id} is not on the list of voters.")
        how = Presence(how)
        if how == Presence.REMOTE and not rules.remote_participation:
            remote_not_counted.append(voter_id)
        else:
            attending[voter_id] = how

    # 1. Check the stored votes; keep the latest valid one per (voter, resolution, phase). One
    # pass without sorting (10,000 voters x 20 resolutions): on a clash the later vote wins,
    # equal instants by content (``_vote_order``), so the input order never matters.
    paper = postal_cutoff(rules, meeting_at, Medium.PAPER)
    electronic = postal_cutoff(rules, meeting_at, Medium.ELECTRONIC)
    before: dict[tuple[int, int], Vote] = {}
    during: dict[tuple[int, int], Vote] = {}
    before_voters: set[int] = set()
    during_voters: set[int] = set()
    messages: dict[object, str] = {}

    def constant(code: object) -> str:
        # gettext costs tens of microseconds: translate each constant message once per call.
        if code not in messages:
            if isinstance(code, Medium):
                cutoff = electronic if code == Medium.ELECTRONIC else paper
                messages[code] = _("Received after the cut-off (%(cutoff)s).") % {
                    "cutoff": cutoff.describe()
                }
            else:
                messages[code] = _(CONSTANT_MESSAGES[code])
        return messages[code]

    def keep(store: dict[tuple[int, int], Vote], key: tuple[int, int], vote: Vote) -> None:
        """Two votes of one voter on one resolution in the same phase: the later one counts."""
        current = store[key]
        if _vote_order(vote) > _vote_order(current):
            store[key], loser = vote, current
        else:
            loser = vote
        note(
            NoteCode.SUPERSEDED,
            loser,
            constant(NoteCode.SUPERSEDED),
        )

    for vote in votes:
        if vote.voter_id not in by_id:
            note(
                NoteCode.NOT_A_VOTER,
                vote,
                constant(NoteCode.NOT_A_VOTER),
            )
            continue
        resolution = resolution_by_id.get(vote.resolution_id)
        if resolution is None:
            note(
                NoteCode.UNKNOWN_RESOLUTION,
                vote,
                constant(NoteCode.UNKNOWN_RESOLUTION),
            )
            continue
        channel = vote.channel
        if vote.at.tzinfo is None:
            raise ValueError(f"Vote of member {vote.voter_id}: the time must be timezone-aware.")
        if channel == Channel.ONLINE or channel == Channel.POSTAL:
            if vote.by is not None:
                note(
                    NoteCode.NOT_HOLDER,
                    vote,
                    _("A proxy holder votes for a giver in the meeting, not by form."),
                )
                continue
            if resolution.added_in_meeting:
                note(NoteCode.NOT_ON_NOTICE, vote, _("The resolution was added in the meeting."))
                continue
            cutoff = electronic if channel == Channel.ONLINE else paper
            if not (vote.at <= cutoff.limit if cutoff.inclusive else vote.at < cutoff.limit):
                note(
                    NoteCode.LATE,
                    vote,
                    constant(cutoff.medium),
                )
                continue
            key = (vote.voter_id, vote.resolution_id)
            if key in before:
                keep(before, key, vote)
            else:
                before[key] = vote
                before_voters.add(vote.voter_id)
        elif channel == Channel.ROOM or channel == Channel.REMOTE:
            if channel == Channel.REMOTE and not rules.remote_participation:
                note(
                    NoteCode.REMOTE_NOT_ALLOWED,
                    vote,
                    constant(NoteCode.REMOTE_NOT_ALLOWED),
                )
                continue
            caster = vote.by if vote.by is not None else vote.voter_id
            if caster not in attending:
                note(
                    NoteCode.NOT_CHECKED_IN,
                    vote,
                    constant(NoteCode.NOT_CHECKED_IN),
                )
                continue
            if vote.by is not None:
                proxy = in_force.get(vote.voter_id)
                if proxy is None or proxy.holder_id != vote.by:
                    note(
                        NoteCode.NOT_HOLDER,
                        vote,
                        _("Member %(by)s does not hold this member's proxy.") % {"by": vote.by},
                    )
                    continue
            if channel == Channel.ROOM and vote.resolution_id in tallied:
                note(
                    NoteCode.TALLIED_IN_ROOM,
                    vote,
                    constant(NoteCode.TALLIED_IN_ROOM),
                )
                continue
            key = (vote.voter_id, vote.resolution_id)
            if key in during:
                keep(during, key, vote)
            else:
                during[key] = vote
                during_voters.add(vote.voter_id)
        else:
            raise ValueError(f"A stored vote cannot have the channel {channel}.")

    # 2. Proxies against the givers' own votes.
    last_form_at: dict[int, datetime] = {}
    for giver in before_voters & in_force.keys():
        last_form_at[giver] = max(
            vote.at
            for resolution_id in resolution_by_id
            if (vote := before.get((giver, resolution_id))) is not None
        )
    for giver, proxy in list(in_force.items()):
        if (
            rules.later_vote_replaces_proxy
            and giver in last_form_at
            and last_form_at[giver] > proxy.given_at
        ):
            del in_force[giver]
            notes.append(
                Note(
                    NoteCode.PROXY_REPLACED,
                    giver,
                    None,
                    Channel.BLANK_PROXY if proxy.holder_id is None else Channel.PROXY,
                    _("The proxy is replaced by the member's later vote."),
                )
            )
    # Only the givers' own votes are concerned: look them up rather than scan every vote.
    for store, store_voters in ((before, before_voters), (during, during_voters)):
        for giver in store_voters & in_force.keys():
            for resolution_id in resolution_by_id:
                vote = store.get((giver, resolution_id))
                if vote is None or vote.by is not None:
                    continue
                del store[(giver, resolution_id)]
                note(
                    NoteCode.GAVE_PROXY,
                    vote,
                    constant(NoteCode.GAVE_PROXY),
                )

    # 3. Voting before the meeting rules out voting in it, unless the statuts say otherwise.
    voted_before = {voter_id for voter_id in before_voters if voter_id not in in_force}
    clashes = [
        (key, vote)
        for voter_id in voted_before & during_voters
        for resolution_id in resolution_by_id
        if (vote := during.get(key := (voter_id, resolution_id))) is not None
    ]
    for key, vote in clashes:
        if vote.by is None:
            if rules.meeting_vote_replaces_postal:
                if key in before:
                    note(
                        NoteCode.SUPERSEDED,
                        before.pop(key),
                        _("Replaced by a ballot in the meeting."),
                    )
            else:
                del during[key]
                note(
                    NoteCode.VOTED_BEFORE_MEETING,
                    vote,
                    _("The member already voted before the meeting (R225-85)."),
                )

    # 4. How each voter takes part (counted once, in this order of precedence).
    taking_part: dict[int, Channel] = {}
    exercised: dict[int, Proxy] = {}
    for voter_id, how in attending.items():
        taking_part[voter_id] = Channel.ROOM if how == Presence.ROOM else Channel.REMOTE
    for giver, proxy in in_force.items():
        if proxy.holder_id is None or proxy.holder_id in attending:
            exercised[giver] = proxy
        else:
            notes.append(
                Note(
                    NoteCode.PROXY_HOLDER_ABSENT,
                    giver,
                    None,
                    Channel.PROXY,
                    _("The proxy holder (member %(holder)s) did not attend: the proxy is not used.")
                    % {"holder": proxy.holder_id},
                )
            )
            continue
        taking_part.setdefault(
            giver, Channel.BLANK_PROXY if proxy.holder_id is None else Channel.PROXY
        )
    for (giver, _resolution), vote in list(during.items()):
        if vote.by is not None and (
            giver not in exercised or exercised[giver].holder_id != vote.by
        ):
            del during[(giver, _resolution)]
            note(NoteCode.NOT_HOLDER, vote, _("The proxy this ballot was cast under is not used."))
    latest_form: dict[int, Vote] = {}  # the channel of a voter's latest form names their way
    for vote in before.values():
        current = latest_form.get(vote.voter_id)
        if (
            current is None
            or vote.at > current.at
            or (vote.at == current.at and vote.channel > current.channel)
        ):
            latest_form[vote.voter_id] = vote
    for voter_id, vote in latest_form.items():
        taking_part.setdefault(voter_id, _channel(vote.channel))
    for voter_id in remote_not_counted:
        taking_part.setdefault(voter_id, Channel.REMOTE)

    counts = dict.fromkeys(Channel, 0)
    counted_votes: dict[str, int] = {}
    for voter_id, channel in taking_part.items():
        voter = by_id[voter_id]
        counts[channel] += voter.votes
        if channel != Channel.REMOTE or rules.remote_participation:
            counted_votes[voter.college] = counted_votes.get(voter.college, 0) + voter.votes
    attendance = Attendance(
        total=sum(v.votes for v in voter_list),
        present=counts[Channel.ROOM],
        represented=counts[Channel.PROXY] + counts[Channel.BLANK_PROXY],
        postal=counts[Channel.POSTAL],
        online=counts[Channel.ONLINE],
        remote=counts[Channel.REMOTE],
    )

    # 5. Effective ballots per resolution. ``new(Ballot, (...))`` is ``Ballot(...)`` without the
    # Python-level ``__new__`` of a NamedTuple: a third of the cost, for 200,000 ballots.
    new = tuple.__new__
    ballots: dict[int, dict[int, Ballot]] = {rid: {} for rid in resolution_by_id}
    for (voter_id, resolution_id), vote in before.items():
        voter = by_id[voter_id]
        ballots[resolution_id][voter_id] = new(
            Ballot,
            (
                voter_id,
                voter.college,
                voter.votes,
                _choice(vote.choice),
                _channel(vote.channel),
                None,
            ),
        )
    own_in_meeting: dict[tuple[int, int], Choice] = {}
    for (voter_id, resolution_id), vote in during.items():
        voter = by_id[voter_id]
        if vote.by is None:
            choice = own_in_meeting[(voter_id, resolution_id)] = _choice(vote.choice)
            ballots[resolution_id][voter_id] = new(
                Ballot,
                (voter_id, voter.college, voter.votes, choice, _channel(vote.channel), None),
            )
    for giver, proxy in exercised.items():
        voter = by_id[giver]
        for resolution_id, resolution in resolution_by_id.items():
            if proxy.holder_id is None:
                choice = board_choice(rules, resolution)
                ballots[resolution_id][giver] = Ballot(
                    giver, voter.college, voter.votes, choice, Channel.BLANK_PROXY
                )
                continue
            if resolution_id in tallied:
                continue  # in the room totals, with the holder's hand
            specific = during.get((giver, resolution_id))
            if specific is not None and specific.by == proxy.holder_id:
                choice = _choice(specific.choice)
            else:
                choice = own_in_meeting.get((proxy.holder_id, resolution_id))
            if choice is not None:
                ballots[resolution_id][giver] = Ballot(
                    giver, voter.college, voter.votes, choice, Channel.PROXY, proxy.holder_id
                )
    added = [r for r in resolution_by_id.values() if r.added_in_meeting]
    if added:
        for voter_id, channel in taking_part.items():
            if channel not in BEFORE_MEETING:
                continue
            voter = by_id[voter_id]
            instruction = AddedChoice(instructions.get(voter_id, rules.added_resolution_default))
            for resolution in added:
                choice = (
                    Choice.AGAINST
                    if instruction == AddedChoice.AGAINST
                    else board_choice(rules, resolution)
                )
                ballots[resolution.resolution_id][voter_id] = Ballot(
                    voter_id, voter.college, voter.votes, choice, Channel.ADDED
                )

    return Participation(
        ballots={rid: tuple(map(b.__getitem__, sorted(b))) for rid, b in ballots.items()},
        attendance=attendance,
        taking_part=dict(sorted(taking_part.items())),
        counted_votes=dict(sorted(counted_votes.items())),
        proxies=exercised,
        notes=tuple(sorted(notes, key=_note_order)),
    )


def _choice(value: Choice | str) -> Choice:
    return value if type(value) is Choice else Choice(value)


def _channel(value: Channel | str) -> Channel:
    return value if type(value) is Channel else Channel(value)


def _note_order(note: Note) -> tuple:
    # A total order on the notes' content, so that the input order never shows. Codes, channels
    # and choices are str enums: they compare as strings.
    return (
        note.voter_id,
        -1 if note.resolution_id is None else note.resolution_id,
        note.code,
        note.channel,
        note.at or _EPOCH,
        note.choice or "",
        note.message,
    )


def _vote_order(vote: Vote) -> tuple:
    # Latest wins; equal instants are ordered by content so that input order never matters.
    return (vote.at, str(vote.channel), str(vote.choice), vote.by or 0)
