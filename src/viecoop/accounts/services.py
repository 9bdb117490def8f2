"""Writes on accounts: invitations and activation codes, data export, deletion."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from viecoop.audit.services import audit_record
from viecoop.core.mail import send_templated_email
from viecoop.organizations.models import Coop, CoopRole, FederationRole
from viecoop.organizations.selectors import current_federation
from viecoop.organizations.services import coop_role_grant, federation_role_grant

from .models import DeletionRequest, Invitation, User

# No 0/O, 1/I/L: a code printed on a letter must survive being typed by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
INVITATION_VALIDITY = {
    Invitation.Channel.EMAIL: timedelta(days=30),
    Invitation.Channel.LETTER: timedelta(days=120),
}


class InvitationError(Exception):
    """The code is unknown, used, cancelled or expired."""


# Functions ``fn(*, invitation, user)`` other apps run, in the same transaction, when an
# invitation is accepted (the members register links the account to its entry).
invitation_accepted_hooks: list = []
# Functions ``fn(*, user)`` run in the transaction that anonymises an account, before its
# roles go: each app erases what it holds about the person (a référent's photo and bio…).
user_anonymise_hooks: list = []


def normalize_code(code: str) -> str:
    """Upper case without spaces or dashes: people type codes from a letter as they can."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _hash_code(code: str) -> str:
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def generate_code() -> str:
    return format_code("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))


@transaction.atomic
def invitation_create(
    *,
    actor,
    channel: str,
    coop: Coop | None = None,
    coop_role: str = "",
    federation_role: str = "",
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    job_title: str = "",
    language: str | None = None,
    payload: dict[str, Any] | None = None,
) -> tuple[Invitation, str]:
    """Create an invitation and return it with its clear code (shown or sent once, never stored)."""
    if coop_role and coop_role not in CoopRole.Role.values:
        raise ValueError(coop_role)
    if federation_role and federation_role not in FederationRole.Role.values:
        raise ValueError(federation_role)
    code = generate_code()
    invitation = Invitation.objects.create(
        code_hash=_hash_code(code),
        channel=channel,
        email=email.lower().strip(),
        first_name=first_name,
        last_name=last_name,
        coop=coop,
        coop_role=coop_role,
        federation_role=federation_role,
        job_title=job_title,
        created_by=actor,
        expires_at=timezone.now() + INVITATION_VALIDITY[Invitation.Channel(channel)],
        payload=payload or {},
    )
    audit_record(
        actor=actor,
        action="invitation.create",
        obj=invitation,
        coop=coop,
        details={
            "channel": channel,
            "role": coop_role or federation_role,
            "email": invitation.email,
        },
    )
    if channel == Invitation.Channel.EMAIL:
        _send_invitation(invitation=invitation, code=code, language=language)
    return invitation, code


def _send_invitation(*, invitation: Invitation, code: str, language: str | None) -> None:
    url = settings.SITE_URL + reverse("accounts:activate_code", kwargs={"code": code})
    send_templated_email(
        template="invitation",
        to=[invitation.email],
        language=language,
        context={
            "invitation": invitation,
            "inviter": invitation.created_by,
            "code": code,
            "url": url,
            "space": invitation.coop.name if invitation.coop else str(current_federation() or ""),
            "role": invitation.role_label,
        },
    )


@transaction.atomic
def invitation_resend(*, actor, invitation: Invitation, language: str | None = None) -> str:
    """Issue a new code for a pending e-mail invitation (the old one stops working)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if (
        invitation.status not in {"pending", "expired"}
        or invitation.channel != Invitation.Channel.EMAIL
    ):
        raise InvitationError
    code = generate_code()
    invitation.code_hash = _hash_code(code)
    invitation.expires_at = timezone.now() + INVITATION_VALIDITY[Invitation.Channel.EMAIL]
    invitation.save(update_fields=["code_hash", "expires_at"])
    audit_record(actor=actor, action="invitation.resend", obj=invitation, coop=invitation.coop)
    _send_invitation(invitation=invitation, code=code, language=language)
    return code


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> None:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != "pending":
        raise InvitationError
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="invitation.revoke", obj=invitation, coop=invitation.coop)


def invitation_lookup(code: str) -> Invitation:
    """The pending invitation for ``code``, or InvitationError (one message for every failure)."""
    if len(normalize_code(code)) != CODE_LENGTH:
        raise InvitationError
    invitation = (
        Invitation.objects.select_related("coop", "created_by")
        .filter(code_hash=_hash_code(code))
        .first()
    )
    if invitation is None or invitation.status != "pending":
        raise InvitationError
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Invitation:
    """Give ``user`` the invitation's role. A code works once, even if two people race for it."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("coop")
        .get(pk=invitation.pk)
    )
    if invitation.status != "pending":
        raise InvitationError
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if (
        not user.first_name
        and not user.last_name
        and (invitation.first_name or invitation.last_name)
    ):
        user.first_name, user.last_name = invitation.first_name, invitation.last_name
        user.save(update_fields=["first_name", "last_name"])
    granter = invitation.created_by
    if invitation.coop_id:
        coop_role_grant(
            actor=granter,
            user=user,
            coop=invitation.coop,
            role=invitation.coop_role,
            job_title=invitation.job_title,
        )
    else:
        federation_role_grant(
            actor=granter,
            user=user,
            federation=current_federation(),
            role=invitation.federation_role,
            job_title=invitation.job_title,
        )
    for hook in invitation_accepted_hooks:
        hook(invitation=invitation, user=user)
    audit_record(
        actor=user,
        action="invitation.accept",
        obj=invitation,
        coop=invitation.coop,
        details={"channel": invitation.channel},
    )
    return invitation


@transaction.atomic
def user_update_profile(*, user: User, first_name: str, last_name: str, language: str) -> User:
    user.first_name, user.last_name, user.language = first_name, last_name, language
    user.save(update_fields=["first_name", "last_name", "language"])
    audit_record(actor=user, action="account.update_profile", obj=user, coop=None)
    return user


# Personal data export -------------------------------------------------------------
# Each app registers a function returning its part of a person's data, so the export
# grows with the platform (register in the app's ready() or at import of its services).
_exporters: dict[str, Any] = {}


def register_exporter(name: str, function) -> None:
    _exporters[name] = function


def _export_account(user: User) -> dict[str, Any]:
    from allauth.account.models import EmailAddress

    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "language": user.language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "two_factor_enabled": user.authenticator_set.exists(),
    }


def _export_roles(user: User) -> dict[str, Any]:
    return {
        "coop_roles": [
            {"coop": r.coop.name, "role": r.role, "job_title": r.job_title, "since": r.created_at}
            for r in CoopRole.objects.filter(user=user).select_related("coop")
        ],
        "federation_roles": [
            {"role": r.role, "job_title": r.job_title, "since": r.created_at}
            for r in FederationRole.objects.filter(user=user)
        ],
    }


def _export_activity(user: User) -> dict[str, Any]:
    from viecoop.audit.models import AuditEntry

    return {
        "actions": [
            {"time": e.created_at, "action": e.action, "object": e.object_repr}
            for e in AuditEntry.objects.filter(actor=user).order_by("created_at")[:5000]
        ],
        "deletion_requests": [
            {"requested_at": d.requested_at, "status": d.status, "reason": d.reason}
            for d in user.deletion_requests.all()
        ],
    }


register_exporter("account", _export_account)
register_exporter("roles", _export_roles)
register_exporter("activity", _export_activity)


def user_export_data(*, user: User) -> dict[str, Any]:
    """Everything viecoop holds about ``user``, as JSON-ready data (RGPD art. 15 and 20)."""
    data: dict[str, Any] = {"generated_at": timezone.now(), "format": "viecoop-personal-data/1"}
    for name, function in _exporters.items():
        data[name] = function(user)
    return data


@transaction.atomic
def user_record_export(*, user: User) -> None:
    audit_record(actor=user, action="account.export_data", obj=user, coop=None)


# Deletion -------------------------------------------------------------------------
class DeletionAlreadyRequested(Exception):
    pass


@transaction.atomic
def deletion_request_create(*, user: User, reason: str = "") -> DeletionRequest:
    if DeletionRequest.objects.filter(user=user, status=DeletionRequest.Status.PENDING).exists():
        raise DeletionAlreadyRequested
    request = DeletionRequest.objects.create(user=user, reason=reason)
    audit_record(actor=user, action="account.deletion_request", obj=request, coop=None)
    send_templated_email(
        template="deletion_requested",
        to=[user.email],
        language=user.language,
        context={"user": user, "deletion_request": request},
    )
    return request


@transaction.atomic
def deletion_request_process(
    *, actor: User, deletion_request: DeletionRequest, approve: bool, answer: str = ""
) -> DeletionRequest:
    """Close a request: approving it anonymises the account; refusing must say why."""
    dr = (
        DeletionRequest.objects.select_for_update()
        .select_related("user")
        .get(pk=deletion_request.pk)
    )
    if dr.status != DeletionRequest.Status.PENDING:
        raise ValueError("This request was already processed.")
    if not approve and not answer.strip():
        raise ValueError("A refusal must give its reason.")
    email, language = dr.user.email, dr.user.language
    dr.status = DeletionRequest.Status.DONE if approve else DeletionRequest.Status.REFUSED
    dr.processed_at = timezone.now()
    dr.processed_by = actor
    dr.answer = answer
    dr.save(update_fields=["status", "processed_at", "processed_by", "answer"])
    audit_record(
        actor=actor,
        action="rgpd.deletion_" + ("approve" if approve else "refuse"),
        obj=dr,
        coop=None,
        details={"user_id": dr.user_id},
    )
    send_templated_email(
        template="deletion_processed",
        to=[email],
        language=language,
        context={"deletion_request": dr, "approved": approve, "answer": answer},
    )
    if approve:
        user_anonymise(actor=actor, user=dr.user)
    return dr


@transaction.atomic
def user_anonymise(*, actor: User, user: User) -> None:
    """Erase a person's identity but keep the rows others depend on (audit, registers).

    Legal records (members register, votes) keep their own copies where the law
    requires it; the account itself can no longer log in nor be linked to an e-mail.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    for hook in user_anonymise_hooks:
        hook(user=user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    CoopRole.objects.filter(user=user).delete()
    FederationRole.objects.filter(user=user).delete()
    user.email = f"supprime-{user.pk}@invalid.viecoop"
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    audit_record(actor=actor, action="rgpd.anonymise", obj=user, coop=None)
