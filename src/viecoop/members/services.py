"""Writes on the register and the share ledger: transactional, audited, locked where order matters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.organizations.models import Coop

from .models import (
    Category,
    College,
    CollegeKind,
    ExitRequest,
    Member,
    RegisterSettings,
    ShareMovement,
    ShareOperation,
)

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


class LedgerError(Exception):
    """An operation the ledger refuses, with a message for people."""


@transaction.atomic
def register_setup(*, coop: Coop) -> None:
    """Standard colleges and categories for a new coop (idempotent)."""
    RegisterSettings.objects.get_or_create(coop=coop)
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


def _lock_register(coop: Coop) -> RegisterSettings:
    """Serialise writes that number things in this coop's register (row lock on PostgreSQL)."""
    settings_row, _created = RegisterSettings.objects.get_or_create(coop=coop)
    return RegisterSettings.objects.select_for_update().get(pk=settings_row.pk)


def _check_same_coop(coop: Coop, **objects) -> None:
    for name, obj in objects.items():
        if obj is not None and obj.coop_id != coop.pk:
            raise ValidationError({name: _("This choice belongs to another coop.")})


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
    if not number:
        while True:
            number = str(register.next_number)
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


@transaction.atomic
def member_update(*, actor, member: Member, **data: Any) -> Member:
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
    member.search_text = member.build_search_text()
    member.full_clean()
    member.save()
    # Field names only: the log is read by managers, the values are in the register.
    audit_record(
        actor=actor, action="member.update", obj=member, details={"fields": sorted(changed)}
    )
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


MEMBER_SELF_SERVICE_FIELDS = ("email", "phone", "address", "postal_code", "city")


@transaction.atomic
def member_update_own_details(*, user, member: Member, **data: Any) -> Member:
    """A member corrects their own contact details (nothing that changes their rights)."""
    if member.user_id != user.pk:
        raise PermissionError
    changed = [
        name
        for name in MEMBER_SELF_SERVICE_FIELDS
        if name in data and getattr(member, name) != data[name]
    ]
    for name in changed:
        setattr(member, name, data[name])
    if changed:
        member.search_text = member.build_search_text()
        member.full_clean()
        member.save()
        audit_record(
            actor=user, action="member.update_own_details", obj=member, details={"fields": changed}
        )
    return member


class ExitAlreadyRequested(Exception):
    pass


@transaction.atomic
def exit_request_create(*, user, member: Member, message: str = "") -> ExitRequest:
    """A member asks to leave: the coop's managers are told by e-mail."""
    from viecoop.core.mail import send_templated_email
    from viecoop.organizations.models import CoopRole

    if member.user_id != user.pk:
        raise PermissionError
    if member.status != Member.Status.ADMITTED:
        raise LedgerError(_("Only an admitted member can ask to leave."))
    if ExitRequest.objects.filter(member=member, status=ExitRequest.Status.PENDING).exists():
        raise ExitAlreadyRequested
    request = ExitRequest.objects.create(member=member, message=message)
    audit_record(actor=user, action="member.exit_request", obj=request, coop=member.coop)
    managers = CoopRole.objects.filter(coop=member.coop, role=CoopRole.Role.MANAGER).select_related(
        "user"
    )
    for role in managers:
        send_templated_email(
            template="exit_requested",
            to=[role.user.email],
            language=role.user.language,
            context={"member": member, "exit_request": request, "coop": member.coop},
        )
    return request


def link_account_on_invitation(*, invitation, user) -> None:
    """Acceptance hook: an invitation made from a register entry links the account to it."""
    member_id = (invitation.payload or {}).get("member_id")
    if not member_id:
        return
    member = (
        Member.objects.select_for_update().filter(pk=member_id, coop_id=invitation.coop_id).first()
    )
    if member is None or member.user_id not in (None, user.pk):
        return
    if Member.objects.filter(coop_id=invitation.coop_id, user=user).exclude(pk=member.pk).exists():
        return  # this account already speaks for another entry of the coop
    member.user = user
    member.save(update_fields=["user", "updated_at"])
    audit_record(
        actor=user, action="member.link_account", obj=member, details={"invitation": invitation.pk}
    )


@transaction.atomic
def member_invite(*, actor, member: Member, channel: str, email: str = "") -> tuple[Any, str]:
    """Invite a registered member to their space, by e-mail or by a printed letter."""
    from viecoop.accounts.services import invitation_create
    from viecoop.organizations.models import CoopRole

    if member.user_id:
        raise LedgerError(_("This member's account is already linked."))
    if member.kind != Member.Kind.PERSON:
        raise LedgerError(
            _("Only a person can have a member account; a legal entity is represented.")
        )
    return invitation_create(
        actor=actor,
        channel=channel,
        coop=member.coop,
        coop_role=CoopRole.Role.MEMBER,
        email=email,
        first_name=member.first_name,
        last_name=member.last_name,
        payload={"member_id": member.pk},
    )


# Stored data, not interface text: the same in every language the register is read in.
ANONYMISED_NAME = "Associé anonymisé"


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February of a leap year
        return day.replace(year=day.year - years, day=28)


def members_due_for_anonymisation(*, coop: Coop, today: date):
    """Departed members whose coop's retention period is over and whose data is still there."""
    retention = RegisterSettings.objects.get_or_create(coop=coop)[0].retention_years
    return Member.objects.filter(
        coop=coop,
        status=Member.Status.LEFT,
        exit_date__lte=_years_before(today, retention),
        anonymised_at__isnull=True,
    )


@transaction.atomic
def member_anonymise(*, actor, member: Member) -> Member:
    """Erase a departed member's personal data; the ledger keeps its amounts and dates.

    The entry stays (its number is what the ledger lines and the legal register refer
    to) but says nothing about the person any more. A legal entity keeps its legal name
    (not personal data) and loses its representative's name.
    """
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status != Member.Status.LEFT:
        raise LedgerError(_("Only a member who has left can be anonymised."))
    if member.anonymised_at is not None:
        return member
    if member.kind == Member.Kind.PERSON:
        member.first_name = ""
        member.last_name = ANONYMISED_NAME
    member.representative = ""
    member.birth_date = None
    member.email = member.phone = member.address = member.postal_code = member.city = ""
    member.residence = None
    member.user = None
    member.anonymised_at = timezone.now()
    member.search_text = member.build_search_text()
    member.save()
    member.exit_requests.update(message="")
    audit_record(
        actor=actor, action="member.anonymise", obj=member, details={"number": member.number}
    )
    return member


def anonymise_departed_members(*, today: date, dry_run: bool = False) -> dict[str, int]:
    """Apply every coop's retention period (run daily by the scheduler). Returns counts per coop."""
    counts = {}
    for coop in Coop.objects.order_by("slug"):
        due = list(members_due_for_anonymisation(coop=coop, today=today))
        if due and not dry_run:
            for member in due:
                member_anonymise(actor=None, member=member)
        if due:
            counts[coop.slug] = len(due)
    return counts
