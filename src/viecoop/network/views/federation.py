"""The federation's side: welcoming volunteers, coops without a référent, ending a mandate."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from viecoop.core.forms import add_service_errors
from viecoop.core.htmx import render_page
from viecoop.organizations.tenancy import space_view

from .. import extensions, selectors, services
from ..forms import AcceptForm, DeclineForm, EndMandateForm
from ..models import ReferentApplication, ReferentMandate

PER_PAGE = 30


@space_view("network.view_applications")
def applications(request):
    status = request.GET.get("statut", ReferentApplication.Status.PENDING)
    if status not in ReferentApplication.Status.values and status != "tous":
        status = ReferentApplication.Status.PENDING
    qs = selectors.applications(status="" if status == "tous" else status)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    tabs = [*ReferentApplication.Status.choices, ("tous", _("All"))]
    return render_page(
        request,
        "network/applications.html",
        {"page": page, "status": status, "tabs": tabs, "query": f"statut={status}"},
    )


@space_view("network.view_applications")
def application_review(request, pk: int):
    application = get_object_or_404(
        ReferentApplication.objects.select_related("user", "coop", "decided_by"), pk=pk
    )
    can_review = request.user.has_perm("network.review_applications")
    action = request.POST.get("action") if request.method == "POST" else None
    accept_form = AcceptForm(request.POST if action == "accept" else None, prefix="accept")
    decline_form = DeclineForm(request.POST if action == "decline" else None, prefix="decline")
    if action and not can_review:
        messages.error(request, _("Only the federation's chargée de mission decides."))
        return redirect("network:application_review", pk=pk)
    if action == "accept" and accept_form.is_valid():
        try:
            services.application_accept(
                actor=request.user,
                application=application,
                message=accept_form.cleaned_data["message"],
                meetings=extensions.upcoming_meetings(limit=3),
            )
        except ValidationError as error:
            add_service_errors(accept_form, error)
        else:
            messages.success(
                request,
                _("%(person)s is now référent of %(coop)s. A welcome e-mail is on its way.")
                % {"person": application.user, "coop": application.coop},
            )
            return redirect("network:applications")
    elif action == "decline" and decline_form.is_valid():
        try:
            services.application_decline(
                actor=request.user,
                application=application,
                reason=decline_form.cleaned_data["decision_message"],
            )
        except ValidationError as error:
            add_service_errors(decline_form, error)
        else:
            messages.success(
                request,
                _("The application of %(person)s has been declined; they have been told why.")
                % {"person": application.user},
            )
            return redirect("network:applications")
    others = selectors.applications().filter(user=application.user).exclude(pk=application.pk)
    return render(
        request,
        "network/application_review.html",
        {
            "application": application,
            "accept_form": accept_form,
            "decline_form": decline_form,
            "can_review": can_review,
            "other_applications": others,
            "mandates": selectors.mandates_of(user=application.user),
            "coop_referents": selectors.referent_roles().filter(coop=application.coop),
        },
    )


@space_view("network.view_coops_without_referent")
def coops_without_referent(request):
    coops = list(selectors.coops_without_referent())
    return render(request, "network/coops_without_referent.html", {"coops": coops})


@space_view("network.end_mandate")
def mandate_end(request, pk: int):
    mandate = get_object_or_404(
        ReferentMandate.objects.select_related("user", "coop", "user__referent_profile"),
        pk=pk,
        ended_on__isnull=True,
    )
    form = EndMandateForm(request.POST or None, note_required=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.mandate_end(
                actor=request.user, mandate=mandate, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The mandate of %(person)s in %(coop)s has ended.")
                % {"person": mandate.user, "coop": mandate.coop},
            )
            profile = getattr(mandate.user, "referent_profile", None)
            if profile is not None:
                return redirect("network:referent_detail", pk=profile.pk)
            return redirect("network:coops_without_referent")
    return render(request, "network/mandate_end.html", {"form": form, "mandate": mandate})
