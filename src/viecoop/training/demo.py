"""The demo training programme: the 2023-2024 promotion, whose third session took place over
two days in Paris (a day sharing the results of the experiments, a day visiting a third
place), with its cohort, their experimentation projects and their lessons learned; and the
next promotion, whose first session is coming.

Made through the services where they apply; the past is written directly (services do not
register people to an event that is over). Idempotent: skipped once the programmes exist.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

PAST = "promotion-2023-2024"
NEXT = "promotion-2026-2027"
# The cohort of the past promotion: e-mail local parts (the personas, then other référents).
COHORT = (
    "gwenaelle.le-goff",
    "marc.fontaine",
    "referent1.habitat-cooperatif-occitanie",
    "referent1.foyer-cooperatif-nord",
    "referent1.cooplogis-loire",
    "referent1.maison-cooperative-normande",
    "referent1.aquitaine-habitat-cooperatif",
    "referent1.habitat-solidaire-ile-de-france",
)
# (title, theme, goal, results, milestones as (title, month offset from Oct 2023, done?))
PROJECTS = (
    ("Un fonds de participation pour les Hortensias", "participation", "Proposer aux habitants de la résidence Les Hortensias un petit fonds (1 500 €) pour financer leurs projets : fête, jardin, sortie.", "**6 projets** financés en un an, dont un jardin partagé et une sortie à la mer ; 40 habitants impliqués, dont 12 qui ne venaient jamais aux réunions.", (("Règlement du fonds écrit avec trois habitants", 1, True), ("Appel à projets affiché dans les halls", 2, True), ("Premier comité de sélection", 4, True), ("Bilan devant le conseil d'administration", 9, True))),
    ("Un vote par correspondance plus simple", "assemblies", "Refaire le bulletin de vote par correspondance pour qu'un associé âgé le remplisse seul, sans se tromper.", "Bulletin testé avec 15 associés ; **participation à l'AG passée de 18 % à 27 %**, presque aucun bulletin nul.", (("Atelier de relecture avec des associés", 1, True), ("Nouveau bulletin imprimé", 4, True), ("Assemblée générale et comptage", 8, True))),
    ("Le café des nouveaux associés", "welcoming", "Accueillir chaque trimestre les nouveaux associés autour d'un café, avec un administrateur et un salarié.", "4 cafés, 37 nouveaux associés accueillis ; deux sont devenus candidats au conseil.", (("Invitation type et liste des nouveaux", 1, True), ("Premier café", 2, True), ("Questionnaire aux participants", 6, True), ("Décision de continuer", 10, True))),
    ("Des ambassadeurs de résidence", "proximity", "Un habitant volontaire par résidence relaie les informations de la coopérative et fait remonter les besoins.", "9 ambassadeurs dans 11 résidences ; un tableau de bord simple des demandes remontées.", (("Appel à volontaires", 1, True), ("Rencontre des ambassadeurs", 3, True), ("Mise en place du tableau de bord", 6, False))),
    ("La lettre des associés en gros caractères", "information", "Réécrire la lettre d'information pour qu'elle soit lisible par tous : gros caractères, phrases courtes, une idée par page.", "Lettre trimestrielle refaite ; 80 % des associés interrogés la trouvent « plus claire ».", (("Guide de rédaction simple", 1, True), ("Premier numéro", 3, True), ("Enquête de lecture", 7, True))),
    ("Un jardin partagé au pied de l'immeuble", "ecology", "Transformer une pelouse inutilisée en jardin partagé géré par les habitants.", "12 parcelles, un composteur, une fête de la récolte ; le jardin est entretenu par les habitants.", (("Accord du conseil d'administration", 1, True), ("Chantier participatif", 5, True), ("Fête de la récolte", 11, True))),
    ("Former les administrateurs associés", "training", "Deux soirées de formation pour les administrateurs issus des locataires-coopérateurs : lire un budget, préparer un conseil.", "Deux soirées, 9 administrateurs ; les questions en conseil ont doublé.", (("Programme des soirées", 1, True), ("Première soirée", 3, True), ("Deuxième soirée", 5, True))),
    ("Les fêtes de résidence, une par an", "events", "Aider chaque résidence à organiser sa fête, avec un petit budget et un kit prêt à l'emploi.", "", (("Kit « fête de résidence »", 2, True), ("Trois fêtes pilotes", 8, False), ("Bilan et diffusion du kit", 13, False))),
)  # fmt: skip
LESSONS = (
    (0, "Un fonds de participation, ça s'apprend en le faisant", "Notre premier appel à projets n'a reçu que deux dossiers : le formulaire faisait **quatre pages**. Nous l'avons réduit à une page, avec une permanence dans le hall pour aider à le remplir.\n\nCe que je conseille :\n\n- écrire le règlement **avec** des habitants ;\n- un comité mixte habitants et salariés ;\n- des petites sommes, versées vite.", "2024-07-04"),
    (1, "Le vote par correspondance, testé par ceux qui votent", "Nous avons fait relire le bulletin par quinze associés, dont les plus âgés. Trois changements ont tout changé : une seule question par page, des cases plus grandes, une enveloppe retour déjà affranchie.", "2024-07-11"),
    (2, "Accueillir, c'est déjà faire participer", "Au café des nouveaux associés, nous ne parlons presque pas de la coopérative : nous écoutons. Les questions viennent toutes seules, et les gens reviennent à l'assemblée générale.", "2024-09-02"),
    (4, "Écrire pour être lu", "Une lettre d'information n'est pas un rapport d'activité. Nous avons gardé une idée par page, des photos des résidences et un courrier des lecteurs.", "2024-09-19"),
    (5, "Un jardin, trois leçons", "1. Demander l'accord du conseil **avant** d'acheter les graines.\n2. Laisser les habitants décider des règles.\n3. Prévoir une fête : c'est elle qui fait venir les voisins.", "2024-10-15"),
)  # fmt: skip
PENDING_LESSON = (6, "Former les administrateurs, soirée après soirée", "Deux soirées ne suffisent pas, mais elles changent déjà le ton des conseils. Nous allons proposer un parrainage entre anciens et nouveaux administrateurs.")  # fmt: skip
DRAFT_LESSON = (7, "Une fête par résidence : premiers essais", "Brouillon : le kit est prêt, les trois fêtes pilotes auront lieu au printemps.")  # fmt: skip


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _month(offset: int) -> datetime.date:
    year, month = divmod(9 + offset, 12)  # October 2023 is offset 0
    return datetime.date(2023 + year, month + 1, 15)


def build_training(*, log, rng: random.Random, federation, coops) -> None:
    from .models import Programme

    if not Programme.objects.filter(slug=PAST).exists():
        _past_promotion(log=log)
    if not Programme.objects.filter(slug=NEXT).exists():
        _next_promotion(log=log)


def _cohort_people():
    from viecoop.accounts.models import User
    from viecoop.demo.world import demo_email

    people = {u.email: u for u in User.objects.filter(email__in=[demo_email(c) for c in COHORT])}
    return [people[demo_email(c)] for c in COHORT if demo_email(c) in people]


def _past_promotion(*, log) -> None:
    from viecoop.accounts.models import User
    from viecoop.demo.world import demo_email
    from viecoop.events.models import Event, Registration
    from viecoop.organizations.models import CoopRole

    from . import services
    from .models import Lesson, Milestone, Participant, Programme, Project

    claire = User.objects.get(email=demo_email("claire.morel"))
    programme = services.programme_create(
        actor=claire,
        title="Faire vivre la coopération — promotion 2023-2024",
        slug=PAST,
        summary="Un an pour expérimenter un projet de vie coopérative dans sa coopérative, "
        "et le partager avec le réseau.",
        description="Trois sessions :\n\n1. **Lancement** à Lyon : choisir son expérimentation ;\n"
        "2. **Point d'étape** à distance ;\n3. **Deux journées à Paris** : partager les "
        "résultats, puis visiter un tiers-lieu.\n\nEntre les sessions, chacun mène son projet "
        "dans sa coopérative, avec des jalons suivis par la fédération.",
        starts_on=datetime.date(2023, 10, 12),
        ends_on=datetime.date(2024, 12, 31),
        status=Programme.Status.FINISHED,
    )
    sessions = [
        services.session_create(
            actor=claire, programme=programme, number=1,
            title="Lancement : choisir son expérimentation",
            description="Comprendre ce que recouvre la vie coopérative, puis choisir un projet à "
            "mener dans sa coopérative d'ici l'été.",
            starts_at=_at(datetime.date(2023, 10, 12), 10), ends_at=_at(datetime.date(2023, 10, 12), 17),
            format=Event.Format.IN_PERSON, place_name="Les Toits Solidaires du Rhône, salle commune",
            address="45 cours Gambetta", postal_code="69003", city="Lyon", capacity=12,
        ),
        services.session_create(
            actor=claire, programme=programme, number=2,
            title="Point d'étape à mi-parcours",
            description="Chacun présente l'avancement de son projet et ses difficultés.",
            starts_at=_at(datetime.date(2024, 2, 8), 14), ends_at=_at(datetime.date(2024, 2, 8), 17),
            format=Event.Format.REMOTE, online_url="https://visio.example.org/formation",
        ),
        services.session_create(
            actor=claire, programme=programme, number=3,
            title="Deux journées à Paris : partager et découvrir",
            description="La troisième session réunit la promotion deux jours à Paris.",
            starts_at=_at(datetime.date(2024, 6, 20), 9, 30), ends_at=_at(datetime.date(2024, 6, 21), 17),
            format=Event.Format.IN_PERSON, place_name="Maison des coopératives (fictive)",
            address="12 rue de la Coopération", postal_code="75011", city="Paris", capacity=12,
        ),
    ]  # fmt: skip
    services.session_day_add(
        actor=claire, session=sessions[0], day=datetime.date(2023, 10, 12),
        title="Comprendre la vie coopérative et choisir son expérimentation",
        place_name="Les Toits Solidaires du Rhône", city="Lyon",
    )  # fmt: skip
    services.session_day_add(
        actor=claire, session=sessions[2], day=datetime.date(2024, 6, 20),
        title="Partager les résultats des expérimentations",
        description="Chaque participant présente son projet en dix minutes : objectif, jalons, "
        "résultats, difficultés. L'après-midi, ateliers croisés pour en tirer des leçons.",
        place_name="Maison des coopératives (fictive)", city="Paris",
    )  # fmt: skip
    services.session_day_add(
        actor=claire, session=sessions[2], day=datetime.date(2024, 6, 21),
        title="Visite d'un tiers-lieu",
        description="Visite de **La Fabrique des Voisins** (fictive), tiers-lieu du 20e "
        "arrondissement : comment des habitants y portent leurs projets, et comment un fonds "
        "de participation des habitants les finance.",
        place_name="La Fabrique des Voisins (fictive)", city="Paris",
    )  # fmt: skip

    people = _cohort_people()
    for session in sessions:
        for seat, user in enumerate(people, start=1):
            role = CoopRole.objects.filter(user=user, role__in=CoopRole.STAFF_ROLES).first()
            Participant.objects.get_or_create(
                session=session, user=user, defaults={"coop": role.coop, "enrolled_by": claire}
            )
            Registration.objects.get_or_create(
                event=session.event,
                user=user,
                defaults={
                    "status": Registration.Status.CONFIRMED,
                    "seat": seat,
                    "registered_by": claire,
                    "confirmed_at": session.event.starts_at - datetime.timedelta(days=30),
                    "attended": not (session.number == 2 and seat == len(people)),
                },
            )

    for user, (title, theme, goal, results, milestones) in zip(people, PROJECTS, strict=False):
        project = services.project_create(
            actor=user, programme=programme, title=title, goal=goal, theme=theme,
            status=Project.Status.FINISHED if results else Project.Status.RUNNING,
            started_on=datetime.date(2023, 10, 20), results=results,
        )  # fmt: skip
        for milestone_title, offset, done in milestones:
            due = _month(offset)
            services.milestone_add(
                actor=user, project=project, title=milestone_title, due_on=due,
                status=Milestone.Status.DONE if done else Milestone.Status.IN_PROGRESS,
                done_on=due + datetime.timedelta(days=3) if done else None,
            )  # fmt: skip
    projects = {p.user_id: p for p in Project.objects.filter(programme=programme)}

    for index, title, body, published_on in LESSONS:
        author = people[index]
        lesson = services.lesson_create(
            author=author, programme=programme, project=projects[author.pk], title=title,
            body=body, theme=projects[author.pk].theme,
        )  # fmt: skip
        services.lesson_submit(actor=author, lesson=lesson)
        services.lesson_publish(actor=claire, lesson=lesson)
        Lesson.objects.filter(pk=lesson.pk).update(
            published_at=_at(datetime.date.fromisoformat(published_on), 10)
        )
    for (index, title, body), submit in ((PENDING_LESSON, True), (DRAFT_LESSON, False)):
        author = people[index]
        lesson = services.lesson_create(
            author=author, programme=programme, project=projects[author.pk], title=title, body=body
        )
        if submit:
            services.lesson_submit(actor=author, lesson=lesson)
    log(
        f"  training: {programme.title}, {len(sessions)} sessions, {len(people)} participants, "
        f"{len(projects)} projects, {len(LESSONS)} lessons published"
    )


def _next_promotion(*, log) -> None:
    from viecoop.accounts.models import User
    from viecoop.demo.world import demo_email
    from viecoop.events.models import Event

    from . import services
    from .models import Programme

    claire = User.objects.get(email=demo_email("claire.morel"))
    start = timezone.localdate() + datetime.timedelta(days=58)
    programme = services.programme_create(
        actor=claire,
        title="Faire vivre la coopération — promotion 2026-2027",
        slug=NEXT,
        summary="La nouvelle promotion du parcours : expérimenter, partager, visiter.",
        starts_on=start,
        status=Programme.Status.RUNNING,
    )
    session = services.session_create(
        actor=claire, programme=programme, number=1, title="Lancement de la promotion",
        starts_at=_at(start, 10), ends_at=_at(start, 17), format=Event.Format.IN_PERSON,
        place_name="Coop'Logis Loire, salle du conseil", address="10 quai de la Fosse",
        postal_code="44000", city="Nantes", capacity=12,
    )  # fmt: skip
    services.session_day_add(
        actor=claire, session=session, day=start,
        title="Se rencontrer et choisir son expérimentation", city="Nantes",
    )  # fmt: skip
    newcomers = User.objects.filter(
        email__in=[
            demo_email(f"referent-reseau1.{slug}")
            for slug in ("coop-habitat-bretagne", "toits-solidaires-rhone", "cooplogis-loire")
        ]
        + [demo_email("referent1.toits-d-alsace"), demo_email("referent1.montpellier-coop-logis")]
    ).order_by("email")
    for user in newcomers:
        services.participant_enroll(actor=claire, session=session, user=user)
    log(f"  training: {programme.title}, first session on {start}, {newcomers.count()} enrolled")
