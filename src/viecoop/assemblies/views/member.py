"""A member's own votes: vote online, give or revoke a proxy, read and check their receipts."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, scoped_get

from .. import engine, selectors
from ..forms import ProxyForm, ReceiptLookupForm, VoteForm
from ..governance import rules_of
from ..models import AdvanceVote, Assembly, Voter
from ..services import AssemblyError, voting


def _my_line(request, coop: Coop, pk: int) -> tuple[Assembly, Voter]:
    assembly = scoped_get(
        Assembly.objects.select_related("coop").exclude(status=Assembly.Status.DRAFT),
        coop=coop,
        pk=pk,
    )
    voter = selectors.voter_for_user(assembly=assembly, user=request.user)
    if voter is None:
        raise Http404("Not on the list of voters.")
    return assembly, voter


def cutoffs(assembly: Assembly) -> dict:
    rules = rules_of(assembly)
    return {
        "online": engine.postal_cutoff(rules, assembly.starts_at, engine.Medium.ELECTRONIC),
        "paper": engine.postal_cutoff(rules, assembly.starts_at, engine.Medium.PAPER),
        "rules": rules,
    }


@coop_view("assemblies.view_assemblies")
def vote(request, coop: Coop, pk: int):
    assembly, voter = _my_line(request, coop, pk)
    resolutions = list(assembly.resolutions.filter(added_during_meeting=False).order_by("position"))
    current = voting.active_advance_vote(voter) if request.method == "GET" else None
    initial = {"added_resolutions": rules_of(assembly).added_resolution_default.value}
    if current:
        by_position = current.choices
        initial.update(
            {f"r{r.pk}": by_position.get(str(r.position)) for r in resolutions}
            | {"added_resolutions": current.added_resolutions}
        )
    form = VoteForm(request.POST or None, resolutions=resolutions, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            receipt = voting.online_vote_cast(
                user=request.user,
                voter=voter,
                assembly=assembly,
                choices=form.choices(),
                added_resolutions=form.cleaned_data["added_resolutions"],
            )
        except AssemblyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your vote is recorded. Keep your receipt."))
            return redirect(
                "assemblies:receipt", coop_slug=coop.slug, pk=assembly.pk, code=receipt.receipt_code
            )
    return render(
        request,
        "assemblies/vote.html",
        {
            "coop": coop,
            "assembly": assembly,
            "voter": voter,
            "form": form,
            "current": current,
            "proxy": voting.active_proxy(voter),
            **cutoffs(assembly),
        },
    )


@coop_view("assemblies.view_assemblies")
def proxy(request, coop: Coop, pk: int):
    assembly, voter = _my_line(request, coop, pk)
    form = ProxyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        holder = None
        if form.cleaned_data["to"] == "member":
            number = form.cleaned_data["holder_number"].strip()
            holder = Voter.objects.filter(assembly=assembly, number=number).first()
            if holder is None:
                form.add_error(
                    "holder_number",
                    _("No member with the number %(number)s is on the list of voters.")
                    % {"number": number},
                )
        if not form.errors:
            try:
                given = voting.proxy_give(
                    actor=request.user, assembly=assembly, giver=voter, holder=holder
                )
            except AssemblyError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Your proxy is recorded (receipt %(code)s).") % {"code": given.receipt_code},
                )
                return redirect("assemblies:detail", coop_slug=coop.slug, pk=assembly.pk)
    return render(
        request,
        "assemblies/proxy.html",
        {
            "coop": coop,
            "assembly": assembly,
            "voter": voter,
            "form": form,
            "current": voting.active_proxy(voter),
            "advance_vote": voting.active_advance_vote(voter),
        },
    )


@coop_view("assemblies.view_assemblies")
@require_POST
def proxy_revoke(request, coop: Coop, pk: int):
    assembly, voter = _my_line(request, coop, pk)
    try:
        voting.proxy_revoke(actor=request.user, assembly=assembly, giver=voter)
    except AssemblyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your proxy is revoked: you may vote yourself."))
    return redirect("assemblies:detail", coop_slug=coop.slug, pk=assembly.pk)


@coop_view("assemblies.view_assemblies")
@require_POST
def vote_withdraw(request, coop: Coop, pk: int):
    assembly, voter = _my_line(request, coop, pk)
    try:
        voting.advance_vote_withdraw(actor=request.user, assembly=assembly, voter=voter)
    except AssemblyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your vote is withdrawn."))
    return redirect("assemblies:detail", coop_slug=coop.slug, pk=assembly.pk)


@coop_view("assemblies.view_assemblies")
def receipt(request, coop: Coop, pk: int, code: str):
    """One of the member's own receipts (any of them: replaced ones stay readable)."""
    assembly, voter = _my_line(request, coop, pk)
    vote = AdvanceVote.objects.filter(voter=voter, receipt_code=code).first()
    if vote is None:
        raise Http404
    titles = dict(
        assembly.resolutions.filter(added_during_meeting=False).values_list("position", "title")
    )
    return render(
        request,
        "assemblies/receipt.html",
        {
            "coop": coop,
            "assembly": assembly,
            "voter": voter,
            "vote": vote,
            "lines": [
                (p, titles.get(int(p), ""), c)
                for p, c in sorted(vote.choices.items(), key=lambda i: int(i[0]))
            ],
            "history": AdvanceVote.objects.filter(voter=voter).order_by("-created_at"),
        },
    )


@coop_view("assemblies.view_assemblies")
def receipt_check(request, coop: Coop, pk: int):
    """After the results are published, anyone called to the assembly checks a receipt code."""
    assembly = scoped_get(Assembly.objects.exclude(status=Assembly.Status.DRAFT), coop=coop, pk=pk)
    from ..selectors import receipt_lookup

    form = ReceiptLookupForm(request.GET or None)
    found = None
    if assembly.status == Assembly.Status.PUBLISHED and form.is_valid():
        found = receipt_lookup(assembly=assembly, code=form.cleaned_data["code"])
    return render(
        request,
        "assemblies/receipt_check.html",
        {
            "coop": coop,
            "assembly": assembly,
            "form": form,
            "found": found,
            "searched": form.is_bound,
        },
    )
