"""The federation prepares campaigns, opens them, follows which coops answered, reads answers."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors
from viecoop.organizations.models import Coop
from viecoop.organizations.selectors import current_federation
from viecoop.organizations.tenancy import space_view

from .. import services
from ..forms import CampaignForm, QuestionForm, ReopenForm, SocietariatForm
from ..models import Campaign, CampaignResponse, Question
from ..selectors import campaigns as selectors
from .common import csv_response, xlsx_response

VIEW = "reports.view_federation_reports"
MANAGE = "reports.manage_campaigns"


@space_view(VIEW)
def campaign_list(request):
    return render(
        request,
        "reports/federation_campaigns.html",
        {
            "campaigns": selectors.federation_campaigns(),
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


@space_view(MANAGE)
def campaign_create(request):
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(
                actor=request.user, federation=current_federation(), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The campaign is created: add its questions, then open it.")
            )
            return redirect("reports:federation_campaign", pk=campaign.pk)
    return render(request, "reports/campaign_form.html", {"form": form, "campaign": None})


@space_view(MANAGE)
def societariat_create(request):
    today = date.today()  # noqa: DTZ011 — a default year only
    form = SocietariatForm(
        request.POST or None,
        initial={
            "year": today.year - 1,
            "deadline": date(today.year, 2, 28) if today.month <= 2 else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.societariat_campaign_create(
                actor=request.user, federation=current_federation(), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The “Sociétariat” survey is ready: check its questions, then open it.")
            )
            return redirect("reports:federation_campaign", pk=campaign.pk)
    return render(request, "reports/societariat_form.html", {"form": form})


@space_view(VIEW)
def campaign_detail(request, pk: int):
    campaign = selectors.campaign_for_federation(pk=pk)
    state = request.GET.get("etat", "")
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        header, rows = selectors.export_rows(campaign=campaign)
        name = f"campagne-{campaign.pk}"
        if export == "csv":
            return csv_response(name, header, rows)
        return xlsx_response(name, [(_("Answers"), header, rows)])
    return render(
        request,
        "reports/federation_campaign.html",
        {
            "campaign": campaign,
            "questions": campaign.questions.order_by("position", "pk"),
            "responses": selectors.campaign_progress(campaign=campaign, state=state),
            "state": state if state in CampaignResponse.State.values else "",
            "states": CampaignResponse.State.choices,
            "summaries": selectors.question_summaries(campaign=campaign)
            if campaign.state != Campaign.State.DRAFT
            else [],
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


@space_view(MANAGE)
def campaign_update(request, pk: int):
    campaign = get_object_or_404(Campaign, pk=pk)
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(
                actor=request.user, campaign=Campaign.objects.get(pk=pk), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The campaign is updated."))
            return redirect("reports:federation_campaign", pk=pk)
    return render(request, "reports/campaign_form.html", {"form": form, "campaign": campaign})


@space_view(MANAGE)
def question_create(request, pk: int):
    campaign = get_object_or_404(Campaign, pk=pk)
    return _question_form(request, campaign, None)


@space_view(MANAGE)
def question_update(request, pk: int, question_pk: int):
    campaign = get_object_or_404(Campaign, pk=pk)
    question = get_object_or_404(Question, campaign=campaign, pk=question_pk)
    return _question_form(request, campaign, question)


def _question_form(request, campaign: Campaign, question: Question | None):
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            if question is None:
                services.question_create(
                    actor=request.user, campaign=campaign, **form.service_data()
                )
            else:
                services.question_update(
                    actor=request.user, question=question, **form.service_data()
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The question is saved."))
            return redirect("reports:federation_campaign", pk=campaign.pk)
    return render(
        request,
        "reports/question_form.html",
        {"form": form, "campaign": campaign, "question": question},
    )


@space_view(MANAGE)
@require_POST
def question_delete(request, pk: int, question_pk: int):
    question = get_object_or_404(Question, campaign_id=pk, pk=question_pk)
    try:
        services.question_delete(actor=request.user, question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The question is deleted."))
    return redirect("reports:federation_campaign", pk=pk)


@space_view(MANAGE)
@require_POST
def campaign_state(request, pk: int):
    campaign = get_object_or_404(Campaign, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "open":
            services.campaign_open(actor=request.user, campaign=campaign)
            messages.success(
                request, _("The campaign is open: the référents of every coop are told by e-mail.")
            )
        elif action == "close":
            services.campaign_close(actor=request.user, campaign=campaign)
            messages.success(request, _("The campaign is closed."))
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("reports:federation_campaign", pk=pk)


@space_view(VIEW)
def response_detail(request, pk: int, coop_slug: str):
    campaign = get_object_or_404(Campaign, pk=pk)
    coop = get_object_or_404(Coop, slug=coop_slug)
    response = get_object_or_404(
        CampaignResponse.objects.select_related("submitted_by", "coop"),
        campaign=campaign,
        coop=coop,
    )
    form = ReopenForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm(MANAGE):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.response_reopen(
                    actor=request.user, response=response, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The answers are reopened; the coop is told by e-mail.")
                )
                return redirect("reports:federation_campaign", pk=pk)
    return render(
        request,
        "reports/federation_response.html",
        {
            "campaign": campaign,
            "response": response,
            "items": selectors.response_items(response=response),
            "reopen_form": form if response.state == CampaignResponse.State.SUBMITTED else None,
            "can_manage": request.user.has_perm(MANAGE),
        },
    )
