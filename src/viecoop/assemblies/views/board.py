"""The board: everyone of the coop sees who sits on it and since when; managers keep it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.core.forms import add_service_errors
from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, scoped_get

from .. import selectors
from ..forms import MandateEndForm, MandateForm
from ..models import Mandate
from ..services import AssemblyError
from ..services.board import mandate_create, mandate_end


@coop_view("assemblies.view_board")
def board(request, coop: Coop):
    can_manage = request.user.has_perm("assemblies.manage_board", coop)
    return render(
        request,
        "assemblies/board.html",
        {
            "coop": coop,
            "mandates": selectors.board(coop=coop),
            "history": selectors.board_history(coop=coop) if can_manage else [],
            "indicator": selectors.board_user_members(coop=coop),
            "can_manage": can_manage,
        },
    )


@coop_view("assemblies.manage_board")
def mandate_add(request, coop: Coop):
    form = MandateForm(request.POST or None, coop=coop, initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("member_number")
        try:
            mandate_create(actor=request.user, coop=coop, **data)
        except AssemblyError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The mandate is recorded."))
            return redirect("assemblies:board", coop_slug=coop.slug)
    return render(
        request,
        "assemblies/board_form.html",
        {"coop": coop, "form": form, "title": _("A seat on the board")},
    )


@coop_view("assemblies.manage_board")
def mandate_close(request, coop: Coop, mandate_pk: int):
    mandate = scoped_get(Mandate.objects.select_related("member"), coop=coop, pk=mandate_pk)
    form = MandateEndForm(request.POST or None, initial={"ends_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            mandate_end(actor=request.user, mandate=mandate, **form.cleaned_data)
        except AssemblyError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The mandate has ended."))
            return redirect("assemblies:board", coop_slug=coop.slug)
    return render(
        request,
        "assemblies/board_form.html",
        {
            "coop": coop,
            "form": form,
            "title": _("End the mandate of %(name)s") % {"name": mandate.member},
        },
    )
