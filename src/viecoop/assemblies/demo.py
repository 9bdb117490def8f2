"""Demo assemblies, built through the real services (notice, votes, proxies, check-in, close).

- Coop Habitat Bretagne (SCIC): last spring's ordinary assembly, held, with its results,
  minutes and board election published; and an upcoming mixed assembly whose notice is sent
  and where members vote online now (Jeanne Rivière, the demo member, can vote).
- Les Toits Solidaires du Rhône (SCP): an extraordinary assembly that lacked its quorum three
  weeks ago, and the second-notice assembly called after it (Robert Lemaire can vote).

The services stamp "now" on the notice, the opening and the close; for the past assemblies
those stamps are set back to their dates afterwards so the pages tell a consistent story.
"""

from __future__ import annotations

import datetime
import random
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from viecoop.members.models import Member

from .models import Assembly, Voter

PARIS = ZoneInfo("Europe/Paris")
BRETAGNE = "coop-habitat-bretagne"
RHONE = "toits-solidaires-rhone"
DEMO_PDF = b"%PDF-1.4\n% Document fictif de la demo viecoop\n"


def _at(days: int, hour: int = 18) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=PARIS)


def _manager(coop):
    from viecoop.organizations.models import CoopRole

    role = CoopRole.objects.filter(coop=coop, role=CoopRole.Role.MANAGER).first()
    return role.user if role else None


def build_assemblies(*, log, rng: random.Random, federation, coops) -> None:
    if Assembly.objects.filter(coop__slug__in=[BRETAGNE, RHONE]).exists():
        return
    # The notice job draws every letter: fine in the background, slow for `make demo`, so the
    # demo's jobs wait in the dummy queue (each notice page says so) instead of running inline.
    with override_settings(
        TASKS={
            "default": {
                "BACKEND": "django_tasks.backends.dummy.DummyBackend",
                "QUEUES": ["default", "email"],
            }
        }
    ):
        if BRETAGNE in coops:
            _past_ordinary(coops[BRETAGNE], rng, log)
            _upcoming_mixed(coops[BRETAGNE], rng, log)
        if RHONE in coops:
            _second_notice(coops[RHONE], rng, log)


def _resolutions(assembly, actor, items) -> list:
    from .services import preparation

    made = []
    for title, kind, backed, text in items:
        made.append(
            preparation.resolution_save(
                actor=actor,
                assembly=assembly,
                title=title,
                kind=kind,
                text=text,
                explanatory_note="Le conseil d'administration vous propose d'adopter cette résolution.",
                board_backed=backed,
            )
        )
    return made


def _papers(assembly, actor, resolution=None) -> None:
    from .services import preparation

    preparation.document_add(
        actor=actor,
        assembly=assembly,
        title="Rapport de gestion du conseil d'administration",
        upload=SimpleUploadedFile("rapport-de-gestion.pdf", DEMO_PDF, "application/pdf"),
    )
    if resolution is not None:
        preparation.document_add(
            actor=actor,
            assembly=assembly,
            title="Comptes annuels et annexe",
            upload=SimpleUploadedFile("comptes-annuels.pdf", DEMO_PDF, "application/pdf"),
            resolution=resolution,
        )


def _voters(assembly) -> list[Voter]:
    return list(assembly.voters.select_related("member").order_by("pk"))


def _past_ordinary(coop, rng: random.Random, log) -> None:
    from .services import elections, meeting, notice, preparation, voting
    from .services.results import meeting_close, results_publish

    actor = _manager(coop)
    starts = _at(-60)
    with transaction.atomic():
        assembly = preparation.assembly_create(
            actor=actor,
            coop=coop,
            title="Assemblée générale ordinaire annuelle",
            kind=Assembly.Kind.ORDINARY,
            notice=Assembly.Notice.FIRST,
            starts_at=starts,
            place="Maison des associations, 6 cours des Alliés, Rennes",
            introduction="Approbation des comptes de l'exercice et renouvellement du conseil.",
            chair_name="Marie-Hélène Le Bihan, présidente",
            secretary_name="Yann Kerleau",
            tellers="Loïc Guérin, Anne Tanguy",
        )
    for title in ("Rapport de gestion", "Comptes de l'exercice", "Élection au conseil"):
        preparation.agenda_item_save(actor=actor, assembly=assembly, title=title)
    accounts, *_rest = _resolutions(
        assembly,
        actor,
        [
            (
                "Approbation des comptes",
                "ordinary",
                True,
                "L'assemblée approuve les comptes de l'exercice.",
            ),
            (
                "Affectation du résultat",
                "ordinary",
                True,
                "Le résultat est affecté en réserves impartageables.",
            ),
            (
                "Quitus aux administrateurs",
                "ordinary",
                True,
                "L'assemblée donne quitus aux administrateurs.",
            ),
        ],
    )
    _papers(assembly, actor, accounts)
    candidates = list(
        Member.objects.filter(coop=coop, status=Member.Status.ADMITTED, kind="person").order_by(
            "pk"
        )[10:13]
    )
    election = preparation.election_save(
        actor=actor, assembly=assembly, title="Renouvellement du conseil", seats=2, max_choices=2
    )
    for member in candidates:
        preparation.candidate_save(
            actor=actor,
            election=election,
            member=member,
            statement="Associée engagée dans la vie de ma résidence, je souhaite représenter les locataires.",
        )
    preparation.voters_freeze(
        actor=actor, assembly=assembly, record_date=starts.date() - datetime.timedelta(days=20)
    )
    notice.notice_send(actor=actor, assembly=assembly, acknowledge_warnings=True)
    voters = _voters(assembly)
    resolutions = list(assembly.resolutions.order_by("position"))
    rng.shuffle(voters)
    online, postal, proxies, present = voters[:70], voters[70:85], voters[85:115], voters[115:175]
    for voter in online:
        choices = {
            r.pk: rng.choices(["for", "against", "abstain"], [8, 1, 1])[0] for r in resolutions
        }
        voting.advance_vote_record(
            actor=voter.member.user,
            assembly=assembly,
            voter=voter,
            channel="online",
            choices=choices,
            added_resolutions="against",
            received_at=starts - datetime.timedelta(days=4),
        )
    for voter in postal:
        voting.advance_vote_record(
            actor=actor,
            assembly=assembly,
            voter=voter,
            channel="postal",
            choices={r.pk: "for" for r in resolutions},
            added_resolutions="against",
            received_at=starts - datetime.timedelta(days=6),
        )
    for index, voter in enumerate(proxies):
        holder = present[index % 10] if index % 3 else None
        voting.proxy_give(
            actor=actor,
            assembly=assembly,
            giver=voter,
            holder=holder,
            received_at=starts - datetime.timedelta(days=2),
        )
    for voter in present:
        meeting.check_in(actor=actor, assembly=assembly, voter=voter)
    meeting.meeting_open(actor=actor, assembly=assembly)
    capacity = meeting.room_capacity(assembly)
    for resolution in resolutions:
        tallies = {}
        for college, votes in capacity.items():
            against = votes // 12
            tallies[college] = {
                "for": votes - against - 1 if votes > 1 else votes,
                "against": against,
                "abstain": 1 if votes > 1 else 0,
            }
        meeting.room_tally_save(actor=actor, resolution=resolution, tallies=tallies)
    ids = [c.pk for c in election.candidates.order_by("pk")]
    for voter in present:
        picks = rng.sample(ids, 2) if rng.random() < 0.8 else [rng.choice(ids)]
        elections.room_election_ballot_add(
            actor=actor,
            election=election,
            college=voter.college,
            weight=voter.votes,
            choices=picks,
            spoiled=False,
        )
    closed = meeting_close(actor=actor, assembly=assembly)
    results_publish(actor=actor, assembly=closed)
    Assembly.objects.filter(pk=assembly.pk).update(
        notice_sent_at=starts - datetime.timedelta(days=18),
        opened_at=starts,
        closed_at=starts + datetime.timedelta(hours=2),
        published_at=starts + datetime.timedelta(days=1),
    )
    log(f"  assemblies of {coop.name}: a past ordinary assembly with results and minutes")


def _upcoming_mixed(coop, rng: random.Random, log) -> None:
    from .services import notice, preparation, voting

    actor = _manager(coop)
    starts = _at(18)
    with transaction.atomic():
        assembly = preparation.assembly_create(
            actor=actor,
            coop=coop,
            title="Assemblée générale mixte — modification des statuts",
            kind=Assembly.Kind.MIXED,
            notice=Assembly.Notice.FIRST,
            starts_at=starts,
            place="Salle de la Cité, 10 rue Saint-Louis, Rennes",
            introduction="Nous vous proposons d'ouvrir un collège des partenaires et d'adopter le budget participatif.",
        )
    for title in ("Budget participatif des résidences", "Modification des statuts : collèges"):
        preparation.agenda_item_save(actor=actor, assembly=assembly, title=title)
    budget, _statuts = _resolutions(
        assembly,
        actor,
        [
            (
                "Budget participatif 2026",
                "ordinary",
                True,
                "L'assemblée adopte un budget participatif de 20 000 € pour les résidences.",
            ),
            (
                "Modification de l'article 12 des statuts",
                "extraordinary",
                True,
                "L'article 12 des statuts est modifié pour ouvrir un collège des partenaires.",
            ),
        ],
    )
    _papers(assembly, actor, budget)
    candidates = list(
        Member.objects.filter(
            coop=coop, status=Member.Status.ADMITTED, kind="person", user__isnull=True
        ).order_by("-pk")[:3]
    )
    election = preparation.election_save(
        actor=actor,
        assembly=assembly,
        title="Élection d'un administrateur représentant les usagers",
        seats=1,
        max_choices=1,
    )
    for member in candidates:
        preparation.candidate_save(
            actor=actor,
            election=election,
            member=member,
            statement="Locataire depuis dix ans, je veux porter la voix des résidences au conseil.",
        )
    preparation.voters_freeze(
        actor=actor,
        assembly=assembly,
        record_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    notice.notice_send(actor=actor, assembly=assembly, acknowledge_warnings=True)
    voters = [v for v in _voters(assembly) if v.member.user_id is None]
    resolutions = list(assembly.resolutions.order_by("position"))
    rng.shuffle(voters)
    for voter in voters[:45]:
        voting.advance_vote_record(
            actor=None,
            assembly=assembly,
            voter=voter,
            channel="online",
            choices={
                r.pk: rng.choices(["for", "against", "abstain"], [7, 2, 1])[0] for r in resolutions
            },
            added_resolutions="against",
        )
    for index, voter in enumerate(voters[45:60]):
        voting.proxy_give(
            actor=None, assembly=assembly, giver=voter, holder=None if index % 2 else voters[60]
        )
    log(f"  assemblies of {coop.name}: a mixed assembly open for online voting")


def _second_notice(coop, rng: random.Random, log) -> None:
    from .services import meeting, notice, preparation, voting
    from .services.results import meeting_close, results_publish

    actor = _manager(coop)
    first_at = _at(-21)
    items = [
        (
            "Transformation des parts sociales",
            "extraordinary",
            True,
            "La valeur nominale de la part sociale est portée à 20 €.",
        ),
        (
            "Pouvoirs pour les formalités",
            "extraordinary",
            True,
            "Tous pouvoirs sont donnés au porteur d'une copie du présent procès-verbal.",
        ),
    ]
    with transaction.atomic():
        first = preparation.assembly_create(
            actor=actor,
            coop=coop,
            title="Assemblée générale extraordinaire",
            kind=Assembly.Kind.EXTRAORDINARY,
            notice=Assembly.Notice.FIRST,
            starts_at=first_at,
            place="Salle Paul-Garcin, 15 cours Gambetta, Lyon",
        )
    _resolutions(first, actor, items)
    _papers(first, actor)
    preparation.voters_freeze(
        actor=actor, assembly=first, record_date=first_at.date() - datetime.timedelta(days=20)
    )
    notice.notice_send(actor=actor, assembly=first, acknowledge_warnings=True)
    voters = _voters(first)
    rng.shuffle(voters)
    resolutions = list(first.resolutions.order_by("position"))
    for voter in voters[:40]:
        voting.advance_vote_record(
            actor=None,
            assembly=first,
            voter=voter,
            channel="online",
            choices={r.pk: "for" for r in resolutions},
            added_resolutions="against",
            received_at=first_at - datetime.timedelta(days=3),
        )
    for voter in voters[40:70]:
        meeting.check_in(actor=actor, assembly=first, voter=voter)
    meeting.meeting_open(actor=actor, assembly=first)
    closed = meeting_close(actor=actor, assembly=first)  # a quarter of the votes is far away
    results_publish(actor=actor, assembly=closed)
    Assembly.objects.filter(pk=first.pk).update(
        notice_sent_at=first_at - datetime.timedelta(days=16),
        opened_at=first_at,
        closed_at=first_at + datetime.timedelta(minutes=30),
        published_at=first_at + datetime.timedelta(days=1),
    )
    second_at = _at(12)
    with transaction.atomic():
        second = preparation.assembly_create(
            actor=actor,
            coop=coop,
            title="Assemblée générale extraordinaire — deuxième convocation",
            kind=Assembly.Kind.EXTRAORDINARY,
            notice=Assembly.Notice.SECOND,
            first_meeting=first,
            starts_at=second_at,
            place="Salle Paul-Garcin, 15 cours Gambetta, Lyon",
            introduction="Faute de quorum le "
            + first_at.strftime("%d/%m/%Y")
            + ", l'assemblée est convoquée à nouveau : un cinquième des voix suffit.",
        )
    _resolutions(second, actor, items)
    _papers(second, actor)
    preparation.voters_freeze(
        actor=actor, assembly=second, record_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    notice.notice_send(actor=actor, assembly=second, acknowledge_warnings=True)
    log(
        f"  assemblies of {coop.name}: an extraordinary assembly without quorum, and its second notice"
    )
