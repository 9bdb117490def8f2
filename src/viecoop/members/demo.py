"""Demo registers: a few dozen to a few thousand associés per coop, with years of ledger history.

Bulk-loaded like a historical import (per-row services would make `make demo` slow),
with the ledger's invariants kept: numbered operations, a board decision for every
subscription, user-members never below one share, exits redeeming every share.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from viecoop.core.text import fold

from .models import Category, College, Member, RegisterSettings, ShareMovement, ShareOperation

IMPORTED_COOP = "maison-cooperative-normande"
SAMPLE_NAME = "members/samples/registre-exemple.xlsx"
# Register size per demo coop (by position in demo.world.COOPS).
SIZES = (400, 1200, 250, 2500, 150, 60)
STREETS = (
    "rue de la République",
    "avenue Jean-Jaurès",
    "rue Victor-Hugo",
    "boulevard Gambetta",
    "rue Pasteur",
    "allée des Tilleuls",
    "rue des Écoles",
    "impasse des Lilas",
    "rue du Moulin",
    "place de la Mairie",
    "chemin des Vignes",
    "rue Jules-Ferry",
)
ENTITIES = (
    ("collectivite", "Commune de {city}", "M. le Maire"),
    ("collectivite", "Communauté d'agglomération de {city}", "Mme la Présidente"),
    ("organisme-hlm", "Office public de l'habitat de {city}", "Mme la Directrice générale"),
    ("cooperative", "Coopérative d'activités de {city}", "M. le Gérant"),
    ("autre-investisseur", "Caisse d'épargne solidaire {city}", "M. le Directeur"),
)
PERSON_CATEGORIES = (
    ("locataire-cooperateur", 55),
    ("accedant", 20),
    ("acquereur", 15),
    ("salarie", 10),
)


def build_registers(*, log, rng: random.Random, federation, coops) -> None:
    from viecoop.accounts.models import User
    from viecoop.demo.world import COOPS, FIRST_NAMES, LAST_NAMES, demo_email

    for index, spec in enumerate(COOPS):
        coop = coops[spec.slug]
        if Member.objects.filter(coop=coop).exists():
            continue
        if spec.slug == IMPORTED_COOP:
            # This coop's register comes from the sample XLSX shipped in the repo, through
            # the real import (mapping proposal, validation, numbered ledger, audit).
            from .importing.services import import_sample_register

            job = import_sample_register(coop=coop)
            log(
                f"  register of {coop.name}: imported {job.created_count} members from {SAMPLE_NAME}"
            )
            continue
        settings_row, _created = RegisterSettings.objects.get_or_create(coop=coop)
        nominal = settings_row.share_nominal
        categories = {
            c.code: c for c in Category.objects.filter(coop=coop).select_related("default_college")
        }
        colleges = list(College.objects.filter(coop=coop))
        residences = list(coop.residences.all())
        size = SIZES[index % len(SIZES)]
        members: list[Member] = []
        for n in range(size):
            number = str(n + 1)
            if n < len(ENTITIES) * 2 and n % 2 == 1:
                code, name, representative = ENTITIES[(n // 2) % len(ENTITIES)]
                member = Member(
                    kind=Member.Kind.ENTITY,
                    legal_name=name.format(city=spec.city),
                    representative=representative,
                    category=categories[code],
                )
            else:
                code = rng.choices(
                    [c for c, _w in PERSON_CATEGORIES], [w for _c, w in PERSON_CATEGORIES]
                )[0]
                member = Member(
                    kind=Member.Kind.PERSON,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    birth_date=date(1935, 1, 1) + timedelta(days=rng.randrange(0, 365 * 70)),
                    category=categories[code],
                    residence=rng.choice(residences) if residences and code != "salarie" else None,
                )
                member.email = (
                    f"{fold(member.first_name).replace(' ', '-')}.{fold(member.last_name).replace(' ', '-')}"
                    f".{n}@exemple-{spec.slug}.fr"
                    if rng.random() < 0.7
                    else ""
                )
            member.coop = coop
            member.number = number
            member.college = member.category.default_college or colleges[0]
            member.address = f"{rng.randint(1, 120)} {rng.choice(STREETS)}"
            member.postal_code = spec.postal_code
            member.city = spec.city
            member.phone = f"0{rng.randint(1, 7)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
            admitted = date(2014, 1, 15) + timedelta(days=rng.randrange(0, 365 * 11))
            member.application_date = admitted - timedelta(days=rng.randint(10, 60))
            roll = rng.random()
            if roll < 0.04:
                member.status = Member.Status.CANDIDATE
            else:
                member.status = Member.Status.ADMITTED
                member.admission_date = admitted
                member.admission_decision = f"CA du {admitted:%d/%m/%Y}"
                if roll > 0.93:
                    member.status = Member.Status.LEFT
                    member.exit_date = min(
                        admitted + timedelta(days=rng.randint(200, 2500)), date(2026, 10, 31)
                    )
                    member.exit_reason = rng.choice(Member.ExitReason.values)
            member.search_text = member.build_search_text()
            members.append(member)
        # The personas who are members get a register entry linked to their account.
        for local, where in (
            ("jeanne.riviere", "coop-habitat-bretagne"),
            ("robert.lemaire", "toits-solidaires-rhone"),
        ):
            if where == spec.slug:
                user = User.objects.get(email=demo_email(local))
                persona = next(
                    m
                    for m in members
                    if m.kind == Member.Kind.PERSON
                    and m.status == Member.Status.ADMITTED
                    and m.user_id is None
                )
                persona.first_name, persona.last_name, persona.email, persona.user = (
                    user.first_name,
                    user.last_name,
                    user.email,
                    user,
                )
                persona.search_text = persona.build_search_text()
        Member.objects.bulk_create(members, batch_size=500)
        members = list(Member.objects.filter(coop=coop).select_related("college").order_by("pk"))

        # Ledger history, in date order: admissions, a few extra subscriptions, transfers, exits.
        events = []
        for member in members:
            if member.admission_date is None:
                continue
            investor = member.kind == Member.Kind.ENTITY
            first = rng.choice((1, 1, 1, 2, 3)) if not investor else rng.choice((50, 100, 200, 500))
            events.append((member.admission_date, 0, "subscription", member, None, first))
            if rng.random() < 0.15 and member.status == Member.Status.ADMITTED:
                when = member.admission_date + timedelta(days=rng.randint(100, 1500))
                if when < date(2026, 10, 31):
                    events.append((when, 1, "subscription", member, None, rng.randint(1, 5)))
            if member.status == Member.Status.LEFT:
                events.append((member.exit_date, 3, "exit", member, None, 0))
        admitted = [
            m
            for m in members
            if m.status == Member.Status.ADMITTED and m.kind == Member.Kind.PERSON
        ]
        for _n in range(max(2, size // 100)):
            giver, receiver = rng.sample(admitted, 2)
            when = max(giver.admission_date, receiver.admission_date) + timedelta(
                days=rng.randint(30, 400)
            )
            if when < date(2026, 10, 31):
                events.append((when, 2, "transfer", giver, receiver, 1))
        events.sort(key=lambda e: (e[0], e[1], e[3].pk))

        balances: dict[int, int] = {}
        operations, movements = [], []
        sequence = 0
        for when, _order, kind, member, receiver, shares in events:
            if kind == "exit":
                shares = balances.get(member.pk, 0)
                if shares <= 0:
                    continue
                kind, note, decision = (
                    "redemption",
                    "Remboursement à la sortie",
                    f"CA du {when:%d/%m/%Y}",
                )
            elif kind == "transfer":
                # A user-member keeps at least one share.
                if balances.get(member.pk, 0) - shares < 1:
                    continue
                note, decision = "Cession entre associés", f"CA du {when:%d/%m/%Y}"
            else:
                note, decision = (
                    (
                        "Souscription à l'admission"
                        if _order == 0
                        else "Souscription complémentaire"
                    ),
                    f"CA du {when:%d/%m/%Y}",
                )
            sequence += 1
            operation = ShareOperation(
                coop=coop,
                sequence=sequence,
                kind=kind,
                member=member,
                counterpart=receiver,
                shares=shares,
                unit_price=nominal,
                effective_date=when,
                board_decision=decision,
                board_decision_date=when,
                note=note,
            )
            operations.append(operation)
            sign = -1 if kind in ("redemption", "transfer") else 1
            balances[member.pk] = balances.get(member.pk, 0) + sign * shares
            movements.append((operation, member, sign * shares))
            if receiver is not None:
                balances[receiver.pk] = balances.get(receiver.pk, 0) + shares
                movements.append((operation, receiver, shares))
        ShareOperation.objects.bulk_create(operations, batch_size=500)
        saved = {
            op.sequence: op
            for op in ShareOperation.objects.filter(coop=coop).only("pk", "sequence")
        }
        ShareMovement.objects.bulk_create(
            [
                ShareMovement(operation=saved[op.sequence], member=m, shares=s)
                for op, m, s in movements
            ],
            batch_size=1000,
        )
        RegisterSettings.objects.filter(pk=settings_row.pk).update(next_number=size + 1)
        log(f"  register of {coop.name}: {size} members, {len(operations)} share operations")
