"""Staff pages that prepare an assembly: details, agenda, resolutions, documents, elections, voters."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors
from viecoop.core.htmx import render_page
from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, scoped_get

from .. import selectors
from ..forms import (
    AgendaItemForm,
    AssemblyForm,
    CandidateForm,
    DocumentForm,
    ElectionForm,
    RecordDateForm,
    ResolutionForm,
)
from ..models import AgendaItem, Assembly, AssemblyDocument, Candidate, Election, Resolution
from ..services import AssemblyError, preparation

PAGE_SIZE = 50
INLINE_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}


def _assembly(coop: Coop, pk: int) -> Assembly:
    return scoped_get(Assembly.objects.select_related("coop"), coop=coop, pk=pk)


def _back(assembly: Assembly, anchor: str = ""):
    response = redirect(assembly.get_absolute_url() + (f"#{anchor}" if anchor else ""))
    return response


def _form_page(request, coop, assembly, form, *, title: str, submit: str, multipart=False):
    return render(
        request,
        "assemblies/form.html",
        {
            "coop": coop,
            "assembly": assembly,
            "form": form,
            "title": title,
            "submit": submit,
            "multipart": multipart,
        },
    )


@coop_view("assemblies.manage_assemblies")
def assembly_create(request, coop: Coop):
    form = AssemblyForm(request.POST or None, coop=coop)
    if request.method == "POST" and form.is_valid():
        try:
            assembly = preparation.assembly_create(
                actor=request.user, coop=coop, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assembly is created. Prepare its agenda."))
            return redirect(assembly.get_absolute_url())
    return _form_page(
        request, coop, None, form, title=_("New general assembly"), submit=_("Create")
    )


@coop_view("assemblies.manage_assemblies")
def assembly_update(request, coop: Coop, pk: int):
    assembly = _assembly(coop, pk)
    form = AssemblyForm(request.POST or None, instance=Assembly.objects.get(pk=pk), coop=coop)
    if request.method == "POST" and form.is_valid():
        try:
            preparation.assembly_update(actor=request.user, assembly=assembly, **form.cleaned_data)
        except AssemblyError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assembly's details are saved."))
            return _back(assembly)
    return _form_page(
        request, coop, assembly, form, title=_("Details of the assembly"), submit=_("Save")
    )


@coop_view("assemblies.manage_assemblies")
def assembly_delete(request, coop: Coop, pk: int):
    assembly = _assembly(coop, pk)
    if request.method == "POST":
        try:
            preparation.assembly_delete(actor=request.user, assembly=assembly)
        except AssemblyError as error:
            messages.error(request, str(error))
            return _back(assembly)
        messages.success(request, _("The assembly is deleted."))
        return redirect("assemblies:list", coop_slug=coop.slug)
    return render(
        request,
        "assemblies/confirm.html",
        {
            "coop": coop,
            "assembly": assembly,
            "title": _("Delete this assembly?"),
            "message": _("Its agenda, resolutions, documents and list of voters go with it."),
            "submit": _("Delete"),
        },
    )


# Agenda ---------------------------------------------------------------------------


@coop_view("assemblies.manage_assemblies")
def agenda_item_edit(request, coop: Coop, pk: int, item_pk: int | None = None):
    assembly = _assembly(coop, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, assembly=assembly) if item_pk else None
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            preparation.agenda_item_save(
                actor=request.user, assembly=assembly, item=item, **form.cleaned_data
            )
        except AssemblyError as error:
            form.add_error(None, str(error))
        else:
            return _back(assembly, "agenda")
    return _form_page(
        request,
        coop,
        assembly,
        form,
        title=_("Agenda item") if item else _("New agenda item"),
        submit=_("Save"),
    )


@coop_view("assemblies.manage_assemblies")
@require_POST
def agenda_item_action(request, coop: Coop, pk: int, item_pk: int, action: str):
    assembly = _assembly(coop, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, assembly=assembly)
    try:
        if action == "supprimer":
            preparation.agenda_item_delete(actor=request.user, item=item)
        elif action in ("monter", "descendre"):
            preparation.agenda_item_move(actor=request.user, item=item, up=action == "monter")
        else:
            raise Http404
    except AssemblyError as error:
        messages.error(request, str(error))
    return _back(assembly, "agenda")


# Resolutions ------------------------------------------------------------------------


@coop_view("assemblies.manage_assemblies")
def resolution_edit(request, coop: Coop, pk: int, resolution_pk: int | None = None):
    assembly = _assembly(coop, pk)
    resolution = (
        get_object_or_404(Resolution, pk=resolution_pk, assembly=assembly)
        if resolution_pk
        else None
    )
    form = ResolutionForm(
        request.POST or None,
        instance=resolution,
        initial={"kind": "extraordinary" if assembly.kind == "extraordinary" else "ordinary"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            preparation.resolution_save(
                actor=request.user, assembly=assembly, resolution=resolution, **form.cleaned_data
            )
        except AssemblyError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _back(assembly, "resolutions")
    return _form_page(
        request,
        coop,
        assembly,
        form,
        title=_("Resolution %(number)s") % {"number": resolution.position}
        if resolution
        else _("New resolution"),
        submit=_("Save"),
    )


@coop_view("assemblies.manage_assemblies")
@require_POST
def resolution_action(request, coop: Coop, pk: int, resolution_pk: int, action: str):
    assembly = _assembly(coop, pk)
    resolution = get_object_or_404(Resolution, pk=resolution_pk, assembly=assembly)
    try:
        if action == "supprimer":
            preparation.resolution_delete(actor=request.user, resolution=resolution)
        elif action in ("monter", "descendre"):
            preparation.resolution_move(
                actor=request.user, resolution=resolution, up=action == "monter"
            )
        else:
            raise Http404
    except AssemblyError as error:
        messages.error(request, str(error))
    return _back(assembly, "resolutions")


# Documents -------------------------------------------------------------------------


@coop_view("assemblies.manage_assemblies")
def document_add(request, coop: Coop, pk: int):
    assembly = _assembly(coop, pk)
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        assembly=assembly,
        initial={"resolution": request.GET.get("resolution")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            preparation.document_add(
                actor=request.user,
                assembly=assembly,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                resolution=form.cleaned_data["resolution"],
            )
        except AssemblyError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The document is added."))
            return _back(assembly, "documents")
    return _form_page(
        request, coop, assembly, form, title=_("Add a document"), submit=_("Add"), multipart=True
    )


@coop_view("assemblies.manage_assemblies")
@require_POST
def document_delete(request, coop: Coop, pk: int, document_pk: int):
    assembly = _assembly(coop, pk)
    document = get_object_or_404(AssemblyDocument, pk=document_pk, assembly=assembly)
    try:
        preparation.document_delete(actor=request.user, document=document)
    except AssemblyError as error:
        messages.error(request, str(error))
    return _back(assembly, "documents")


@coop_view("assemblies.view_assemblies")
def document_download(request, coop: Coop, pk: int, document_pk: int):
    """Staff read every paper; members those of an assembly they were called to."""
    staff = request.user.has_perm("assemblies.manage_assemblies", coop)
    assembly = _assembly(coop, pk)
    if assembly.is_draft and not staff:
        raise Http404
    document = get_object_or_404(AssemblyDocument, pk=document_pk, assembly=assembly)
    # Uploaded files are shown in the browser only when they cannot carry a script (PDF and
    # raster images); anything else (HTML, SVG, office files) is downloaded. The sandbox CSP
    # keeps even a mislabelled file from running in the site's origin.
    extension = document.original_name.rsplit(".", 1)[-1].lower()
    inline = INLINE_TYPES.get(extension)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=inline is None,
        filename=document.original_name,
        content_type=inline or "application/octet-stream",
    )
    response["Content-Security-Policy"] = "sandbox"
    return response


# Elections -------------------------------------------------------------------------


@coop_view("assemblies.manage_assemblies")
def election_edit(request, coop: Coop, pk: int, election_pk: int | None = None):
    assembly = _assembly(coop, pk)
    election = (
        get_object_or_404(Election, pk=election_pk, assembly=assembly) if election_pk else None
    )
    form = ElectionForm(request.POST or None, instance=election)
    if request.method == "POST" and form.is_valid():
        try:
            preparation.election_save(
                actor=request.user, assembly=assembly, election=election, **form.cleaned_data
            )
        except AssemblyError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _back(assembly, "elections")
    return _form_page(
        request,
        coop,
        assembly,
        form,
        title=election.title if election else _("New board election"),
        submit=_("Save"),
    )


@coop_view("assemblies.manage_assemblies")
@require_POST
def election_delete(request, coop: Coop, pk: int, election_pk: int):
    assembly = _assembly(coop, pk)
    election = get_object_or_404(Election, pk=election_pk, assembly=assembly)
    try:
        preparation.election_delete(actor=request.user, election=election)
    except AssemblyError as error:
        messages.error(request, str(error))
    return _back(assembly, "elections")


@coop_view("assemblies.manage_assemblies")
def candidate_add(request, coop: Coop, pk: int, election_pk: int):
    assembly = _assembly(coop, pk)
    election = get_object_or_404(Election, pk=election_pk, assembly=assembly)
    form = CandidateForm(request.POST or None, coop=coop)
    if request.method == "POST" and form.is_valid():
        try:
            preparation.candidate_save(
                actor=request.user,
                election=election,
                member=form.cleaned_data["member"],
                statement=form.cleaned_data["statement"],
            )
        except AssemblyError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _back(assembly, "elections")
    return _form_page(
        request,
        coop,
        assembly,
        form,
        title=_("A candidate in « %(election)s »") % {"election": election.title},
        submit=_("Add"),
    )


@coop_view("assemblies.manage_assemblies")
@require_POST
def candidate_delete(request, coop: Coop, pk: int, candidate_pk: int):
    assembly = _assembly(coop, pk)
    candidate = get_object_or_404(Candidate, pk=candidate_pk, election__assembly=assembly)
    try:
        preparation.candidate_delete(actor=request.user, candidate=candidate)
    except AssemblyError as error:
        messages.error(request, str(error))
    return _back(assembly, "elections")


# Record date and voters --------------------------------------------------------------


@coop_view("assemblies.manage_assemblies")
def record_date(request, coop: Coop, pk: int):
    assembly = _assembly(coop, pk)
    form = RecordDateForm(
        request.POST or None,
        initial={"record_date": assembly.record_date or timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = preparation.voters_freeze(
                actor=request.user, assembly=assembly, record_date=form.cleaned_data["record_date"]
            )
        except AssemblyError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        except ValueError as error:  # the register's colleges break the rules
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request, _("The list of voters is frozen: %(count)s voters.") % {"count": count}
            )
            return redirect("assemblies:voters", coop_slug=coop.slug, pk=assembly.pk)
    return render(
        request,
        "assemblies/record_date.html",
        {"coop": coop, "assembly": assembly, "form": form},
    )


@coop_view("assemblies.manage_assemblies")
def voters(request, coop: Coop, pk: int):
    assembly = _assembly(coop, pk)
    search = request.GET.get("q", "").strip()[:100]
    college = request.GET.get("college", "")[:20]
    page = Paginator(
        selectors.voter_list(assembly=assembly, search=search, college=college), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "assemblies/voters.html",
        {
            "coop": coop,
            "assembly": assembly,
            "page": page,
            "search": search,
            "college": college,
            "colleges": selectors.college_summary(assembly=assembly),
            "query": query.urlencode(),
        },
    )
