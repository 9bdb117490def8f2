"""Demo events: the network's meetings since the first one (4 December 2020), coop events.

Past events carry their registrations, attendance and minutes, as if they had been run
on the platform; upcoming ones are placed a few weeks from today so the demo always has
a future, one of them full with a waiting list. Rows are written directly (like an
import of history): going through the services would print hundreds of e-mails.
Idempotent: an event already there (same title, same coop) is left alone.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .models import Event, EventDocument, Registration

MINUTES_FIRST = """\
**Présents :** une vingtaine de référents de toute la France, la chargée de mission de la fédération.

## Tour de table
Chacun a présenté sa coopérative, son métier et ce qui l'a amené à devenir référent.

## Ce que nous attendons du réseau
- échanger nos pratiques d'animation de la vie coopérative ;
- disposer d'outils communs (accueil des nouveaux associés, préparation de l'AG) ;
- faire remonter à la fédération nos difficultés et nos besoins.

## Suites
- une rencontre thématique par trimestre, en alternance à distance et en présentiel ;
- un premier groupe de travail sur l'accueil des nouveaux associés.
"""

MINUTES_WELCOME = """\
## Partage d'expériences
- Coop Habitat Bretagne : un livret d'accueil remis à la signature, un café d'accueil par résidence.
- Les Toits Solidaires du Rhône : un parrainage par un associé ancien.

## Décisions
1. Le groupe de travail « Outils d'accueil des nouveaux associés » rédige une trame commune de livret.
2. La fédération met la trame à disposition dans la boîte à outils.
"""

MINUTES_AG = """\
## Ce qui marche
- convocation accompagnée d'un mot personnel du président ;
- vote par correspondance expliqué pas à pas ;
- un temps convivial après l'assemblée.

## Ce qui reste difficile
La participation des locataires-coopérateurs, souvent inférieure à 10 %.
"""

MINUTES_COOPSDAY = """\
Une belle journée sous le soleil : plus de 60 associés et voisins sont passés au stand.

- atelier de réparation de vélos ;
- exposition « 70 ans d'habitat coopératif » ;
- 12 demandes d'information pour devenir associé.
"""


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _event(**data) -> Event | None:
    if Event.objects.filter(title=data["title"], coop=data.get("coop")).exists():
        return None
    event = Event(**data)
    event.search_text = event.build_search_text()
    event.save()
    return event


def _register(event: Event, users, *, attended_rate: float | None, rng: random.Random) -> None:
    """Seats for ``users`` in order, the rest on the waiting list (one row each)."""
    rows = []
    when = event.starts_at - timedelta(days=20)
    for index, user in enumerate(users):
        seat = index + 1
        confirmed = event.capacity is None or seat <= event.capacity
        moment = when + timedelta(hours=index * 3)
        rows.append(
            Registration(
                event=event,
                user=user,
                status=Registration.Status.CONFIRMED
                if confirmed
                else Registration.Status.WAITLISTED,
                seat=seat if confirmed else None,
                registered_by=user,
                confirmed_at=moment if confirmed else None,
                waitlisted_at=None if confirmed else moment,
                attended=(rng.random() < attended_rate)
                if confirmed and attended_rate is not None
                else None,
            )
        )
    Registration.objects.bulk_create(rows)
    # created_at is auto_now_add: put it back to the registration time.
    for row in rows:
        Registration.objects.filter(pk=row.pk).update(
            created_at=row.confirmed_at or row.waitlisted_at
        )


def _document(event: Event, title: str, filename: str, text: str, user) -> None:
    from django.core.files.base import ContentFile

    document = EventDocument(
        event=event,
        title=title,
        original_name=filename,
        content_type="text/markdown",
        size=len(text.encode()),
        uploaded_by=user,
    )
    document.file.save(filename, ContentFile(text.encode()), save=False)
    document.save()


def build_events(*, log, rng: random.Random, federation, coops) -> None:
    from viecoop.accounts.models import User
    from viecoop.demo.world import demo_email
    from viecoop.organizations.models import CoopRole

    claire = User.objects.get(email=demo_email("claire.morel"))
    referents = list(
        User.objects.filter(coop_roles__role=CoopRole.Role.REFERENT)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    staff = list(
        User.objects.filter(coop_roles__role__in=CoopRole.STAFF_ROLES)
        .exclude(pk__in=[u.pk for u in referents])
        .distinct()
        .order_by("pk")
    )
    network_people = [claire, *referents]
    today = timezone.localdate()
    created = 0

    first = _event(
        space=Event.Space.NETWORK,
        kind=Event.Kind.NETWORK_MEETING,
        title="Première rencontre du réseau des référents vie coopérative",
        summary="Faire connaissance, partager nos attentes et lancer le réseau.",
        agenda="1. Accueil par la fédération\n2. Tour de table des référents\n3. Ce que nous attendons du réseau\n4. Calendrier de l'année",
        format=Event.Format.REMOTE,
        online_url="https://visio.example.org/reseau-referents",
        starts_at=_at(date(2020, 12, 4), 14),
        ends_at=_at(date(2020, 12, 4), 17),
        audience="referents",
        minutes=MINUTES_FIRST,
        minutes_sent_at=_at(date(2020, 12, 8), 10),
        created_by=claire,
        status=Event.Status.PUBLISHED,
    )
    if first:
        _register(first, network_people, attended_rate=0.9, rng=rng)
        _document(
            first,
            "Support de présentation",
            "premiere-rencontre-support.md",
            "# Le réseau des référents vie coopérative\n\nPourquoi, pour qui, comment.\n",
            claire,
        )
        created += 1

    welcome = _event(
        space=Event.Space.NETWORK,
        kind=Event.Kind.THEMATIC_MEETING,
        title="Rencontre thématique : accueillir les nouveaux associés",
        summary="Livret d'accueil, parrainage, premiers pas : ce qui marche dans nos coopératives.",
        agenda="- Retours d'expérience de deux coopératives\n- Ateliers en petits groupes\n- Décisions communes",
        format=Event.Format.IN_PERSON,
        place_name="Maison des coopératives (fictive)",
        address="12 rue de la Coopération",
        postal_code="75011",
        city="Paris",
        region="IDF",
        starts_at=_at(date(2022, 3, 17), 10),
        ends_at=_at(date(2022, 3, 17), 16, 30),
        capacity=25,
        audience="referents",
        minutes=MINUTES_WELCOME,
        minutes_sent_at=_at(date(2022, 3, 22), 9),
        created_by=claire,
    )
    if welcome:
        _register(welcome, network_people[:9], attended_rate=0.85, rng=rng)
        created += 1

    assembly = _event(
        space=Event.Space.NETWORK,
        kind=Event.Kind.THEMATIC_MEETING,
        title="Rencontre thématique : faire vivre l'assemblée générale",
        summary="Convocations, vote par correspondance, participation des locataires-coopérateurs.",
        format=Event.Format.REMOTE,
        online_url="https://visio.example.org/ag",
        starts_at=_at(date(2024, 10, 10), 14),
        ends_at=_at(date(2024, 10, 10), 16),
        audience="network",
        minutes=MINUTES_AG,
        minutes_sent_at=_at(date(2024, 10, 14), 9),
        created_by=claire,
    )
    if assembly:
        _register(assembly, [*network_people, *staff[:6]], attended_rate=0.8, rng=rng)
        created += 1

    coopsday_meeting = _event(
        space=Event.Space.NETWORK,
        kind=Event.Kind.THEMATIC_MEETING,
        title="Rencontre thématique : le Coopsday dans nos résidences",
        summary="Préparer ensemble la journée des coopératives : idées, kit de communication, partenaires.",
        agenda="**Matin** : retours des Coopsday passés\n\n**Après-midi** : atelier « kit Coopsday »",
        format=Event.Format.HYBRID,
        place_name="Les Toits Solidaires du Rhône, salle commune",
        address="45 cours Gambetta",
        postal_code="69003",
        city="Lyon",
        region="ARA",
        online_url="https://visio.example.org/coopsday",
        starts_at=_at(today + timedelta(days=24), 9, 30),
        ends_at=_at(today + timedelta(days=24), 16, 30),
        capacity=30,
        audience="referents",
        coop=coops.get("toits-solidaires-rhone"),
        created_by=claire,
    )
    if coopsday_meeting:
        _register(coopsday_meeting, network_people[:7], attended_rate=None, rng=rng)
        created += 1

    full = _event(
        space=Event.Space.NETWORK,
        kind=Event.Kind.WORKSHOP,
        title="Atelier à distance : mesurer la vie coopérative",
        summary="Quels indicateurs pour le baromètre ? Un atelier en petit comité, places limitées.",
        format=Event.Format.REMOTE,
        online_url="https://visio.example.org/barometre",
        online_details="Code de la réunion : 482 913",
        starts_at=_at(today + timedelta(days=10), 14),
        ends_at=_at(today + timedelta(days=10), 15, 30),
        capacity=8,
        audience="network",
        created_by=claire,
    )
    if full:
        _register(full, [*network_people, *staff][:11], attended_rate=None, rng=rng)
        created += 1

    year_meeting = _event(
        space=Event.Space.NETWORK,
        kind=Event.Kind.NETWORK_MEETING,
        title="Rencontre annuelle du réseau",
        summary="Le bilan de l'année, les groupes de travail, le programme de formation.",
        format=Event.Format.IN_PERSON,
        place_name="Maison des coopératives (fictive)",
        address="12 rue de la Coopération",
        postal_code="75011",
        city="Paris",
        region="IDF",
        starts_at=_at(today + timedelta(days=52), 10),
        ends_at=_at(today + timedelta(days=52), 17),
        capacity=60,
        audience="network",
        created_by=claire,
    )
    if year_meeting:
        _register(year_meeting, network_people[:5], attended_rate=None, rng=rng)
        created += 1

    created += _coop_events(coops=coops, today=today, rng=rng)
    if created:
        log(f"  events: {created} created")


def _coop_events(*, coops, today: date, rng: random.Random) -> int:
    from viecoop.accounts.models import User
    from viecoop.demo.world import demo_email

    created = 0
    bretagne = coops.get("coop-habitat-bretagne")
    rhone = coops.get("toits-solidaires-rhone")
    if bretagne is not None:
        yann = User.objects.get(email=demo_email("yann.kerleau"))
        gwen = User.objects.get(email=demo_email("gwenaelle.le-goff"))
        members = list(
            User.objects.filter(coop_roles__coop=bretagne, coop_roles__role="member").order_by("pk")
        )
        coopsday = _event(
            space=Event.Space.COOP,
            coop=bretagne,
            kind=Event.Kind.COOPSDAY,
            title="Coopsday 2025 aux Hortensias",
            summary="La journée des coopératives : stands, ateliers et goûter partagé.",
            agenda="- 14 h : ouverture du stand\n- 15 h : atelier réparation de vélos\n- 17 h : goûter partagé",
            format=Event.Format.IN_PERSON,
            place_name="Résidence Les Hortensias, cour intérieure",
            address="4 rue de Brest",
            postal_code="35000",
            city="Rennes",
            region=bretagne.region,
            starts_at=_at(date(2025, 7, 5), 14),
            ends_at=_at(date(2025, 7, 5), 18),
            audience="coop_members",
            minutes=MINUTES_COOPSDAY,
            minutes_sent_at=_at(date(2025, 7, 8), 9),
            created_by=gwen,
        )
        if coopsday:
            _register(coopsday, members[:18], attended_rate=0.8, rng=rng)
            _document(
                coopsday,
                "Affiche du Coopsday",
                "affiche-coopsday-2025.md",
                "# Coopsday 2025\n\nSamedi 5 juillet, 14 h, cour des Hortensias.\n",
                gwen,
            )
            created += 1
        neighbours = _event(
            space=Event.Space.COOP,
            coop=bretagne,
            kind=Event.Kind.PARTY,
            title="Fête des voisins du Clos des Lavandières",
            summary="Chacun apporte un plat, la coopérative offre les boissons.",
            format=Event.Format.IN_PERSON,
            place_name="Le Clos des Lavandières, jardin",
            address="17 allée des Lavandières",
            postal_code="35200",
            city="Rennes",
            region=bretagne.region,
            starts_at=_at(date(2025, 5, 30), 19),
            ends_at=_at(date(2025, 5, 30), 22, 30),
            audience="coop_members",
            created_by=gwen,
        )
        if neighbours:
            _register(neighbours, members[5:25], attended_rate=0.9, rng=rng)
            created += 1
        outing = _event(
            space=Event.Space.COOP,
            coop=bretagne,
            kind=Event.Kind.OUTING,
            title="Sortie : visite d'un habitat participatif à Nantes",
            summary="Un car au départ de Rennes, visite guidée et pique-nique. 40 places.",
            agenda="- 8 h 30 : départ place de la gare\n- 10 h 30 : visite guidée\n- 12 h 30 : pique-nique\n- 17 h : retour",
            format=Event.Format.IN_PERSON,
            place_name="Départ : parvis de la gare",
            city="Rennes",
            region=bretagne.region,
            starts_at=_at(today + timedelta(days=31), 8, 30),
            ends_at=_at(today + timedelta(days=31), 17),
            capacity=40,
            registration_closes_at=_at(today + timedelta(days=24), 18),
            audience="coop_members",
            created_by=gwen,
        )
        if outing:
            _register(outing, members[:14], attended_rate=None, rng=rng)
            created += 1
        team = _event(
            space=Event.Space.COOP,
            coop=bretagne,
            kind=Event.Kind.INFO_MEETING,
            title="Point d'équipe : préparer l'assemblée générale",
            format=Event.Format.HYBRID,
            place_name="Siège, salle du conseil",
            address="12 quai Duguay-Trouin",
            postal_code="35000",
            city="Rennes",
            region=bretagne.region,
            online_url="https://visio.example.org/equipe-bretagne",
            starts_at=_at(today + timedelta(days=6), 9),
            ends_at=_at(today + timedelta(days=6), 10, 30),
            audience="coop_staff",
            created_by=yann,
        )
        if team:
            staff = list(
                User.objects.filter(
                    coop_roles__coop=bretagne, coop_roles__role__in=("manager", "referent", "staff")
                )
                .distinct()
                .order_by("pk")
            )
            _register(team, staff, attended_rate=None, rng=rng)
            created += 1
    if rhone is not None:
        marc = User.objects.get(email=demo_email("marc.fontaine"))
        members = list(
            User.objects.filter(coop_roles__coop=rhone, coop_roles__role="member").order_by("pk")
        )
        party = _event(
            space=Event.Space.COOP,
            coop=rhone,
            kind=Event.Kind.PARTY,
            title="Fête des voisins de la Croix-Rousse",
            summary="Apéritif partagé sur la terrasse de la résidence.",
            format=Event.Format.IN_PERSON,
            place_name="Résidence Croix-Rousse, terrasse",
            address="8 rue d'Austerlitz",
            postal_code="69004",
            city="Lyon",
            region=rhone.region,
            starts_at=_at(today + timedelta(days=17), 18, 30),
            ends_at=_at(today + timedelta(days=17), 22),
            audience="coop_members",
            created_by=marc,
        )
        if party:
            _register(party, members[:12], attended_rate=None, rng=rng)
            created += 1
    return created
