"""The list of assemblies and an assembly's page (staff: preparation and running; members: papers)."""

from __future__ import annotations

from django.shortcuts import render

from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view

from .. import checks, selectors


@coop_view("assemblies.view_assemblies")
def assembly_list(request, coop: Coop):
    staff = request.user.has_perm("assemblies.manage_assemblies", coop)
    return render(
        request,
        "assemblies/list.html",
        {
            "coop": coop,
            "assemblies": selectors.assembly_list(coop=coop, staff=staff),
            "can_manage": staff,
        },
    )


@coop_view("assemblies.view_assemblies")
def assembly_detail(request, coop: Coop, pk: int):
    staff = request.user.has_perm("assemblies.manage_assemblies", coop)
    assembly = selectors.assembly_with_papers(coop=coop, pk=pk, staff=staff)
    context = {"coop": coop, "assembly": assembly, "can_manage": staff}
    if staff:
        context["warnings"] = checks.assembly_warnings(assembly=assembly)
        context["colleges"] = selectors.college_summary(assembly=assembly)
        return render(request, "assemblies/detail_staff.html", context)
    voter = selectors.voter_for_user(assembly=assembly, user=request.user)
    context["voter"] = voter
    context["my_vote"] = selectors.my_vote(assembly=assembly, voter=voter) if voter else None
    return render(request, "assemblies/detail_member.html", context)
