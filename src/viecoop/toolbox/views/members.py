"""Resources meant for members, in their coop's space (``/c/<coop>/ressources/``)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from viecoop.core.htmx import render_page
from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view

from .. import selectors, services
from ..themes import theme_groups
from .serving import serve_version

PERM = "toolbox.view_member_resources"


@coop_view(PERM)
def member_list(request, coop: Coop):
    filters = selectors.Filters.from_query(request.GET)
    page = Paginator(selectors.member_resources(filters=filters), 20).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "toolbox/member_list.html",
        {
            "coop": coop,
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "theme_groups": theme_groups(),
        },
    )


@coop_view(PERM)
def member_detail(request, coop: Coop, pk: int):
    resource = selectors.member_resource(pk=pk)
    return render(request, "toolbox/member_detail.html", {"coop": coop, "resource": resource})


@coop_view(PERM)
def member_open(request, coop: Coop, pk: int):
    resource = selectors.member_resource(pk=pk)
    version = services.resource_record_use(user=request.user, resource=resource, coop=coop)
    return serve_version(version)
