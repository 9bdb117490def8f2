"""A member's secret ballot in a board election."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view

from ..forms import ElectionVoteForm
from ..models import Election, ElectionParticipation
from ..services import AssemblyError
from ..services.elections import election_vote_cast
from .member import _my_line


@coop_view("assemblies.view_assemblies")
def election_vote(request, coop: Coop, pk: int, election_pk: int):
    assembly, voter = _my_line(request, coop, pk)
    election = get_object_or_404(
        Election.objects.prefetch_related("candidates"), pk=election_pk, assembly=assembly
    )
    voted = ElectionParticipation.objects.filter(election=election, voter=voter).exists()
    form = ElectionVoteForm(request.POST or None, election=election)
    if request.method == "POST" and not voted and form.is_valid():
        try:
            code = election_vote_cast(
                user=request.user,
                assembly=assembly,
                election=election,
                choices=form.cleaned_data["candidates"],
            )
        except AssemblyError as error:
            form.add_error(None, str(error))
        else:
            # The receipt is shown once: it is stored with the ballot only, never with the voter.
            return render(
                request,
                "assemblies/election_receipt.html",
                {"coop": coop, "assembly": assembly, "election": election, "code": code},
            )
    return render(
        request,
        "assemblies/election_vote.html",
        {"coop": coop, "assembly": assembly, "election": election, "form": form, "voted": voted},
    )
