"""The coop's page of its people in the training programme and their projects."""

from __future__ import annotations

from django.shortcuts import render

from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view

from .. import selectors


@coop_view("training.view_coop_training")
def coop_training(request, coop: Coop):
    data = selectors.coop_training(coop=coop)
    return render(
        request,
        "training/coop_training.html",
        {
            "coop": coop,
            "participants": list(data["participants"]),
            "projects": list(data["projects"]),
            "lessons": list(data["lessons"]),
        },
    )
