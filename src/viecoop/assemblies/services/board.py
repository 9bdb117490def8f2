"""The board: mandates recorded by managers, and those the elections fill."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.members.models import Member
from viecoop.organizations.models import Coop

from ..engine import add_months
from ..models import Assembly, Election, Mandate
from . import AssemblyError


@transaction.atomic
def mandate_create(
    *,
    actor,
    coop: Coop,
    member: Member,
    role: str,
    starts_on: datetime.date,
    planned_end: datetime.date | None = None,
    note: str = "",
    election: Election | None = None,
) -> Mandate:
    """A member takes a seat on the board (one running mandate per member, one president)."""
    if member.coop_id != coop.pk:
        raise ValidationError({"member": _("This choice belongs to another coop.")})
    if member.status != Member.Status.ADMITTED:
        raise ValidationError({"member": _("Only an admitted member sits on the board.")})
    mandate = Mandate(
        coop=coop,
        member=member,
        college=member.college.code,
        role=role,
        starts_on=starts_on,
        planned_end=planned_end,
        note=note,
        election=election,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    mandate.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            mandate.save()
    except IntegrityError:
        if Mandate.objects.filter(coop=coop, member=member, ends_on__isnull=True).exists():
            raise AssemblyError(
                _("%(name)s already sits on the board.") % {"name": member}
            ) from None
        raise AssemblyError(
            _("The board already has a president: end that mandate first.")
        ) from None
    audit_record(
        actor=actor,
        action="board.mandate_create",
        obj=mandate,
        coop=coop,
        details={"member": member.number, "role": role, "starts_on": starts_on},
    )
    return mandate


@transaction.atomic
def mandate_end(*, actor, mandate: Mandate, ends_on: datetime.date, note: str = "") -> Mandate:
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if mandate.ends_on is not None:
        raise AssemblyError(_("This mandate has already ended."))
    if ends_on < mandate.starts_on:
        raise ValidationError({"ends_on": _("A mandate cannot end before it starts.")})
    mandate.ends_on = ends_on
    if note:
        mandate.note = note
    mandate.save(update_fields=["ends_on", "note"])
    audit_record(
        actor=actor,
        action="board.mandate_end",
        obj=mandate,
        coop=mandate.coop,
        details={"ends_on": ends_on},
    )
    return mandate


@transaction.atomic
def board_update_from_elections(*, actor, assembly: Assembly) -> list[Mandate]:
    """The elected candidates take their seats on the day of the assembly (a re-elected member's
    running mandate ends that day and a new one starts); idempotent."""
    summary = (assembly.results or {}).get("summary", {})
    day = timezone.localtime(assembly.starts_at).date()
    created = []
    for election in assembly.elections.prefetch_related("candidates__member__college"):
        numbers = summary.get("elections", {}).get(str(election.pk))
        if not numbers:
            continue
        candidates = {c.pk: c for c in election.candidates.all()}
        for candidate_id in numbers["elected"]:
            member = candidates[candidate_id].member
            if Mandate.objects.filter(election=election, member=member).exists():
                continue
            running = Mandate.objects.filter(
                coop=assembly.coop, member=member, ends_on__isnull=True
            ).first()
            role = Mandate.Role.ADMINISTRATOR
            if running is not None:
                role = running.role
                mandate_end(actor=actor, mandate=running, ends_on=day, note=_("Re-elected"))
            created.append(
                mandate_create(
                    actor=actor,
                    coop=assembly.coop,
                    member=member,
                    role=role,
                    starts_on=day,
                    planned_end=add_months(day, 12 * election.mandate_years),
                    election=election,
                    note=election.title,
                )
            )
    return created
