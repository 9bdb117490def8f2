"""The coop's own page about its référents: who they are, since when, who volunteered."""

from __future__ import annotations

from django.shortcuts import render

from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view

from .. import selectors
from ..services.referents import volunteer_coops


@coop_view("network.view_coop_referents")
def coop_referents(request, coop: Coop):
    return render(
        request,
        "network/coop_referents.html",
        {
            "coop": coop,
            "referents": list(selectors.referent_roles().filter(coop=coop)),
            "mandates": list(selectors.coop_mandates(coop=coop).filter(ended_on__isnull=False)),
            "applications": list(selectors.coop_applications(coop=coop)[:50]),
            "can_volunteer": coop in volunteer_coops(request.user),
        },
    )
