"""Plain data shared by the rules engine: enums and the inputs the app hands over.

Everything here is a frozen dataclass or a ``StrEnum`` (JSON-friendly values), so the app can
build inputs straight from its rows and the recount command can rebuild them from stored data.
Ids are the app's primary keys (``int``). Weights are ``int`` votes; nothing here is a float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import IntEnum, StrEnum
from typing import NamedTuple

from django.utils.translation import pgettext_lazy


class LegalForm(StrEnum):
    SCP = "scp"  # SA coopérative de production d'HLM: colleges A, B, C; investors capped
    SCIC = "scic"  # SCIC d'HLM: three or more weighted colleges


class AssemblyKind(StrEnum):
    ORDINARY = "ordinary"
    EXTRAORDINARY = "extraordinary"
    MIXED = "mixed"  # both kinds of resolutions; each kind checks its own quorum


class ResolutionKind(StrEnum):
    ORDINARY = "ordinary"
    EXTRAORDINARY = "extraordinary"


class Notice(IntEnum):
    """First or second notice (convocation); a second meeting follows a first without quorum."""

    FIRST = 1
    SECOND = 2


class Choice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"
    BLANK = "blank"  # includes a postal form left without a choice
    SPOILED = "spoiled"

    @property
    def is_cast(self) -> bool:
        """Only FOR and AGAINST are votes cast (suffrages exprimés); the rest is reported apart."""
        return self in (Choice.FOR, Choice.AGAINST)

    @property
    def label(self) -> str:
        return str(CHOICE_LABELS[self])


CHOICE_LABELS = {
    Choice.FOR: pgettext_lazy("vote choice", "for"),
    Choice.AGAINST: pgettext_lazy("vote choice", "against"),
    Choice.ABSTAIN: pgettext_lazy("vote choice", "abstention"),
    Choice.BLANK: pgettext_lazy("vote choice", "blank"),
    Choice.SPOILED: pgettext_lazy("vote choice", "spoiled"),
}


class Channel(StrEnum):
    """How a vote reached the count.

    Inputs use ROOM, REMOTE, ONLINE and POSTAL. PROXY, BLANK_PROXY and ADDED only appear on the
    effective ballots the engine derives (a holder's vote for a giver, the board's position for a
    proxy without a holder, a pre-meeting voter's instruction for a resolution added in the room).
    """

    ROOM = "room"  # in the meeting room
    REMOTE = "remote"  # taking part remotely during the meeting (L225-107 II)
    ONLINE = "online"  # electronic form before the meeting (R225-77), cut-off the day before
    POSTAL = "postal"  # paper form before the meeting, cut-off three days before
    PROXY = "proxy"
    BLANK_PROXY = "blank_proxy"
    ADDED = "added"


class Medium(StrEnum):
    """How a postal form arrived; each medium has its own cut-off (R225-77)."""

    PAPER = "paper"
    ELECTRONIC = "electronic"


class AddedChoice(StrEnum):
    """What a postal or online voter chose for resolutions added during the meeting."""

    AGAINST = "against"
    PROXY_TO_CHAIR = "proxy_to_chair"  # handled as a proxy without a holder: the board's position


class Presence(StrEnum):
    """How a voter attends the meeting itself (from the attendance sheet / check-in)."""

    ROOM = "room"
    REMOTE = "remote"


@dataclass(frozen=True, slots=True)
class Voter:
    """A member on the frozen list of voters, with the votes of their voting rights."""

    voter_id: int
    college: str
    votes: int = 1


@dataclass(frozen=True, slots=True)
class Resolution:
    resolution_id: int
    kind: ResolutionKind
    board_backed: bool = True  # presented or approved by the board (decides blank proxies)
    added_in_meeting: bool = False  # not on the notice: postal voters follow their instruction
    number: str = ""  # as printed ("1", "3 bis"): only used in explanations


@dataclass(frozen=True, slots=True)
class Proxy:
    """A written proxy. ``holder_id`` None: a proxy without a named holder (to the chair)."""

    giver_id: int
    holder_id: int | None
    given_at: datetime
    revoked: bool = False  # revocable until the meeting; revoked proxies are ignored


class Vote(NamedTuple):
    """One choice of one voter on one resolution, as stored (input of the engine).

    A ``NamedTuple`` rather than a frozen dataclass, like ``Ballot``: an assembly of 10,000
    voters and 20 resolutions builds 200,000 of them, and a tuple is several times cheaper to
    create. Same keyword constructor and attributes; immutable.

    ``at``: when it was cast (ROOM, REMOTE, ONLINE) or received (POSTAL), timezone-aware.
    ``by``: the proxy holder who cast it on the voter's behalf, when the holder voted
    differently for a giver; by default a holder's own vote applies to every proxy they hold.
    """

    voter_id: int
    resolution_id: int
    choice: Choice
    channel: Channel
    at: datetime
    by: int | None = None


class Ballot(NamedTuple):
    """An effective ballot: the one vote a voter has on a resolution after the rules applied."""

    voter_id: int
    college: str
    votes: int
    choice: Choice
    channel: Channel = Channel.ROOM
    holder_id: int | None = None  # who cast it, for a proxy


@dataclass(frozen=True, slots=True)
class Tally:
    """Totals of votes (weights, not heads) for one college: entered in the room or counted.

    ``not_voting``: votes present or represented that took no part in this vote.
    """

    college: str
    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0
    blank: int = 0
    spoiled: int = 0
    not_voting: int = 0

    def __post_init__(self) -> None:
        for name in ("votes_for", "votes_against", "abstentions", "blank", "spoiled", "not_voting"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"Tally.{name} must be a non-negative int, not {value!r}.")

    @property
    def cast(self) -> int:
        return self.votes_for + self.votes_against

    @property
    def not_cast(self) -> int:
        return self.abstentions + self.blank + self.spoiled + self.not_voting

    def __add__(self, other: Tally) -> Tally:
        if other.college != self.college:
            raise ValueError(f"Cannot add tallies of colleges {self.college} and {other.college}.")
        return Tally(
            self.college,
            self.votes_for + other.votes_for,
            self.votes_against + other.votes_against,
            self.abstentions + other.abstentions,
            self.blank + other.blank,
            self.spoiled + other.spoiled,
            self.not_voting + other.not_voting,
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate to a board election; ``birth_date`` None for a legal entity or when unknown."""

    candidate_id: int
    name: str
    birth_date: date | None = None


@dataclass(frozen=True, slots=True)
class ElectionBallot:
    """A secret ballot: the candidates ticked (none = blank). No voter id, on purpose."""

    college: str
    votes: int
    choices: tuple[int, ...] = ()
    spoiled: bool = False  # declared spoiled by the tellers (torn, signed, unreadable…)


@dataclass(frozen=True, slots=True)
class Election:
    election_id: int
    seats: int
    candidates: tuple[Candidate, ...]
    max_choices: int | None = None  # None: as many choices as seats
    seed: int = 0  # recorded before the count; replays the tie-break draw
    ballots: tuple[ElectionBallot, ...] = field(default=())
