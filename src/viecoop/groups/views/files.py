"""A group's documents (with their versions) and deliverables."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors

from .. import selectors, services
from ..audience import group_path
from ..deliverables import targets_for
from ..forms import DeliverableForm, DocumentForm, VersionForm
from ..models import Deliverable, DocumentVersion, GroupDocument, WorkingGroup
from ..services.files import DELIVERABLE_EDITABLE
from .pages import group_context


def _download(file, name: str) -> FileResponse:
    if not file:
        raise Http404("No file.")
    response = FileResponse(file.open("rb"), as_attachment=True, filename=name or file.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def document_list(request, *, group: WorkingGroup, coop):
    context = group_context(request, group, coop, "documents")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not context["can_post"]:
            return redirect(group_path(group, "documents"))
        if form.is_valid():
            try:
                document = services.document_add(
                    actor=request.user, group=group, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The document is added."))
                return redirect(group_path(group, "document", document_pk=document.pk))
    context.update(documents=selectors.documents(group), form=form)
    return render(request, "groups/documents.html", context)


def document_detail(request, *, group: WorkingGroup, coop, document_pk: int):
    document = get_object_or_404(GroupDocument, group=group, pk=document_pk)
    context = group_context(request, group, coop, "documents")
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not context["can_post"]:
            return redirect(group_path(group, "document", document_pk=document.pk))
        if form.is_valid():
            try:
                version = services.document_new_version(
                    actor=request.user, document=document, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Version %(number)s is added.") % {"number": version.number}
                )
                return redirect(group_path(group, "document", document_pk=document.pk))
    context.update(
        document=document,
        versions=list(document.versions.select_related("uploaded_by").order_by("-number")),
        form=form,
    )
    return render(request, "groups/document.html", context)


def version_download(request, *, group: WorkingGroup, coop, document_pk: int, version_pk: int):
    version = get_object_or_404(
        DocumentVersion, document__group=group, document_id=document_pk, pk=version_pk
    )
    return _download(version.file, version.original_name)


def deliverable_list(request, *, group: WorkingGroup, coop):
    context = group_context(request, group, coop, "deliverables")
    context["deliverables"] = selectors.deliverables(group)
    return render(request, "groups/deliverables.html", context)


def deliverable_create(request, *, group: WorkingGroup, coop):
    result = _deliverable_form(request, group, coop, None)
    if not isinstance(result, DeliverableForm):
        return result
    context = group_context(request, group, coop, "deliverables")
    context["form"] = result
    return render(request, "groups/deliverable_form.html", context)


def _deliverable_form(request, group, coop, deliverable):
    initial = {}
    if deliverable is not None:
        initial = {
            "title": deliverable.title,
            "description": deliverable.description,
            "final": deliverable.status == Deliverable.Status.FINAL,
        }
    form = DeliverableForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            deliverable = services.deliverable_save(
                actor=request.user, group=group, deliverable=deliverable, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except services.GroupError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The deliverable is saved."))
            return redirect(group_path(group, "deliverable", deliverable_pk=deliverable.pk))
    return form


def deliverable_detail(request, *, group: WorkingGroup, coop, deliverable_pk: int):
    deliverable = get_object_or_404(
        Deliverable.objects.select_related("created_by", "proposed_by"),
        group=group,
        pk=deliverable_pk,
    )
    context = group_context(request, group, coop, "deliverables")
    form = None
    if context["can_post"] and deliverable.status in DELIVERABLE_EDITABLE:
        result = _deliverable_form(request, group, coop, deliverable)
        if not isinstance(result, DeliverableForm):
            return result
        form = result
    elif request.method == "POST":
        return redirect(group_path(group, "deliverable", deliverable_pk=deliverable.pk))
    context.update(
        deliverable=deliverable,
        form=form,
        targets=(
            targets_for(deliverable=deliverable, user=request.user)
            if context["can_manage"] and deliverable.status == Deliverable.Status.FINAL
            else []
        ),
    )
    return render(request, "groups/deliverable.html", context)


def deliverable_download(request, *, group: WorkingGroup, coop, deliverable_pk: int):
    deliverable = get_object_or_404(Deliverable, group=group, pk=deliverable_pk)
    return _download(deliverable.file, deliverable.original_name)


@require_POST
def deliverable_propose(request, *, group: WorkingGroup, coop, deliverable_pk: int):
    deliverable = get_object_or_404(Deliverable, group=group, pk=deliverable_pk)
    try:
        services.deliverable_propose(
            actor=request.user, deliverable=deliverable, target_key=request.POST.get("target", "")
        )
    except services.GroupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The deliverable is proposed."))
    return redirect(group_path(group, "deliverable", deliverable_pk=deliverable.pk))
