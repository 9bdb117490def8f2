"""A coop answers the federation's campaigns: pre-filled figures, drafts, then submit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors
from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view

from .. import services
from ..forms import AnswerForm
from ..models import Campaign, CampaignResponse
from ..selectors import campaigns as selectors
from .coop import VIEW, _tabs


@coop_view(VIEW)
def campaign_list(request, coop: Coop):
    return render(
        request,
        "reports/campaign_list.html",
        {**_tabs(request, coop), "responses": selectors.coop_responses(coop=coop)},
    )


@coop_view(VIEW)
def campaign_answer(request, coop: Coop, pk: int):
    response = selectors.coop_response(coop=coop, campaign_pk=pk)
    items = selectors.response_items(response=response)
    can_answer = request.user.has_perm("reports.answer_campaign", coop)
    editable = (
        can_answer
        and response.campaign.state == Campaign.State.OPEN
        and response.state != CampaignResponse.State.SUBMITTED
    )
    form = AnswerForm(request.POST or None, items=items)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        submit = "submit" in request.POST
        if form.is_valid():
            try:
                services.response_save(
                    actor=request.user, response=response, values=form.values(), submit=submit
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if submit:
                    messages.success(
                        request, _("Your answers are submitted to the federation. Thank you!")
                    )
                else:
                    messages.success(
                        request,
                        _("Your answers are saved as a draft; submit them before the deadline."),
                    )
                return redirect("reports:campaign_answer", coop_slug=coop.slug, pk=pk)
    sections: list[tuple[str, list]] = []
    for item in items:
        item.bound = form[item.field_name]
        if not sections or sections[-1][0] != item.question.section:
            sections.append((item.question.section, []))
        sections[-1][1].append(item)
    return render(
        request,
        "reports/campaign_answer.html",
        {
            **_tabs(request, coop),
            "response": response,
            "campaign": response.campaign,
            "form": form,
            "sections": sections,
            "editable": editable,
            "has_prefill": any(item.question.prefill_key for item in items),
        },
        status=400 if request.method == "POST" else 200,
    )


@coop_view("reports.answer_campaign")
@require_POST
def campaign_refresh(request, coop: Coop, pk: int):
    response = selectors.coop_response(coop=coop, campaign_pk=pk)
    try:
        changed = services.response_refresh_prefill(actor=request.user, response=response)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "The platform's figures are computed again (%(count)s changed). Your own answers are kept."
            )
            % {"count": changed},
        )
    return redirect("reports:campaign_answer", coop_slug=coop.slug, pk=pk)
