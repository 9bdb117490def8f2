"""The demo world: a federation, six fictional coops of both legal forms, their people.

Everything here is fictional (names, addresses, SIREN numbers are made up and
marked so). ``build_demo_world`` is idempotent: running it twice changes nothing.
Other apps extend the demo by adding a builder to ``EXTRA_BUILDERS``.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from viecoop.accounts.models import User
from viecoop.organizations.hooks import run_coop_setup
from viecoop.organizations.models import (
    Coop,
    CoopRole,
    Federation,
    FederationRole,
    Region,
    Residence,
)

DEMO_PASSWORD = "demo-viecoop-2026"
DEMO_DOMAIN = "demo.viecoop.fr"


@dataclass(frozen=True)
class DemoCoop:
    slug: str
    name: str
    legal_form: str
    region: str
    department: str
    address: str
    postal_code: str
    city: str
    residences: tuple[tuple[str, str, str, str, int], ...]


COOPS: tuple[DemoCoop, ...] = (
    DemoCoop(
        "coop-habitat-bretagne",
        "Coop Habitat Bretagne",
        "scic",
        Region.BRETAGNE,
        "35",
        "12 quai Duguay-Trouin",
        "35000",
        "Rennes",
        (
            ("Résidence Les Hortensias", "4 rue de Brest", "35000", "Rennes", 48),
            ("Le Clos des Lavandières", "17 allée des Lavandières", "35200", "Rennes", 32),
            ("Les Terrasses de la Vilaine", "2 quai Saint-Cyr", "35000", "Rennes", 64),
            ("Ty Ar Mor", "9 boulevard de la Mer", "35400", "Saint-Malo", 26),
        ),
    ),
    DemoCoop(
        "toits-solidaires-rhone",
        "Les Toits Solidaires du Rhône",
        "scp",
        Region.AUVERGNE_RHONE_ALPES,
        "69",
        "45 cours Gambetta",
        "69003",
        "Lyon",
        (
            ("Résidence Croix-Rousse", "8 rue d'Austerlitz", "69004", "Lyon", 40),
            ("Les Canuts", "21 montée de la Grande-Côte", "69001", "Lyon", 22),
            ("Le Parc des Berges", "3 avenue Leclerc", "69007", "Lyon", 85),
        ),
    ),
    DemoCoop(
        "habitat-cooperatif-occitanie",
        "Habitat Coopératif d'Occitanie",
        "scic",
        Region.OCCITANIE,
        "31",
        "6 place du Capitole",
        "31000",
        "Toulouse",
        (
            ("Les Jardins de la Garonne", "14 rue des Blanchers", "31000", "Toulouse", 56),
            ("Résidence Saint-Cyprien", "30 avenue Étienne-Billières", "31300", "Toulouse", 38),
            ("Le Hameau des Violettes", "5 chemin des Violettes", "31400", "Toulouse", 18),
            ("Les Cèdres d'Albi", "11 rue Croix-Verte", "81000", "Albi", 30),
        ),
    ),
    DemoCoop(
        "foyer-cooperatif-nord",
        "Foyer Coopératif du Nord",
        "scp",
        Region.HAUTS_DE_FRANCE,
        "59",
        "27 rue Nationale",
        "59000",
        "Lille",
        (
            ("Les Courées de Wazemmes", "18 rue des Sarrazins", "59000", "Lille", 24),
            ("Résidence Vauban", "2 boulevard Vauban", "59800", "Lille", 60),
            ("Le Béguinage", "7 rue du Béguinage", "59100", "Roubaix", 16),
        ),
    ),
    DemoCoop(
        "cooplogis-loire",
        "Coop'Logis Loire",
        "scic",
        Region.PAYS_DE_LA_LOIRE,
        "44",
        "10 quai de la Fosse",
        "44000",
        "Nantes",
        (
            ("Résidence Île de Nantes", "33 boulevard de la Prairie-au-Duc", "44200", "Nantes", 72),
            ("Les Mûriers", "6 rue des Mûriers", "44300", "Nantes", 28),
            ("Le Clos Guérandais", "1 rue de Saillé", "44350", "Guérande", 20),
        ),
    ),
    DemoCoop(
        "maison-cooperative-normande",
        "La Maison Coopérative Normande",
        "scp",
        Region.NORMANDIE,
        "76",
        "54 rue Jeanne-d'Arc",
        "76000",
        "Rouen",
        (
            ("Les Colombages", "12 rue Eau-de-Robec", "76000", "Rouen", 30),
            ("Résidence du Havre-Océane", "40 boulevard François-Ier", "76600", "Le Havre", 54),
        ),
    ),
)

FIRST_NAMES = (
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Sarah",
    "Julie",
    "Anne",
    "Nathalie",
    "Sophie",
    "Martine",
    "Monique",
    "Françoise",
    "Yasmina",
    "Aïcha",
    "Nadia",
    "Hélène",
    "Claire",
    "Élodie",
    "Thomas",
    "Nicolas",
    "Julien",
    "Antoine",
    "Karim",
    "Mehdi",
    "Olivier",
    "Pierre",
    "Jean",
    "Michel",
    "Bernard",
    "Alain",
    "Yannick",
    "Loïc",
    "Gwenaël",
    "Mathieu",
    "Hugo",
    "Louis",
)
LAST_NAMES = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèbvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Le Goff",
    "Le Gall",
    "Kerouac",
    "Benali",
    "Haddad",
    "Nguyen",
    "Da Silva",
    "Ferreira",
    "Boucher",
    "Caron",
    "Lemoine",
    "Gauthier",
    "Perrin",
    "Chevalier",
)

# The personas every test and walk-through uses; their e-mails are stable.
PERSONAS = (
    # (e-mail local part, first, last, where, role, job title)
    ("claire.morel", "Claire", "Morel", None, "admin", "Chargée de mission vie coopérative"),
    ("julien.bertin", "Julien", "Bertin", None, "staff", "Chargé d'études"),
    (
        "gwenaelle.le-goff",
        "Gwenaëlle",
        "Le Goff",
        "coop-habitat-bretagne",
        "referent",
        "Gestionnaire locative",
    ),
    ("yann.kerleau", "Yann", "Kerleau", "coop-habitat-bretagne", "manager", "Directeur général"),
    ("nadia.benali", "Nadia", "Benali", "toits-solidaires-rhone", "manager", "Directrice"),
    (
        "marc.fontaine",
        "Marc",
        "Fontaine",
        "toits-solidaires-rhone",
        "referent",
        "Responsable accession",
    ),
    ("jeanne.riviere", "Jeanne", "Rivière", "coop-habitat-bretagne", "member", ""),
    ("robert.lemaire", "Robert", "Lemaire", "toits-solidaires-rhone", "member", ""),
)


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def demo_logins() -> list[dict[str, str]]:
    """The logins shown on the demo home page, with what each person can do."""
    from django.utils.translation import gettext as _

    coop_names = {c.slug: c.name for c in COOPS}
    labels = {
        "admin": _("Federation admin (chargée de mission)"),
        "staff": _("Federation staff"),
        "manager": _("Manager"),
        "referent": _("Référent vie coopérative"),
        "member": _("Member (associé)"),
    }
    return [
        {
            "email": demo_email(local),
            "name": f"{first} {last}",
            "role": labels[role],
            "where": coop_names.get(where, _("Federation")) if where else _("Federation"),
        }
        for local, first, last, where, role, _job in PERSONAS
    ]


@functools.cache
def _demo_password_hash() -> str:
    # Argon2 is slow by design: hash the shared demo password once, not per person.
    return make_password(DEMO_PASSWORD)


def _user(email: str, first: str, last: str) -> User:
    from allauth.account.models import EmailAddress

    user, _created = User.objects.get_or_create(
        email=email,
        defaults={"first_name": first, "last_name": last, "password": _demo_password_hash()},
    )
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def build_demo_world(*, log: Callable[[str], None] = lambda _m: None) -> None:
    rng = random.Random(2020_12_04)  # the first network meeting: stable, repeatable demo
    federation, _created = Federation.objects.get_or_create(
        slug="federation-coop-hlm",
        defaults={
            "name": "Fédération nationale des sociétés coopératives d'HLM (démo)",
            "short_name": "Fédération des Coop'HLM",
        },
    )
    coops: dict[str, Coop] = {}
    for spec in COOPS:
        coop, created = Coop.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "federation": federation,
                "name": spec.name,
                "legal_form": spec.legal_form,
                "region": spec.region,
                "department": spec.department,
                "address": spec.address,
                "postal_code": spec.postal_code,
                "city": spec.city,
                "email": f"contact@{spec.slug}.{DEMO_DOMAIN}",
            },
        )
        if created:
            coop.search_text = coop.build_search_text()
            coop.save(update_fields=["search_text"])
        run_coop_setup(coop=coop)
        coops[spec.slug] = coop
        for name, address, postal_code, city, homes in spec.residences:
            residence = Residence(
                coop=coop,
                name=name,
                address=address,
                postal_code=postal_code,
                city=city,
                homes_count=homes,
            )
            Residence.objects.get_or_create(
                coop=coop,
                name=name,
                defaults={
                    "address": address,
                    "postal_code": postal_code,
                    "city": city,
                    "homes_count": homes,
                    "search_text": residence.build_search_text(),
                },
            )
        if created:
            log(f"  coop {coop.name}")

    for local, first, last, where, role, job in PERSONAS:
        user = _user(demo_email(local), first, last)
        if where is None:
            FederationRole.objects.get_or_create(
                user=user, federation=federation, role=role, defaults={"job_title": job}
            )
        else:
            CoopRole.objects.get_or_create(
                user=user, coop=coops[where], role=role, defaults={"job_title": job}
            )

    # Each coop: a manager, one or two référents, staff, and a few dozen members with accounts.
    jobs = (
        "Chargée de clientèle",
        "Gestionnaire locatif",
        "Responsable accession",
        "Assistante de direction",
        "Chargé de gestion sociale",
        "Comptable",
        "Responsable technique",
        "Chargée de communication",
    )
    for index, spec in enumerate(COOPS):
        coop = coops[spec.slug]
        people = [
            ("manager", 1),
            ("referent", 1 + index % 2),
            ("staff", 3),
            ("member", 25 + 5 * index),
        ]
        for role, count in people:
            for n in range(count):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                local = f"{role}{n + 1}.{spec.slug}"
                user = _user(demo_email(local), first, last)
                CoopRole.objects.get_or_create(
                    user=user,
                    coop=coop,
                    role=role,
                    defaults={"job_title": rng.choice(jobs) if role != "member" else ""},
                )
    _demo_activity(coops=coops)
    for builder in EXTRA_BUILDERS:
        builder(log=log, rng=rng, federation=federation, coops=coops)


def _demo_activity(*, coops: dict[str, Coop]) -> None:
    """Some life made by the real services, so invitations and audit logs are not empty."""
    from viecoop.accounts.models import DeletionRequest, Invitation
    from viecoop.accounts.services import deletion_request_create, invitation_create
    from viecoop.organizations.services import residence_update

    for spec in COOPS:
        coop = coops[spec.slug]
        if Invitation.objects.filter(coop=coop).exists():
            continue
        manager = User.objects.filter(coop_roles__coop=coop, coop_roles__role="manager").first()
        invitation_create(
            actor=manager,
            channel="email",
            coop=coop,
            coop_role="staff",
            email=f"nouvelle.recrue@{spec.slug}.{DEMO_DOMAIN}",
            first_name="Inès",
            last_name="Marchand",
            job_title="Chargée de clientèle",
        )
        invitation_create(
            actor=manager,
            channel="letter",
            coop=coop,
            coop_role="member",
            first_name="Marcel",
            last_name="Guérin",
        )
        residence = coop.residences.order_by("name").first()
        residence_update(actor=manager, residence=residence, homes_count=residence.homes_count + 2)
    robert = User.objects.get(email=demo_email("robert.lemaire"))
    if not DeletionRequest.objects.filter(user=robert).exists():
        deletion_request_create(
            user=robert, reason="Je quitte la région et ne souhaite plus de compte."
        )


# Other apps append their own builders: ``fn(*, log, rng, federation, coops)``.
EXTRA_BUILDERS: list[Callable[..., None]] = []
