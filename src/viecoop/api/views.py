"""The coop's API tokens page: create (the secret is shown once), list, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors
from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, scoped_get

from . import selectors, services
from .forms import ApiTokenForm
from .models import ApiToken

# The secret travels once from the POST to the page after the redirect, in the session,
# and is removed as soon as it is shown: reloading the page does not show it again.
NEW_TOKEN_SESSION_KEY = "api_new_token"  # noqa: S105 (a session key name)


@coop_view("api.manage_tokens")
def token_list(request, coop: Coop):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.api_token_create(
                actor=request.user,
                coop=coop,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_at=form.expires_at(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session[NEW_TOKEN_SESSION_KEY] = {"id": token.pk, "secret": secret}
            return redirect("api:tokens", coop_slug=coop.slug)
    new = request.session.pop(NEW_TOKEN_SESSION_KEY, None)
    tokens = list(selectors.coop_tokens(coop=coop))
    new_token = next((t for t in tokens if new and t.pk == new["id"]), None)
    response = render(
        request,
        "api/tokens.html",
        {
            "coop": coop,
            "form": form,
            "tokens": tokens,
            "new_token": new_token,
            "new_secret": new["secret"] if new_token else None,
            "api_url": request.build_absolute_uri(reverse("api-v1:api-root")),
            "docs_url": reverse("api-v1:openapi-view"),
        },
    )
    # The page may carry a secret: never cache it, anywhere.
    response["Cache-Control"] = "no-store"
    return response


@coop_view("api.manage_tokens")
@require_POST
def token_revoke(request, coop: Coop, pk: int):
    token = scoped_get(ApiToken.objects, coop=coop, pk=pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(
        request,
        _("The token « %(name)s » is revoked: it no longer opens the API.") % {"name": token.name},
    )
    return redirect("api:tokens", coop_slug=coop.slug)
