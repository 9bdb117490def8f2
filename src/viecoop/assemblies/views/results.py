"""Results: staff read them at the close, members once they are published."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, scoped_get

from .. import selectors
from ..models import Assembly
from ..services import AssemblyError
from ..services.results import results_publish


def visible_results(request, coop: Coop, pk: int) -> Assembly:
    """Staff see the results from the close; members from the publication (hidden until then)."""
    staff = request.user.has_perm("assemblies.manage_assemblies", coop)
    statuses = [Assembly.Status.PUBLISHED] + ([Assembly.Status.CLOSED] if staff else [])
    assembly = scoped_get(Assembly.objects.select_related("coop"), coop=coop, pk=pk)
    if assembly.status not in statuses:
        raise Http404("No results to show yet.")
    return assembly


@coop_view("assemblies.view_assemblies")
def results(request, coop: Coop, pk: int):
    assembly = visible_results(request, coop, pk)
    return render(
        request,
        "assemblies/results.html",
        {
            "coop": coop,
            "assembly": assembly,
            **selectors.results_view(assembly=assembly),
            "can_manage": request.user.has_perm("assemblies.manage_assemblies", coop),
        },
    )


@coop_view("assemblies.manage_assemblies")
@require_POST
def publish(request, coop: Coop, pk: int):
    assembly = scoped_get(Assembly.objects, coop=coop, pk=pk)
    try:
        results_publish(actor=request.user, assembly=assembly)
    except AssemblyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The results are published to the members."))
    return redirect("assemblies:results", coop_slug=coop.slug, pk=assembly.pk)
