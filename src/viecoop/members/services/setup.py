"""A new coop's register: its settings, standard colleges and categories."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from viecoop.organizations.models import Coop

from ..models import Category, College, CollegeKind, RegisterSettings

# (code, name, kind, weight %) — defaults from the law and the federation's model statutes;
# each coop adjusts them to its own statutes.
DEFAULT_COLLEGES = {
    Coop.LegalForm.SCP: [
        ("A", "Usagers", CollegeKind.USERS, None),
        ("B", "Autres associés", CollegeKind.INVESTORS, None),
        ("C", "Organismes d'HLM et coopératives", CollegeKind.HLM, None),
    ],
    Coop.LegalForm.SCIC: [
        ("usagers", "Usagers", CollegeKind.USERS, Decimal("40")),
        ("salaries", "Salariés", CollegeKind.EMPLOYEES, Decimal("20")),
        ("collectivites", "Collectivités publiques", CollegeKind.AUTHORITIES, Decimal("20")),
        ("partenaires", "Partenaires", CollegeKind.OTHER, Decimal("20")),
    ],
}
# (code, name, SCP college, SCIC college)
STANDARD_CATEGORIES = [
    ("locataire-cooperateur", "Locataire-coopérateur", "A", "usagers"),
    ("accedant", "Accédant", "A", "usagers"),
    ("acquereur", "Acquéreur", "A", "usagers"),
    ("salarie", "Salarié", "A", "salaries"),
    ("collectivite", "Collectivité territoriale", "B", "collectivites"),
    ("organisme-hlm", "Organisme d'HLM", "C", "partenaires"),
    ("cooperative", "Coopérative", "C", "partenaires"),
    ("autre-investisseur", "Autre investisseur", "B", "partenaires"),
]


@transaction.atomic
def register_setup(*, coop: Coop) -> None:
    """Standard colleges, categories and consent texts for a new coop (idempotent)."""
    from .consents import consent_texts_setup

    RegisterSettings.objects.get_or_create(coop=coop)
    consent_texts_setup(coop=coop)
    colleges = {}
    for position, (code, name, kind, weight) in enumerate(DEFAULT_COLLEGES[coop.legal_form]):
        colleges[code], _created = College.objects.get_or_create(
            coop=coop,
            code=code,
            defaults={"name": name, "kind": kind, "weight": weight, "position": position},
        )
    column = 2 if coop.legal_form == Coop.LegalForm.SCP else 3
    for position, row in enumerate(STANDARD_CATEGORIES):
        Category.objects.get_or_create(
            coop=coop,
            code=row[0],
            defaults={
                "name": row[1],
                "default_college": colleges.get(row[column]),
                "is_standard": True,
                "position": position,
            },
        )
