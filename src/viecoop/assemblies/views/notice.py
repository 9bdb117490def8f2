"""Sending the notice and following its background job (e-mails, letters to print)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view

from .. import checks, selectors
from ..models import AssemblyJob
from ..services import AssemblyError, notice


@coop_view("assemblies.manage_assemblies")
def notice_send(request, coop: Coop, pk: int):
    assembly = selectors.assembly_with_papers(coop=coop, pk=pk, staff=True)
    warnings = checks.assembly_warnings(assembly=assembly)
    error = ""
    if request.method == "POST":
        try:
            job = notice.notice_send(
                actor=request.user,
                assembly=assembly,
                acknowledge_warnings=request.POST.get("acknowledge") == "on",
            )
        except AssemblyError as problem:
            error = str(problem)
        else:
            messages.success(request, _("The notice is on its way."))
            return redirect("assemblies:job", coop_slug=coop.slug, pk=assembly.pk, job_pk=job.pk)
    return render(
        request,
        "assemblies/notice.html",
        {
            "coop": coop,
            "assembly": assembly,
            "warnings": warnings,
            "blocking": any(w.level == "error" for w in warnings),
            "error": error,
            "voters": assembly.voters.count(),
        },
    )


@coop_view("assemblies.manage_assemblies")
def job(request, coop: Coop, pk: int, job_pk: int):
    job = get_object_or_404(
        AssemblyJob.objects.select_related("assembly", "created_by"),
        pk=job_pk,
        assembly__pk=pk,
        assembly__coop=coop,
    )
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        if job.is_running:
            response = render(request, "assemblies/job.html#progress", {"job": job, "coop": coop})
        else:
            response = HttpResponse(status=204, headers={"HX-Refresh": "true"})
        patch_vary_headers(response, ("HX-Request",))
        return response
    response = render(
        request, "assemblies/job.html", {"coop": coop, "assembly": job.assembly, "job": job}
    )
    patch_vary_headers(response, ("HX-Request",))
    return response


@coop_view("assemblies.manage_assemblies")
def job_file(request, coop: Coop, pk: int, job_pk: int):
    job = get_object_or_404(AssemblyJob, pk=job_pk, assembly__pk=pk, assembly__coop=coop)
    if not job.file:
        raise Http404
    name = "convocations" if job.kind == AssemblyJob.Kind.NOTICE else "feuille-de-presence"
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=f"{name}-{pk}.pdf")
