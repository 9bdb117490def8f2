"""Who votes, and with how many votes: the voting rights of a Coop'HLM assembly.

Pure module: plain data in, plain data out, no Django, no I/O, so that the same function serves
the attendance sheet, the results screen and the recount command, and so that every result can be
recomputed from the frozen list of voters (see docs/voting-rights.md and the spec's "Who votes").

Arithmetic is exact (``int`` and ``fractions.Fraction``): a cap of 35 % must mean 35/100, not
0.35000000000000003, or a tie between remainders could be decided by a rounding error.

The package is split by sub-domain: ``types`` (profile, voters, results), ``apportionment``
(largest remainder and the seeded draw), ``validation`` (the profile against the law),
``scp`` and ``scic`` (the two legal shapes), ``wording`` (French numbers in explanations) and
``compute`` (the entry point). Import from the package: its names below are the interface.
"""

from .apportionment import largest_remainder
from .compute import compute_voting_rights
from .types import (
    SCIC,
    SCIC_MAX_WEIGHT,
    SCIC_MIN_COLLEGES,
    SCIC_MIN_WEIGHT,
    SCP,
    SCP_COLLEGE_KINDS,
    College,
    CollegeResult,
    MemberVotes,
    Profile,
    ProfileError,
    Voter,
    VotingRights,
)
from .validation import validate_profile

__all__ = [
    "SCIC",
    "SCIC_MAX_WEIGHT",
    "SCIC_MIN_COLLEGES",
    "SCIC_MIN_WEIGHT",
    "SCP",
    "SCP_COLLEGE_KINDS",
    "College",
    "CollegeResult",
    "MemberVotes",
    "Profile",
    "ProfileError",
    "Voter",
    "VotingRights",
    "compute_voting_rights",
    "largest_remainder",
    "validate_profile",
]
