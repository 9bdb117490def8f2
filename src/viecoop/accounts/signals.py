"""Hooks on allauth's events. Only glue: the work is done by services."""

from allauth.account.signals import password_changed, password_reset, user_signed_up
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import transaction
from django.dispatch import receiver

from viecoop.audit.services import audit_record

from .adapter import SESSION_INVITATION_KEY


@receiver(user_signed_up)
def accept_pending_invitation(sender, request, user, **kwargs) -> None:
    from .services import InvitationError, invitation_accept, invitation_lookup

    code = request.session.pop(SESSION_INVITATION_KEY, None)
    if not code:
        return
    try:
        invitation_accept(invitation=invitation_lookup(code), user=user)
    except InvitationError:
        return


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def _security_event(request, user, action: str, **details) -> None:
    with transaction.atomic():
        audit_record(
            actor=user,
            action=action,
            obj=user,
            coop=None,
            details=details,
            ip_address=_client_ip(request),
        )


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs) -> None:
    _security_event(request, user, "security.login")


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # No actor and no e-mail stored: a failed attempt may be someone else's typo.
    with transaction.atomic():
        audit_record(
            actor=None, action="security.login_failed", coop=None, ip_address=_client_ip(request)
        )


@receiver(password_changed)
@receiver(password_reset)
def audit_password(sender, request, user, **kwargs) -> None:
    _security_event(request, user, "security.password_change")


@receiver(authenticator_added)
def audit_mfa_added(sender, request, user, authenticator, **kwargs) -> None:
    _security_event(request, user, "security.mfa_add", type=authenticator.type)


@receiver(authenticator_removed)
def audit_mfa_removed(sender, request, user, authenticator, **kwargs) -> None:
    _security_event(request, user, "security.mfa_remove", type=authenticator.type)
