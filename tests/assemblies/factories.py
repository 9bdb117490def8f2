"""Assemblies built through the real services (state set up as users would)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from tests.members.factories import admitted_member
from viecoop.assemblies.models import Assembly
from viecoop.assemblies.services import preparation

PARIS = ZoneInfo("Europe/Paris")


def in_days(days: int, hour: int = 18) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=PARIS)


def make_assembly(
    *,
    coop,
    actor=None,
    title: str = "Assemblée générale ordinaire 2026",
    kind: str = "ordinary",
    starts_at: datetime.datetime | None = None,
    resolutions: int = 2,
    **data,
) -> Assembly:
    with transaction.atomic():
        assembly = preparation.assembly_create(
            actor=actor,
            coop=coop,
            title=title,
            kind=kind,
            notice=data.pop("notice", "first"),
            starts_at=starts_at or in_days(30),
            place=data.pop("place", "Salle des fêtes, 1 place de la Mairie"),
            **data,
        )
    for n in range(resolutions):
        preparation.resolution_save(
            actor=actor,
            assembly=assembly,
            title=f"Résolution {n + 1}",
            kind="extraordinary" if kind == "extraordinary" else "ordinary",
            text=f"L'assemblée approuve la proposition n°{n + 1}.",
            board_backed=True,
        )
    return assembly


def make_voters(
    *, coop, count: int, shares: int = 1, category: str = "locataire-cooperateur", **kw
):
    return [
        admitted_member(coop=coop, shares=shares, category=category, **kw) for _ in range(count)
    ]


def frozen_assembly(*, coop, voters: int = 3, actor=None, **kw) -> Assembly:
    """An assembly in preparation with its list of voters frozen today."""
    members = make_voters(coop=coop, count=voters)
    assembly = make_assembly(coop=coop, actor=actor, **kw)
    preparation.voters_freeze(actor=actor, assembly=assembly, record_date=timezone.localdate())
    assembly.refresh_from_db()
    assembly.members = members
    return assembly
