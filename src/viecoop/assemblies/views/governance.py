"""The coop's governance profile: read by staff, changed by managers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from viecoop.core.forms import add_service_errors
from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view

from ..forms import GovernanceForm
from ..models import GovernanceProfile
from ..services.profile import governance_profile_for, governance_update


@coop_view("assemblies.view_governance")
def governance(request, coop: Coop):
    profile = governance_profile_for(coop=coop)
    form = GovernanceForm(instance=profile, coop=coop)
    return render(
        request,
        "assemblies/governance.html",
        {
            "coop": coop,
            "profile": profile,
            "rows": [(field.label, field.value(), field) for field in form],
            "colleges": coop.colleges.all(),
            "can_change": request.user.has_perm("assemblies.change_governance", coop),
        },
    )


@coop_view("assemblies.change_governance")
def governance_edit(request, coop: Coop):
    profile = governance_profile_for(coop=coop)
    form = GovernanceForm(
        request.POST or None, instance=GovernanceProfile.objects.get(pk=profile.pk), coop=coop
    )
    if request.method == "POST" and form.is_valid():
        try:
            governance_update(
                actor=request.user,
                coop=coop,
                **{name: form.cleaned_data[name] for name in form.fields},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The rules are saved. Assemblies already called keep the rules of their notice."),
            )
            return redirect("assemblies:governance", coop_slug=coop.slug)
    return render(request, "assemblies/governance_edit.html", {"coop": coop, "form": form})
