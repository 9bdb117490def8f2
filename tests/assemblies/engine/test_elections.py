"""Board elections: approval within a maximum, several seats, ties by age then a recorded draw."""

from __future__ import annotations

import random
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viecoop.assemblies.engine import (
    Attendance,
    Candidate,
    Election,
    ElectionBallot,
    TieBreak,
    election_result,
    quorum,
)

from .helpers import SCIC, SCP, english

ANNE = Candidate(1, "Anne", date(1950, 3, 1))
BRUNO = Candidate(2, "Bruno", date(1962, 7, 14))
CLAIRE = Candidate(3, "Claire", date(1971, 1, 9))
DAVID = Candidate(4, "David", date(1962, 7, 14))  # born the same day as Bruno
HABITAT = Candidate(5, "Habitat 44 (personne morale)", None)
CANDIDATES = (ANNE, BRUNO, CLAIRE, DAVID)


def ballot(*choices: int, college: str = "A", votes: int = 1, spoiled: bool = False):
    return ElectionBallot(college, votes, tuple(choices), spoiled)


def elect(ballots, seats=2, candidates=CANDIDATES, rules=SCP, **more):
    return election_result(rules, Election(7, seats, candidates, ballots=tuple(ballots), **more))


def test_the_highest_scores_take_the_seats():
    result = elect([ballot(1, 2), ballot(1, 3), ballot(1, 2), ballot(3)], seats=2)
    assert result.elected == (1, 2) or result.elected == (1, 3)
    scores = {c.candidate_id: c.votes for c in result.candidates}
    assert scores == {1: 3, 2: 2, 3: 2, 4: 0}


def test_a_tie_at_the_last_seat_goes_to_the_older_candidate():
    # Anne 3; Bruno (1962) and Claire (1971) tie with 2 for the last seat.
    result = elect([ballot(1, 2), ballot(1, 3), ballot(1, 2), ballot(3)], seats=2)
    assert result.elected == (1, 2)
    assert result.tied == (2, 3)
    assert (result.decided_by, result.draw) == ("older", ())
    assert [c.candidate_id for c in result.candidates] == [1, 2, 3, 4]
    assert [c.rank for c in result.candidates] == [1, 2, 3, 4]


def test_a_tie_between_candidates_born_the_same_day_is_drawn_with_the_recorded_seed():
    ballots = [ballot(1, 2), ballot(1, 4), ballot(2, 4)]  # Anne 2, Bruno 2, David 2: 3-way tie
    for seed in range(20):
        result = elect(ballots, seats=2, seed=seed)
        # Anne is the oldest: elected; Bruno and David share a birthday: the draw decides.
        expected = [2, 4]
        random.Random(seed).shuffle(expected)
        assert result.draw == tuple(expected)
        assert result.elected == (1, expected[0])
        assert (result.decided_by, result.seed, result.tied) == ("draw", seed, (1, 2, 4))
    winners = {elect(ballots, seats=2, seed=seed).elected for seed in range(20)}
    assert winners == {(1, 2), (1, 4)}  # the seed matters, and it is recorded


def test_a_legal_entity_has_no_age_so_its_tie_is_drawn():
    result = elect([ballot(1), ballot(5)], seats=1, candidates=(ANNE, HABITAT), seed=3)
    assert result.decided_by == "draw"
    expected = [1, 5]
    random.Random(3).shuffle(expected)
    assert result.draw == tuple(expected)
    assert result.elected == (expected[0],)


def test_statuts_may_draw_every_tie():
    rules = SCP.replace(election_tie_break=TieBreak.DRAW)
    result = elect([ballot(2), ballot(3)], seats=1, rules=rules, seed=11)
    expected = [2, 3]
    random.Random(11).shuffle(expected)
    assert (result.decided_by, result.draw, result.elected) == (
        "draw",
        tuple(expected),
        (expected[0],),
    )


def test_a_tie_that_fits_in_the_seats_needs_no_tie_break():
    result = elect([ballot(2, 3), ballot(1)], seats=3)
    assert set(result.elected) == {1, 2, 3}
    assert (result.tied, result.decided_by, result.draw) == ((), "", ())


def test_blank_and_spoiled_ballots_are_counted_apart():
    result = elect(
        [
            ballot(1),
            ballot(),  # blank
            ballot(1, 2, 3),  # too many ticks for 2 seats: spoiled
            ballot(1, 1),  # the same candidate twice: spoiled
            ballot(99),  # unknown candidate: spoiled
            ballot(2, spoiled=True),  # declared spoiled by the tellers
        ],
        seats=2,
    )
    assert (result.valid_votes, result.blank, result.spoiled, result.ballots) == (1, 1, 4, 6)
    assert result.elected == (1,)
    assert result.vacant == 1  # nobody else has a vote


def test_max_choices_may_differ_from_seats():
    result = elect([ballot(1, 2, 3)], seats=2, max_choices=3)
    assert result.spoiled == 0 and len(result.elected) == 2


def test_a_majority_may_be_required():
    rules = SCP.replace(election_requires_majority=True)
    ballots = [ballot(1, 2), ballot(1, 3), ballot(1), ballot(4)]
    result = elect(ballots, seats=2, rules=rules)
    # 4 valid ballots: Anne 3 > 2 is elected, Bruno, Claire and David (1 each) are not.
    assert result.elected == (1,)
    assert result.vacant == 1


def test_weights_follow_the_voting_rights_in_an_scp():
    result = elect([ballot(1), ballot(1), ballot(2, college="B", votes=5)], seats=1)
    assert result.elected == (2,)
    assert result.candidates[0].score == 5


def test_scic_scores_are_weighted_by_college():
    ballots = [
        *[ballot(1, college="usagers") for _ in range(30)],
        ballot(2, college="usagers"),
        ballot(2, college="salaries"),
        ballot(2, college="collectivites"),
    ]
    result = elect(ballots, seats=1, rules=SCIC)
    # partenaires cast nothing: weights 1/2, 1/4, 1/4. Anne: 1/2 × 30/31; Bruno: the rest.
    scores = {c.candidate_id: c.score for c in result.candidates}
    assert scores[1] == Fraction(1, 2) * Fraction(30, 31)
    assert scores[2] == Fraction(1, 2) * Fraction(1, 31) + Fraction(1, 4) + Fraction(1, 4)
    assert result.elected == (2,)


def test_nobody_is_elected_without_the_quorum():
    missed = quorum(SCP, "ordinary", 1, Attendance(total=100, present=10))
    result = election_result(SCP, Election(7, 2, CANDIDATES, ballots=(ballot(1),)), quorum=missed)
    assert result.elected == () and not result.quorum_reached


def test_the_explanation_names_the_tie_and_the_draw():
    ballots = [ballot(1, 2), ballot(1, 4), ballot(2, 4), ballot(), ballot(1, 2, 3)]
    result = english(elect, ballots, seats=2, seed=2025)
    first = result.draw[0]
    names = {2: "Bruno", 4: "David"}
    assert result.explanation == (
        "2 seat(s) to fill; each ballot ticks at most 2 candidate(s). The seats go to the highest "
        "scores.",
        "1. Anne: 2 votes, elected.",
        f"2. {names[first]}: 2 votes, elected.",
        f"3. {names[6 - first]}: 2 votes, not elected.",
        "4. Claire: 0 votes, not elected.",
        "Tie for the last seat(s) between Anne, Bruno, David: the older candidates first, then a "
        "recorded draw between those born the same day (seed 2025), drawn order: "
        f"{names[result.draw[0]]}, {names[result.draw[1]]}.",
        "Valid ballots: 3 votes; blank: 1; spoiled: 1 (counted apart).",
    )


def test_bad_elections_are_refused():
    with pytest.raises(ValueError):
        elect([], seats=0)
    with pytest.raises(ValueError, match="twice"):
        elect([], candidates=(ANNE, ANNE))
    with pytest.raises(ValueError, match="Unknown college"):
        elect([ballot(1, college="Z")])
    with pytest.raises(ValueError, match="int >= 1"):
        elect([ballot(1, votes=0)])


# -- properties -----------------------------------------------------------------------------

POOL = (ANNE, BRUNO, CLAIRE, DAVID, HABITAT)
ballots = st.lists(
    st.builds(
        ElectionBallot,
        college=st.sampled_from(["A", "B"]),
        votes=st.integers(1, 4),
        choices=st.lists(st.sampled_from([1, 2, 3, 4, 5, 6]), max_size=4).map(tuple),
        spoiled=st.booleans().map(lambda b: b and False),
    ),
    max_size=25,
)


@settings(deadline=None, max_examples=300)
@given(ballots, st.integers(1, 4), st.integers(0, 10**6), st.randoms(use_true_random=False))
def test_elections_are_deterministic_order_free_and_fill_what_they_can(bs, seats, seed, rnd):
    election = Election(1, seats, POOL, max_choices=3, seed=seed, ballots=tuple(bs))
    result = election_result(SCP, election)
    shuffled_ballots, shuffled_candidates = list(bs), list(POOL)
    rnd.shuffle(shuffled_ballots)
    rnd.shuffle(shuffled_candidates)
    again = election_result(
        SCP,
        Election(1, seats, tuple(shuffled_candidates), 3, seed, tuple(shuffled_ballots)),
    )
    assert again == result
    with_votes = [c for c in result.candidates if c.votes > 0]
    assert len(result.elected) == min(seats, len(with_votes))
    assert result.vacant == seats - len(result.elected)
    elected = [c for c in result.candidates if c.elected]
    others = [c for c in result.candidates if not c.elected]
    assert all(e.score >= o.score for e in elected for o in others)
    assert [c.rank for c in result.candidates] == list(range(1, len(POOL) + 1))
    assert result.valid_votes + result.blank + result.spoiled == sum(b.votes for b in bs)
