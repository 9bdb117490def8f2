"""Demo reports: two years of projects (some with photos), difficulties and needs from every demo
coop; a closed and an open questionnaire; the "Sociétariat" survey pre-filled; barometer history.

Written through the real services (audit entries, pre-fill, reminders' log). Idempotent:
nothing is done if the demo coops already have projects.
"""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from . import services
from .categories import ProjectStatus
from .indicators import Period
from .models import Campaign, CampaignResponse, Concern, Project

# (theme, title, description)
PROJECTS = (
    (
        "democratie",
        "Café des associés avant l'assemblée générale",
        "Un temps convivial, une semaine avant l'AG, pour expliquer les résolutions et répondre aux questions.",
    ),
    (
        "democratie",
        "Formation des nouveaux administrateurs",
        "Deux soirées pour découvrir le rôle d'administrateur, lire un bilan et préparer un conseil.",
    ),
    (
        "assemblees",
        "Vote par correspondance facilité",
        "Un formulaire simplifié et une permanence pour aider les associés à voter sans venir.",
    ),
    (
        "solidarite",
        "Réseau d'entraide entre voisins",
        "Des binômes de voisins pour les courses et les petits services aux personnes isolées.",
    ),
    (
        "solidarite",
        "Collecte solidaire de fin d'année",
        "Jouets, vêtements et denrées collectés dans les halls et remis à une association locale.",
    ),
    (
        "responsabilite",
        "Charte du bon voisinage co-écrite",
        "Trois ateliers avec les habitants pour écrire ensemble les règles de vie de la résidence.",
    ),
    (
        "service",
        "Permanence numérique pour les associés",
        "Chaque mardi, un salarié et deux associés bénévoles aident à utiliser l'espace en ligne.",
    ),
    (
        "transparence",
        "Réunion de présentation des comptes",
        "Les comptes de l'année présentés en dix chiffres clés, avant l'assemblée générale.",
    ),
    (
        "transparence",
        "Lettre d'information trimestrielle",
        "Une page recto verso envoyée par e-mail et déposée dans les boîtes aux lettres.",
    ),
    (
        "proximite",
        "Fête des voisins de la résidence",
        "Un repas partagé dans la cour, avec une animation pour les enfants.",
    ),
    (
        "proximite",
        "Coopsday : journée portes ouvertes",
        "Visite d'une résidence, exposition photo et rencontre avec le conseil d'administration.",
    ),
    (
        "perennite",
        "Jardin partagé",
        "Des bacs potagers installés avec les habitants, entretenus par un collectif de jardiniers.",
    ),
    (
        "transition",
        "Défi économies d'énergie",
        "Trois mois de défi entre étages, relevés de compteurs et fête de clôture.",
    ),
    (
        "accueil",
        "Parcours d'accueil des nouveaux associés",
        "Un livret, une visite et un parrain associé pour chaque nouvel arrivant.",
    ),
    (
        "animation",
        "Repair café mensuel",
        "Un samedi par mois, des bénévoles réparent petits appareils, vélos et vêtements.",
    ),
    (
        "participation",
        "Fonds de participation des habitants : premier appel",
        "Une enveloppe de 3 000 € pour les micro-projets proposés par les résidents.",
    ),
    (
        "formation",
        "Formation des référents de résidence",
        "Une journée pour les associés volontaires qui relaient l'information dans leur immeuble.",
    ),
    (
        "numerique",
        "Ateliers tablettes pour les seniors",
        "Six séances en petits groupes, avec des tablettes prêtées par la coopérative.",
    ),
)
RESULTS = (
    "Une participation en hausse et de nouveaux visages.",
    "Les habitants demandent à recommencer l'an prochain.",
    "Plusieurs associés se sont proposés pour la suite.",
    "Un bilan mitigé : peu de monde, mais des échanges de qualité.",
    "",
)
LESSONS = (
    "Communiquer trois semaines avant, par affiche et en porte-à-porte.",
    "Prévoir un horaire en fin de journée pour les actifs.",
    "S'appuyer sur deux ou trois habitants moteurs dès le départ.",
    "Un petit budget suffit : la convivialité compte plus que les moyens.",
    "",
)
PARTNERS = (
    "Mairie de quartier",
    "Centre social",
    "Association de locataires",
    "Ressourcerie locale",
    "",
)
# (kind, category, urgency, title, description)
CONCERNS = (
    (
        "difficulty",
        "participation",
        "medium",
        "Faible participation à l'assemblée générale",
        "Moins d'un associé sur dix présent ou représenté l'an dernier.",
    ),
    (
        "difficulty",
        "governance",
        "high",
        "Peu de candidats locataires au conseil d'administration",
        "Deux sièges d'associés usagers restent vacants.",
    ),
    (
        "difficulty",
        "means",
        "medium",
        "Le référent manque de temps",
        "Le référent a aussi un poste de gestionnaire locatif à temps plein.",
    ),
    (
        "difficulty",
        "digital",
        "low",
        "Beaucoup d'associés âgés sans adresse e-mail",
        "Les convocations papier coûtent cher et arrivent tard.",
    ),
    (
        "difficulty",
        "residents",
        "medium",
        "Tensions entre voisins dans une résidence",
        "Des conflits de voisinage freinent les projets collectifs.",
    ),
    (
        "difficulty",
        "communication",
        "low",
        "Les associés ne lisent pas les courriers",
        "Les informations importantes passent inaperçues.",
    ),
    (
        "need",
        "training",
        "medium",
        "Former les administrateurs à la lecture des comptes",
        "Une formation courte, idéalement en visioconférence.",
    ),
    (
        "need",
        "tools",
        "low",
        "Un modèle de lettre d'information",
        "Une maquette simple à reprendre chaque trimestre.",
    ),
    (
        "need",
        "support",
        "high",
        "Accompagnement pour modifier les statuts (collèges)",
        "Nous voulons revoir la composition des collèges avant la prochaine AGE.",
    ),
    (
        "need",
        "networking",
        "low",
        "Échanger avec d'autres coopératives sur le fonds de participation",
        "Savoir comment les autres ont fixé leurs critères.",
    ),
    (
        "need",
        "funding",
        "medium",
        "Financer une fête de résidence",
        "Un petit budget pour la Coopsday.",
    ),
)
SURVEY = (
    {
        "kind": "yes_no",
        "label": "Avez-vous organisé une action pour la Coopsday cette année ?",
        "required": True,
    },
    {
        "kind": "number",
        "label": "Combien d'associés ont pris part à vos actions de vie coopérative ?",
        "unit": "associés",
    },
    {
        "kind": "choice",
        "label": "Quel est le principal frein à la participation des associés ?",
        "choices": [
            "Manque de temps",
            "Manque d'information",
            "Sentiment de ne pas être concerné",
            "Horaires des réunions",
            "Autre",
        ],
        "required": True,
    },
    {
        "kind": "multiple",
        "label": "Quelles ressources de la boîte à outils avez-vous utilisées ?",
        "choices": [
            "Guide de l'AG participative",
            "Livret de l'associé",
            "Affiches",
            "Grille d'auto-diagnostic",
            "Aucune",
        ],
    },
    {
        "kind": "scale",
        "label": "Comment jugez-vous le soutien de la fédération ?",
        "scale_min": 1,
        "scale_max": 5,
        "scale_min_label": "Insuffisant",
        "scale_max_label": "Excellent",
    },
    {"kind": "text", "label": "Une réussite à partager avec le réseau ?"},
)


def _photo(rng: random.Random, title: str) -> ContentFile:
    from PIL import Image, ImageDraw

    image = Image.new(
        "RGB", (1200, 800), (rng.randint(40, 200), rng.randint(90, 180), rng.randint(90, 200))
    )
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randint(0, 1100), rng.randint(0, 700)
        draw.ellipse(
            [x, y, x + rng.randint(40, 200), y + rng.randint(40, 200)], fill=(255, 255, 255, 128)
        )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=f"{title[:20]}.jpg")


def _answers(rng: random.Random, campaign: Campaign) -> dict[int, object]:
    values: dict[int, object] = {}
    for question in campaign.questions.all():
        if question.kind == "yes_no":
            values[question.pk] = rng.random() < 0.6
        elif question.kind == "number":
            values[question.pk] = str(rng.randint(8, 160))
        elif question.kind == "choice":
            values[question.pk] = rng.choice(question.choices)
        elif question.kind == "multiple":
            values[question.pk] = rng.sample(question.choices[:-1], k=rng.randint(1, 3))
        elif question.kind == "scale":
            values[question.pk] = rng.randint(3, 5)
        else:
            values[question.pk] = rng.choice(
                ["Notre repair café attire chaque mois de nouveaux voisins.", ""]
            )
    return values


def build_reports(*, log, rng, federation, coops) -> None:
    # Commands run without a language: the survey's questions are written in the site's.
    with translation.override(settings.LANGUAGE_CODE):
        _build_reports(log=log, federation=federation, coops=coops)


def _build_reports(*, log, federation, coops) -> None:
    from viecoop.accounts.models import User
    from viecoop.demo.world import demo_email
    from viecoop.organizations.models import CoopRole

    if Project.objects.filter(coop__in=coops.values()).exists():
        return
    rng = random.Random(1947)  # noqa: S311 — a repeatable demo, not security
    today = timezone.localdate()
    admin = User.objects.get(email=demo_email("claire.morel"))
    referents = {
        role.coop_id: role.user
        for role in CoopRole.objects.filter(
            coop__in=coops.values(), role="referent"
        ).select_related("user")
    }
    photos = 0
    for index, coop in enumerate(coops.values()):
        actor = referents.get(coop.pk)
        residences = list(coop.residences.all())
        for n in range(8 + 2 * (index % 4)):
            theme, title, description = PROJECTS[(index * 5 + n * 7) % len(PROJECTS)]
            start = today - timedelta(days=rng.randint(10, 730))
            length = rng.choice((1, 1, 30, 90, 180))
            end = start + timedelta(days=length)
            if end > today:
                status = ProjectStatus.RUNNING if start <= today else ProjectStatus.PLANNED
                end = end if rng.random() < 0.5 else None
            else:
                status = ProjectStatus.DONE if rng.random() < 0.9 else ProjectStatus.STOPPED
            if n == 0:  # something coming up in every coop
                start, end, status = (
                    today + timedelta(days=rng.randint(15, 60)),
                    None,
                    ProjectStatus.PLANNED,
                )
            project = services.project_create(
                actor=actor,
                coop=coop,
                title=title,
                theme=theme,
                status=status,
                start_date=start,
                end_date=end,
                description=description,
                residence=rng.choice(residences) if residences and rng.random() < 0.7 else None,
                people_involved=rng.randint(2, 15),
                members_reached=rng.randint(5, 120) if status != ProjectStatus.PLANNED else None,
                budget=Decimal(rng.choice((0, 150, 300, 500, 1200, 3000))),
                partners=rng.choice(PARTNERS),
                results=rng.choice(RESULTS)
                if status in (ProjectStatus.DONE, ProjectStatus.STOPPED)
                else "",
                lessons=rng.choice(LESSONS) if status == ProjectStatus.DONE else "",
            )
            if status == ProjectStatus.DONE and photos < 14 and rng.random() < 0.4:
                services.photo_add(
                    actor=actor,
                    project=project,
                    image=_photo(rng, title),
                    alt_text=f"{title} : des habitants réunis",
                )
                photos += 1
        for m in range(3 + index % 3):
            kind, category, urgency, title, description = CONCERNS[
                (index * 3 + m * 4) % len(CONCERNS)
            ]
            concern = services.concern_create(
                actor=actor,
                coop=coop,
                kind=kind,
                category=category,
                urgency=urgency,
                title=title,
                description=description,
            )
            Concern.objects.filter(pk=concern.pk).update(
                reported_on=today - timedelta(days=rng.randint(0, 700))
            )
            if rng.random() < 0.3:
                services.concern_update(actor=actor, concern=concern, resolved=True)

    # Barometer history: the last two years and the last eight quarters.
    for year in (today.year - 2, today.year - 1):
        services.snapshot_take(period=Period.year(year))
    period = Period.last_closed("quarter", today)
    for _ in range(8):
        services.snapshot_take(period=period)
        period = Period.last_closed("quarter", period.start)

    # Campaigns: last year's questionnaire (closed), this year's (open), the Sociétariat survey.
    def questionnaire(year: int, deadline: date) -> Campaign:
        campaign = services.campaign_create(
            actor=admin,
            federation=federation,
            title=f"Enquête vie coopérative {year}",
            description="Quelques questions sur vos actions de l'année et sur ce qui vous aiderait.",
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            deadline=deadline,
        )
        for spec in SURVEY:
            services.question_create(actor=admin, campaign=campaign, **spec)
        return campaign

    last = questionnaire(today.year - 1, today - timedelta(days=200))
    Campaign.objects.filter(pk=last.pk).update(deadline=today + timedelta(days=1))
    last = services.campaign_open(actor=admin, campaign=Campaign.objects.get(pk=last.pk))
    for response in CampaignResponse.objects.filter(campaign=last).select_related("coop"):
        if rng.random() < 0.85:
            services.response_save(
                actor=referents.get(response.coop_id),
                response=response,
                values=_answers(rng, last),
                submit=True,
            )
    Campaign.objects.filter(pk=last.pk).update(deadline=today - timedelta(days=200))
    services.campaign_close(actor=admin, campaign=last)

    current = questionnaire(today.year, today + timedelta(days=30))
    current = services.campaign_open(actor=admin, campaign=current)
    for position, response in enumerate(
        CampaignResponse.objects.filter(campaign=current)
        .select_related("coop")
        .order_by("coop__name")
    ):
        if position in (1, 3):
            services.response_save(
                actor=referents.get(response.coop_id),
                response=response,
                values=_answers(rng, current),
                submit=True,
            )
        elif position == 4:
            services.response_save(
                actor=referents.get(response.coop_id),
                response=response,
                values=_answers(rng, current),
            )

    societariat = services.societariat_campaign_create(
        actor=admin, federation=federation, year=today.year - 1, deadline=today + timedelta(days=45)
    )
    societariat = services.campaign_open(actor=admin, campaign=societariat)
    # Two coops have already checked their figures: one submitted as is, one corrected one.
    responses = list(
        CampaignResponse.objects.filter(campaign=societariat)
        .select_related("coop")
        .order_by("coop__name")
    )
    for position, response in enumerate(responses[:2]):
        values = {
            answer.question_id: answer.prefilled
            for answer in response.answers.all()
            if answer.prefilled is not None
        }
        # Asked by hand until the assemblies app pre-fills them: AGs held, turnout, seats, users' seats.
        by_hand = societariat.questions.filter(prefill_key="", kind="number").order_by("position")
        for question, value in zip(by_hand, ("1", "17.5", "12", "4"), strict=False):
            values[question.pk] = value
        if position == 1:
            total = societariat.questions.get(prefill_key="members.total")
            values[total.pk] = str(int(values.get(total.pk) or 0) + 3)
        services.response_save(
            actor=referents.get(response.coop_id),
            response=response,
            values=values,
            submit=position == 0,
        )
    log(
        f"  reports: {Project.objects.count()} projects ({photos} with a photo), "
        f"{Concern.objects.count()} difficulties and needs, {Campaign.objects.count()} campaigns"
    )
