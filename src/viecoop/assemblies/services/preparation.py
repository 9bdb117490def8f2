"""Preparing an assembly: its details, agenda, resolutions, documents, elections and voters.

Everything here is possible while the assembly is in preparation; once the notice is sent,
the papers members received are fixed (a resolution may still be added during the meeting,
see ``meeting.resolution_add_during_meeting``).
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.core.text import fold
from viecoop.members.models import Member
from viecoop.organizations.models import Coop

from ..models import (
    AgendaItem,
    Assembly,
    AssemblyDocument,
    Candidate,
    Election,
    Resolution,
    Voter,
)
from . import AssemblyError

ASSEMBLY_FIELDS = (
    "title",
    "kind",
    "notice",
    "first_meeting",
    "starts_at",
    "place",
    "remote_url",
    "introduction",
    "chair_name",
    "secretary_name",
    "tellers",
)
CARD_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def _lock(assembly: Assembly) -> Assembly:
    """The assembly's row, locked: its status decides every write of its preparation."""
    return Assembly.objects.select_for_update().select_related("coop").get(pk=assembly.pk)


def _require_draft(assembly: Assembly) -> None:
    if assembly.status != Assembly.Status.DRAFT:
        raise AssemblyError(
            _("The notice has been sent: the papers members received can no longer change.")
        )


def _check_second_notice(coop: Coop, data: dict[str, Any]) -> None:
    first = data.get("first_meeting")
    if data.get("notice") == Assembly.Notice.SECOND:
        if first is None:
            raise ValidationError(
                {"first_meeting": _("A second notice follows a first meeting: choose it.")}
            )
        if first.coop_id != coop.pk:
            raise ValidationError({"first_meeting": _("This choice belongs to another coop.")})
    elif first is not None:
        data["first_meeting"] = None


@transaction.atomic
def assembly_create(*, actor, coop: Coop, **data: Any) -> Assembly:
    """A new assembly in preparation (draft). Its draw seed is drawn now and recorded."""
    _check_second_notice(coop, data)
    assembly = Assembly(coop=coop, created_by=actor if getattr(actor, "pk", None) else None)
    for name in ASSEMBLY_FIELDS:
        if name in data:
            setattr(assembly, name, data[name])
    assembly.draw_seed = secrets.randbelow(2**31)
    assembly.full_clean()
    assembly.save()
    audit_record(
        actor=actor,
        action="assembly.create",
        obj=assembly,
        coop=coop,
        details={"kind": assembly.kind, "notice": assembly.notice, "starts_at": assembly.starts_at},
    )
    return assembly


@transaction.atomic
def assembly_update(*, actor, assembly: Assembly, **data: Any) -> Assembly:
    assembly = _lock(assembly)
    _require_draft(assembly)
    data.setdefault("notice", assembly.notice)
    data.setdefault("first_meeting", assembly.first_meeting)
    _check_second_notice(assembly.coop, data)
    if data.get("first_meeting") is not None and data["first_meeting"].pk == assembly.pk:
        raise ValidationError({"first_meeting": _("An assembly cannot follow itself.")})
    changed = []
    for name in ASSEMBLY_FIELDS:
        if name in data and getattr(assembly, name) != data[name]:
            setattr(assembly, name, data[name])
            changed.append(name)
    if not changed:
        return assembly
    assembly.full_clean()
    assembly.save()
    audit_record(
        actor=actor, action="assembly.update", obj=assembly, details={"fields": sorted(changed)}
    )
    return assembly


@transaction.atomic
def assembly_delete(*, actor, assembly: Assembly) -> None:
    """Only an assembly still in preparation, and not followed by a second notice."""
    assembly = _lock(assembly)
    _require_draft(assembly)
    if assembly.second_meetings.exists():
        raise AssemblyError(_("A second notice follows this assembly: delete it first."))
    audit_record(
        actor=actor, action="assembly.delete", obj=assembly, details={"title": assembly.title}
    )
    assembly.delete()


# Agenda ---------------------------------------------------------------------------


@transaction.atomic
def agenda_item_save(
    *, actor, assembly: Assembly, item: AgendaItem | None = None, title: str, description: str = ""
) -> AgendaItem:
    assembly = _lock(assembly)
    _require_draft(assembly)
    if item is None:
        last = assembly.agenda_items.aggregate(n=Max("position"))["n"] or 0
        item = AgendaItem(assembly=assembly, position=last + 1)
    elif item.assembly_id != assembly.pk:
        raise ValueError("item of another assembly")
    item.title, item.description = title, description
    item.full_clean()
    item.save()
    audit_record(
        actor=actor,
        action="assembly.agenda_item_save",
        obj=assembly,
        details={"item": item.pk, "title": title},
    )
    return item


@transaction.atomic
def agenda_item_delete(*, actor, item: AgendaItem) -> None:
    assembly = _lock(item.assembly)
    _require_draft(assembly)
    audit_record(
        actor=actor,
        action="assembly.agenda_item_delete",
        obj=assembly,
        details={"title": item.title},
    )
    item.delete()
    _renumber(assembly.agenda_items.all())


def _renumber(queryset) -> None:
    for position, obj in enumerate(queryset.order_by("position", "pk"), start=1):
        if obj.position != position:
            obj.position = position
            obj.save(update_fields=["position"])


@transaction.atomic
def agenda_item_move(*, actor, item: AgendaItem, up: bool) -> None:
    assembly = _lock(item.assembly)
    _require_draft(assembly)
    _move(list(assembly.agenda_items.order_by("position", "pk")), item.pk, up)


def _move(objects: list, pk: int, up: bool) -> None:
    index = next(i for i, obj in enumerate(objects) if obj.pk == pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(objects):
        objects[index], objects[other] = objects[other], objects[index]
    for position, obj in enumerate(objects, start=1):
        if obj.position != position:
            obj.position = position
            obj.save(update_fields=["position"])


# Resolutions ------------------------------------------------------------------------

RESOLUTION_FIELDS = ("title", "kind", "text", "explanatory_note", "board_backed")


@transaction.atomic
def resolution_save(
    *, actor, assembly: Assembly, resolution: Resolution | None = None, **data: Any
) -> Resolution:
    assembly = _lock(assembly)
    _require_draft(assembly)
    if resolution is None:
        last = assembly.resolutions.aggregate(n=Max("position"))["n"] or 0
        resolution = Resolution(assembly=assembly, position=last + 1)
    elif resolution.assembly_id != assembly.pk:
        raise ValueError("resolution of another assembly")
    for name in RESOLUTION_FIELDS:
        if name in data:
            setattr(resolution, name, data[name])
    resolution.full_clean()
    resolution.save()
    audit_record(
        actor=actor,
        action="assembly.resolution_save",
        obj=assembly,
        details={
            "resolution": resolution.pk,
            "number": resolution.position,
            "title": resolution.title,
            "kind": resolution.kind,
            "board_backed": resolution.board_backed,
        },
    )
    return resolution


@transaction.atomic
def resolution_delete(*, actor, resolution: Resolution) -> None:
    assembly = _lock(resolution.assembly)
    _require_draft(assembly)
    audit_record(
        actor=actor,
        action="assembly.resolution_delete",
        obj=assembly,
        details={"number": resolution.position, "title": resolution.title},
    )
    resolution.delete()
    _renumber(assembly.resolutions.all())


@transaction.atomic
def resolution_move(*, actor, resolution: Resolution, up: bool) -> None:
    assembly = _lock(resolution.assembly)
    _require_draft(assembly)
    _move(list(assembly.resolutions.order_by("position", "pk")), resolution.pk, up)
    audit_record(
        actor=actor,
        action="assembly.resolution_move",
        obj=assembly,
        details={"resolution": resolution.pk, "up": up},
    )


# Documents -------------------------------------------------------------------------


@transaction.atomic
def document_add(
    *, actor, assembly: Assembly, title: str, upload, resolution: Resolution | None = None
) -> AssemblyDocument:
    assembly = _lock(assembly)
    _require_draft(assembly)
    if resolution is not None and resolution.assembly_id != assembly.pk:
        raise ValidationError({"resolution": _("This choice belongs to another assembly.")})
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": _("A document may weigh 20 MB at most.")})
    document = AssemblyDocument(
        assembly=assembly,
        resolution=resolution,
        title=title,
        original_name=upload.name[:255],
        size=upload.size,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    document.file.save(upload.name, upload, save=False)
    document.full_clean()
    document.save()
    audit_record(
        actor=actor,
        action="assembly.document_add",
        obj=assembly,
        details={"document": document.pk, "title": title, "size": upload.size},
    )
    return document


@transaction.atomic
def document_delete(*, actor, document: AssemblyDocument) -> None:
    assembly = _lock(document.assembly)
    _require_draft(assembly)
    audit_record(
        actor=actor,
        action="assembly.document_delete",
        obj=assembly,
        details={"title": document.title},
    )
    storage, name = document.file.storage, document.file.name
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


# Elections -------------------------------------------------------------------------


@transaction.atomic
def election_save(
    *,
    actor,
    assembly: Assembly,
    election: Election | None = None,
    title: str,
    seats: int,
    max_choices: int,
    mandate_years: int = 6,
) -> Election:
    assembly = _lock(assembly)
    _require_draft(assembly)
    if max_choices > seats:
        raise ValidationError(
            {"max_choices": _("A voter cannot choose more candidates than there are seats.")}
        )
    if election is None:
        last = assembly.elections.aggregate(n=Max("position"))["n"] or 0
        election = Election(assembly=assembly, position=last + 1)
    election.title, election.seats = title, seats
    election.max_choices, election.mandate_years = max_choices, mandate_years
    election.full_clean()
    election.save()
    audit_record(
        actor=actor,
        action="assembly.election_save",
        obj=assembly,
        details={"election": election.pk, "title": title, "seats": seats},
    )
    return election


@transaction.atomic
def election_delete(*, actor, election: Election) -> None:
    assembly = _lock(election.assembly)
    _require_draft(assembly)
    audit_record(
        actor=actor,
        action="assembly.election_delete",
        obj=assembly,
        details={"title": election.title},
    )
    election.delete()


@transaction.atomic
def candidate_save(
    *,
    actor,
    election: Election,
    member: Member,
    statement: str = "",
    candidate: Candidate | None = None,
) -> Candidate:
    assembly = _lock(election.assembly)
    _require_draft(assembly)
    if member.coop_id != assembly.coop_id:
        raise ValidationError({"member": _("This choice belongs to another coop.")})
    if member.status != Member.Status.ADMITTED:
        raise ValidationError({"member": _("Only an admitted member can stand for the board.")})
    if candidate is None:
        if Candidate.objects.filter(election=election, member=member).exists():
            raise ValidationError({"member": _("This member already stands in this election.")})
        last = election.candidates.aggregate(n=Max("position"))["n"] or 0
        candidate = Candidate(election=election, member=member, position=last + 1)
    candidate.member = member
    candidate.name = member.display_name
    candidate.birth_date = member.birth_date
    candidate.statement = statement
    candidate.full_clean()
    candidate.save()
    audit_record(
        actor=actor,
        action="assembly.candidate_save",
        obj=assembly,
        details={"election": election.pk, "member": member.number},
    )
    return candidate


@transaction.atomic
def candidate_delete(*, actor, candidate: Candidate) -> None:
    assembly = _lock(candidate.election.assembly)
    _require_draft(assembly)
    audit_record(
        actor=actor,
        action="assembly.candidate_delete",
        obj=assembly,
        details={"election": candidate.election_id, "name": candidate.name},
    )
    candidate.delete()


# Record date: the frozen list of voters ---------------------------------------------


def _card_code() -> str:
    return "".join(secrets.choice(CARD_ALPHABET) for _ in range(8))


@transaction.atomic
def voters_freeze(*, actor, assembly: Assembly, record_date: date) -> int:
    """Freeze who votes, in which college and with how many votes, from the register at
    ``record_date`` (``members/voting.py`` with the coop's governance profile). Replaces an
    earlier list while the assembly is in preparation. Returns the number of voters.
    """
    from ..governance import voting_rights_for

    assembly = _lock(assembly)
    _require_draft(assembly)
    if record_date > timezone.localdate():
        raise ValidationError(
            {
                "record_date": _(
                    "The record date cannot be in the future: the register is read as it was that day."
                )
            }
        )
    if record_date > timezone.localtime(assembly.starts_at).date():
        raise ValidationError({"record_date": _("The record date must come before the meeting.")})
    rights = voting_rights_for(coop=assembly.coop, on=record_date, draw_seed=assembly.draw_seed)
    members = Member.objects.filter(pk__in=rights.members.keys()).only(
        "pk", "number", "kind", "first_name", "last_name", "legal_name", "representative"
    )
    assembly.voters.all().delete()
    codes: set[str] = set()
    rows = []
    shares = rights.shares
    for member in members.iterator(chunk_size=2000):
        votes = rights.members[member.pk]
        code = _card_code()
        while code in codes:
            code = _card_code()
        codes.add(code)
        name = member.display_name
        if member.kind == Member.Kind.ENTITY and member.representative:
            name = f"{name} ({member.representative})"
        rows.append(
            Voter(
                assembly=assembly,
                member_id=member.pk,
                number=member.number,
                name=name,
                college=votes.college,
                shares=shares[member.pk],
                votes=votes.votes,
                card_code=code,
                search_text=fold(f"{member.number} {name}"),
            )
        )
    Voter.objects.bulk_create(rows, batch_size=2000)
    assembly.record_date = record_date
    assembly.voters_frozen_at = timezone.now()
    assembly.save(update_fields=["record_date", "voters_frozen_at", "updated_at"])
    audit_record(
        actor=actor,
        action="assembly.voters_freeze",
        obj=assembly,
        details={
            "record_date": record_date,
            "voters": len(rows),
            "votes": rights.total_votes,
            "draw": list(rights.draw),
            "explanation": list(rights.explanation),
        },
    )
    return len(rows)
