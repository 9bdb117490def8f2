"""Proxies, postal and online votes, check-ins: one effective ballot per voter and resolution."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viecoop.assemblies.engine import (
    AddedChoice,
    Attendance,
    Ballot,
    BlankProxyPolicy,
    Channel,
    Choice,
    NoteCode,
    Presence,
    Proxy,
    ProxyError,
    Resolution,
    ResolutionKind,
    Vote,
    Voter,
    effective_ballots,
    proxies_in_force,
    proxy_cap_error,
)

from .helpers import SCP, english, members, paris

MEETING = paris(2025, 6, 20, 18)
EARLY = paris(2025, 6, 1, 10)  # well before every cut-off
LATER = paris(2025, 6, 10, 10)
IN_ROOM = paris(2025, 6, 20, 18, 30)
VOTERS = (*members("A", 1, 10), Voter(101, "B", 3))
R1 = Resolution(1, ResolutionKind.ORDINARY, board_backed=True, number="1")
R2 = Resolution(2, ResolutionKind.EXTRAORDINARY, board_backed=False, number="2")
R3 = Resolution(3, ResolutionKind.ORDINARY, board_backed=False, added_in_meeting=True)
RESOLUTIONS = (R1, R2)


def run(rules=SCP, resolutions=RESOLUTIONS, **inputs):
    return effective_ballots(
        rules, meeting_at=MEETING, voters=VOTERS, resolutions=resolutions, **inputs
    )


def choices(participation, resolution_id):
    return {b.voter_id: b.choice for b in participation.ballots[resolution_id]}


def codes(participation):
    return [(n.code, n.voter_id, n.resolution_id) for n in participation.notes]


def room(voter_id, resolution_id, choice, by=None, at=IN_ROOM):
    return Vote(voter_id, resolution_id, choice, Channel.ROOM, at, by)


def online(voter_id, resolution_id, choice, at=EARLY):
    return Vote(voter_id, resolution_id, choice, Channel.ONLINE, at)


# -- proxies without a holder (L225-106) ------------------------------------------------------


def test_a_blank_proxy_votes_for_what_the_board_backs_and_against_the_rest():
    result = run(proxies=[Proxy(5, None, EARLY)])
    assert choices(result, 1) == {5: Choice.FOR}
    assert choices(result, 2) == {5: Choice.AGAINST}
    assert result.ballots[1] == (Ballot(5, "A", 1, Choice.FOR, Channel.BLANK_PROXY),)
    assert result.taking_part == {5: Channel.BLANK_PROXY}
    assert result.attendance == Attendance(total=13, represented=1)


def test_statuts_may_make_blank_proxies_abstain():
    rules = SCP.replace(blank_proxy=BlankProxyPolicy.ABSTAIN)
    result = run(rules, proxies=[Proxy(5, None, EARLY)])
    assert choices(result, 1) == choices(result, 2) == {5: Choice.ABSTAIN}
    assert result.attendance.represented == 1  # still present for the quorum


# -- named proxies --------------------------------------------------------------------------


def test_a_named_proxy_votes_as_its_holder_does():
    result = run(
        proxies=[Proxy(2, 1, EARLY), Proxy(101, 1, EARLY)],
        presence={1: Presence.ROOM},
        votes=[room(1, 1, Choice.FOR), room(1, 2, Choice.AGAINST)],
    )
    assert choices(result, 1) == {1: Choice.FOR, 2: Choice.FOR, 101: Choice.FOR}
    assert choices(result, 2) == {1: Choice.AGAINST, 2: Choice.AGAINST, 101: Choice.AGAINST}
    proxy_ballot = next(b for b in result.ballots[1] if b.voter_id == 101)
    assert proxy_ballot == Ballot(101, "B", 3, Choice.FOR, Channel.PROXY, holder_id=1)
    assert result.attendance == Attendance(total=13, present=1, represented=4)


def test_a_holder_may_vote_differently_for_a_giver():
    result = run(
        proxies=[Proxy(2, 1, EARLY)],
        presence={1: Presence.ROOM},
        votes=[room(1, 1, Choice.FOR), room(2, 1, Choice.AGAINST, by=1)],
    )
    assert choices(result, 1) == {1: Choice.FOR, 2: Choice.AGAINST}


def test_a_holder_who_does_not_vote_leaves_the_giver_present_without_a_ballot():
    result = run(proxies=[Proxy(2, 1, EARLY)], presence={1: Presence.ROOM})
    assert result.ballots[1] == ()
    assert result.taking_part == {1: Channel.ROOM, 2: Channel.PROXY}
    assert result.counted_votes == {"A": 2}


def test_a_proxy_whose_holder_does_not_attend_is_not_used():
    result = english(run, proxies=[Proxy(2, 1, EARLY)])
    assert result.taking_part == {}
    assert result.proxies == {}
    [note] = result.notes
    assert (note.code, note.voter_id) == (NoteCode.PROXY_HOLDER_ABSENT, 2)
    assert note.message == "The proxy holder (member 1) did not attend: the proxy is not used."


def test_a_holder_cannot_vote_for_a_giver_by_form():
    by_form = Vote(2, 1, Choice.AGAINST, Channel.ONLINE, EARLY, by=1)
    result = run(proxies=[Proxy(2, 1, EARLY)], presence={1: Presence.ROOM}, votes=[by_form])
    assert result.ballots[1] == ()
    assert codes(result) == [(NoteCode.NOT_HOLDER, 2, 1)]


def test_only_the_holder_may_vote_for_a_giver():
    result = run(
        proxies=[Proxy(2, 1, EARLY)],
        presence={1: Presence.ROOM, 3: Presence.ROOM},
        votes=[room(1, 1, Choice.FOR), room(2, 1, Choice.AGAINST, by=3)],
    )
    assert choices(result, 1) == {1: Choice.FOR, 2: Choice.FOR}
    assert (NoteCode.NOT_HOLDER, 2, 1) in codes(result)


def test_the_latest_proxy_in_force_counts_and_revoked_ones_do_not():
    result = proxies_in_force(
        SCP,
        VOTERS,
        [
            Proxy(2, 1, EARLY),
            Proxy(2, 3, LATER),
            Proxy(4, 1, EARLY),
            Proxy(4, 3, LATER, revoked=True),
        ],
    )
    assert result == {2: Proxy(2, 3, LATER), 4: Proxy(4, 1, EARLY)}


def test_proxy_errors_are_listed_all_at_once():
    with pytest.raises(ProxyError) as raised:
        english(
            proxies_in_force,
            SCP,
            VOTERS,
            [Proxy(999, 1, EARLY), Proxy(2, 2, EARLY), Proxy(3, 1, EARLY), Proxy(3, 4, EARLY)],
        )
    assert raised.value.messages == (
        "Member 999 gave a proxy but is not on the list of voters.",
        "Member 2 gave a proxy to themselves.",
        "Member 3 gave two proxies at the same time.",
    )


def test_the_proxy_cap_per_holder_is_enforced_with_a_clear_error():
    rules = SCP.replace(proxy_cap=2)
    two = [Proxy(2, 1, EARLY), Proxy(3, 1, EARLY)]
    assert len(proxies_in_force(rules, VOTERS, two)) == 2
    with pytest.raises(ProxyError) as raised:
        english(proxies_in_force, rules, VOTERS, [*two, Proxy(4, 1, EARLY)])
    assert raised.value.messages == ("Member 1 holds 3 proxies; the statuts allow 2.",)
    # Proxies without a holder go to the chair: never capped.
    blank = [Proxy(i, None, EARLY) for i in range(2, 11)]
    assert len(proxies_in_force(rules, VOTERS, blank)) == 9
    # No cap by default.
    assert len(proxies_in_force(SCP, VOTERS, [Proxy(i, 1, EARLY) for i in range(2, 11)])) == 9


def test_proxy_cap_error_for_forms():
    rules = SCP.replace(proxy_cap=2)
    assert proxy_cap_error(rules, 1) is None
    assert english(proxy_cap_error, rules, 2) == (
        "This member already holds 2 proxies; the statuts allow 2 per member."
    )
    assert proxy_cap_error(SCP, 500) is None


# -- a member who gave a proxy cannot vote -----------------------------------------------------


def test_a_member_who_gave_a_proxy_cannot_vote():
    result = run(
        proxies=[Proxy(5, None, EARLY)],
        votes=[online(5, 1, Choice.AGAINST, at=LATER)],
        presence={6: Presence.ROOM},
    )
    assert choices(result, 1) == {5: Choice.FOR}
    assert (NoteCode.GAVE_PROXY, 5, 1) in codes(result)


def test_a_giver_checked_in_still_votes_through_the_proxy():
    # The app revokes a proxy when its giver checks in; while it is in force, it votes.
    result = run(
        proxies=[Proxy(5, None, EARLY)],
        presence={5: Presence.ROOM},
        votes=[room(5, 1, Choice.AGAINST)],
    )
    assert choices(result, 1) == {5: Choice.FOR}
    assert result.taking_part == {5: Channel.ROOM}
    assert (NoteCode.GAVE_PROXY, 5, 1) in codes(result)


def test_a_later_vote_replaces_the_proxy_where_the_rules_say_so():
    rules = SCP.replace(later_vote_replaces_proxy=True)
    result = run(
        rules, proxies=[Proxy(5, None, EARLY)], votes=[online(5, 1, Choice.AGAINST, LATER)]
    )
    assert choices(result, 1) == {5: Choice.AGAINST}
    assert choices(result, 2) == {}  # the proxy is gone for the whole assembly
    assert result.taking_part == {5: Channel.ONLINE}
    assert (NoteCode.PROXY_REPLACED, 5, None) in codes(result)


def test_an_earlier_vote_does_not_replace_a_later_proxy():
    rules = SCP.replace(later_vote_replaces_proxy=True)
    result = run(
        rules, proxies=[Proxy(5, None, LATER)], votes=[online(5, 1, Choice.AGAINST, EARLY)]
    )
    assert choices(result, 1) == {5: Choice.FOR}
    assert (NoteCode.GAVE_PROXY, 5, 1) in codes(result)


# -- postal and online votes ----------------------------------------------------------------


def test_late_forms_are_left_out_with_the_reason():
    late_paper = Vote(3, 1, Choice.FOR, Channel.POSTAL, paris(2025, 6, 18, 9))
    late_online = online(4, 1, Choice.FOR, at=paris(2025, 6, 19, 15, 0, 1))
    result = english(run, votes=[late_paper, late_online])
    assert result.ballots[1] == ()
    assert [n.message for n in result.notes] == [
        "Received after the cut-off (until the end of 17/06/2025 (Paris time)).",
        "Received after the cut-off (until 19/06/2025 at 15:00 (Paris time)).",
    ]
    assert result.attendance.postal == result.attendance.online == 0


def test_a_member_may_change_their_online_vote_until_the_cut_off():
    votes = [
        online(3, 1, Choice.FOR, at=EARLY),
        online(3, 1, Choice.AGAINST, at=LATER),
        online(3, 1, Choice.ABSTAIN, at=paris(2025, 6, 19, 16)),  # after the cut-off
    ]
    result = run(votes=list(reversed(votes)))
    assert choices(result, 1) == {3: Choice.AGAINST}
    assert (NoteCode.SUPERSEDED, 3, 1) in codes(result)
    assert (NoteCode.LATE, 3, 1) in codes(result)


def test_a_form_without_a_choice_or_with_an_abstention_is_present_but_not_cast():
    votes = [
        Vote(3, 1, Choice.BLANK, Channel.POSTAL, EARLY),
        Vote(4, 1, Choice.ABSTAIN, Channel.POSTAL, EARLY),
    ]
    result = run(votes=votes)
    assert choices(result, 1) == {3: Choice.BLANK, 4: Choice.ABSTAIN}
    assert result.attendance.postal == 2


def test_a_member_who_voted_before_the_meeting_cannot_vote_in_it():
    votes = [online(3, 1, Choice.FOR), room(3, 1, Choice.AGAINST), room(3, 2, Choice.AGAINST)]
    result = run(votes=votes, presence={3: Presence.ROOM})
    assert choices(result, 1) == {3: Choice.FOR}
    assert choices(result, 2) == {}
    assert (NoteCode.VOTED_BEFORE_MEETING, 3, 1) in codes(result)
    assert result.taking_part == {3: Channel.ROOM}


def test_statuts_may_let_a_meeting_vote_replace_a_form_resolution_by_resolution():
    rules = SCP.replace(meeting_vote_replaces_postal=True)
    votes = [online(3, 1, Choice.FOR), online(3, 2, Choice.FOR), room(3, 1, Choice.AGAINST)]
    result = run(rules, votes=votes, presence={3: Presence.ROOM})
    assert choices(result, 1) == {3: Choice.AGAINST}
    assert choices(result, 2) == {3: Choice.FOR}


# -- in the meeting -------------------------------------------------------------------------


def test_a_ballot_in_the_room_needs_a_check_in():
    result = run(votes=[room(3, 1, Choice.FOR)])
    assert result.ballots[1] == ()
    assert codes(result) == [(NoteCode.NOT_CHECKED_IN, 3, 1)]


def test_a_corrected_room_ballot_replaces_the_first_one():
    votes = [room(3, 1, Choice.FOR), room(3, 1, Choice.AGAINST, at=IN_ROOM + timedelta(minutes=1))]
    result = run(votes=votes, presence={3: Presence.ROOM})
    assert choices(result, 1) == {3: Choice.AGAINST}


def test_remote_participation_only_where_the_statuts_allow_it():
    remote = Vote(3, 1, Choice.FOR, Channel.REMOTE, IN_ROOM)
    refused = run(votes=[remote], presence={3: Presence.REMOTE})
    assert refused.ballots[1] == ()
    assert codes(refused) == [(NoteCode.REMOTE_NOT_ALLOWED, 3, 1)]
    assert refused.attendance.remote == 1 and refused.counted_votes == {}
    allowed = run(
        SCP.replace(remote_participation=True), votes=[remote], presence={3: Presence.REMOTE}
    )
    assert choices(allowed, 1) == {3: Choice.FOR}
    assert allowed.counted_votes == {"A": 1}


def test_a_remote_holder_the_statuts_do_not_allow_cannot_use_proxies():
    result = run(proxies=[Proxy(2, 1, EARLY)], presence={1: Presence.REMOTE})
    assert result.proxies == {}
    assert result.taking_part == {1: Channel.REMOTE}


# -- resolutions added in the meeting -------------------------------------------------------


def test_resolutions_added_in_the_meeting_follow_the_form_voters_instruction():
    board_backed_added = Resolution(
        4, ResolutionKind.ORDINARY, board_backed=True, added_in_meeting=True
    )
    result = run(
        resolutions=(R1, R3, board_backed_added),
        votes=[
            online(3, 1, Choice.FOR),
            Vote(4, 1, Choice.FOR, Channel.POSTAL, EARLY),
            online(5, 1, Choice.FOR),
            room(6, 3, Choice.FOR),
        ],
        presence={6: Presence.ROOM},
        added_instructions={4: AddedChoice.PROXY_TO_CHAIR, 5: AddedChoice.AGAINST},
    )
    # 3: no instruction, the default (AGAINST); 4: proxy to the chair = the board's position.
    assert choices(result, 3) == {
        3: Choice.AGAINST,
        4: Choice.AGAINST,
        5: Choice.AGAINST,
        6: Choice.FOR,
    }
    assert choices(result, 4) == {3: Choice.AGAINST, 4: Choice.FOR, 5: Choice.AGAINST}
    assert {b.channel for b in result.ballots[4]} == {Channel.ADDED}


def test_the_default_instruction_is_a_setting():
    rules = SCP.replace(added_resolution_default=AddedChoice.PROXY_TO_CHAIR)
    added = Resolution(4, ResolutionKind.ORDINARY, board_backed=True, added_in_meeting=True)
    result = run(rules, resolutions=(R1, added), votes=[online(3, 1, Choice.AGAINST)])
    assert choices(result, 4) == {3: Choice.FOR}


def test_nobody_votes_before_the_meeting_on_a_resolution_added_in_it():
    result = run(resolutions=(R1, R3), votes=[online(3, 3, Choice.FOR)])
    assert (NoteCode.NOT_ON_NOTICE, 3, 3) in codes(result)


# -- totals entered in the room -------------------------------------------------------------


def test_a_resolution_counted_by_room_totals_gets_only_the_ballots_from_outside_the_room():
    result = run(
        proxies=[Proxy(2, 1, EARLY), Proxy(5, None, EARLY)],
        presence={1: Presence.ROOM},
        votes=[room(1, 1, Choice.FOR), online(3, 1, Choice.AGAINST), room(1, 2, Choice.FOR)],
        tallied={1},
    )
    # Resolution 1: the holder's hand (with the proxy of 2) is in the room totals.
    assert choices(result, 1) == {3: Choice.AGAINST, 5: Choice.FOR}
    assert (NoteCode.TALLIED_IN_ROOM, 1, 1) in codes(result)
    assert choices(result, 2) == {1: Choice.FOR, 2: Choice.FOR, 5: Choice.AGAINST}


# -- attendance -----------------------------------------------------------------------------


def test_each_voter_is_counted_once_room_first_then_remote_proxy_and_forms():
    rules = SCP.replace(remote_participation=True)
    result = run(
        rules,
        presence={1: Presence.ROOM, 2: Presence.REMOTE, 101: Presence.ROOM},
        proxies=[Proxy(3, 1, EARLY), Proxy(4, None, EARLY)],
        votes=[
            online(1, 1, Choice.FOR),
            online(5, 1, Choice.FOR),
            Vote(6, 2, Choice.FOR, Channel.POSTAL, EARLY),
        ],
    )
    assert result.taking_part == {
        1: Channel.ROOM,
        2: Channel.REMOTE,
        3: Channel.PROXY,
        4: Channel.BLANK_PROXY,
        5: Channel.ONLINE,
        6: Channel.POSTAL,
        101: Channel.ROOM,
    }
    assert result.attendance == Attendance(
        total=13, present=4, represented=2, postal=1, online=1, remote=1
    )
    assert result.counted_votes == {"A": 6, "B": 3}


def test_votes_from_outside_the_list_or_for_unknown_resolutions_are_noted():
    result = run(votes=[online(999, 1, Choice.FOR), online(3, 77, Choice.FOR)])
    assert codes(result) == [(NoteCode.UNKNOWN_RESOLUTION, 3, 77), (NoteCode.NOT_A_VOTER, 999, 1)]


def test_inconsistent_lists_are_errors():
    with pytest.raises(ValueError, match="listed twice"):
        effective_ballots(SCP, meeting_at=MEETING, voters=[*VOTERS, VOTERS[0]], resolutions=())
    with pytest.raises(ValueError, match="not on the list"):
        run(presence={999: Presence.ROOM})
    with pytest.raises(ValueError, match="Resolution 1 is listed twice"):
        run(resolutions=(R1, R1))
    with pytest.raises(ValueError, match="Room totals for unknown resolutions"):
        run(tallied={7})
    with pytest.raises(ValueError, match="votes must be"):
        effective_ballots(SCP, meeting_at=MEETING, voters=[Voter(1, "A", 0)], resolutions=())
    with pytest.raises(ValueError, match="timezone-aware"):
        run(votes=[Vote(1, 1, Choice.FOR, Channel.ONLINE, EARLY.replace(tzinfo=None))])


# -- properties -----------------------------------------------------------------------------

ids = st.sampled_from([v.voter_id for v in VOTERS] + [999])
moments = st.sampled_from(
    [EARLY, LATER, paris(2025, 6, 17, 23, 59), paris(2025, 6, 18), paris(2025, 6, 19, 15), IN_ROOM]
)
votes = st.lists(
    st.builds(
        Vote,
        voter_id=ids,
        resolution_id=st.sampled_from([1, 2, 3]),
        choice=st.sampled_from(list(Choice)),
        channel=st.sampled_from([Channel.ROOM, Channel.REMOTE, Channel.ONLINE, Channel.POSTAL]),
        at=moments,
        by=st.one_of(st.none(), ids),
    ),
    max_size=30,
)
proxies = st.lists(
    st.builds(
        Proxy,
        giver_id=st.sampled_from([v.voter_id for v in VOTERS]),
        holder_id=st.one_of(st.none(), st.sampled_from([v.voter_id for v in VOTERS])),
        given_at=st.sampled_from([EARLY, LATER]),
        revoked=st.booleans(),
    ),
    max_size=6,
    unique_by=lambda p: (p.giver_id, p.given_at),
).map(lambda ps: [p for p in ps if p.giver_id != p.holder_id])
presences = st.dictionaries(
    st.sampled_from([v.voter_id for v in VOTERS]), st.sampled_from(list(Presence)), max_size=6
)
all_rules = st.builds(
    SCP.replace,
    remote_participation=st.booleans(),
    later_vote_replaces_proxy=st.booleans(),
    meeting_vote_replaces_postal=st.booleans(),
)


@settings(deadline=None, max_examples=200)
@given(all_rules, votes, proxies, presences, st.randoms(use_true_random=False))
def test_one_ballot_per_voter_nothing_dropped_silently_order_free(rules, vs, ps, pr, rnd):
    resolutions = (R1, R2, R3)
    result = effective_ballots(
        rules,
        meeting_at=MEETING,
        voters=VOTERS,
        resolutions=resolutions,
        proxies=ps,
        votes=vs,
        presence=pr,
    )
    on_list = {v.voter_id for v in VOTERS}
    for resolution in resolutions:
        voters = [b.voter_id for b in result.ballots[resolution.resolution_id]]
        assert len(voters) == len(set(voters))  # one member, one ballot
        assert set(voters) <= on_list
        assert set(voters) <= set(result.taking_part)  # a ballot implies taking part
    noted = {(n.voter_id, n.resolution_id) for n in result.notes}
    proxied = {n.voter_id for n in result.notes if n.resolution_id is None}
    for vote in vs:
        has_ballot = vote.voter_id in {
            b.voter_id for b in result.ballots.get(vote.resolution_id, ())
        }
        assert (
            has_ballot or (vote.voter_id, vote.resolution_id) in noted or vote.voter_id in proxied
        ), vote
    total = result.attendance
    assert total.present + total.represented + total.postal + total.online + total.remote == sum(
        v.votes for v in VOTERS if v.voter_id in result.taking_part
    )
    shuffled_votes, shuffled_proxies = list(vs), list(ps)
    rnd.shuffle(shuffled_votes)
    rnd.shuffle(shuffled_proxies)
    again = effective_ballots(
        rules,
        meeting_at=MEETING,
        voters=tuple(reversed(VOTERS)),
        resolutions=resolutions,
        proxies=shuffled_proxies,
        votes=shuffled_votes,
        presence=dict(reversed(list(pr.items()))),
    )
    assert again == result
