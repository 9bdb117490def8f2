"""Consents recorded by staff (a paper form, an e-mail, in person) on a member's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.core.forms import add_service_errors
from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, scoped_get

from . import selectors, services
from .forms import (
    ConsentRecordForm,
)
from .models import (
    ConsentChannel,
    ConsentPurpose,
    ConsentText,
    Member,
)

PAGE_SIZE = 50


def consent_rows(member: Member) -> list[dict]:
    """Each purpose with the consent in force and the coop's current text (4 queries)."""
    state = selectors.consents_of(member=member)
    current = {
        text.purpose: text
        for text in ConsentText.objects.filter(coop_id=member.coop_id).order_by("version")
    }
    return [
        {
            "purpose": purpose,
            "label": label,
            "consent": state[purpose],
            "text": current.get(purpose),
            "outdated": bool(
                state[purpose]
                and current.get(purpose)
                and state[purpose].text_id != current[purpose].pk
            ),
        }
        for purpose, label in ConsentPurpose.choices
    ]


@coop_view("members.manage_register")
def member_consent(request, coop: Coop, pk: int):
    """Staff record a consent given or withdrawn outside the site (a signed paper form…)."""
    member = scoped_get(Member.objects, coop=coop, pk=pk)
    initial = {"on": timezone.localdate(), "channel": ConsentChannel.PAPER, "given": "1"}
    if request.GET.get("objet") in ConsentPurpose.values:
        initial["purpose"] = request.GET["objet"]
    form = ConsentRecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consent = services.consent_record(
                actor=request.user,
                member=member,
                purpose=data["purpose"],
                given=data["given"],
                channel=data["channel"],
                on=data["on"],
                note=data["note"],
            )
        except services.ConsentError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if consent is not None:
                messages.success(request, _("The consent is recorded in the member's history."))
            url = reverse("members:member_detail", kwargs={"coop_slug": coop.slug, "pk": member.pk})
            return redirect(f"{url}#consents")
    return render(
        request,
        "members/member_consent.html",
        {"coop": coop, "form": form, "member": member, "consents": consent_rows(member)},
    )
