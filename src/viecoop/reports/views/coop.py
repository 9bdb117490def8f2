"""A coop's reports: its projects (with photos), its difficulties and needs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors
from viecoop.core.htmx import render_page
from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, scoped_get
from viecoop.toolbox.themes import theme_groups

from .. import services
from ..categories import ConcernKind, ProjectStatus
from ..forms import ConcernForm, PhotoForm, ProjectForm
from ..models import Concern, Project, ProjectPhoto
from ..selectors import campaigns as campaign_selectors
from ..selectors import remontees as selectors
from .common import serve_photo

VIEW = "reports.view_reports"
MANAGE = "reports.manage_reports"
PAGE_SIZE = 25


def _tabs(request, coop: Coop) -> dict:
    return {
        "coop": coop,
        "can_manage": request.user.has_perm(MANAGE, coop),
        "can_answer": request.user.has_perm("reports.answer_campaign", coop),
    }


@coop_view(VIEW)
def overview(request, coop: Coop):
    responses = list(campaign_selectors.coop_responses(coop=coop)[:10])
    return render(
        request,
        "reports/overview.html",
        {
            **_tabs(request, coop),
            "projects": selectors.coop_projects(coop=coop, filters=selectors.ProjectFilters())[:5],
            "concerns": selectors.coop_concerns(
                coop=coop, filters=selectors.ConcernFilters(status="open")
            )[:5],
            "open_responses": [r for r in responses if r.campaign.state == "open"],
        },
    )


@coop_view(VIEW)
def project_list(request, coop: Coop):
    filters = selectors.ProjectFilters.from_query(request.GET)
    page = Paginator(selectors.coop_projects(coop=coop, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "reports/project_list.html",
        {
            **_tabs(request, coop),
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "statuses": ProjectStatus.choices,
            "theme_groups": theme_groups(),
        },
    )


@coop_view(MANAGE)
def project_create(request, coop: Coop):
    return _project_form(request, coop, None)


@coop_view(MANAGE)
def project_update(request, coop: Coop, pk: int):
    return _project_form(request, coop, scoped_get(Project.objects, coop=coop, pk=pk))


def _project_form(request, coop: Coop, project: Project | None):
    form = ProjectForm(request.POST or None, instance=project, coop=coop)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if project is None:
                project = services.project_create(actor=request.user, coop=coop, **data)
                messages.success(
                    request, _("The project is recorded. Add a few photos if you have some.")
                )
            else:
                project = services.project_update(actor=request.user, project=project, **data)
                messages.success(request, _("The project is updated."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("reports:project_detail", coop_slug=coop.slug, pk=project.pk)
    return render(
        request,
        "reports/project_form.html",
        {**_tabs(request, coop), "form": form, "project": project},
    )


@coop_view(VIEW)
def project_detail(request, coop: Coop, pk: int):
    project = scoped_get(selectors.project_with_photos(Project.objects), coop=coop, pk=pk)
    return render(
        request,
        "reports/project_detail.html",
        {
            **_tabs(request, coop),
            "project": project,
            "photo_form": PhotoForm(),
            "max_photos": services.remontees.MAX_PHOTOS,
        },
    )


@coop_view(MANAGE)
@require_POST
def project_delete(request, coop: Coop, pk: int):
    project = scoped_get(Project.objects, coop=coop, pk=pk)
    services.project_delete(actor=request.user, project=project)
    messages.success(request, _("The project is deleted."))
    return redirect("reports:project_list", coop_slug=coop.slug)


@coop_view(MANAGE)
@require_POST
def photo_add(request, coop: Coop, pk: int):
    project = scoped_get(selectors.project_with_photos(Project.objects), coop=coop, pk=pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.photo_add(
                actor=request.user,
                project=project,
                image=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The photo is added."))
            return redirect("reports:project_detail", coop_slug=coop.slug, pk=project.pk)
    return render(
        request,
        "reports/project_detail.html",
        {
            **_tabs(request, coop),
            "project": project,
            "photo_form": form,
            "max_photos": services.remontees.MAX_PHOTOS,
        },
        status=400,
    )


@coop_view(VIEW)
def photo(request, coop: Coop, pk: int, photo_pk: int):
    project = scoped_get(Project.objects, coop=coop, pk=pk)
    return serve_photo(get_object_or_404(ProjectPhoto, project=project, pk=photo_pk))


@coop_view(MANAGE)
@require_POST
def photo_delete(request, coop: Coop, pk: int, photo_pk: int):
    project = scoped_get(Project.objects, coop=coop, pk=pk)
    services.photo_delete(
        actor=request.user, photo=get_object_or_404(ProjectPhoto, project=project, pk=photo_pk)
    )
    messages.success(request, _("The photo is removed."))
    return redirect("reports:project_detail", coop_slug=coop.slug, pk=project.pk)


@coop_view(VIEW)
def concern_list(request, coop: Coop):
    filters = selectors.ConcernFilters.from_query(request.GET)
    page = Paginator(selectors.coop_concerns(coop=coop, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "reports/concern_list.html",
        {
            **_tabs(request, coop),
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "kinds": ConcernKind.choices,
            "statuses": Concern.Status.choices,
        },
    )


@coop_view(MANAGE)
def concern_create(request, coop: Coop):
    kind = request.GET.get("type")
    initial = {"kind": kind} if kind in ConcernKind.values else {}
    return _concern_form(request, coop, None, initial)


@coop_view(MANAGE)
def concern_update(request, coop: Coop, pk: int):
    concern = scoped_get(Concern.objects, coop=coop, pk=pk)
    initial = {
        "kind": concern.kind,
        "category": concern.category,
        "title": concern.title,
        "description": concern.description,
        "urgency": concern.urgency,
        "theme": concern.theme,
    }
    return _concern_form(request, coop, concern, initial)


def _concern_form(request, coop: Coop, concern: Concern | None, initial: dict):
    form = ConcernForm(request.POST or None, initial=initial)
    if request.method == "POST" and "resolve" in request.POST and concern is not None:
        services.concern_update(
            actor=request.user, concern=concern, resolved=request.POST["resolve"] == "1"
        )
        messages.success(request, _("The status is changed."))
        return redirect("reports:concern_list", coop_slug=coop.slug)
    if request.method == "POST" and form.is_valid():
        try:
            if concern is None:
                services.concern_create(actor=request.user, coop=coop, **form.cleaned_data)
                messages.success(request, _("Recorded: the federation sees it in its dashboard."))
            else:
                services.concern_update(actor=request.user, concern=concern, **form.cleaned_data)
                messages.success(request, _("Updated."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("reports:concern_list", coop_slug=coop.slug)
    return render(
        request,
        "reports/concern_form.html",
        {**_tabs(request, coop), "form": form, "concern": concern},
    )
