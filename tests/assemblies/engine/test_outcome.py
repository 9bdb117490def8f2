"""Resolution outcome: majority of votes cast (L225-96, L225-98), SCP pool, SCIC weighted colleges."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viecoop.assemblies.engine import (
    Attendance,
    Ballot,
    Choice,
    EmptyCollegePolicy,
    Status,
    Tally,
    quorum,
    resolution_outcome,
    tally_ballots,
)

from .helpers import SCIC, SCP, english

PROPERTY = settings(deadline=None, max_examples=200)


def scp_outcome(kind, votes_for, against, **more):
    return resolution_outcome(SCP, kind, tallies=[Tally("A", votes_for, against, **more)])


@pytest.mark.parametrize(
    ("kind", "votes_for", "against", "adopted"),
    [
        # ordinary: FOR > 1/2 of votes cast
        ("ordinary", 51, 49, True),
        ("ordinary", 50, 50, False),  # a tie is not a majority
        ("ordinary", 1, 0, True),
        ("ordinary", 0, 1, False),
        ("ordinary", 501, 500, True),
        # extraordinary: FOR >= 2/3 of votes cast
        ("extraordinary", 200, 100, True),  # exactly 2/3
        ("extraordinary", 199, 100, False),  # 66.56 %
        ("extraordinary", 2, 1, True),
        ("extraordinary", 3, 2, False),
        ("extraordinary", 1, 0, True),
        # no vote cast: nothing is adopted
        ("ordinary", 0, 0, False),
        ("extraordinary", 0, 0, False),
    ],
)
def test_majority_of_votes_cast(kind, votes_for, against, adopted):
    outcome = scp_outcome(kind, votes_for, against)
    assert outcome.adopted is adopted
    assert outcome.status == (Status.ADOPTED if adopted else Status.REJECTED)
    expected_share = Fraction(votes_for, votes_for + against) if votes_for + against else None
    assert outcome.share_for == expected_share


def test_abstentions_blank_spoiled_and_silent_members_are_not_votes_cast():
    outcome = scp_outcome("ordinary", 10, 9, abstentions=100, blank=7, spoiled=3, not_voting=40)
    assert outcome.adopted
    assert outcome.total == Tally("*", 10, 9, 100, 7, 3, 40)
    assert outcome.total.cast == 19
    assert outcome.total.not_cast == 150


def test_ballots_weigh_their_voters_votes_in_one_scp_pool():
    ballots = [
        Ballot(1, "A", 1, Choice.FOR),
        Ballot(2, "A", 1, Choice.FOR),
        Ballot(3, "A", 1, Choice.FOR),
        Ballot(101, "B", 4, Choice.AGAINST),  # an investor with 4 votes after the cap
    ]
    outcome = resolution_outcome(SCP, "ordinary", ballots=ballots)
    assert (outcome.total.votes_for, outcome.total.votes_against) == (3, 4)
    assert not outcome.adopted
    assert [c.share_for for c in outcome.colleges] == [Fraction(1), Fraction(0), None]


def test_ballots_and_room_totals_add_up():
    outcome = resolution_outcome(
        SCP,
        "ordinary",
        ballots=[Ballot(1, "A", 1, Choice.AGAINST), Ballot(2, "A", 1, Choice.ABSTAIN)],
        tallies=[Tally("A", 3, 1), Tally("B", 0, 2)],
    )
    assert outcome.total == Tally("*", 3, 4, 1)
    assert not outcome.adopted  # 3 of 7


def test_tally_ballots_groups_by_college():
    tallies = tally_ballots(
        [
            Ballot(1, "A", 1, Choice.FOR),
            Ballot(2, "B", 3, Choice.SPOILED),
            Ballot(3, "A", 1, Choice.BLANK),
            Ballot(4, "A", 1, Choice.FOR),
        ]
    )
    assert tallies == {"A": Tally("A", 2, 0, 0, 1), "B": Tally("B", spoiled=3)}


def test_an_unknown_college_is_an_error():
    with pytest.raises(ValueError, match="Unknown college"):
        resolution_outcome(SCP, "ordinary", tallies=[Tally("Z", 1)])
    with pytest.raises(ValueError, match="Unknown college"):
        resolution_outcome(SCIC, "ordinary", ballots=[Ballot(1, "A", 1, Choice.FOR)])


@pytest.mark.parametrize("bad", [{"votes_for": -1}, {"blank": 1.0}, {"spoiled": True}])
def test_a_tally_holds_non_negative_whole_votes(bad):
    with pytest.raises(ValueError):
        Tally("A", **bad)


def test_a_missed_quorum_means_the_resolution_cannot_be_adopted():
    missed = quorum(SCP, "extraordinary", 1, Attendance(total=100, present=20))
    outcome = resolution_outcome(SCP, "extraordinary", tallies=[Tally("A", 20)], quorum=missed)
    assert outcome.status == Status.NO_QUORUM and not outcome.adopted
    reached = quorum(SCP, "extraordinary", 1, Attendance(total=100, present=25))
    assert resolution_outcome(
        SCP, "extraordinary", tallies=[Tally("A", 25)], quorum=reached
    ).adopted


def test_scp_explanation():
    outcome = english(
        resolution_outcome,
        SCP,
        "ordinary",
        tallies=[Tally("A", 600, 200, 30, 4, 2, 12), Tally("B", 40, 10)],
    )
    assert outcome.explanation == (
        "Ordinary resolution: adopted when FOR > 50\xa0% of votes cast (C. com. L225-98).",
        "FOR 640, AGAINST 210: 640 of 850 votes cast = 75.3\xa0% > 50\xa0%.",
        "Not votes cast, left out of the majority: abstentions 30, blank 4, spoiled 2, present "
        "without voting 12.",
        "Adopted.",
    )


def test_an_extraordinary_majority_is_shown_as_the_exact_fraction():
    outcome = english(scp_outcome, "extraordinary", 199, 100)
    assert outcome.explanation[0] == (
        "Extraordinary resolution: adopted when FOR ≥ 2/3 of votes cast (C. com. L225-96)."
    )
    assert outcome.explanation[1] == (
        "FOR 199, AGAINST 100: 199 of 299 votes cast = 66.6\xa0% < 2/3."
    )


# -- SCIC -----------------------------------------------------------------------------------

SCIC_TALLIES = [
    Tally("usagers", 300, 100, 5),  # 75 % for
    Tally("salaries", 3, 7),  # 30 % for
    Tally("collectivites", 1, 1),  # 50 % for
    # partenaires: nobody cast a vote
]


def test_scic_weights_each_colleges_result_and_shares_an_empty_colleges_weight():
    outcome = resolution_outcome(SCIC, "ordinary", tallies=SCIC_TALLIES)
    weights = {c.code: c.weight for c in outcome.colleges}
    # 40/20/20 of the colleges that voted, renormalised to 100 %: 1/2, 1/4, 1/4.
    assert weights == {
        "usagers": Fraction(1, 2),
        "salaries": Fraction(1, 4),
        "collectivites": Fraction(1, 4),
        "partenaires": Fraction(0),
    }
    # 1/2 × 3/4 + 1/4 × 3/10 + 1/4 × 1/2 = 23/40 = 57.5 %
    assert outcome.share_for == Fraction(23, 40)
    assert outcome.adopted
    assert not resolution_outcome(SCIC, "extraordinary", tallies=SCIC_TALLIES).adopted


def test_scic_keeping_an_empty_colleges_weight_makes_adoption_harder():
    rules = SCIC.replace(empty_college=EmptyCollegePolicy.KEEP)
    outcome = resolution_outcome(rules, "ordinary", tallies=SCIC_TALLIES)
    # 2/5 × 3/4 + 1/5 × 3/10 + 1/5 × 1/2 = 23/50 = 46 % of 100 %: rejected.
    assert outcome.share_for == Fraction(23, 50)
    assert not outcome.adopted
    assert {c.code: c.weight for c in outcome.colleges}["partenaires"] == Fraction(1, 5)


def test_scic_a_crowded_college_cannot_outvote_the_others():
    tallies = [
        Tally("usagers", 1000, 0),
        Tally("salaries", 0, 1),
        Tally("collectivites", 0, 1),
        Tally("partenaires", 0, 1),
    ]
    outcome = resolution_outcome(SCIC, "ordinary", tallies=tallies)
    assert outcome.share_for == Fraction(2, 5)
    assert not outcome.adopted


def test_scic_a_college_that_only_abstains_counts_as_empty():
    tallies = [*SCIC_TALLIES, Tally("partenaires", abstentions=9)]
    outcome = resolution_outcome(SCIC, "ordinary", tallies=tallies)
    assert outcome.share_for == Fraction(23, 40)
    assert outcome.total.abstentions == 14


def test_scic_nobody_voted():
    outcome = resolution_outcome(SCIC, "ordinary", tallies=[Tally("usagers", abstentions=3)])
    assert outcome.share_for is None
    assert outcome.status == Status.REJECTED


def test_scic_explanation():
    outcome = english(resolution_outcome, SCIC, "ordinary", tallies=SCIC_TALLIES)
    assert outcome.explanation == (
        "Ordinary resolution: adopted when FOR > 50\xa0% of votes cast (C. com. L225-98).",
        "College usagers (Usagers), weight 50\xa0% (statutory 40\xa0%): FOR 300, AGAINST 100, "
        "75\xa0% for.",
        "College salaries (Salariés), weight 25\xa0% (statutory 20\xa0%): FOR 3, AGAINST 7, "
        "30\xa0% for.",
        "College collectivites (Collectivités publiques), weight 25\xa0% (statutory 20\xa0%): FOR "
        "1, AGAINST 1, 50\xa0% for.",
        "College partenaires (Partenaires): no vote cast; its weight of 20\xa0% is shared among "
        "the other colleges pro rata.",
        "Weighted result: FOR 57.5\xa0% of the weighted votes cast > 50\xa0%.",
        "Not votes cast, left out of the majority: abstentions 5, blank 0, spoiled 0, present "
        "without voting 0.",
        "Adopted.",
    )


# -- properties -----------------------------------------------------------------------------

CODES = [c.code for c in SCIC.colleges]
choices = st.sampled_from(list(Choice))
scp_ballots = st.lists(
    st.builds(
        Ballot,
        voter_id=st.integers(1, 10**6),
        college=st.sampled_from(["A", "B", "C"]),
        votes=st.integers(1, 50),
        choice=choices,
    ),
    max_size=40,
)
scic_ballots = st.lists(
    st.builds(
        Ballot,
        voter_id=st.integers(1, 10**6),
        college=st.sampled_from(CODES),
        votes=st.just(1),
        choice=choices,
    ),
    max_size=40,
)
cases = st.one_of(
    st.tuples(st.just(SCP), scp_ballots),
    st.tuples(st.sampled_from([SCIC, SCIC.replace(empty_college="keep")]), scic_ballots),
)
kinds = st.sampled_from(["ordinary", "extraordinary"])


@PROPERTY
@given(cases, kinds, st.sampled_from([Choice.ABSTAIN, Choice.BLANK, Choice.SPOILED]), st.data())
def test_adding_a_vote_not_cast_never_changes_the_outcome(case, kind, extra, data):
    rules, ballots = case
    college = data.draw(st.sampled_from([c.code for c in rules.colleges]))
    before = resolution_outcome(rules, kind, ballots=ballots)
    after = resolution_outcome(
        rules, kind, ballots=[*ballots, Ballot(0, college, data.draw(st.integers(1, 50)), extra)]
    )
    assert (after.status, after.share_for) == (before.status, before.share_for)
    silent = resolution_outcome(
        rules, kind, ballots=ballots, tallies=[Tally(college, not_voting=9)]
    )
    assert silent.status == before.status


@PROPERTY
@given(cases, kinds, st.randoms(use_true_random=False))
def test_the_outcome_never_depends_on_the_order_of_the_ballots(case, kind, rnd):
    rules, ballots = case
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    assert resolution_outcome(rules, kind, ballots=ballots) == resolution_outcome(
        rules, kind, ballots=shuffled
    )


@PROPERTY
@given(cases, kinds, st.data())
def test_more_for_never_rejects_and_more_against_never_adopts(case, kind, data):
    rules, ballots = case
    college = data.draw(st.sampled_from([c.code for c in rules.colleges]))
    votes = 1 if rules is not SCP else data.draw(st.integers(1, 50))
    before = resolution_outcome(rules, kind, ballots=ballots).adopted
    more_for = resolution_outcome(
        rules, kind, ballots=[*ballots, Ballot(0, college, votes, Choice.FOR)]
    ).adopted
    more_against = resolution_outcome(
        rules, kind, ballots=[*ballots, Ballot(0, college, votes, Choice.AGAINST)]
    ).adopted
    # Adding a FOR in an SCIC college that had not voted can bring its weight in on the FOR
    # side only; adding an AGAINST can only pull the weighted share down.
    assert more_for or not before
    assert before or not more_against


@PROPERTY
@given(scic_ballots.filter(lambda b: any(x.choice.is_cast for x in b)), kinds)
def test_scic_redistributed_weights_add_up_to_one(ballots, kind):
    outcome = resolution_outcome(SCIC, kind, ballots=ballots)
    assert sum(c.weight for c in outcome.colleges) == 1
    voted = [c for c in outcome.colleges if c.tally.cast]
    statutory = sum(c.statutory_weight for c in voted)
    for college in voted:  # the ratios between colleges that voted are kept
        assert college.weight == college.statutory_weight / statutory


@PROPERTY
@given(scp_ballots, kinds)
def test_scp_outcome_is_the_plain_formula(ballots, kind):
    outcome = resolution_outcome(SCP, kind, ballots=ballots)
    votes_for = sum(b.votes for b in ballots if b.choice == Choice.FOR)
    against = sum(b.votes for b in ballots if b.choice == Choice.AGAINST)
    if kind == "ordinary":
        expected = votes_for + against > 0 and 2 * votes_for > votes_for + against
    else:
        expected = votes_for + against > 0 and 3 * votes_for >= 2 * (votes_for + against)
    assert outcome.adopted is expected


@PROPERTY
@given(scic_ballots, kinds, st.sampled_from(CODES), st.integers(2, 9))
def test_scic_college_results_are_shares_not_headcounts(ballots, kind, code, factor):
    # Multiplying every ballot of one college changes nothing: each college's result is a share.
    scaled = [b for b in ballots if b.college != code] + [
        b for b in ballots if b.college == code for _ in range(factor)
    ]
    before = resolution_outcome(SCIC, kind, ballots=ballots)
    after = resolution_outcome(SCIC, kind, ballots=scaled)
    assert (before.status, before.share_for) == (after.status, after.share_for)


def test_shuffle_smoke_with_a_big_random_assembly():
    rnd = random.Random(7)
    ballots = [Ballot(i, rnd.choice(CODES), 1, rnd.choice(list(Choice))) for i in range(2000)]
    outcome = resolution_outcome(SCIC, "ordinary", ballots=ballots)
    assert sum(c.tally.cast + c.tally.not_cast for c in outcome.colleges) == 2000
