"""Demo working groups: one of the network, one of a coop, with life in them.

« Outils d'accueil des nouveaux associés » gathers référents of several coops around a
welcome booklet (a document in two versions, a deliverable ready to be proposed);
« Jardin partagé des Érables » gathers associés and staff of Coop Habitat Bretagne.
Both have discussions with replies, a past meeting with minutes and a meeting to come.
Written directly after the group itself (no e-mails during the seeding). Idempotent.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from viecoop.core.richtext import render_markdown
from viecoop.events.models import Event, Registration

from .models import (
    Deliverable,
    Discussion,
    DocumentVersion,
    GroupDocument,
    Membership,
    Message,
    WorkingGroup,
)

NETWORK_GROUP = "Outils d'accueil des nouveaux associés"
COOP_GROUP = "Jardin partagé des Érables"

BOOKLET_V1 = """# Livret d'accueil du nouvel associé — trame

1. Bienvenue dans votre coopérative
2. Ce que veut dire « être associé »
3. L'assemblée générale : quand, comment voter
"""
BOOKLET_V2 = (
    BOOKLET_V1
    + """4. Qui contacter : le référent vie coopérative
5. Les projets en cours dans votre résidence
"""
)

NETWORK_DISCUSSIONS = [
    (
        "Que mettre dans le livret d'accueil ?",
        [
            (
                "gwen",
                "Je vous propose de partir de la trame de Coop Habitat Bretagne. Qu'est-ce qui vous manque dans la version 1 ?",
            ),
            (
                "marc",
                "Il manque **qui contacter** : chez nous, les nouveaux associés ne savent pas qu'il existe un référent.",
            ),
            (
                "other",
                "D'accord avec Marc. Et une page sur les projets de la résidence, pour donner envie de participer.",
            ),
            (
                "gwen",
                "J'ai mis en ligne la version 2 avec ces deux ajouts. Relisez-la d'ici la prochaine réunion !",
            ),
        ],
    ),
    (
        "Parrainage des nouveaux associés : vos retours",
        [
            (
                "marc",
                "Aux Toits Solidaires, un associé ancien parraine chaque nouvel arrivant. Cela marche bien dans les petites résidences.",
            ),
            ("other", "Nous avons essayé, mais peu de volontaires. Comment les trouvez-vous ?"),
            (
                "marc",
                "Par l'assemblée générale : on lance l'appel en fin de séance, autour du pot.",
            ),
        ],
    ),
]

GARDEN_DISCUSSIONS = [
    (
        "Plantations de printemps",
        [
            ("gwen", "Bonjour à tous ! Quelles plantations pour le carré commun ce printemps ?"),
            (
                "jeanne",
                "Des tomates et des aromatiques, comme l'an dernier ? Les enfants de la résidence avaient adoré.",
            ),
            ("member", "Je peux apporter des plants de fraisiers."),
            ("jeanne", "Parfait ! Il faudra aussi réparer le récupérateur d'eau."),
        ],
    ),
    (
        "Arrosage pendant les vacances",
        [
            ("jeanne", "Qui est là en août pour arroser ? Je propose un tableau des tours."),
            ("member", "Je suis là la première quinzaine."),
        ],
    ),
]

MINUTES_NETWORK = """\
## Décisions
- la trame du livret est validée dans sa version 2 ;
- chacun la teste dans sa coopérative d'ici la prochaine réunion ;
- le livret final sera proposé à la boîte à outils de la fédération.
"""

MINUTES_GARDEN = """\
Huit participants. Le récupérateur d'eau est réparé ; un tableau d'arrosage est affiché dans le hall.
"""


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _member(group, user, *, role=Membership.Role.MEMBER, since, notify=Membership.Notify.DIGEST):
    Membership.objects.get_or_create(
        group=group,
        user=user,
        defaults={
            "role": role,
            "status": Membership.Status.ACTIVE,
            "joined_at": since,
            "decided_at": since,
            "digest_cursor": timezone.now(),
            "notify": notify,
        },
    )


def _discussions(group, threads, people, start: datetime) -> None:
    moment = start
    for title, posts in threads:
        discussion = Discussion.objects.create(
            group=group, title=title, created_by=people[posts[0][0]], last_message_at=moment
        )
        previous = None
        for index, (who, body) in enumerate(posts):
            moment += timedelta(hours=7 + index * 5)
            message = Message.objects.create(
                discussion=discussion,
                author=people[who],
                body=body,
                body_html=render_markdown(body),
                reply_to=previous if index >= 2 else None,
            )
            Message.objects.filter(pk=message.pk).update(created_at=moment)
            previous = message
        Discussion.objects.filter(pk=discussion.pk).update(created_at=start, last_message_at=moment)
        moment += timedelta(days=3)


def _document(group, title: str, versions: list[tuple[str, str, str]], user) -> GroupDocument:
    document = GroupDocument.objects.create(group=group, title=title, created_by=user)
    for number, (filename, text, note) in enumerate(versions, start=1):
        version = DocumentVersion(
            document=document,
            number=number,
            original_name=filename,
            content_type="text/markdown",
            size=len(text.encode()),
            note=note,
            uploaded_by=user,
        )
        version.file.save(filename, ContentFile(text.encode()), save=False)
        version.save()
        document.latest_version = version
    document.save()
    return document


def _meeting(group, *, title, start, end, creator, people, minutes="", **place) -> Event:
    event = Event(
        space="coop" if group.coop_id else "network",
        coop=group.coop,
        kind=Event.Kind.GROUP_MEETING,
        title=title,
        starts_at=start,
        ends_at=end,
        audience="group",
        audience_target=group.pk,
        created_by=creator,
        minutes=minutes,
        minutes_sent_at=end + timedelta(days=2) if minutes else None,
        **place,
    )
    event.search_text = event.build_search_text()
    event.save()
    past = end < timezone.now()
    Registration.objects.bulk_create(
        Registration(
            event=event,
            user=user,
            status=Registration.Status.CONFIRMED,
            seat=index + 1,
            registered_by=user,
            confirmed_at=start - timedelta(days=10),
            attended=True if past else None,
        )
        for index, user in enumerate(people)
    )
    return event


def build_groups(*, log, rng: random.Random, federation, coops) -> None:
    from viecoop.accounts.models import User
    from viecoop.demo.world import demo_email
    from viecoop.organizations.models import CoopRole

    from .services import group_create

    gwen = User.objects.get(email=demo_email("gwenaelle.le-goff"))
    marc = User.objects.get(email=demo_email("marc.fontaine"))
    claire = User.objects.get(email=demo_email("claire.morel"))
    jeanne = User.objects.get(email=demo_email("jeanne.riviere"))
    today = timezone.localdate()
    created = 0

    if not WorkingGroup.objects.filter(name=NETWORK_GROUP, coop__isnull=True).exists():
        with transaction.atomic():
            group = group_create(
                actor=gwen,
                coop=None,
                name=NETWORK_GROUP,
                purpose="Construire ensemble un livret et un parcours d'accueil pour les nouveaux associés.",
                description=(
                    "Le groupe réunit des référents de plusieurs coopératives.\n\n"
                    "- **Objectif** : un livret d'accueil type et un guide du parrainage ;\n"
                    "- **Rythme** : une réunion à distance par trimestre ;\n"
                    "- **Livrables** : proposés à la boîte à outils de la fédération."
                ),
                policy=WorkingGroup.Policy.MODERATED,
            )
        since = _at(date(2021, 3, 1), 10)
        Membership.objects.filter(group=group, user=gwen).update(joined_at=since)
        others = list(
            User.objects.filter(coop_roles__role=CoopRole.Role.REFERENT)
            .exclude(pk__in=[gwen.pk, marc.pk])
            .distinct()
            .order_by("pk")[:4]
        )
        _member(
            group,
            marc,
            role=Membership.Role.COORDINATOR,
            since=since,
            notify=Membership.Notify.EACH,
        )
        _member(group, claire, since=since)
        for user in others:
            _member(group, user, since=since + timedelta(days=30))
        candidate = User.objects.filter(coop_roles__role=CoopRole.Role.STAFF).order_by("pk").first()
        if candidate:
            Membership.objects.get_or_create(
                group=group,
                user=candidate,
                defaults={
                    "status": Membership.Status.PENDING,
                    "motivation": "J'accueille les nouveaux locataires-coopérateurs et voudrais améliorer notre livret.",
                },
            )
        people = {"gwen": gwen, "marc": marc, "other": others[0] if others else claire}
        _discussions(group, NETWORK_DISCUSSIONS, people, timezone.now() - timedelta(days=40))
        document = _document(
            group,
            "Trame du livret d'accueil",
            [
                ("livret-accueil-v1.md", BOOKLET_V1, "Première trame"),
                (
                    "livret-accueil-v2.md",
                    BOOKLET_V2,
                    "Ajout : qui contacter, projets de la résidence",
                ),
            ],
            gwen,
        )
        document.description = "La trame commune, à adapter par chaque coopérative."
        document.save(update_fields=["description"])
        deliverable = Deliverable(
            group=group,
            title="Livret d'accueil type du nouvel associé",
            description="Une trame de livret, à adapter par chaque coopérative : sommaire, textes types, contacts.",
            status=Deliverable.Status.FINAL,
            original_name="livret-accueil-type.md",
            content_type="text/markdown",
            size=len(BOOKLET_V2.encode()),
            created_by=gwen,
        )
        deliverable.file.save(
            "livret-accueil-type.md", ContentFile(BOOKLET_V2.encode()), save=False
        )
        deliverable.save()
        members = [gwen, marc, claire, *others]
        _meeting(
            group,
            title="Réunion du groupe : relecture de la trame",
            start=_at(today - timedelta(days=21), 14),
            end=_at(today - timedelta(days=21), 15, 30),
            creator=gwen,
            people=members[:5],
            minutes=MINUTES_NETWORK,
            format=Event.Format.REMOTE,
            online_url="https://visio.example.org/accueil",
        )
        _meeting(
            group,
            title="Réunion du groupe : bilan des tests du livret",
            start=_at(today + timedelta(days=14), 14),
            end=_at(today + timedelta(days=14), 15, 30),
            creator=gwen,
            people=members[:3],
            format=Event.Format.REMOTE,
            online_url="https://visio.example.org/accueil",
        )
        created += 1

    bretagne = coops.get("coop-habitat-bretagne")
    if (
        bretagne is not None
        and not WorkingGroup.objects.filter(name=COOP_GROUP, coop=bretagne).exists()
    ):
        with transaction.atomic():
            group = group_create(
                actor=gwen,
                coop=bretagne,
                name=COOP_GROUP,
                purpose="Faire vivre le jardin partagé de la résidence : plantations, arrosage, fêtes.",
                description="Ouvert à tous les associés et voisins de la résidence. On se retrouve au jardin le samedi matin.",
                policy=WorkingGroup.Policy.OPEN,
            )
        since = _at(date(2024, 3, 15), 10)
        neighbours = list(
            User.objects.filter(coop_roles__coop=bretagne, coop_roles__role=CoopRole.Role.MEMBER)
            .exclude(pk=jeanne.pk)
            .order_by("pk")[:6]
        )
        _member(
            group,
            jeanne,
            role=Membership.Role.COORDINATOR,
            since=since,
            notify=Membership.Notify.EACH,
        )
        for user in neighbours:
            _member(group, user, since=since + timedelta(days=rng.randint(1, 60)))
        people = {"gwen": gwen, "jeanne": jeanne, "member": neighbours[0] if neighbours else gwen}
        _discussions(group, GARDEN_DISCUSSIONS, people, timezone.now() - timedelta(days=20))
        _document(
            group,
            "Plan du jardin",
            [
                (
                    "plan-jardin.md",
                    "# Plan du jardin\n\n- carré commun\n- composteur\n- récupérateur d'eau\n",
                    "",
                )
            ],
            jeanne,
        )
        members = [jeanne, gwen, *neighbours]
        place = {
            "format": Event.Format.IN_PERSON,
            "place_name": "Jardin partagé, résidence Les Hortensias",
            "address": "4 rue de Brest",
            "postal_code": "35000",
            "city": "Rennes",
            "region": bretagne.region,
        }
        _meeting(
            group,
            title="Matinée au jardin : réparation du récupérateur d'eau",
            start=_at(today - timedelta(days=12), 10),
            end=_at(today - timedelta(days=12), 12),
            creator=jeanne,
            people=members[:6],
            minutes=MINUTES_GARDEN,
            **place,
        )
        _meeting(
            group,
            title="Atelier plantations de printemps",
            start=_at(today + timedelta(days=9), 10),
            end=_at(today + timedelta(days=9), 12),
            creator=jeanne,
            people=members[:4],
            **place,
        )
        created += 1
    if created:
        log(f"  working groups: {created} created")
