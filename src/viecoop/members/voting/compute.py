"""The entry point: voting rights from a profile and the frozen list of voters."""

from __future__ import annotations

from collections.abc import Iterable

from .scic import _scic
from .scp import _scp
from .types import SCP, Profile, ProfileError, Voter, VotingRights
from .validation import validate_profile


def compute_voting_rights(profile: Profile, voters: Iterable[Voter]) -> VotingRights:
    """The votes of each member and the weight of each college, with a readable explanation.

    Raises ProfileError for an invalid profile and ValueError for a voter of an unknown college,
    with fewer than one share, or listed twice. The input order of ``voters`` never matters.
    """
    errors = validate_profile(profile)
    if errors:
        raise ProfileError(errors)
    by_college: dict[str, list[Voter]] = {college.code: [] for college in profile.colleges}
    seen: set[int] = set()
    for voter in voters:
        if voter.college not in by_college:
            raise ValueError(f"Member {voter.member_id}: unknown college {voter.college!r}.")
        if isinstance(voter.shares, bool) or not isinstance(voter.shares, int) or voter.shares < 1:
            raise ValueError(f"Member {voter.member_id}: shares must be an int >= 1.")
        if voter.member_id in seen:
            raise ValueError(f"Member {voter.member_id} is listed twice.")
        seen.add(voter.member_id)
        by_college[voter.college].append(voter)
    for college_voters in by_college.values():
        college_voters.sort(key=lambda v: v.member_id)
    if profile.legal_form == SCP:
        return _scp(profile, by_college)
    return _scic(profile, by_college)
