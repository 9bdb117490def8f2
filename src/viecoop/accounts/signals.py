"""Hooks on allauth's events. Only glue: the work is done by services."""

from allauth.account.signals import user_signed_up
from django.dispatch import receiver

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
