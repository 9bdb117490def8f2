"""Register entries: candidates, updates, admissions by the board, exits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.organizations.models import Coop

from ..models import Category, CollegeChange, ExitRequest, Member, ShareOperation
from .common import LedgerError, _check_same_coop, _lock_register
from .ledger import member_balance, share_operation_record

MEMBER_FIELDS = (
    "kind",
    "first_name",
    "last_name",
    "legal_name",
    "representative",
    "birth_date",
    "category",
    "college",
    "residence",
    "email",
    "phone",
    "address",
    "postal_code",
    "city",
    "application_date",
)


@transaction.atomic
def member_create(*, actor, coop: Coop, number: str = "", **data: Any) -> Member:
    """Register a candidate. Without a number, the next free one is given."""
    register = _lock_register(coop)
    member = Member(coop=coop, status=Member.Status.CANDIDATE)
    for name in MEMBER_FIELDS:
        if name in data:
            setattr(member, name, data[name])
    if (
        member.college_id is None
        and member.category_id is not None
        and member.category.default_college_id
    ):
        member.college = member.category.default_college
    _check_same_coop(
        coop, category=member.category, college=member.college, residence=member.residence
    )
    _check_category_offered(member.category if member.category_id else None)
    if not number:
        while True:
            number = register.format_number(register.next_number)
            register.next_number += 1
            if not Member.objects.filter(coop=coop, number=number).exists():
                break
        register.save(update_fields=["next_number"])
    member.number = number
    member.search_text = member.build_search_text()
    member.full_clean()
    member.save()
    audit_record(
        actor=actor, action="member.create", obj=member, coop=coop, details={"number": number}
    )
    return member


def _check_category_offered(category: Category | None) -> None:
    if category is not None and not category.is_active:
        raise ValidationError(
            {
                "category": _(
                    "The category « %(name)s » is retired: it stays on the members who have "
                    "it but is no longer given to others."
                )
                % {"name": category.name}
            }
        )


@transaction.atomic
def member_update(
    *, actor, member: Member, college_since: date | None = None, **data: Any
) -> Member:
    """Change a member's entry. A new college is kept in the member's college history from
    ``college_since`` (today by default), so voting rights at an earlier date are unchanged.
    """
    before_college_id = member.college_id
    changed = {}
    for name in (*MEMBER_FIELDS, "number"):
        if name in data and getattr(member, name) != data[name]:
            changed[name] = True
            setattr(member, name, data[name])
    if not changed:
        return member
    _check_same_coop(
        member.coop, category=member.category, college=member.college, residence=member.residence
    )
    if "category" in changed:
        _check_category_offered(member.category)
    member.search_text = member.build_search_text()
    member.full_clean()
    member.save()
    if "college" in changed and before_college_id is not None:
        today = timezone.localdate()
        since = college_since or today
        if since > today:
            raise ValidationError({"college_since": _("This date is in the future.")})
        CollegeChange.objects.create(
            coop=member.coop,
            member=member,
            from_college_id=before_college_id,
            to_college=member.college,
            effective_date=since,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
    # Field names only: the log is read by managers, the values are in the register.
    details: dict[str, Any] = {"fields": sorted(changed)}
    if "college" in changed:
        details["college"] = {
            "from": before_college_id,
            "to": member.college_id,
            "since": college_since or timezone.localdate(),
        }
    audit_record(actor=actor, action="member.update", obj=member, details=details)
    return member


@transaction.atomic
def member_admit(
    *,
    actor,
    member: Member,
    admission_date: date,
    board_decision: str,
    shares: int,
    unit_price: Decimal | None = None,
) -> Member:
    """The board admits a candidate, who subscribes their first shares the same day."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status != Member.Status.CANDIDATE:
        raise LedgerError(_("Only a candidate can be admitted."))
    member.status = Member.Status.ADMITTED
    member.admission_date = admission_date
    member.admission_decision = board_decision
    member.full_clean()
    member.save(update_fields=["status", "admission_date", "admission_decision", "updated_at"])
    audit_record(
        actor=actor, action="member.admit", obj=member, details={"board_decision": board_decision}
    )
    share_operation_record(
        actor=actor,
        coop=member.coop,
        kind=ShareOperation.Kind.SUBSCRIPTION,
        member=member,
        shares=shares,
        unit_price=unit_price,
        effective_date=admission_date,
        board_decision=board_decision,
        board_decision_date=admission_date,
        note=_("Subscription at admission"),
    )
    return member


@transaction.atomic
def member_leave(
    *,
    actor,
    member: Member,
    exit_date: date,
    reason: str,
    board_decision: str = "",
    unit_price: Decimal | None = None,
) -> Member:
    """A member leaves: the remaining shares are redeemed on the exit date."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status != Member.Status.ADMITTED:
        raise LedgerError(_("Only an admitted member can leave."))
    if reason not in Member.ExitReason.values:
        raise ValidationError({"exit_reason": _("Choose why the member leaves.")})
    balance = member_balance(member=member)
    if balance > 0:
        share_operation_record(
            actor=actor,
            coop=member.coop,
            kind=ShareOperation.Kind.REDEMPTION,
            member=member,
            shares=balance,
            unit_price=unit_price,
            effective_date=exit_date,
            board_decision=board_decision,
            note=_("Redemption at exit"),
            allow_empty=True,
        )
    member.status = Member.Status.LEFT
    member.exit_date = exit_date
    member.exit_reason = reason
    member.full_clean()
    member.save(update_fields=["status", "exit_date", "exit_reason", "updated_at"])
    ExitRequest.objects.filter(member=member, status=ExitRequest.Status.PENDING).update(
        status=ExitRequest.Status.DONE, closed_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action="member.leave",
        obj=member,
        details={"reason": reason, "shares": balance},
    )
    return member
