"""The groups of a space, and creating one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from viecoop.core.forms import add_service_errors
from viecoop.core.htmx import render_page
from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, space_view

from .. import selectors, services
from ..audience import group_path
from ..forms import GroupForm

PAGE_SIZE = 30


def _list(request, *, coop: Coop | None, can_create: bool, create_url: str):
    search = request.GET.get("q", "").strip()[:100]
    mine = request.GET.get("mes") == "1"
    archived = request.GET.get("archives") == "1"
    page = Paginator(
        selectors.group_list(
            user=request.user, coop=coop, search=search, mine=mine, archived=archived
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    for group in page.object_list:
        group.url = group_path(group)
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "groups/group_list.html",
        {
            "coop": coop,
            "page": page,
            "search": search,
            "mine": mine,
            "archived": archived,
            "query": query.urlencode(),
            "can_create": can_create,
            "create_url": create_url,
        },
    )


@space_view("groups.view_network_groups")
def network_list(request):
    return _list(
        request,
        coop=None,
        can_create=request.user.has_perm("groups.create_network_group"),
        create_url=reverse("groups:network_create"),
    )


@coop_view("groups.view_coop_groups")
def coop_list(request, coop: Coop):
    return _list(
        request,
        coop=coop,
        can_create=request.user.has_perm("groups.create_coop_group", coop),
        create_url=reverse("groups:coop_create", kwargs={"coop_slug": coop.slug}),
    )


def _create(request, *, coop: Coop | None):
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(actor=request.user, coop=coop, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The group is created; you coordinate it."))
            return redirect(group_path(group))
    return render(request, "groups/group_form.html", {"form": form, "coop": coop, "group": None})


@space_view("groups.create_network_group")
def network_create(request):
    return _create(request, coop=None)


@coop_view("groups.create_coop_group")
def coop_create(request, coop: Coop):
    return _create(request, coop=coop)
