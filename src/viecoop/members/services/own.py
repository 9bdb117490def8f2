"""What a member does in their own space, and linking their account to the register."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record

from ..models import ExitRequest, Member
from .common import LedgerError

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
