"""The attendance sheet and the minutes, as PDF."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone

from viecoop.core.pdf import pdf_response, render_pdf
from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, scoped_get

from .. import selectors
from ..documents.attendance import INLINE_MAX, attendance_sheet_pdf
from ..models import Assembly
from ..services.documents import attendance_sheet_job_start
from .results import visible_results


@coop_view("assemblies.manage_assemblies")
def attendance_sheet(request, coop: Coop, pk: int):
    """Small lists are drawn at once; long ones in the background, the page showing progress."""
    assembly = scoped_get(Assembly.objects.select_related("coop"), coop=coop, pk=pk)
    if assembly.voters_frozen_at is None:
        raise Http404("No list of voters yet.")
    if assembly.voters.count() > INLINE_MAX:
        job = attendance_sheet_job_start(actor=request.user, assembly=assembly)
        return redirect("assemblies:job", coop_slug=coop.slug, pk=assembly.pk, job_pk=job.pk)
    return pdf_response(
        attendance_sheet_pdf(assembly=assembly), f"feuille-de-presence-{assembly.pk}.pdf"
    )


@coop_view("assemblies.view_assemblies")
def minutes(request, coop: Coop, pk: int):
    """The minutes (procès-verbal): staff from the close, members once published."""
    assembly = visible_results(request, coop, pk)
    context = {
        "coop": coop,
        "assembly": assembly,
        "generated_at": timezone.now(),
        "agenda": assembly.agenda_items.order_by("position"),
        **selectors.results_view(assembly=assembly),
    }
    pdf = render_pdf("assemblies/pdf_minutes.html", context, request=request)
    return pdf_response(pdf, f"proces-verbal-{assembly.pk}.pdf", inline=True)
