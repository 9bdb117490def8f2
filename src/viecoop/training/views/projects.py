"""A participant's own training page, experimentation projects and milestones."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors
from viecoop.core.htmx import render_page
from viecoop.organizations.tenancy import space_view

from .. import selectors, services
from ..forms import MilestoneForm, MilestoneStatusForm, ProjectForm
from ..models import Milestone, Programme, Project


@space_view("training.view_training")
def my_training(request):
    return render(
        request,
        "training/my_training.html",
        {
            "participations": list(selectors.my_participations(user=request.user)),
            "projects": list(selectors.my_projects(user=request.user)),
            "lessons": list(selectors.my_lessons(user=request.user)),
        },
    )


def _project(request, pk: int) -> Project:
    try:
        project = selectors.project_detail(pk=pk)
    except Project.DoesNotExist as error:
        raise Http404 from error
    if not request.user.has_perm("training.view_project", project):
        raise PermissionDenied
    return project


@space_view("training.view_training")
def project_detail(request, pk: int):
    project = _project(request, pk)
    can_change = request.user.has_perm("training.change_project", project)
    return render_project(request, project, can_change=can_change, form=MilestoneForm())


def render_project(request, project: Project, *, can_change: bool, form: MilestoneForm):
    return render_page(
        request,
        "training/project_detail.html",
        {
            "project": project,
            "milestones": list(project.milestones.all()),
            "can_change": can_change,
            "milestone_form": form,
            "statuses": Milestone.Status.choices,
        },
        fragment="milestones",
    )


@space_view("training.participate")
def project_create(request, slug: str):
    programme = get_object_or_404(Programme, slug=slug)
    existing = programme.projects.filter(user=request.user).first()
    if existing is not None:
        return redirect(existing)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(
                actor=request.user, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your project is saved. Add its first milestones."))
            return redirect(project)
    return render(
        request,
        "training/project_form.html",
        {"form": form, "programme": programme, "project": None},
    )


@space_view("training.view_training")
def project_update(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("programme"), pk=pk)
    if not request.user.has_perm("training.change_project", project):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, instance=Project.objects.get(pk=project.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project has been saved."))
            return redirect(project)
    return render(
        request,
        "training/project_form.html",
        {"form": form, "programme": project.programme, "project": project},
    )


@space_view("training.view_training")
@require_POST
def milestone_add(request, pk: int):
    project = get_object_or_404(Project, pk=pk)
    if not request.user.has_perm("training.change_project", project):
        raise PermissionDenied
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_add(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not request.htmx:
                messages.success(request, _("The milestone has been added."))
                return redirect(f"{project.get_absolute_url()}#milestones")
            form = MilestoneForm()
    return render_project(
        request, selectors.project_detail(pk=project.pk), can_change=True, form=form
    )


def _milestone(request, pk: int) -> Milestone:
    milestone = get_object_or_404(Milestone.objects.select_related("project"), pk=pk)
    if not request.user.has_perm("training.change_project", milestone.project):
        raise PermissionDenied
    return milestone


@space_view("training.view_training")
def milestone_update(request, pk: int):
    milestone = _milestone(request, pk)
    form = MilestoneForm(request.POST or None, instance=Milestone.objects.get(pk=milestone.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_update(actor=request.user, milestone=milestone, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The milestone has been saved."))
            return redirect(f"{milestone.project.get_absolute_url()}#milestones")
    return render(request, "training/milestone_form.html", {"form": form, "milestone": milestone})


@space_view("training.view_training")
@require_POST
def milestone_status(request, pk: int):
    milestone = _milestone(request, pk)
    form = MilestoneStatusForm(request.POST)
    if form.is_valid():
        services.milestone_update(
            actor=request.user, milestone=milestone, status=form.cleaned_data["status"]
        )
    if request.htmx:
        return render_project(
            request,
            selectors.project_detail(pk=milestone.project_id),
            can_change=True,
            form=MilestoneForm(),
        )
    return redirect(f"{milestone.project.get_absolute_url()}#milestone-{milestone.pk}")


@space_view("training.view_training")
@require_POST
def milestone_delete(request, pk: int):
    milestone = _milestone(request, pk)
    services.milestone_delete(actor=request.user, milestone=milestone)
    messages.success(request, _("The milestone has been deleted."))
    return redirect(f"{milestone.project.get_absolute_url()}#milestones")
