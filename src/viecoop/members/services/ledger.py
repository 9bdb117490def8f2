"""The numbered, append-only share ledger."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.organizations.models import Coop

from ..models import CollegeKind, Member, ShareMovement, ShareOperation
from .common import LedgerError, _check_same_coop, _lock_register


def member_balance(*, member: Member, on: date | None = None) -> int:
    movements = ShareMovement.objects.filter(member=member)
    if on is not None:
        movements = movements.filter(operation__effective_date__lte=on)
    return movements.aggregate(n=Sum("shares"))["n"] or 0


@transaction.atomic
def share_operation_record(
    *,
    actor,
    coop: Coop,
    kind: str,
    member: Member,
    shares: int,
    effective_date: date,
    unit_price: Decimal | None = None,
    counterpart: Member | None = None,
    board_decision: str = "",
    board_decision_date: date | None = None,
    note: str = "",
    corrects: ShareOperation | None = None,
    allow_empty: bool = False,
) -> ShareOperation:
    """Append one operation to the ledger, with the next number of the coop.

    The coop's register row is locked first, so two operations recorded at once get
    consecutive numbers and each sees the other's effect on the balances. A user-member
    keeps at least one share unless they are leaving (``allow_empty``, from member_leave).
    """
    register = _lock_register(coop)
    _check_same_coop(coop, member=member, counterpart=counterpart, corrects=corrects)
    if shares is None or shares < 1:
        raise ValidationError({"shares": _("An operation moves at least one share.")})
    if kind not in ShareOperation.Kind.values:
        raise ValidationError({"kind": _("Unknown operation.")})
    member = Member.objects.select_related("college").get(pk=member.pk)
    if member.status != Member.Status.ADMITTED:
        raise LedgerError(
            _("Shares can only move for an admitted member (%(name)s is not).") % {"name": member}
        )
    if kind == ShareOperation.Kind.TRANSFER:
        if counterpart is None:
            raise ValidationError({"counterpart": _("Choose the member who receives the shares.")})
        if counterpart.pk == member.pk:
            raise ValidationError(
                {"counterpart": _("A member cannot transfer shares to themselves.")}
            )
        counterpart = Member.objects.get(pk=counterpart.pk)
        if counterpart.status != Member.Status.ADMITTED:
            raise LedgerError(_("Shares can only be transferred to an admitted member."))
    elif counterpart is not None:
        raise ValidationError({"counterpart": _("Only a transfer has a receiving member.")})
    if kind == ShareOperation.Kind.SUBSCRIPTION and not (board_decision and board_decision_date):
        raise ValidationError(
            {
                "board_decision": _(
                    "A subscription must be approved by the board: give its decision and date."
                )
            }
        )
    if kind in (ShareOperation.Kind.REDEMPTION, ShareOperation.Kind.TRANSFER):
        balance = member_balance(member=member)
        if shares > balance:
            raise LedgerError(
                _("%(name)s holds %(balance)s shares: %(shares)s cannot be taken away.")
                % {"name": member, "balance": balance, "shares": shares}
            )
        if shares == balance and member.college.kind == CollegeKind.USERS and not allow_empty:
            raise LedgerError(
                _(
                    "A user-member must keep at least one share. To redeem them all, record the member's exit."
                )
            )
    last = (
        ShareOperation.objects.filter(coop=coop)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    operation = ShareOperation(
        coop=coop,
        sequence=(last or 0) + 1,
        kind=kind,
        member=member,
        counterpart=counterpart,
        shares=shares,
        unit_price=unit_price if unit_price is not None else register.share_nominal,
        effective_date=effective_date,
        board_decision=board_decision,
        board_decision_date=board_decision_date,
        note=note,
        corrects=corrects,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    operation.full_clean()
    operation.save()
    sign = -1 if kind in (ShareOperation.Kind.REDEMPTION, ShareOperation.Kind.TRANSFER) else 1
    lines = [ShareMovement(operation=operation, member=member, shares=sign * shares)]
    if counterpart is not None:
        lines.append(ShareMovement(operation=operation, member=counterpart, shares=shares))
    ShareMovement.objects.bulk_create(lines)
    audit_record(
        actor=actor,
        action=f"shares.{kind}",
        obj=operation,
        coop=coop,
        details={
            "sequence": operation.sequence,
            "member": member.number,
            "counterpart": counterpart.number if counterpart else None,
            "shares": shares,
            "unit_price": operation.unit_price,
            "effective_date": effective_date,
        },
    )
    return operation
