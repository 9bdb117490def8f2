"""Notice checks (R225-69 periods, the two-month limit of a second meeting, resolution kinds)."""

from __future__ import annotations

from datetime import date

import pytest

from viecoop.assemblies.engine import WarningCode, add_months, check_notice

from .helpers import SCP, english, paris


def codes(**kwargs) -> list[str]:
    defaults = {"assembly_kind": "ordinary", "notice": 1, "resolution_kinds": ["ordinary"]}
    return [w.code for w in check_notice(SCP, **(defaults | kwargs))]


@pytest.mark.parametrize(
    ("notice", "sent_on", "warned"),
    [
        (1, date(2025, 6, 5), False),  # 15 days before 20 June
        (1, date(2025, 6, 6), True),  # 14 days
        (2, date(2025, 6, 10), False),  # 10 days
        (2, date(2025, 6, 11), True),  # 9 days
    ],
)
def test_notice_period_15_days_first_10_days_second(notice, sent_on, warned):
    found = codes(
        notice=notice,
        meeting_at=paris(2025, 6, 20, 18),
        sent_on=sent_on,
        first_meeting_at=paris(2025, 6, 1, 18),
    )
    assert (WarningCode.NOTICE_TOO_SHORT in found) is warned


def test_days_are_counted_in_paris_calendar_days():
    # Sent at 23:30 in Paris on 5 June (21:30 UTC): still 15 days before 20 June.
    assert codes(meeting_at=paris(2025, 6, 20, 9), sent_on=paris(2025, 6, 5, 23, 30)) == []


def test_the_message_says_how_many_days_and_the_rule():
    [warning] = english(
        check_notice,
        SCP,
        assembly_kind="ordinary",
        notice=1,
        meeting_at=paris(2025, 6, 20, 18),
        sent_on=date(2025, 6, 10),
        resolution_kinds=["ordinary"],
    )
    assert warning.message == (
        "The notice is sent 10 days before the meeting; a first notice needs at least 15 days "
        "(R225-69)."
    )


def test_statuts_with_longer_periods_warn_earlier():
    rules = SCP.replace(notice_days_first=21)
    found = check_notice(
        rules,
        assembly_kind="ordinary",
        notice=1,
        meeting_at=paris(2025, 6, 20, 18),
        sent_on=date(2025, 6, 5),
        resolution_kinds=["ordinary"],
    )
    assert [w.code for w in found] == [WarningCode.NOTICE_TOO_SHORT]


def test_a_notice_sent_after_the_meeting():
    found = codes(meeting_at=paris(2025, 6, 20, 18), sent_on=date(2025, 6, 21))
    assert found == [WarningCode.SENT_AFTER_MEETING]


@pytest.mark.parametrize(
    ("first", "second", "warning"),
    [
        (paris(2025, 4, 10, 18), paris(2025, 6, 10, 18), None),  # exactly two months later
        (paris(2025, 4, 10, 18), paris(2025, 6, 11, 18), WarningCode.SECOND_TOO_LATE),
        (paris(2024, 12, 31, 18), paris(2025, 2, 28, 18), None),  # clamped to February's end
        (paris(2024, 12, 31, 18), paris(2025, 3, 1, 18), WarningCode.SECOND_TOO_LATE),
        (paris(2023, 12, 31, 18), paris(2024, 2, 29, 18), None),  # leap year
        (paris(2025, 6, 10, 18), paris(2025, 6, 10, 20), WarningCode.SECOND_NOT_AFTER_FIRST),
        (paris(2025, 6, 10, 18), paris(2025, 6, 1, 18), WarningCode.SECOND_NOT_AFTER_FIRST),
    ],
)
def test_second_meeting_at_most_two_months_after_the_first(first, second, warning):
    found = codes(notice=2, meeting_at=second, sent_on=date(2000, 1, 1), first_meeting_at=first)
    assert found == ([warning] if warning else [])


def test_second_meeting_too_late_message_gives_the_last_date():
    [warning] = english(
        check_notice,
        SCP,
        assembly_kind="extraordinary",
        notice=2,
        meeting_at=paris(2025, 6, 11, 18),
        sent_on=date(2025, 5, 1),
        first_meeting_at=paris(2025, 4, 10, 18),
        resolution_kinds=["extraordinary"],
    )
    assert warning.message == (
        "The second meeting is more than 2 months after the first (10/04/2025): it must be held "
        "by 10/06/2025 at the latest."
    )


def test_a_second_notice_needs_its_first_meeting():
    found = codes(notice=2, meeting_at=paris(2025, 6, 20), sent_on=date(2025, 6, 1))
    assert found == [WarningCode.SECOND_WITHOUT_FIRST]


@pytest.mark.parametrize(
    ("assembly", "kinds", "expected"),
    [
        ("ordinary", ["ordinary"], []),
        ("ordinary", ["ordinary", "extraordinary"], [WarningCode.EXTRAORDINARY_IN_ORDINARY]),
        ("extraordinary", ["extraordinary"], []),
        ("extraordinary", ["ordinary"], [WarningCode.ORDINARY_IN_EXTRAORDINARY]),
        ("mixed", ["ordinary", "extraordinary"], []),
        ("mixed", [], [WarningCode.NO_RESOLUTION]),
    ],
)
def test_resolution_kinds_must_fit_the_assembly(assembly, kinds, expected):
    found = codes(
        assembly_kind=assembly,
        meeting_at=paris(2025, 6, 20),
        sent_on=date(2025, 5, 1),
        resolution_kinds=kinds,
    )
    assert found == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 11, 30), 2, date(2026, 1, 30)),
        (date(2025, 12, 15), 2, date(2026, 2, 15)),
        (date(2025, 8, 31), 2, date(2025, 10, 31)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected
