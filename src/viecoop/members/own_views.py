"""A member's own space in their coop: shares, history, contact details, asking to leave."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from viecoop.core.forms import add_service_errors
from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view

from . import selectors, services
from .forms import ExitRequestForm, OwnConsentsForm, OwnDetailsForm, PreferencesForm
from .models import ConsentChannel, ExitRequest, Member
from .views import consent_rows


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
            "consents": consent_rows(member) if member else [],
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
def my_preferences(request, coop: Coop):
    """How the member wants to hear from the coop, and their consents, in one form."""
    member = _own_member(request, coop)
    if member is None:
        return redirect("members:my_membership", coop_slug=coop.slug)
    rows = consent_rows(member)
    texts = {row["purpose"]: row["text"] for row in rows if row["text"]}
    state = {row["purpose"]: row["consent"] for row in rows}
    data = request.POST if request.method == "POST" else None
    preferences = PreferencesForm(
        data,
        initial={
            "preferred_channel": member.preferred_channel,
            "language": member.language,
            "topics": member.topics,
        },
    )
    consents = OwnConsentsForm(data, texts=texts, state=state)
    if request.method == "POST" and preferences.is_valid() and consents.is_valid():
        try:
            with transaction.atomic():
                services.member_update_preferences(
                    actor=request.user, member=member, **preferences.cleaned_data
                )
                for purpose, given in consents.cleaned_data.items():
                    consent = state.get(purpose)
                    if given == bool(consent and consent.given) and not (
                        given and consent and consent.text_id != texts[purpose].pk
                    ):
                        continue  # unchanged (a new text version ticked again is recorded)
                    if not given and consent is None:
                        continue  # never asked, still not given: nothing to record
                    services.consent_record(
                        actor=request.user,
                        member=member,
                        purpose=purpose,
                        given=given,
                        channel=ConsentChannel.ONLINE,
                    )
        except services.ConsentError as error:
            consents.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(preferences, error)
        else:
            messages.success(request, _("Your choices have been saved."))
            return redirect("members:my_membership", coop_slug=coop.slug)
    return render(
        request,
        "members/my_preferences.html",
        {
            "coop": coop,
            "member": member,
            "preferences": preferences,
            "consents": consents,
            "rows": [{**row, "field": consents[row["purpose"]]} for row in rows if row["text"]],
            "history": list(selectors.consent_history(member=member)[:50]),
        },
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
