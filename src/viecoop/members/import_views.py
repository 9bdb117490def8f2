"""Pages of the register import and export: upload, map, check, confirm, follow, download."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, scoped_get

from .importing import export, parsing
from .importing import services as import_services
from .importing.fields import FIELDS, propose_mapping
from .importing.forms import ConfirmForm, MappingForm, UploadForm
from .models import ImportJob

REPORT_ROWS = 500  # rejections shown on the page; all of them are in the CSV


@coop_view("members.manage_register")
def import_start(request, coop: Coop):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_services.import_job_create(
                actor=request.user,
                coop=coop,
                upload=form.cleaned_data["file"],
                language=get_language() or "fr",
            )
        except parsing.FileError as error:
            form.add_error("file", str(error))
        else:
            return redirect(job.get_absolute_url())
    jobs = ImportJob.objects.filter(coop=coop).select_related("created_by")[:10]
    return render(
        request,
        "members/import_start.html",
        {"coop": coop, "form": form, "jobs": jobs},
    )


def _mapping_form(request, job: ImportJob) -> MappingForm:
    if request.method == "POST":
        return MappingForm(request.POST, headers=job.headers)
    if job.mapping:
        current = job.mapping
    else:
        current = propose_mapping(job.headers, import_services.saved_mapping(coop=job.coop))
    return MappingForm(
        headers=job.headers, initial={key: str(index) for key, index in current.items()}
    )


@coop_view("members.manage_register")
def job_detail(request, coop: Coop, pk: int):
    job = scoped_get(ImportJob.objects.select_related("coop", "created_by"), coop=coop, pk=pk)
    htmx = getattr(request, "htmx", None)
    if htmx and request.method == "GET" and not htmx.history_restore_request:
        if job.is_running:
            response = render(request, "members/import_job.html#progress", {"job": job})
        else:
            # Finished: reload the page, which now shows the report.
            response = HttpResponse(status=204, headers={"HX-Refresh": "true"})
        patch_vary_headers(response, ("HX-Request",))
        return response

    mapping_form = None
    if job.status in (ImportJob.Status.UPLOADED, ImportJob.Status.VALIDATED):
        mapping_form = _mapping_form(request, job)
        if request.method == "POST" and mapping_form.is_valid():
            try:
                job = import_services.import_job_map(
                    actor=request.user, job=job, mapping=mapping_form.cleaned_data["mapping"]
                )
            except import_services.ImportRefused as error:
                mapping_form.add_error(None, str(error))
            else:
                return redirect(job.get_absolute_url())
    report = job.report or {}
    errors = report.get("errors", [])
    response = render(
        request,
        "members/import_job.html",
        {
            "coop": coop,
            "job": job,
            "mapping_form": mapping_form,
            "mapping_rows": [(field, mapping_form[field.key]) for field in FIELDS]
            if mapping_form
            else [],
            "preview_headers": job.headers,
            "confirm_form": ConfirmForm() if job.status == ImportJob.Status.VALIDATED else None,
            "errors": errors[:REPORT_ROWS],
            "errors_total": len(errors),
            "report": report,
        },
    )
    patch_vary_headers(response, ("HX-Request",))
    return response


@coop_view("members.manage_register")
@require_POST  # inside coop_view: another coop's job answers 404 whatever the method
def job_confirm(request, coop: Coop, pk: int):
    job = scoped_get(ImportJob.objects, coop=coop, pk=pk)
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        import_services.import_job_confirm(
            actor=request.user,
            job=job,
            valid_rows_only=form.cleaned_data.get("valid_rows_only", False),
        )
    except import_services.ImportRefused as error:
        messages.error(request, str(error))
    return redirect(job.get_absolute_url())


@coop_view("members.manage_register")
def job_rejections(request, coop: Coop, pk: int):
    job = scoped_get(ImportJob.objects, coop=coop, pk=pk)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Line"), _("Column"), _("Value"), _("Why")])
    for error in (job.report or {}).get("errors", []):
        writer.writerow([error["line"], error["column"], error["value"], error["message"]])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="rejets-import-{job.pk}.csv"'
    return response


def _download(content: bytes, content_type: str, coop: Coop, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"registre-{coop.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@coop_view("members.view_register")
def export_csv(request, coop: Coop):
    content = export.export_csv(actor=request.user, coop=coop)
    return _download(content, "text/csv; charset=utf-8", coop, "csv")


@coop_view("members.view_register")
def export_xlsx(request, coop: Coop):
    content = export.export_xlsx(actor=request.user, coop=coop)
    return _download(
        content,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        coop,
        "xlsx",
    )
