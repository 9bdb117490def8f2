"""Governance rules: the law's defaults, validation with clear messages, JSON freezing."""

from __future__ import annotations

import json
from datetime import time
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viecoop.assemblies.engine import (
    DEFAULT_COLLEGES,
    AddedChoice,
    BlankProxyPolicy,
    CollegeRule,
    EmptyCollegePolicy,
    GovernanceRules,
    LegalForm,
    RulesError,
    TieBreak,
    ensure_valid,
    validate_rules,
    voters_from_register,
)
from viecoop.members import voting

from .helpers import SCIC, SCP, english, scic


def errors(rules):
    return english(validate_rules, rules)


def test_the_defaults_are_the_law():
    rules = GovernanceRules.default("scp")
    assert rules.legal_form == LegalForm.SCP
    assert [c.code for c in rules.colleges] == ["A", "B", "C"]
    assert (rules.quorum_ordinary_first, rules.quorum_ordinary_second) == (Fraction(1, 5), None)
    assert (rules.quorum_extraordinary_first, rules.quorum_extraordinary_second) == (
        Fraction(1, 4),
        Fraction(1, 5),
    )
    assert rules.majority_for("ordinary") == (Fraction(1, 2), True)
    assert rules.majority_for("extraordinary") == (Fraction(2, 3), False)
    assert (rules.investors_cap, rules.investors_cap_with_hlm) == (
        Fraction(35, 100),
        Fraction(49, 100),
    )
    assert rules.empty_college == EmptyCollegePolicy.REDISTRIBUTE
    assert rules.proxy_cap is None
    assert rules.blank_proxy == BlankProxyPolicy.BOARD
    assert rules.remote_participation is False
    assert rules.later_vote_replaces_proxy is False
    assert rules.meeting_vote_replaces_postal is False
    assert (rules.postal_paper_days, rules.postal_electronic_days) == (3, 1)
    assert rules.postal_electronic_time == time(15)
    assert (rules.notice_days_first, rules.notice_days_second) == (15, 10)
    assert rules.second_meeting_max_months == 2
    assert rules.election_tie_break == TieBreak.OLDER_THEN_DRAW
    assert rules.added_resolution_default == AddedChoice.AGAINST
    assert validate_rules(rules) == []


def test_scic_defaults_have_four_weighted_colleges():
    weights = {c.code: c.weight for c in SCIC.colleges}
    assert weights == {
        "usagers": Fraction(2, 5),
        "salaries": Fraction(1, 5),
        "collectivites": Fraction(1, 5),
        "partenaires": Fraction(1, 5),
    }
    assert validate_rules(SCIC) == []


def test_default_colleges_match_the_registers_standard_colleges():
    # members.services creates these colleges for a new coop; the engine must agree.
    from viecoop.members.services import DEFAULT_COLLEGES as REGISTER

    for form, colleges in DEFAULT_COLLEGES.items():
        expected = [
            (code, name, str(kind), None if weight is None else Fraction(weight) / 100)
            for code, name, kind, weight in REGISTER[str(form)]
        ]
        assert [(c.code, c.name, c.kind, c.weight) for c in colleges] == expected


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (
            [("u", Fraction(1, 2)), ("s", Fraction(1, 2))],
            "Une SCIC d'HLM doit avoir au moins 3 collèges (il y en a 2).",
        ),
        (
            [("u", Fraction(60, 100)), ("s", Fraction(30, 100)), ("c", Fraction(10, 100))],
            "La pondération du collège u (60 %) doit être comprise entre 10 % et 50 %.",
        ),
        (
            [("u", Fraction(1, 2)), ("s", Fraction(45, 100)), ("c", Fraction(5, 100))],
            "La pondération du collège c (5 %) doit être comprise entre 10 % et 50 %.",
        ),
        (
            [("u", Fraction(40, 100)), ("s", Fraction(30, 100)), ("c", Fraction(20, 100))],
            "Les pondérations des collèges totalisent 90 % au lieu de 100 %.",
        ),
    ],
)
def test_scic_weights_between_10_and_50_percent_adding_up_to_100(weights, message):
    assert message in errors(scic(*weights))


def test_float_weights_and_quorums_are_refused():
    assert any("fraction exacte" in e for e in errors(scic(("u", 0.4), ("s", 0.3), ("c", 0.3))))
    assert (
        "The quorum of an ordinary assembly on first notice must be an exact fraction."
        in errors(SCP.replace(quorum_ordinary_first=0.2))
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"quorum_ordinary_first": Fraction(1, 10)},
            "The quorum of an ordinary assembly on first notice (10\xa0%) is below the legal "
            "minimum of 20\xa0%.",
        ),
        (
            {"quorum_extraordinary_second": None},
            "The quorum of an extraordinary assembly on second notice: the law requires at least "
            "20\xa0%.",
        ),
        (
            {"quorum_extraordinary_first": Fraction(3, 2)},
            "The quorum of an extraordinary assembly on first notice must be between 0 % and "
            "100 %.",
        ),
        (
            {"majority_ordinary_strict": False},
            "The majority of ordinary resolutions (50\xa0%) is below the law's: FOR > 50\xa0% of "
            "votes cast.",
        ),
        (
            {"majority_extraordinary": Fraction(3, 5)},
            "The majority of extraordinary resolutions (60\xa0%) is below the law's: FOR ≥ 2/3 of "
            "votes cast.",
        ),
        ({"proxy_cap": 0}, "The proxy cap must be a whole number of at least 1, or no cap."),
        (
            {"notice_days_first": 14},
            "The notice period of a first notice must be at least 15 days (R225-69).",
        ),
        (
            {"notice_days_second": 7},
            "The notice period of a second notice must be at least 10 days (R225-69).",
        ),
        (
            {"second_meeting_max_months": 3},
            "The second meeting must be held within two months at most of the first.",
        ),
        (
            {"postal_paper_days": 5},
            "Paper postal forms must be accepted until 3 days before the meeting at least.",
        ),
        (
            {"postal_electronic_time": time(12)},
            "Electronic forms and online votes must be accepted until 15:00 (Paris) the day "
            "before the meeting at least.",
        ),
        ({"draw_seed": "x"}, "The draw seed must be a whole number."),
    ],
)
def test_rules_weaker_than_the_law_are_refused_with_a_clear_message(changes, message):
    assert message in errors(SCP.replace(**changes))


@pytest.mark.parametrize(
    "changes",
    [
        {"quorum_ordinary_first": Fraction(1, 3)},  # statuts may raise quorums
        {"quorum_ordinary_second": Fraction(1, 10)},
        {"majority_ordinary": Fraction(1, 2), "majority_ordinary_strict": True},
        {"majority_ordinary": Fraction(3, 5), "majority_ordinary_strict": False},
        {"majority_extraordinary": Fraction(3, 4)},
        {"proxy_cap": 5},
        {"notice_days_first": 21},
        {"second_meeting_max_months": 1},
        {"postal_paper_days": 1, "postal_electronic_days": 0},
        {"postal_electronic_time": time(18)},
        {"remote_participation": True, "later_vote_replaces_proxy": True},
    ],
)
def test_statuts_may_be_stricter_than_the_law(changes):
    assert validate_rules(SCP.replace(**changes)) == []


def test_every_breach_is_listed_at_once():
    rules = SCP.replace(proxy_cap=0, notice_days_first=3, quorum_ordinary_first=Fraction(1, 10))
    assert len(errors(rules)) == 3
    with pytest.raises(RulesError) as raised:
        ensure_valid(rules)
    assert len(raised.value.messages) == 3
    assert ensure_valid(SCP) is SCP


def test_scp_colleges_are_checked_by_the_voting_rights_rules():
    rules = GovernanceRules.default(
        "scp", (CollegeRule("A", "Usagers", "users"), CollegeRule("D", "Autres", "investors"))
    )
    assert (
        "Le collège D n'existe pas dans une SCP d'HLM (seuls les collèges A, B et C sont "
        "possibles)." in errors(rules)
    )


def test_an_unknown_legal_form():
    rules = GovernanceRules("sarl", SCP.colleges)
    assert errors(rules) == ["Unknown legal form 'sarl' (expected scp or scic)."]


# -- JSON -----------------------------------------------------------------------------------


def test_json_stores_fractions_as_strings_and_times_as_hh_mm():
    data = SCIC.replace(proxy_cap=3).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["version"] == 1
    assert data["quorum_ordinary_first"] == "1/5"
    assert data["quorum_ordinary_second"] is None
    assert data["majority_extraordinary"] == "2/3"
    assert data["postal_electronic_time"] == "15:00"
    assert data["colleges"][0] == {
        "code": "usagers",
        "name": "Usagers",
        "kind": "users",
        "weight": "2/5",
    }
    assert data["empty_college"] == "redistribute"
    assert data["proxy_cap"] == 3


def test_from_dict_refuses_floats_unknown_keys_and_versions():
    data = SCP.to_dict()
    with pytest.raises(ValueError, match="string"):
        GovernanceRules.from_dict(data | {"quorum_ordinary_first": 0.2})
    with pytest.raises(ValueError, match="Unknown governance rules keys: colour"):
        GovernanceRules.from_dict(data | {"colour": "red"})
    with pytest.raises(ValueError, match="version"):
        GovernanceRules.from_dict(data | {"version": 99})


def test_from_dict_fills_missing_keys_with_defaults():
    assert GovernanceRules.from_dict({"legal_form": "scic"}) == SCIC


def test_decimal_percentages_from_the_register_convert_exactly():
    # members.College.weight is a Decimal percentage: Fraction(Decimal) is exact.
    assert Fraction(Decimal("33.33")) / 100 == Fraction(3333, 10000)


fractions = st.fractions(min_value=0, max_value=1, max_denominator=1000)
rules_strategy = st.builds(
    SCP.replace,
    quorum_ordinary_first=fractions,
    quorum_ordinary_second=st.one_of(st.none(), fractions),
    quorum_extraordinary_first=fractions,
    quorum_extraordinary_second=st.one_of(st.none(), fractions),
    majority_ordinary=fractions,
    majority_extraordinary=fractions,
    proxy_cap=st.one_of(st.none(), st.integers(1, 50)),
    draw_seed=st.integers(0, 2**63),
    empty_college=st.sampled_from(list(EmptyCollegePolicy)),
    blank_proxy=st.sampled_from(list(BlankProxyPolicy)),
    remote_participation=st.booleans(),
    postal_electronic_time=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    added_resolution_default=st.sampled_from(list(AddedChoice)),
    election_tie_break=st.sampled_from(list(TieBreak)),
) | st.builds(
    lambda a, b: scic(("u", a), ("s", b), ("c", 1 - a - b)),
    st.fractions(Fraction(1, 10), Fraction(1, 2), max_denominator=100),
    st.fractions(Fraction(1, 10), Fraction(1, 2), max_denominator=100),
)


@settings(deadline=None, max_examples=200)
@given(rules_strategy)
def test_any_rules_survive_a_json_round_trip(rules):
    data = json.loads(json.dumps(rules.to_dict()))
    assert GovernanceRules.from_dict(data) == rules


def test_voters_from_register_apply_the_scp_cap():
    # docs/voting-rights.md, worked example 1: 20 users, investors capped to 19 votes.
    members = [voting.Voter(i, "A", 1) for i in range(1, 21)]
    members += [voting.Voter(i, "B", 25) for i in (101, 102, 103)]
    members += [voting.Voter(104, "B", 10), voting.Voter(201, "C", 25)]
    voters, rights = voters_from_register(SCP.replace(draw_seed=2025), members)
    votes = {v.voter_id: v.votes for v in voters}
    assert sum(votes.values()) == 39
    assert (votes[101], votes[104], votes[201]) == (4, 2, 5)
    assert rights.capped and rights.draw == (201, 102, 103, 101)
