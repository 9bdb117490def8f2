"""Federation admins must use two-factor authentication before anything else."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from viecoop.organizations.models import FederationRole
from viecoop.organizations.selectors import roles_for

ALLOWED_PREFIXES = ("/compte/", "/static/", "/i18n/", "/sante/", "/media/")


class RequireFederationMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.VIECOOP_FEDERATION_ADMIN_MFA_REQUIRED
            and request.user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and FederationRole.Role.ADMIN in roles_for(request.user).federation_roles
            and not _has_totp(request)
        ):
            return redirect(reverse("mfa_activate_totp") + "?obligatoire=1")
        return self.get_response(request)


def _has_totp(request) -> bool:
    from allauth.mfa.models import Authenticator

    cached = getattr(request, "_viecoop_has_totp", None)
    if cached is None:
        cached = Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists()
        request._viecoop_has_totp = cached
    return cached
