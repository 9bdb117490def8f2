"""The demo network: several dozen fictional référents, their profiles and mandates since
the first meeting (4 December 2020), applications waiting for the chargée de mission, a
former référent, coops without a référent, and news with comments.

The six coops of ``demo.world`` get more référents; a dozen smaller fictional coops are
added across the regions (and overseas) so that the directory and its map look like a
federation. Idempotent: each part is skipped once it exists.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from .themes import PRINCIPLES, Theme

FIRST_MEETING = datetime.date(2020, 12, 4)

# (slug, name, legal form, region, department, city, residences, référents to name)
EXTRA_COOPS = (
    ("habitat-solidaire-ile-de-france", "Habitat Solidaire Île-de-France", "scic", "IDF", "93", "Montreuil", (("Les Murs-à-Pêches", 64), ("Résidence Croix-de-Chavaux", 40)), 2),
    ("cooperative-parisienne-accession", "Coopérative Parisienne d'Accession", "scp", "IDF", "75", "Paris", (("Villa des Lilas", 28),), 1),
    ("toits-d-alsace", "Les Toits d'Alsace", "scp", "GES", "67", "Strasbourg", (("Les Tanneurs", 36), ("Résidence Neudorf", 52)), 2),
    ("bourgogne-coop-habitat", "Bourgogne Coop'Habitat", "scic", "BFC", "21", "Dijon", (("Les Grésilles", 45),), 1),
    ("val-de-loire-cooperatif", "Val de Loire Coopératif", "scp", "CVL", "37", "Tours", (("Les Deux-Lions", 30), ("Résidence Rabelais", 22)), 1),
    ("aquitaine-habitat-cooperatif", "Aquitaine Habitat Coopératif", "scic", "NAQ", "33", "Bordeaux", (("Les Chartrons", 58), ("Bastide Rive Droite", 44)), 3),
    ("coop-logement-rochelais", "Coop Logement Rochelais", "scp", "NAQ", "17", "La Rochelle", (("Les Minimes", 26),), 1),
    ("habitat-cooperatif-mediterranee", "Habitat Coopératif Méditerranée", "scic", "PAC", "13", "Marseille", (("La Belle-de-Mai", 70), ("Les Calanques", 34)), 2),
    ("montpellier-coop-logis", "Montpellier Coop'Logis", "scp", "OCC", "34", "Montpellier", (("Port Marianne", 48),), 1),
    ("alpes-habitat-cooperatif", "Alpes Habitat Coopératif", "scic", "ARA", "38", "Grenoble", (("La Villeneuve", 80), ("Les Eaux-Claires", 24)), 2),
    ("finistere-coop-habitat", "Finistère Coop Habitat", "scp", "BRE", "29", "Brest", (("Recouvrance", 32),), 1),
    ("picardie-habitat-cooperatif", "Picardie Habitat Coopératif", "scp", "HDF", "80", "Amiens", (("Saint-Leu", 20),), 0),
    ("corse-coop-habitat", "Corse Coop Habitat", "scic", "COR", "2A", "Ajaccio", (("Les Sanguinaires", 18),), 0),
    ("reunion-habitat-cooperatif", "Réunion Habitat Coopératif", "scic", "LRE", "974", "Saint-Denis", (("Les Flamboyants", 42),), 1),
    ("guadeloupe-coop-logement", "Guadeloupe Coop Logement", "scp", "GUA", "971", "Pointe-à-Pitre", (("Bergevin", 30),), 0),
)  # fmt: skip
# Extra référents in each of the six coops of the demo world (beyond its own one or two).
EXTRA_REFERENTS_PER_WORLD_COOP = (3, 4, 3, 2, 3, 1)

JOBS = (
    "Gestionnaire locative", "Chargé de clientèle", "Responsable accession", "Chargée de gestion sociale",
    "Assistante de direction", "Comptable", "Responsable technique", "Chargée de communication",
    "Conseillère en économie sociale et familiale", "Gardien d'immeuble", "Chargé d'opérations",
    "Responsable du patrimoine", "Juriste", "Chargée de mission RSE",
)  # fmt: skip
EXPERTISE = (
    "Préparer une assemblée générale que les associés ont envie de suivre.",
    "Accueillir les nouveaux associés : livret d'accueil, visite, parrainage.",
    "Animer un comité d'habitants et faire émerger des projets de résidence.",
    "Vote par correspondance et en ligne, procurations, feuille de présence.",
    "Journal des associés, lettre d'information, réseaux sociaux.",
    "Jardins partagés et compostage en pied d'immeuble.",
    "Fêtes des voisins, sorties collectives, Coopsday.",
    "Accompagner les accédants à la propriété dans la vie de la coopérative.",
    "Former les administrateurs associés à leur rôle au conseil.",
    "Mesurer la participation : indicateurs et baromètre.",
    "Outils numériques simples pour des associés âgés.",
    "Fonds de participation des habitants : appel à projets, comité, bilan.",
)
AVAILABILITY = (
    "Une demi-journée par mois",
    "Deux heures par semaine",
    "Les rencontres thématiques et un groupe de travail",
    "Une journée par trimestre",
    "Selon les projets, surtout au printemps",
)
BIOS = (
    "Arrivée à la coopérative en 2015, j'ai découvert la vie coopérative en préparant "
    "ma première **assemblée générale**. Je crois beaucoup aux petits gestes : un café "
    "d'accueil, un livret clair, un appel aux associés qui ne viennent jamais.",
    "Gardien de résidence pendant dix ans, je connais chaque associé par son prénom. "
    "Dans le réseau, je partage ce qui marche sur le terrain :\n\n- les fêtes de résidence ;\n"
    "- les chantiers participatifs ;\n- le relais des petites demandes.",
    "Juriste de formation, j'aide mes collègues à rendre les décisions **compréhensibles** : "
    "ordres du jour lisibles, résolutions expliquées, comptes rendus envoyés à tous.",
)
MOTIVATIONS = (
    ("staff1", "toits-solidaires-rhone", "Je travaille à l'accueil et je vois passer tous les nouveaux associés. J'aimerais leur expliquer ce qu'est une coopérative et les inviter à l'AG.", "Deux heures par semaine"),
    ("staff2", "foyer-cooperatif-nord", "Nos résidents organisent déjà beaucoup de choses seuls ; je voudrais faire le lien avec la coopérative et apprendre des autres référents.", "Une demi-journée par mois"),
    ("staff1", "cooplogis-loire", "Après la formation sur la gouvernance, j'ai envie de m'impliquer davantage et de porter un projet de jardin partagé.", "Les rencontres thématiques"),
)  # fmt: skip
NEWS = (
    # (days after the first meeting, title, body, comments as (author e-mail local part, text))
    (6, "Retour sur la première rencontre du réseau", "Le **4 décembre 2020**, une quinzaine de salariés de nos coopératives se sont réunis, à distance, pour la première rencontre du réseau des référents vie coopérative.\n\nAu programme :\n\n- présentation du rôle de référent ;\n- tour de table des projets de chaque coopérative ;\n- premières idées d'outils communs.\n\nMerci à toutes et à tous pour cette belle énergie !", (("marc.fontaine", "Merci Claire, c'était un vrai plaisir de se découvrir. Vivement la suite !"), ("gwenaelle.le-goff", "Très inspirant. Je partage volontiers notre livret d'accueil des nouveaux associés."))),
    (450, "Rencontre thématique : accueillir les nouveaux associés", "Le **17 mars à Paris**, rencontre thématique sur l'accueil des nouveaux associés : livret d'accueil, parrainage, premiers pas. Apportez vos documents et vos idées !", (("referent1.habitat-cooperatif-occitanie", "Nous venons avec notre livret d'accueil, refait l'an dernier avec des associés."),)),
    (900, "Coopsday : partagez vos initiatives", "Pour la journée nationale des coopératives, chaque coopérative peut ouvrir ses portes, organiser une fête de résidence ou une visite. Dites-nous ce que vous préparez : nous relaierons dans le réseau.", ()),
    (1300, "Formation : la troisième session a eu lieu à Paris", "Deux journées à Paris pour la troisième session du parcours de formation :\n\n1. une journée de **partage des résultats des expérimentations** menées dans les coopératives ;\n2. une journée de **visite d'un tiers-lieu**, pour voir comment des habitants y portent leurs projets.\n\nLes retours d'expérience des participants seront publiés dans le réseau.", (("nadia.benali", "Bravo aux participants. Nous allons lancer un fonds de participation des habitants l'an prochain."), ("gwenaelle.le-goff", "La visite du tiers-lieu m'a donné plein d'idées pour notre salle commune."))),
    (1386, "Rencontre thématique : faire vivre l'assemblée générale", "Le **10 octobre, à distance** : convocations, vote par correspondance, participation des locataires-coopérateurs. Comment donner envie aux associés de venir, de voter, de prendre la parole ?", (("marc.fontaine", "Nous partagerons notre essai de vote par correspondance simplifié."),)),
    (1700, "Bienvenue aux nouveaux référents", "Le réseau compte maintenant plusieurs dizaines de référents. Bienvenue aux nouveaux venus ! Pensez à compléter votre profil : photo, thèmes, expertise.", ()),
)  # fmt: skip
REFERENT_POST = ("marc.fontaine", 1500, "Aux Toits Solidaires, un comité d'habitants pour le fonds de participation", "Depuis le printemps, un **comité d'habitants** examine les petits projets proposés par les résidents : fête de quartier, bacs potagers, sortie au lac. Nous partageons notre règlement avec plaisir.")  # fmt: skip
PENDING_POST = ("gwenaelle.le-goff", "Coop Habitat Bretagne : notre fête des voisins coopérative", "Le 30 mai, les associés de la résidence Les Hortensias organisent une fête des voisins, avec une présentation de la coopérative aux nouveaux arrivants.")  # fmt: skip


def _date_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange(max(1, (end - start).days)))


def _themes(rng: random.Random) -> list[str]:
    practical = [t for t in Theme if t not in PRINCIPLES]
    return [t.value for t in rng.sample(PRINCIPLES, rng.randint(1, 2))] + [
        t.value for t in rng.sample(practical, rng.randint(1, 3))
    ]


def _make_referent(*, rng, user, coop, started_on, job_title=""):
    from viecoop.organizations.models import CoopRole

    from .models import ProfileTheme, ReferentMandate, ReferentProfile

    role, _created = CoopRole.objects.get_or_create(
        user=user, coop=coop, role=CoopRole.Role.REFERENT,
        defaults={"job_title": job_title or rng.choice(JOBS)},
    )  # fmt: skip
    mandate = ReferentMandate.objects.filter(user=user, coop=coop).order_by("started_on").first()
    if mandate is None:
        ReferentMandate.objects.create(user=user, coop=coop, started_on=started_on)
    else:
        started_on = mandate.started_on
    profile = ReferentProfile.objects.filter(user=user).first()
    if profile is None:
        profile = ReferentProfile(
            user=user,
            job_title=role.job_title,
            expertise=" ".join(rng.sample(EXPERTISE, rng.randint(1, 2))),
            availability=rng.choice(AVAILABILITY),
            since=started_on,
            bio=rng.choice(BIOS) if rng.random() < 0.4 else "",
        )
        profile.search_text = profile.build_search_text()
        profile.save()
        ProfileTheme.objects.bulk_create(
            [ProfileTheme(profile=profile, theme=t) for t in _themes(rng)]
        )
    return profile


def _extra_coops(*, rng, federation, log) -> dict:
    from viecoop.demo.world import DEMO_DOMAIN, FIRST_NAMES, LAST_NAMES, _user, demo_email
    from viecoop.organizations.hooks import run_coop_setup
    from viecoop.organizations.models import Coop, CoopRole, Residence

    created = {}
    for slug, name, form, region, department, city, residences, referents in EXTRA_COOPS:
        coop, is_new = Coop.objects.get_or_create(
            slug=slug,
            defaults={
                "federation": federation, "name": name, "legal_form": form, "region": region,
                "department": department, "city": city, "email": f"contact@{slug}.{DEMO_DOMAIN}",
            },
        )  # fmt: skip
        if is_new:
            coop.search_text = coop.build_search_text()
            coop.save(update_fields=["search_text"])
            log(f"  coop {name}")
        run_coop_setup(coop=coop)
        for residence, homes in residences:
            spec = Residence(coop=coop, name=residence, city=city, homes_count=homes)
            Residence.objects.get_or_create(
                coop=coop,
                name=residence,
                defaults={
                    "city": city,
                    "homes_count": homes,
                    "search_text": spec.build_search_text(),
                },
            )
        for role, count in (("manager", 1), ("staff", 2)):
            for n in range(count):
                user = _user(
                    demo_email(f"{role}{n + 1}.{slug}"),
                    rng.choice(FIRST_NAMES),
                    rng.choice(LAST_NAMES),
                )
                CoopRole.objects.get_or_create(
                    user=user, coop=coop, role=role, defaults={"job_title": rng.choice(JOBS)}
                )
        created[slug] = (coop, referents)
    return created


def build_network(*, log, rng: random.Random, federation, coops) -> None:
    from viecoop.accounts.models import User
    from viecoop.demo.world import COOPS, FIRST_NAMES, LAST_NAMES, _user, demo_email
    from viecoop.organizations.models import CoopRole

    from .models import ReferentMandate

    # The network's own stream, so that other builders' data stays the same with or without it.
    rng = random.Random(2020_12_04 + 5)  # noqa: S311
    today = timezone.localdate()
    extra = _extra_coops(rng=rng, federation=federation, log=log)

    # Référents of the world's coops: the personas since the first meeting, the others later.
    for local in ("gwenaelle.le-goff", "marc.fontaine"):
        user = User.objects.get(email=demo_email(local))
        role = CoopRole.objects.get(user=user, role=CoopRole.Role.REFERENT)
        _make_referent(rng=rng, user=user, coop=role.coop, started_on=FIRST_MEETING)
    for index, spec in enumerate(COOPS):
        coop = coops[spec.slug]
        for role in CoopRole.objects.filter(coop=coop, role=CoopRole.Role.REFERENT).select_related(
            "user"
        ):
            _make_referent(
                rng=rng,
                user=role.user,
                coop=coop,
                started_on=_date_between(rng, FIRST_MEETING, today),
            )
        for n in range(EXTRA_REFERENTS_PER_WORLD_COOP[index]):
            user = _user(
                demo_email(f"referent-reseau{n + 1}.{spec.slug}"),
                rng.choice(FIRST_NAMES),
                rng.choice(LAST_NAMES),
            )
            CoopRole.objects.get_or_create(
                user=user,
                coop=coop,
                role=CoopRole.Role.STAFF,
                defaults={"job_title": rng.choice(JOBS)},
            )
            _make_referent(
                rng=rng, user=user, coop=coop, started_on=_date_between(rng, FIRST_MEETING, today)
            )
    for slug, (coop, count) in extra.items():
        for n in range(count):
            user = _user(
                demo_email(f"referent{n + 1}.{slug}"),
                rng.choice(FIRST_NAMES),
                rng.choice(LAST_NAMES),
            )
            CoopRole.objects.get_or_create(
                user=user,
                coop=coop,
                role=CoopRole.Role.STAFF,
                defaults={"job_title": rng.choice(JOBS)},
            )
            _make_referent(
                rng=rng, user=user, coop=coop, started_on=_date_between(rng, FIRST_MEETING, today)
            )

    # A former référent: Sylvie Caron stepped down in 2023 and still works at the coop.
    rhone = coops["toits-solidaires-rhone"]
    sylvie = _user(demo_email("sylvie.caron"), "Sylvie", "Caron")
    CoopRole.objects.get_or_create(
        user=sylvie,
        coop=rhone,
        role=CoopRole.Role.STAFF,
        defaults={"job_title": "Chargée de communication"},
    )
    if not ReferentMandate.objects.filter(user=sylvie).exists():
        profile = _make_referent(
            rng=rng,
            user=sylvie,
            coop=rhone,
            started_on=FIRST_MEETING,
            job_title="Chargée de communication",
        )
        CoopRole.objects.filter(user=sylvie, coop=rhone, role=CoopRole.Role.REFERENT).delete()
        ReferentMandate.objects.filter(user=sylvie).update(
            ended_on=datetime.date(2023, 6, 30), end_reason=ReferentMandate.EndReason.STEPPED_DOWN,
            end_note="Je passe le relais à Marc après deux belles années.",
        )  # fmt: skip
        profile.bio = "Référente de 2020 à 2023, toujours partante pour les fêtes de résidence !"
        profile.save(update_fields=["bio"])

    _applications(coops=coops, log=log)
    _news(today=today, log=log)
    # The demo world (and other builders) may have given référent roles without a mandate.
    for role in CoopRole.objects.filter(role=CoopRole.Role.REFERENT).select_related("user", "coop"):
        _make_referent(
            rng=rng,
            user=role.user,
            coop=role.coop,
            started_on=_date_between(rng, FIRST_MEETING, today),
        )
    log(f"  network: {CoopRole.objects.filter(role=CoopRole.Role.REFERENT).count()} référents")


def _applications(*, coops, log) -> None:
    from viecoop.accounts.models import User
    from viecoop.demo.world import demo_email

    from . import services
    from .models import ReferentApplication

    if ReferentApplication.objects.exists():
        return
    for index, (local, slug, motivation, time_available) in enumerate(MOTIVATIONS):
        user = User.objects.get(email=demo_email(f"{local}.{slug}"))
        application = services.application_submit(
            user=user, coop=coops[slug], motivation=motivation, time_available=time_available
        )
        ReferentApplication.objects.filter(pk=application.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=2 + 4 * index)
        )
    log(f"  network: {len(MOTIVATIONS)} applications waiting for the chargée de mission")


def _news(*, today, log) -> None:
    from viecoop.accounts.models import User
    from viecoop.demo.world import demo_email

    from . import services
    from .models import NewsComment, NewsPost

    if NewsPost.objects.exists():
        return

    def person(local):
        return User.objects.get(email=demo_email(local))

    def moment(days: int) -> datetime.datetime:
        day = min(FIRST_MEETING + datetime.timedelta(days=days), today)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))

    claire = person("claire.morel")
    for days, title, body, comments in NEWS:
        post = services.news_create(author=claire, title=title, body=body, publish=True)
        NewsPost.objects.filter(pk=post.pk).update(
            published_at=moment(days), created_at=moment(days)
        )
        for offset, (local, text) in enumerate(comments, start=1):
            comment = services.comment_create(author=person(local), post=post, body=text)
            NewsComment.objects.filter(pk=comment.pk).update(created_at=moment(days + offset))
    local, days, title, body = REFERENT_POST
    post = services.news_create(author=person(local), title=title, body=body)
    services.news_publish(actor=claire, post=post)
    NewsPost.objects.filter(pk=post.pk).update(
        published_at=moment(days), submitted_at=moment(days - 2)
    )
    local, title, body = PENDING_POST
    services.news_create(author=person(local), title=title, body=body)
    log(f"  network: {NewsPost.objects.count()} news, {NewsComment.objects.count()} comments")
