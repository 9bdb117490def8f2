"""Paper postal forms and proxies typed in by staff, with a second person's double entry.

The first person types the form; it waits. A second person, never the same, types it again
without seeing the first entry. When both agree, the form goes through the very services an
online vote or proxy uses (``voting.advance_vote_record`` / ``voting.proxy_give``), with the
same cut-offs and rules; when they differ, nothing is recorded and the second person is told
which lines differ, to look at the paper again.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record

from .. import engine
from ..models import Assembly, Channel, PaperForm, Voter
from . import AssemblyError, voting


def _normalise(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    if kind == PaperForm.Kind.POSTAL:
        return {
            "received_on": str(data["received_on"]),
            "choices": {str(k): v or "" for k, v in sorted(data.get("choices", {}).items())},
            "added": data.get("added") or "against",
        }
    return {
        "received_on": str(data["received_on"]),
        "holder": (data.get("holder") or "").strip(),
    }


def received_at(day: datetime.date) -> datetime.datetime:
    """A paper form is dated by the day it arrived; noon in Paris stands for that day."""
    return datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=engine.PARIS)


@transaction.atomic
def paper_form_enter(
    *, actor, assembly: Assembly, voter: Voter, kind: str, data: dict[str, Any]
) -> PaperForm:
    """First entry of a paper form: it waits for a second person's entry."""
    assembly = Assembly.objects.select_for_update().get(pk=assembly.pk)
    if assembly.status != Assembly.Status.CONVENED:
        raise AssemblyError(_("Paper forms are entered between the notice and the meeting."))
    if voter.assembly_id != assembly.pk:
        raise AssemblyError(_("This member is not on the list of voters of this assembly."))
    if PaperForm.objects.filter(voter=voter, kind=kind, status=PaperForm.Status.PENDING).exists():
        raise AssemblyError(
            _("A form of this member is already waiting for its second entry: complete it first.")
        )
    form = PaperForm.objects.create(
        assembly=assembly,
        voter=voter,
        kind=kind,
        received_on=data["received_on"],
        data=_normalise(kind, data),
        entered_by=actor,
    )
    audit_record(
        actor=actor,
        action="assembly.paper_form_enter",
        obj=assembly,
        details={"form": form.pk, "kind": kind, "voter": voter.number, "data": form.data},
    )
    return form


@transaction.atomic
def paper_form_confirm(*, actor, paper_form: PaperForm, data: dict[str, Any]) -> PaperForm:
    """Second entry: applied when it matches the first, else the differences are reported."""
    form = PaperForm.objects.select_for_update().select_related("voter").get(pk=paper_form.pk)
    if form.status != PaperForm.Status.PENDING:
        raise AssemblyError(_("This form is no longer waiting for a second entry."))
    if form.entered_by_id == getattr(actor, "pk", None):
        raise AssemblyError(
            _("The second entry must be made by another person than the first one.")
        )
    second = _normalise(form.kind, data)
    differences = differing_lines(form, second)
    if differences:
        audit_record(
            actor=actor,
            action="assembly.paper_form_mismatch",
            obj=form.assembly,
            details={"form": form.pk, "differences": differences},
        )
        raise AssemblyError(
            _("The two entries differ (%(lines)s): look at the paper again.")
            % {"lines": ", ".join(differences)}
        )
    assembly = form.assembly
    when = received_at(form.received_on)
    try:
        if form.kind == PaperForm.Kind.POSTAL:
            choices = {int(k): v for k, v in form.data["choices"].items() if v}
            voting.advance_vote_record(
                actor=form.entered_by,
                assembly=assembly,
                voter=form.voter,
                channel=Channel.POSTAL,
                choices=choices,
                added_resolutions=form.data["added"],
                received_at=when,
                confirmed_by=actor,
            )
        else:
            holder = None
            if form.data["holder"]:
                holder = Voter.objects.filter(assembly=assembly, number=form.data["holder"]).first()
                if holder is None:
                    raise AssemblyError(
                        _("No member with the number %(number)s is on the list of voters.")
                        % {"number": form.data["holder"]}
                    )
            voting.proxy_give(
                actor=form.entered_by,
                assembly=assembly,
                giver=form.voter,
                holder=holder,
                channel=Channel.POSTAL,
                received_at=min(when, assembly.starts_at - datetime.timedelta(seconds=1)),
                confirmed_by=actor,
            )
    except AssemblyError as refusal:
        # The paper itself is refused (late, a proxy already given…): say so and keep it.
        form.status, form.outcome = PaperForm.Status.REFUSED, str(refusal)[:255]
    else:
        form.status, form.outcome = PaperForm.Status.APPLIED, ""
    form.confirmed_by = actor
    form.closed_at = timezone.now()
    form.save(update_fields=["status", "outcome", "confirmed_by", "closed_at"])
    audit_record(
        actor=actor,
        action="assembly.paper_form_confirm",
        obj=assembly,
        details={"form": form.pk, "status": form.status, "outcome": form.outcome},
    )
    return form


def differing_lines(form: PaperForm, second: dict[str, Any]) -> list[str]:
    """Readable names of what differs between the first entry and ``second``."""
    first = form.data
    lines = []
    if first["received_on"] != second["received_on"]:
        lines.append(_("date of receipt"))
    if form.kind == PaperForm.Kind.POSTAL:
        positions = dict(form.assembly.resolutions.values_list("pk", "position"))
        for key in sorted(set(first["choices"]) | set(second["choices"]), key=int):
            if first["choices"].get(key, "") != second["choices"].get(key, ""):
                lines.append(_("resolution %(number)s") % {"number": positions.get(int(key), key)})
        if first["added"] != second["added"]:
            lines.append(_("resolutions added in the meeting"))
    elif first["holder"] != second["holder"]:
        lines.append(_("proxy holder"))
    return lines


@transaction.atomic
def paper_form_cancel(*, actor, paper_form: PaperForm) -> None:
    form = PaperForm.objects.select_for_update().get(pk=paper_form.pk)
    if form.status != PaperForm.Status.PENDING:
        raise AssemblyError(_("This form is no longer waiting for a second entry."))
    form.status, form.closed_at = PaperForm.Status.CANCELLED, timezone.now()
    form.save(update_fields=["status", "closed_at"])
    audit_record(
        actor=actor,
        action="assembly.paper_form_cancel",
        obj=form.assembly,
        details={"form": form.pk},
    )
