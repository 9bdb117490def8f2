"""The worked examples of docs/assemblies.md ("Rules engine"), number for number.

If a figure or a sentence changes here, change it in the documentation too.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from viecoop.assemblies.engine import (
    Attendance,
    Candidate,
    Election,
    ElectionBallot,
    ResolutionKind,
    Status,
    Tally,
    WarningCode,
    assembly_quorums,
    check_notice,
    election_result,
    quorum,
    recompute,
    resolution_outcome,
    voters_from_register,
)
from viecoop.members import voting

from .helpers import SCIC, SCP, paris
from .test_recompute import blank_proxy_assembly

NBSP = "\xa0"


def fr(text: str) -> str:
    """The documentation's spaces are plain; the engine's thousands and percents use NBSP."""
    return text.replace("1 004", f"1{NBSP}004").replace(" %", f"{NBSP}%")


def test_1_scp_ordinary_assembly_on_first_notice():
    members = [voting.Voter(i, "A", 1) for i in range(1, 961)]
    members += [voting.Voter(i, "B", 11) for i in range(1001, 1005)]
    voters, rights = voters_from_register(SCP, members)
    assert sum(v.votes for v in voters) == 1004 and not rights.capped

    q = quorum(
        SCP, "ordinary", 1, Attendance(1004, present=150, represented=40, postal=12, online=10)
    )
    assert (q.reached, q.counted, q.needed) == (True, 212, 201)
    assert q.explanation == (
        fr(
            "Quorum de l’assemblée ordinaire, première convocation : 212 voix sur 1 004 présentes, "
            "représentées ou ayant voté par formulaire = 21,1 % ≥ 20 % requis (C. com. L225-98) : "
            "atteint."
        ),
        "Dans la salle : 150 ; représentées par un pouvoir : 40 ; formulaires papier : 12 ; en "
        "ligne : 10 ; à distance : 0.",
    )
    r1 = resolution_outcome(
        SCP,
        "ordinary",
        tallies=[Tally("A", 160, 20, 6, 2, not_voting=2), Tally("B", 11, 11)],
        quorum=q,
    )
    assert r1.explanation[1:] == (
        fr("POUR 171, CONTRE 31 : 171 sur 202 suffrages exprimés = 84,7 % > 50 %."),
        "Non exprimés, hors du calcul de la majorité : abstentions 6, blancs 2, nuls 0, présents "
        "ou représentés sans vote 2.",
        "Adoptée.",
    )
    r2 = resolution_outcome(
        SCP, "ordinary", tallies=[Tally("A", 90, 90, 10), Tally("B", 11, 11)], quorum=q
    )
    assert (r2.total.votes_for, r2.total.votes_against, r2.status) == (101, 101, Status.REJECTED)


def test_2_scp_extraordinary_assembly_on_second_notice():
    first = quorum(
        SCP, "extraordinary", 1, Attendance(1004, present=180, represented=30, postal=8, online=12)
    )
    assert (first.reached, first.counted, first.needed, first.missing) == (False, 230, 251, 21)

    warnings = check_notice(
        SCP,
        assembly_kind="extraordinary",
        notice=2,
        meeting_at=paris(2026, 6, 5, 18),
        sent_on=date(2026, 5, 28),
        first_meeting_at=paris(2026, 3, 31, 18),
        resolution_kinds=["extraordinary"],
    )
    assert [w.code for w in warnings] == [WarningCode.NOTICE_TOO_SHORT, WarningCode.SECOND_TOO_LATE]
    assert [w.message for w in warnings] == [
        "La convocation est envoyée 8 jours avant l’assemblée ; une deuxième convocation demande "
        "au moins 10 jours (R225-69).",
        "La deuxième assemblée a lieu plus de 2 mois après la première (31/03/2026) : elle doit "
        "se tenir au plus tard le 31/05/2026.",
    ]
    moved = check_notice(
        SCP,
        assembly_kind="extraordinary",
        notice=2,
        meeting_at=paris(2026, 5, 29, 18),
        sent_on=date(2026, 5, 15),
        first_meeting_at=paris(2026, 3, 31, 18),
        resolution_kinds=["extraordinary"],
    )
    assert moved == ()

    second = quorum(
        SCP, "extraordinary", 2, Attendance(1004, present=160, represented=25, online=20)
    )
    assert (second.reached, second.counted, second.needed) == (True, 205, 201)
    adopted = resolution_outcome(
        SCP, "extraordinary", tallies=[Tally("A", 130, 65, 10)], quorum=second
    )
    assert adopted.share_for == Fraction(2, 3) and adopted.adopted
    assert adopted.explanation[:2] == (
        "Résolution extraordinaire : adoptée si POUR ≥ 2/3 des suffrages exprimés (C. com. L225-96).",
        fr("POUR 130, CONTRE 65 : 130 sur 195 suffrages exprimés = 66,7 % ≥ 2/3."),
    )
    rejected = resolution_outcome(
        SCP, "extraordinary", tallies=[Tally("A", 129, 66, 10)], quorum=second
    )
    assert not rejected.adopted
    assert rejected.explanation[1] == fr(
        "POUR 129, CONTRE 66 : 129 sur 195 suffrages exprimés = 66,2 % < 2/3."
    )


def test_3_scic_mixed_assembly_with_an_empty_college():
    members = [voting.Voter(i, "usagers", 1) for i in range(1, 813)]
    members += [voting.Voter(i, "salaries", 1) for i in range(1001, 1024)]
    members += [voting.Voter(i, "collectivites", 1) for i in range(2001, 2004)]
    voters, _rights = voters_from_register(SCIC, members)
    assert len(voters) == 838

    quorums = assembly_quorums(
        SCIC, "mixed", 1, Attendance(838, present=150, represented=20, online=20)
    )
    ordinary, extraordinary = (
        quorums[ResolutionKind.ORDINARY],
        quorums[ResolutionKind.EXTRAORDINARY],
    )
    assert (ordinary.reached, ordinary.needed) == (True, 168)
    assert (extraordinary.reached, extraordinary.needed, extraordinary.missing) == (False, 210, 20)

    tallies = [Tally("usagers", 120, 50, 2), Tally("salaries", 4, 10), Tally("collectivites", 1, 2)]
    outcome = resolution_outcome(SCIC, "ordinary", tallies=tallies, quorum=ordinary)
    assert [c.weight for c in outcome.colleges] == [
        Fraction(1, 2),
        Fraction(1, 4),
        Fraction(1, 4),
        Fraction(0),
    ]
    assert outcome.share_for == Fraction(725, 1428) and outcome.adopted
    assert Fraction(outcome.total.votes_for, outcome.total.cast) == Fraction(125, 187)
    assert fr("Résultat pondéré : POUR 50,8 % des suffrages exprimés pondérés > 50 %.") in (
        outcome.explanation
    )
    kept = resolution_outcome(SCIC.replace(empty_college="keep"), "ordinary", tallies=tallies)
    assert kept.share_for == Fraction(145, 357) and not kept.adopted

    no_quorum = resolution_outcome(
        SCIC, "extraordinary", tallies=[Tally("usagers", 100, 10)], quorum=extraordinary
    )
    assert no_quorum.status == Status.NO_QUORUM


def test_4_a_blank_proxy():
    result = recompute(blank_proxy_assembly())
    attendance = result.participation.attendance
    assert (attendance.present, attendance.represented, attendance.online) == (5, 2, 1)
    assert result.quorums[ResolutionKind.ORDINARY].fraction == Fraction(2, 5)
    choices = {
        rid: {b.voter_id: str(b.choice) for b in result.participation.ballots[rid]}
        for rid in (1, 2)
    }
    assert choices[1] == {
        1: "for",
        2: "for",
        3: "against",
        4: "abstain",
        7: "for",
        8: "for",
        9: "against",
    }
    assert choices[2] == {
        1: "for",
        2: "against",
        3: "for",
        4: "for",
        7: "against",
        8: "for",
        9: "for",
    }
    assert result.outcomes[1].total == Tally("*", 4, 2, 1, 0, 0, 1)
    assert result.outcomes[1].share_for == Fraction(2, 3) and result.outcomes[1].adopted
    assert result.outcomes[2].total == Tally("*", 5, 2, 0, 0, 0, 1)
    assert result.outcomes[2].adopted
    assert [(n.code, n.voter_id) for n in result.participation.notes] == [("late", 10)]


def test_5_an_election_tie():
    candidates = (
        Candidate(1, "Anne Martin", date(1950, 3, 1)),
        Candidate(2, "Bruno Petit", date(1962, 7, 14)),
        Candidate(3, "Claire Roux", date(1971, 1, 9)),
        Candidate(4, "David Morel", date(1962, 7, 14)),
    )
    ballots = tuple(ElectionBallot("A", 1, c) for c in [(1, 2), (1, 4), (2, 4), (), (1, 2, 3)])
    result = election_result(SCP, Election(1, 2, candidates, seed=2025, ballots=ballots))
    assert result.elected == (1, 4)
    assert (result.tied, result.decided_by, result.seed, result.draw) == (
        (1, 2, 4),
        "draw",
        2025,
        (4, 2),
    )
    assert result.explanation[1:] == (
        "1. Anne Martin : 2 voix, siège attribué.",
        "2. David Morel : 2 voix, siège attribué.",
        "3. Bruno Petit : 2 voix, pas de siège.",
        "4. Claire Roux : 0 voix, pas de siège.",
        "Égalité pour le ou les derniers sièges entre Anne Martin, Bruno Petit, David Morel : les "
        "plus âgés d’abord, puis tirage au sort enregistré entre les candidats nés le même jour "
        "(graine 2025), ordre tiré : David Morel, Bruno Petit.",
        "Bulletins valables : 3 voix ; blancs : 1 ; nuls : 1 (comptés à part).",
    )
