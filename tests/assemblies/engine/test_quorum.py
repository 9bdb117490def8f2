"""Quorum: votes present or represented ÷ voting rights, per kind and notice (L225-96, L225-98)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viecoop.assemblies.engine import (
    Attendance,
    Notice,
    ResolutionKind,
    assembly_quorums,
    kinds_of,
    quorum,
)

from .helpers import SCP, english

PROPERTY = settings(deadline=None, max_examples=300)


@pytest.mark.parametrize(
    ("kind", "notice", "required"),
    [
        ("ordinary", 1, Fraction(1, 5)),
        ("ordinary", 2, None),
        ("extraordinary", 1, Fraction(1, 4)),
        ("extraordinary", 2, Fraction(1, 5)),
    ],
)
def test_the_default_quorums_are_the_law(kind, notice, required):
    assert SCP.quorum_for(kind, notice) == required
    assert quorum(SCP, kind, notice, Attendance(total=100)).required == required


@pytest.mark.parametrize(
    ("kind", "notice", "counted", "total", "reached", "needed"),
    [
        # AGO, 1st notice: at least 1/5
        ("ordinary", 1, 200, 1000, True, 200),
        ("ordinary", 1, 199, 1000, False, 200),
        ("ordinary", 1, 201, 1004, True, 201),  # 1004 / 5 = 200.8: 201 needed
        ("ordinary", 1, 200, 1004, False, 201),
        # AGO, 2nd notice: no quorum
        ("ordinary", 2, 0, 1000, True, 0),
        ("ordinary", 2, 1, 1000, True, 0),
        # AGE, 1st notice: at least 1/4
        ("extraordinary", 1, 250, 1000, True, 250),
        ("extraordinary", 1, 249, 1000, False, 250),
        # AGE, 2nd notice: at least 1/5
        ("extraordinary", 2, 200, 1000, True, 200),
        ("extraordinary", 2, 199, 1000, False, 200),
        # no voting rights at all
        ("extraordinary", 1, 0, 0, False, 0),
        ("ordinary", 2, 0, 0, True, 0),
    ],
)
def test_reached_at_exactly_the_required_fraction(kind, notice, counted, total, reached, needed):
    result = quorum(SCP, kind, notice, Attendance(total=total, present=counted))
    assert (result.reached, result.needed, result.counted) == (reached, needed, counted)
    assert result.missing == (0 if reached else needed - counted)


def test_every_way_of_taking_part_counts():
    attendance = Attendance(total=1004, present=150, represented=40, postal=12, online=10)
    result = quorum(SCP, "ordinary", 1, attendance)
    assert result.counted == 212
    assert result.fraction == Fraction(212, 1004)
    assert result.reached


def test_remote_participants_count_only_where_the_statuts_say_so():
    attendance = Attendance(total=100, present=18, remote=5)
    assert not quorum(SCP, "ordinary", 1, attendance).reached
    allowed = quorum(SCP.replace(remote_participation=True), "ordinary", 1, attendance)
    assert allowed.reached and allowed.counted == 23 and allowed.remote_counted


def test_the_explanation_shows_the_numbers():
    attendance = Attendance(total=1004, present=150, represented=40, postal=12, online=10)
    result = english(quorum, SCP, "ordinary", 1, attendance)
    assert result.explanation == (
        "Quorum of the ordinary assembly, first notice: 212 votes of 1,004 present, represented "
        "or voting by form = 21.1\xa0% ≥ 20\xa0% required (C. com. L225-98): reached.",
        "In the room: 150; represented by a proxy: 40; postal forms: 12; online: 10; remote: 0.",
    )


def test_the_explanation_in_french():
    attendance = Attendance(total=1004, present=150, represented=40, postal=12, online=10)
    result = quorum(SCP, "ordinary", 1, attendance)  # French is the default language
    assert result.explanation[0] == (
        "Quorum de l’assemblée ordinaire, première convocation : 212 voix sur 1\xa0004 "
        "présentes, représentées ou ayant voté par formulaire = 21,1\xa0% ≥ 20\xa0% requis "
        "(C. com. L225-98) : atteint."
    )


def test_a_quorum_missed_by_a_hair_is_never_shown_as_equal():
    result = english(quorum, SCP, "ordinary", 1, Attendance(total=5001, present=1000))
    # 1000 / 5001 = 19.996 %: one decimal would print "20.0 % < 20 %".
    assert "= 19.996\xa0% < 20\xa0% required" in result.explanation[0]
    assert "not reached, 1 votes short." in result.explanation[0]


def test_no_quorum_on_second_notice_is_explained():
    result = english(quorum, SCP, "ordinary", 2, Attendance(total=300, present=12))
    assert result.explanation[0] == (
        "Quorum of the ordinary assembly, second notice: none required (C. com. L225-98); 12 "
        "votes of 300 present, represented or voting by form (4\xa0%)."
    )


def test_remote_votes_left_out_are_explained():
    result = english(quorum, SCP, "extraordinary", 1, Attendance(total=100, present=30, remote=4))
    assert result.explanation[-1] == (
        "The 4 votes of remote participants do not count: the statuts do not provide for remote "
        "participation (C. com. L225-107 II)."
    )


def test_statuts_may_raise_a_quorum():
    rules = SCP.replace(quorum_ordinary_first=Fraction(1, 3))
    assert not quorum(rules, "ordinary", 1, Attendance(total=300, present=99)).reached
    assert quorum(rules, "ordinary", 1, Attendance(total=300, present=100)).reached


@pytest.mark.parametrize(
    ("assembly", "kinds"),
    [
        ("ordinary", (ResolutionKind.ORDINARY,)),
        ("extraordinary", (ResolutionKind.EXTRAORDINARY,)),
        ("mixed", (ResolutionKind.ORDINARY, ResolutionKind.EXTRAORDINARY)),
    ],
)
def test_a_mixed_assembly_checks_each_quorum_for_its_own_resolutions(assembly, kinds):
    assert kinds_of(assembly) == kinds
    # 22 % attend: enough for the ordinary part (1/5), not for the extraordinary one (1/4).
    result = assembly_quorums(SCP, assembly, Notice.FIRST, Attendance(total=100, present=22))
    assert tuple(result) == kinds
    expected = {ResolutionKind.ORDINARY: True, ResolutionKind.EXTRAORDINARY: False}
    assert all(result[kind].reached == expected[kind] for kind in kinds)


@pytest.mark.parametrize(
    "bad",
    [
        {"total": -1},
        {"total": 10, "present": -1},
        {"total": 10, "present": 6, "postal": 5},
        {"total": 10, "present": 1.5},
        {"total": True},
    ],
)
def test_inconsistent_attendance_is_refused(bad):
    with pytest.raises(ValueError):
        Attendance(**bad)


attendances = st.integers(min_value=0, max_value=5000).flatmap(
    lambda total: st.tuples(
        st.just(total),
        st.lists(st.integers(min_value=0, max_value=total), min_size=5, max_size=5).filter(
            lambda parts: sum(parts) <= total
        ),
    )
)


@PROPERTY
@given(
    attendances,
    st.sampled_from(list(ResolutionKind)),
    st.sampled_from(list(Notice)),
    st.booleans(),
    st.integers(min_value=0, max_value=4),
)
def test_quorum_is_monotone_in_attendance(data, kind, notice, remote, which):
    total, parts = data
    rules = SCP.replace(remote_participation=remote)
    names = ("present", "represented", "postal", "online", "remote")
    before = quorum(rules, kind, notice, Attendance(total, *parts))
    if sum(parts) < total:
        more = list(parts)
        more[which] += 1
        after = quorum(rules, kind, notice, Attendance(total, *more))
        assert after.counted >= before.counted
        assert after.reached or not before.reached, names[which]


@PROPERTY
@given(attendances, st.sampled_from(list(ResolutionKind)), st.sampled_from(list(Notice)))
def test_needed_is_the_smallest_count_that_reaches_the_quorum(data, kind, notice):
    total, _parts = data
    result = quorum(SCP, kind, notice, Attendance(total=total))
    if result.required is None or total == 0:
        return
    assert quorum(SCP, kind, notice, Attendance(total, present=result.needed)).reached
    if result.needed:
        assert not quorum(SCP, kind, notice, Attendance(total, present=result.needed - 1)).reached
    assert Fraction(result.needed, total) >= result.required
