"""A staff member volunteers ("Devenir référent"); a référent keeps their profile, or steps down."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors
from viecoop.organizations.tenancy import space_view

from .. import services
from ..forms import ApplicationForm, EndMandateForm, ProfileForm
from ..models import ReferentApplication, ReferentMandate, ReferentProfile
from ..rules import is_referent_somewhere
from ..services.referents import volunteer_coops


@space_view("network.view_directory")
def volunteer(request):
    user = request.user
    pending = list(
        ReferentApplication.objects.filter(
            user=user, status=ReferentApplication.Status.PENDING
        ).select_related("coop")
    )
    pending_coops = {application.coop_id for application in pending}
    coops = [coop for coop in volunteer_coops(user) if coop.pk not in pending_coops]
    form = ApplicationForm(request.POST or None, coops=coops) if coops else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.application_submit(
                user=user,
                coop=form.cleaned_data["coop"],
                motivation=form.cleaned_data["motivation"],
                time_available=form.cleaned_data["time_available"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you! Your application has been sent. Your coop's manager is informed "
                    "and the federation's chargée de mission will answer you soon."
                ),
            )
            return redirect("network:home")
    return render(
        request,
        "network/volunteer.html",
        {"form": form, "pending": pending, "coops": coops},
    )


@space_view("network.view_directory")
@require_POST
def application_withdraw(request, pk: int):
    application = get_object_or_404(ReferentApplication, pk=pk, user=request.user)
    try:
        services.application_withdraw(user=request.user, application=application)
    except ValidationError:
        messages.error(request, _("This application has already been answered."))
    else:
        messages.success(request, _("Your application has been withdrawn."))
    return redirect("network:home")


def _own_profile(request) -> ReferentProfile | None:
    """The person's profile; a référent whose role predates profiles gets one now."""
    profile = ReferentProfile.objects.filter(user=request.user).first()
    if profile is None and is_referent_somewhere(request.user):
        profile = services.profile_for(request.user)
    return profile


@space_view("network.view_directory")
def my_profile(request):
    profile = _own_profile(request)
    if profile is None:
        messages.info(request, _("Référents have a profile in the network. Why not become one?"))
        return redirect("network:volunteer")
    form = ProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=ReferentProfile.objects.get(pk=profile.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(actor=request.user, profile=profile, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("network:referent_detail", pk=profile.pk)
    return render(request, "network/profile_form.html", {"form": form, "profile": profile})


@space_view("network.view_directory")
def step_down(request, pk: int):
    mandate = get_object_or_404(
        ReferentMandate.objects.select_related("coop"),
        pk=pk,
        user=request.user,
        ended_on__isnull=True,
    )
    form = EndMandateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mandate_step_down(
                user=request.user, mandate=mandate, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "You are no longer référent of %(coop)s. Thank you for all you did; "
                    "your mandate stays in the network's history."
                )
                % {"coop": mandate.coop},
            )
            return redirect("network:home")
    return render(request, "network/step_down.html", {"form": form, "mandate": mandate})
