"""allauth adapter: no open signup, e-mails through our queue, invitations on signup."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from viecoop.core.mail import enqueue_email

SESSION_INVITATION_KEY = "viecoop_invitation_code"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """Signup only with a pending invitation or activation code in the session."""
        from .services import InvitationError, invitation_lookup

        code = request.session.get(SESSION_INVITATION_KEY)
        if not code:
            return False
        try:
            invitation_lookup(code)
        except InvitationError:
            return False
        return True

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Render now (allauth's templates, current language), send after commit by the task queue.
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        enqueue_email(
            subject=message.subject,
            body=message.body,
            html=html,
            to=list(message.to),
            from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        )

    def save_user(self, request, user, form, commit=True):
        from .services import InvitationError, invitation_lookup

        code = request.session.get(SESSION_INVITATION_KEY)
        if code:
            try:
                invitation = invitation_lookup(code)
            except InvitationError:
                invitation = None
            if invitation is not None:
                user.first_name = user.first_name or invitation.first_name
                user.last_name = user.last_name or invitation.last_name
        user.language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        return super().save_user(request, user, form, commit=commit)
