"""The API in the demo: tokens of Coop Habitat Bretagne, and what its software pushed.

In demo mode (``VIECOOP_DEMO=1``, ``make demo``) the first token's secret is fixed and
printed in docs/api.md, so a newcomer can curl the API at once. Anywhere else it is random
like every token: a fixed secret must never open a real install.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from .models import ApiToken

DEMO_COOP = "coop-habitat-bretagne"
DEMO_TOKEN = "vc_demoBZH1_DemoViecoopBretagneCurlOnlyNotASecret026"  # noqa: S105 (demo mode only, printed in the docs)


def build_api_demo(*, log, rng, federation, coops) -> None:
    from viecoop.accounts.models import User
    from viecoop.members.models import Member

    from .member_sync import member_push, members_bulk_push
    from .residence_sync import residence_push
    from .services import api_token_create, api_token_revoke

    coop = coops.get(DEMO_COOP)
    if coop is None or ApiToken.objects.filter(coop=coop).exists():
        return
    manager = (
        User.objects.filter(coop_roles__coop=coop, coop_roles__role="manager")
        .order_by("pk")
        .first()
    )
    token, secret = api_token_create(
        actor=manager,
        coop=coop,
        name="Logiciel de gestion locative",
        scope=ApiToken.Scope.WRITE,
        plaintext=DEMO_TOKEN if settings.DEMO_MODE else None,
    )
    api_token_create(
        actor=manager, coop=coop, name="Tableau de bord du conseil", scope=ApiToken.Scope.READ
    )
    former, _secret = api_token_create(
        actor=manager, coop=coop, name="Ancien prestataire informatique", scope=ApiToken.Scope.WRITE
    )
    api_token_revoke(actor=manager, token=former)

    # What the management software pushed: its codes on the residences (the first one
    # adopts a residence created by hand), a new residence, three new members, a phone.
    residence_push(
        token=token, coop=coop, data={"name": "Résidence Les Hortensias"}, code="PRG-0012"
    )
    residence_push(
        token=token,
        coop=coop,
        data={
            "name": "Les Jardins de l'Ille",
            "address": "3 rue de l'Ille",
            "postal_code": "35000",
            "city": "Rennes",
            "homes_count": 18,
        },
        code="PRG-0031",
    )
    members_bulk_push(
        token=token,
        coop=coop,
        records=[
            {
                "number": "G-2025-001",
                "last_name": "Le Bihan",
                "first_name": "Maëlys",
                "birth_date": date(1988, 6, 14),
                "category": "locataire-cooperateur",
                "residence": "PRG-0031",
                "email": "maelys.lebihan@exemple.fr",
                "status": "admitted",
                "admission_date": date(2025, 9, 18),
                "admission_decision": "CA du 18/09/2025",
                "shares": 1,
            },
            {
                "number": "G-2025-002",
                "last_name": "Quéré",
                "first_name": "Erwan",
                "birth_date": date(1979, 2, 3),
                "category": "locataire-cooperateur",
                "residence": "PRG-0031",
                "status": "candidate",
            },
            {
                "number": "G-2025-003",
                "legal_name": "Commune de Cesson-Sévigné",
                "representative": "Mme la Maire",
                "category": "collectivite",
                "status": "admitted",
                "admission_date": date(2025, 9, 18),
                "admission_decision": "CA du 18/09/2025",
                "shares": 40,
            },
        ],
    )
    first = Member.objects.filter(coop=coop, status=Member.Status.ADMITTED).order_by("pk").first()
    if first is not None:
        member_push(token=token, coop=coop, record={"phone": "02 99 30 12 45"}, member=first)
    log(f"  API tokens of {coop.name}: 3 (one revoked), with pushes in the audit log")
    if settings.DEMO_MODE:
        log(f"  API demo token (write access): {secret}")
