"""A member's own space in their coop: shares, history, contact details, asking to leave."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view

from . import selectors, services
from .forms import ExitRequestForm, OwnDetailsForm
from .models import ExitRequest, Member


def _own_member(request, coop: Coop) -> Member | None:
    return (
        Member.objects.select_related("category", "college", "residence")
        .filter(coop=coop, user=request.user)
        .first()
    )


@coop_view("organizations.view_coop")
def my_membership(request, coop: Coop):
    member = _own_member(request, coop)
    history, balance = selectors.member_history_with_balance(member=member) if member else ([], 0)
    return render(
        request,
        "members/my_membership.html",
        {
            "coop": coop,
            "member": member,
            "history": history,
            "balance": balance,
            "pending_exit": member.exit_requests.filter(status=ExitRequest.Status.PENDING).first()
            if member
            else None,
        },
    )


@coop_view("organizations.view_coop")
def my_details(request, coop: Coop):
    member = _own_member(request, coop)
    if member is None:
        return redirect("members:my_membership", coop_slug=coop.slug)
    form = OwnDetailsForm(request.POST or None, instance=Member.objects.get(pk=member.pk))
    if request.method == "POST" and form.is_valid():
        services.member_update_own_details(user=request.user, member=member, **form.cleaned_data)
        messages.success(request, _("Your contact details have been saved."))
        return redirect("members:my_membership", coop_slug=coop.slug)
    return render(
        request, "members/my_details.html", {"coop": coop, "form": form, "member": member}
    )


@coop_view("organizations.view_coop")
def my_exit_request(request, coop: Coop):
    member = _own_member(request, coop)
    if member is None or member.status != Member.Status.ADMITTED:
        return redirect("members:my_membership", coop_slug=coop.slug)
    form = ExitRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.exit_request_create(
                user=request.user, member=member, message=form.cleaned_data["message"]
            )
        except services.ExitAlreadyRequested:
            messages.info(request, _("Your request has already been sent to the coop."))
        else:
            messages.success(
                request,
                _("Your request has been sent to the coop's managers. They will contact you."),
            )
        return redirect("members:my_membership", coop_slug=coop.slug)
    return render(
        request, "members/my_exit_request.html", {"coop": coop, "form": form, "member": member}
    )


@coop_view("organizations.view_coop")
def my_certificate(request, coop: Coop):
    from .views import certificate_pdf

    member = _own_member(request, coop)
    if member is None or member.status != Member.Status.ADMITTED:
        # The "My shares" page explains how to get one's account linked.
        return redirect("members:my_membership", coop_slug=coop.slug)
    return certificate_pdf(request, coop, member)
