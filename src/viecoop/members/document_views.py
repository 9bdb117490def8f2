"""Pages of the documents made in the background: activation letters, big legal registers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, scoped_get

from .documents import jobs
from .forms import LettersFilterForm
from .models import DocumentJob


def _filters(form: LettersFilterForm) -> dict:
    data = form.cleaned_data if form.is_valid() else {}
    return {
        "without_email": data.get("without_email", True) if form.is_bound else True,
        "skip_pending": data.get("skip_pending", True) if form.is_bound else True,
        "status": data.get("status") or "admitted",
        "residence": data["residence"].pk if data.get("residence") else None,
        "category": data["category"].pk if data.get("category") else None,
    }


@coop_view("members.manage_register")
def letters(request, coop: Coop):
    """Mail-merge of activation letters for members without an account (and without e-mail)."""
    source = request.POST if request.method == "POST" else (request.GET or None)
    form = LettersFilterForm(source, coop=coop)
    filters = _filters(form)
    candidates = jobs.letter_candidates(coop=coop, **filters)
    ready = candidates.filter(jobs.HAS_POSTAL_ADDRESS)
    if request.method == "POST" and form.is_valid():
        ids = list(ready.values_list("pk", flat=True))
        if not ids:
            messages.error(request, _("No member with a postal address matches these filters."))
        else:
            try:
                job = jobs.letters_job_create(
                    actor=request.user,
                    coop=coop,
                    member_ids=ids,
                    description=_("%(count)s letters") % {"count": len(ids)},
                )
            except jobs.DocumentRefused as error:
                messages.error(request, str(error))
            else:
                return redirect(job.get_absolute_url())
    missing = candidates.exclude(jobs.HAS_POSTAL_ADDRESS)
    return render(
        request,
        "members/letters.html",
        {
            "coop": coop,
            "form": form,
            "count": candidates.count(),
            "ready": ready.count(),
            "missing": list(missing[:20]),
            "missing_count": missing.count(),
            "jobs": DocumentJob.objects.filter(
                coop=coop, kind=DocumentJob.Kind.LETTERS
            ).select_related("coop", "created_by")[:10],
        },
    )


def _job(request, coop: Coop, pk: int) -> DocumentJob:
    job = scoped_get(DocumentJob.objects.select_related("coop", "created_by"), coop=coop, pk=pk)
    # Letters hold activation codes: only those who may invite members see them.
    if job.kind == DocumentJob.Kind.LETTERS and not request.user.has_perm(
        "members.manage_register", coop
    ):
        raise PermissionDenied
    return job


@coop_view("members.view_register")
def document_job(request, coop: Coop, pk: int):
    job = _job(request, coop, pk)
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        if job.is_running:
            response = render(request, "members/document_job.html#progress", {"job": job})
        else:
            response = HttpResponse(status=204, headers={"HX-Refresh": "true"})
        patch_vary_headers(response, ("HX-Request",))
        return response
    response = render(
        request,
        "members/document_job.html",
        {
            "coop": coop,
            "job": job,
            "can_delete": request.user.has_perm("members.manage_register", coop),
        },
    )
    patch_vary_headers(response, ("HX-Request",))
    return response


@coop_view("members.view_register")
def document_download(request, coop: Coop, pk: int):
    job = _job(request, coop, pk)
    if job.status != DocumentJob.Status.DONE or not job.file.name:
        raise Http404
    response = FileResponse(
        default_storage.open(job.file.name, "rb"),
        as_attachment=True,
        filename=job.filename,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@coop_view("members.manage_register")
@require_POST  # inside coop_view: another coop's job answers 404 whatever the method
def document_delete(request, coop: Coop, pk: int):
    """Delete a file now (letters printed: their codes need not stay on the server)."""
    job = _job(request, coop, pk)
    if job.status == DocumentJob.Status.DONE:
        jobs.document_job_delete(actor=request.user, job=job)
        messages.success(request, _("The file is deleted."))
    return redirect(job.get_absolute_url())
