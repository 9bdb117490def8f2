"""The plain data of voting rights: the profile frozen into an assembly, voters and results."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

SCP = "scp"
SCIC = "scic"
# SCP d'HLM: the only colleges the statuts may define, and what each one is.
SCP_COLLEGE_KINDS = {"A": "users", "B": "investors", "C": "hlm"}
SCIC_MIN_COLLEGES = 3
SCIC_MIN_WEIGHT = Fraction(1, 10)  # loi 1947, art. 19 octies
SCIC_MAX_WEIGHT = Fraction(1, 2)


@dataclass(frozen=True)
class College:
    """A college of the profile; ``weight`` is the statutory weight, for a SCIC only."""

    code: str
    name: str
    kind: str
    weight: Fraction | None = None


@dataclass(frozen=True)
class Profile:
    """The governance rules frozen into an assembly (statuts defaults, editable by staff)."""

    legal_form: str
    colleges: tuple[College, ...]
    investors_cap: Fraction = Fraction(35, 100)
    investors_cap_with_hlm: Fraction = Fraction(49, 100)
    redistribute_empty_colleges: bool = True
    draw_seed: int = 0


@dataclass(frozen=True)
class Voter:
    """A member on the frozen list of voters; the caller already left out those who may not vote."""

    member_id: int
    college: str
    shares: int


@dataclass(frozen=True)
class MemberVotes:
    member_id: int
    college: str
    votes: int


@dataclass(frozen=True)
class CollegeResult:
    code: str
    name: str
    voters: int
    votes: int
    weight: Fraction


@dataclass(frozen=True)
class VotingRights:
    legal_form: str
    members: dict[int, MemberVotes]
    colleges: tuple[CollegeResult, ...]
    total_votes: int
    capped: bool
    draw: tuple[int, ...]
    explanation: tuple[str, ...]


class ProfileError(ValueError):
    """The profile breaks the law or its own rules; ``messages`` are shown to staff as they are."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = tuple(messages)
        super().__init__(" ".join(messages))
