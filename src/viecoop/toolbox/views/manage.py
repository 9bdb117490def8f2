"""The federation manages the toolbox: resources, versions, states, proposals, reach."""

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
from viecoop.organizations.selectors import current_federation
from viecoop.organizations.tenancy import space_view

from .. import selectors, services
from ..forms import ResourceForm, ReviewForm, StateForm, VersionForm
from ..models import Resource
from .network import filter_context
from .serving import serve_version

PAGE_SIZE = 30
PERM = "toolbox.manage_toolbox"


@space_view(PERM)
def manage_list(request):
    filters = selectors.Filters.from_query(request.GET, with_state=True)
    page = Paginator(selectors.managed_resources(filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "toolbox/manage_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "states": Resource.State.choices,
            "proposals_count": selectors.proposals_to_review().count(),
            **filter_context(filters),
        },
    )


@space_view(PERM)
def manage_create(request):
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_create(
                actor=request.user, federation=current_federation(), **form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The resource is saved as a draft."))
            return redirect("toolbox:manage_detail", pk=resource.pk)
    return render(request, "toolbox/manage_form.html", {"form": form, "resource": None})


@space_view(PERM)
def manage_detail(request, pk: int):
    resource = selectors.managed_resource(pk=pk)
    return render(
        request,
        "toolbox/manage_detail.html",
        {
            "resource": resource,
            "versions": selectors.versions_of(resource=resource),
            "by_coop": selectors.resource_reach_by_coop(resource=resource),
            "feedback": selectors.resource_feedback(resource=resource),
            "transitions": [
                (state, Resource.State(state).label)
                for state in sorted(services.TRANSITIONS.get(resource.state, ()))
            ],
            "review_form": ReviewForm() if resource.state == Resource.State.PROPOSED else None,
        },
    )


@space_view(PERM)
def manage_edit(request, pk: int):
    resource = selectors.managed_resource(pk=pk)
    form = ResourceForm(request.POST or None, resource=resource)
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_update(actor=request.user, resource=resource, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The resource is updated."))
            return redirect("toolbox:manage_detail", pk=resource.pk)
    return render(request, "toolbox/manage_form.html", {"form": form, "resource": resource})


@space_view(PERM)
def manage_version(request, pk: int):
    resource = selectors.managed_resource(pk=pk)
    form = VersionForm(request.POST or None, request.FILES or None, resource=resource)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.resource_add_version(
                actor=request.user,
                resource=resource,
                file=form.cleaned_data.get("file"),
                url=form.cleaned_data.get("url", ""),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(number)s is online; earlier versions stay available.")
                % {"number": version.number},
            )
            return redirect("toolbox:manage_detail", pk=resource.pk)
    return render(request, "toolbox/manage_version.html", {"form": form, "resource": resource})


@space_view(PERM)
@require_POST
def manage_state(request, pk: int):
    resource = get_object_or_404(Resource, pk=pk)
    form = StateForm(request.POST)
    if form.is_valid():
        try:
            services.resource_set_state(
                actor=request.user, resource=resource, state=form.cleaned_data["state"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The state of the resource is changed."))
    else:
        messages.error(request, _("Unknown state."))
    return redirect("toolbox:manage_detail", pk=resource.pk)


@space_view(PERM)
@require_POST
def manage_review(request, pk: int):
    resource = get_object_or_404(Resource, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            services.resource_review(
                actor=request.user,
                resource=resource,
                accept=decision != "reject",
                publish=decision == "publish",
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your decision is recorded and the proposer is told."))
            return redirect("toolbox:manage_detail", pk=resource.pk)
    resource = selectors.managed_resource(pk=pk)
    return render(
        request,
        "toolbox/manage_detail.html",
        {
            "resource": resource,
            "versions": selectors.versions_of(resource=resource),
            "by_coop": selectors.resource_reach_by_coop(resource=resource),
            "feedback": selectors.resource_feedback(resource=resource),
            "transitions": [],
            "review_form": form,
        },
        status=400,
    )


@space_view(PERM)
def manage_file(request, pk: int, number: int):
    resource = get_object_or_404(Resource, pk=pk)
    version = next(
        (v for v in selectors.versions_of(resource=resource) if v.number == number), None
    )
    return serve_version(version)


@space_view(PERM)
def proposals(request):
    return render(request, "toolbox/proposals.html", {"proposals": selectors.proposals_to_review()})


@space_view(PERM)
def reach_coops(request):
    return render(request, "toolbox/reach_coops.html", {"coops": selectors.coops_reach()})


@space_view(PERM)
def reach_coop(request, coop_slug: str):
    coop = get_object_or_404(Coop.objects.active(), slug=coop_slug)
    return render(
        request,
        "toolbox/reach_coop.html",
        {"coop": coop, "rows": selectors.coop_reach(coop=coop)},
    )
