"""Postal and online cut-offs (R225-77) at their exact boundaries, in Europe/Paris.

Paper: received by the end of D-3. Electronic (online votes): until D-1 at 15:00, inclusive.
Daylight-saving days move the UTC instant of the cut-off, never its Paris wall-clock time.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from viecoop.assemblies.engine import (
    PARIS,
    Channel,
    GovernanceRules,
    Medium,
    check_form,
    medium_of,
    postal_cutoff,
)

from .helpers import SCP, english, paris

MEETING = paris(2025, 6, 20, 18, 0)  # a Friday evening
US = timedelta(microseconds=1)


@pytest.mark.parametrize(
    ("received", "valid"),
    [
        (paris(2025, 6, 16, 9, 0), True),  # D-4
        (paris(2025, 6, 17, 0, 0), True),  # D-3 at midnight
        (paris(2025, 6, 17, 23, 59, 59, 999999), True),  # last instant of D-3
        (paris(2025, 6, 18, 0, 0), False),  # D-2 at midnight: too late
        (paris(2025, 6, 19, 12, 0), False),
    ],
)
def test_paper_forms_count_when_received_by_the_end_of_d_minus_3(received, valid):
    assert postal_cutoff(SCP, MEETING, Medium.PAPER).accepts(received) is valid


@pytest.mark.parametrize(
    ("received", "valid"),
    [
        (paris(2025, 6, 19, 14, 59, 59), True),
        (paris(2025, 6, 19, 15, 0), True),  # "by 15:00": 15:00:00 exactly still counts
        (paris(2025, 6, 19, 15, 0) + US, False),
        (paris(2025, 6, 20, 9, 0), False),  # the morning of the meeting
    ],
)
def test_electronic_votes_count_until_15_00_paris_the_day_before(received, valid):
    assert postal_cutoff(SCP, MEETING, Medium.ELECTRONIC).accepts(received) is valid


def test_the_cut_off_is_a_paris_wall_clock_time_whatever_the_timezone_of_the_input():
    cutoff = postal_cutoff(SCP, MEETING.astimezone(UTC), Medium.ELECTRONIC)
    assert cutoff.limit == paris(2025, 6, 19, 15, 0)
    # 13:00 UTC is 15:00 in Paris in summer (UTC+2).
    assert cutoff.accepts(datetime(2025, 6, 19, 13, 0, tzinfo=UTC))
    assert not cutoff.accepts(datetime(2025, 6, 19, 13, 0, 1, tzinfo=UTC))


def test_electronic_cut_off_on_the_spring_daylight_saving_day():
    # Clocks go forward on Sunday 30 March 2025 at 02:00; a Monday meeting's cut-off is that
    # Sunday at 15:00 CEST = 13:00 UTC (the day before, Saturday, 15:00 would be 14:00 UTC).
    cutoff = postal_cutoff(SCP, paris(2025, 3, 31, 10, 0), Medium.ELECTRONIC)
    assert cutoff.limit.astimezone(UTC) == datetime(2025, 3, 30, 13, 0, tzinfo=UTC)
    assert cutoff.accepts(datetime(2025, 3, 30, 13, 0, tzinfo=UTC))
    assert not cutoff.accepts(datetime(2025, 3, 30, 13, 0, 0, 1, tzinfo=UTC))


def test_electronic_cut_off_on_the_autumn_daylight_saving_day():
    # Clocks go back on Sunday 26 October 2025 at 03:00: 15:00 CET = 14:00 UTC.
    cutoff = postal_cutoff(SCP, paris(2025, 10, 27, 10, 0), Medium.ELECTRONIC)
    assert cutoff.limit.astimezone(UTC) == datetime(2025, 10, 26, 14, 0, tzinfo=UTC)
    assert cutoff.accepts(datetime(2025, 10, 26, 14, 0, tzinfo=UTC))
    assert not cutoff.accepts(datetime(2025, 10, 26, 14, 0, 1, tzinfo=UTC))


def test_paper_cut_off_ends_at_paris_midnight_across_the_spring_change():
    # Meeting Tuesday 1 April: D-3 is Saturday 29 March (CET), its end is Sunday 00:00 CET =
    # Saturday 23:00 UTC, before the change that night.
    cutoff = postal_cutoff(SCP, paris(2025, 4, 1, 18, 0), Medium.PAPER)
    assert cutoff.limit.astimezone(UTC) == datetime(2025, 3, 29, 23, 0, tzinfo=UTC)
    assert cutoff.accepts(datetime(2025, 3, 29, 22, 59, 59, tzinfo=UTC))
    assert not cutoff.accepts(datetime(2025, 3, 29, 23, 0, tzinfo=UTC))


def test_paper_cut_off_ends_at_paris_midnight_on_the_autumn_change_day():
    # Meeting Tuesday 28 October: D-3 is Saturday 25 October (CEST); it ends on Sunday 26 at
    # 00:00 CEST = Saturday 22:00 UTC, although that Sunday lasts 25 hours.
    cutoff = postal_cutoff(SCP, paris(2025, 10, 28, 18, 0), Medium.PAPER)
    assert cutoff.limit.astimezone(UTC) == datetime(2025, 10, 25, 22, 0, tzinfo=UTC)
    assert cutoff.accepts(datetime(2025, 10, 25, 21, 59, 59, 999999, tzinfo=UTC))
    assert not cutoff.accepts(datetime(2025, 10, 25, 22, 0, tzinfo=UTC))


def test_a_meeting_just_after_midnight_counts_days_in_paris_not_in_utc():
    # 00:30 in Paris on 21 June is still 20 June in UTC: D-1 is 20 June in Paris.
    cutoff = postal_cutoff(SCP, paris(2025, 6, 21, 0, 30), Medium.ELECTRONIC)
    assert cutoff.limit == paris(2025, 6, 20, 15, 0)


def test_statuts_may_shorten_the_delays():
    rules = SCP.replace(
        postal_paper_days=1, postal_electronic_days=0, postal_electronic_time=time(9)
    )
    assert postal_cutoff(rules, MEETING, Medium.PAPER).accepts(paris(2025, 6, 19, 23, 0))
    assert not postal_cutoff(rules, MEETING, Medium.PAPER).accepts(paris(2025, 6, 20, 0, 0))
    assert postal_cutoff(rules, MEETING, Medium.ELECTRONIC).limit == paris(2025, 6, 20, 9, 0)


def test_a_cut_off_never_falls_after_the_meeting_starts():
    rules = SCP.replace(
        postal_paper_days=0, postal_electronic_days=0, postal_electronic_time=time(23)
    )
    for medium in Medium:
        cutoff = postal_cutoff(rules, MEETING, medium)
        assert cutoff.limit == MEETING
        assert not cutoff.accepts(MEETING)
        assert cutoff.accepts(MEETING - US)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        postal_cutoff(SCP, datetime(2025, 6, 20, 18, 0), Medium.PAPER)  # noqa: DTZ001
    with pytest.raises(ValueError, match="timezone-aware"):
        postal_cutoff(SCP, MEETING, Medium.PAPER).accepts(datetime(2025, 6, 1))  # noqa: DTZ001


def test_channels_map_to_media():
    assert medium_of(Channel.POSTAL) == Medium.PAPER
    assert medium_of(Channel.ONLINE) == Medium.ELECTRONIC
    with pytest.raises(ValueError):
        medium_of(Channel.ROOM)


def test_check_form_explains_in_paris_time():
    late = english(check_form, SCP, MEETING, Medium.PAPER, paris(2025, 6, 18, 8, 30))
    assert not late.valid
    assert late.explanation == (
        "Paper form received on 18/06/2025 08:30:00, accepted until the end of 17/06/2025 "
        "(Paris time): too late, not counted."
    )
    ok = english(check_form, SCP, MEETING, "electronic", paris(2025, 6, 19, 15, 0))
    assert ok.valid
    assert ok.explanation == (
        "Electronic vote received on 19/06/2025 15:00:00, accepted until 19/06/2025 at 15:00 "
        "(Paris time): valid."
    )


def test_default_rules_carry_the_legal_cut_offs():
    rules = GovernanceRules.default("scic")
    assert (rules.postal_paper_days, rules.postal_electronic_days) == (3, 1)
    assert rules.postal_electronic_time == time(15, 0)
    assert PARIS.key == "Europe/Paris"
