"""Staff type in paper postal forms and proxies; a second person types them again."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, scoped_get

from ..forms import PostalPaperForm, ProxyPaperForm
from ..models import Assembly, PaperForm
from ..services import AssemblyError, paper

FORMS = {PaperForm.Kind.POSTAL: PostalPaperForm, PaperForm.Kind.PROXY: ProxyPaperForm}


def _assembly(coop: Coop, pk: int) -> Assembly:
    return scoped_get(Assembly.objects.select_related("coop"), coop=coop, pk=pk)


@coop_view("assemblies.enter_paper_forms")
def paper_forms(request, coop: Coop, pk: int):
    assembly = _assembly(coop, pk)
    forms = PaperForm.objects.filter(assembly=assembly).select_related(
        "voter", "entered_by", "confirmed_by"
    )
    return render(
        request,
        "assemblies/paper_forms.html",
        {
            "coop": coop,
            "assembly": assembly,
            "pending": [f for f in forms if f.status == PaperForm.Status.PENDING],
            "closed": [f for f in forms if f.status != PaperForm.Status.PENDING][:100],
        },
    )


@coop_view("assemblies.enter_paper_forms")
def paper_form_new(request, coop: Coop, pk: int, kind: str):
    assembly = _assembly(coop, pk)
    if kind not in FORMS:
        raise Http404
    form = FORMS[kind](
        request.POST or None, assembly=assembly, initial={"received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            paper.paper_form_enter(
                actor=request.user,
                assembly=assembly,
                voter=form.voter,
                kind=kind,
                data=form.data_for_service(),
            )
        except AssemblyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("First entry saved. Another person must now type the form again to record it."),
            )
            return redirect("assemblies:paper_forms", coop_slug=coop.slug, pk=assembly.pk)
    return render(
        request,
        "assemblies/paper_form.html",
        {"coop": coop, "assembly": assembly, "form": form, "kind": kind, "second": False},
    )


@coop_view("assemblies.enter_paper_forms")
def paper_form_confirm(request, coop: Coop, pk: int, form_pk: int):
    assembly = _assembly(coop, pk)
    record = get_object_or_404(
        PaperForm.objects.select_related("voter", "entered_by"), pk=form_pk, assembly=assembly
    )
    form = FORMS[record.kind](request.POST or None, assembly=assembly, voter=record.voter)
    same_person = record.entered_by_id == request.user.pk
    if request.method == "POST" and form.is_valid():
        try:
            record = paper.paper_form_confirm(
                actor=request.user, paper_form=record, data=form.data_for_service()
            )
        except AssemblyError as error:
            form.add_error(None, str(error))
        else:
            if record.status == PaperForm.Status.APPLIED:
                messages.success(request, _("The two entries match: the form is recorded."))
            else:
                messages.warning(
                    request,
                    _("The entries match but the form is refused: %(why)s")
                    % {"why": record.outcome},
                )
            return redirect("assemblies:paper_forms", coop_slug=coop.slug, pk=assembly.pk)
    return render(
        request,
        "assemblies/paper_form.html",
        {
            "coop": coop,
            "assembly": assembly,
            "form": form,
            "kind": record.kind,
            "record": record,
            "second": True,
            "same_person": same_person,
        },
    )


@coop_view("assemblies.enter_paper_forms")
@require_POST
def paper_form_cancel(request, coop: Coop, pk: int, form_pk: int):
    assembly = _assembly(coop, pk)
    record = get_object_or_404(PaperForm, pk=form_pk, assembly=assembly)
    try:
        paper.paper_form_cancel(actor=request.user, paper_form=record)
    except AssemblyError as error:
        messages.error(request, str(error))
    return redirect("assemblies:paper_forms", coop_slug=coop.slug, pk=assembly.pk)
