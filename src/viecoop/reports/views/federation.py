"""The federation reads the reports: dashboard with charts and exports, lists, a project."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from viecoop.core.htmx import render_page
from viecoop.organizations.models import Coop, Region
from viecoop.organizations.tenancy import space_view
from viecoop.toolbox.themes import theme_groups

from ..categories import ConcernCategory, ConcernKind
from ..models import Project, ProjectPhoto
from ..selectors import remontees as selectors
from ..selectors.dashboard import dashboard as build_dashboard
from .common import csv_response, serve_photo, xlsx_response

PERM = "reports.view_federation_reports"
PAGE_SIZE = 50


def _filter_context(filters) -> dict:
    from datetime import date

    this_year = date.today().year  # noqa: DTZ011 — a list of years for a select
    return {
        "filters": filters,
        "theme_groups": theme_groups(),
        "regions": Region.choices,
        "legal_forms": Coop.LegalForm.choices,
        "years": list(range(this_year, this_year - 10, -1)),
        "kinds": ConcernKind.choices,
        "categories": ConcernCategory.choices,
    }


def _project_rows(filters) -> tuple[list[str], list[list]]:
    header = [
        "coop",
        "region",
        "legal_form",
        "title",
        "theme",
        "status",
        "start",
        "end",
        "people_involved",
        "members_reached",
        "budget",
        "partners",
        "results",
        "lessons",
    ]
    rows = [
        [
            p.coop.name,
            p.coop.get_region_display(),
            p.coop.get_legal_form_display(),
            p.title,
            p.get_theme_display(),
            p.get_status_display(),
            p.start_date,
            p.end_date,
            p.people_involved,
            p.members_reached,
            p.budget,
            p.partners,
            p.results,
            p.lessons,
        ]
        for p in filters.projects().select_related("coop").order_by("-start_date", "pk")
    ]
    return header, rows


def _concern_rows(filters) -> tuple[list[str], list[list]]:
    header = [
        "coop",
        "region",
        "legal_form",
        "kind",
        "category",
        "theme",
        "title",
        "details",
        "urgency",
        "status",
        "reported_on",
    ]
    rows = [
        [
            c.coop.name,
            c.coop.get_region_display(),
            c.coop.get_legal_form_display(),
            c.get_kind_display(),
            c.get_category_display(),
            c.get_theme_display(),
            c.title,
            c.description,
            c.get_urgency_display(),
            c.get_status_display(),
            c.reported_on,
        ]
        for c in filters.concerns().select_related("coop").order_by("-reported_on", "pk")
    ]
    return header, rows


@space_view(PERM)
def dashboard(request):
    filters = selectors.FederationFilters.from_query(request.GET)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        return _export(request, filters, export)
    data = build_dashboard(filters=filters)
    query = request.GET.copy()
    return render_page(
        request,
        "reports/dashboard.html",
        {**data, **_filter_context(filters), "query": query.urlencode()},
    )


def _export(request, filters, export: str):
    table = request.GET.get("table", "summary")
    if export == "csv":
        if table == "projects":
            return csv_response("remontees-projets", *_project_rows(filters))
        if table == "concerns":
            return csv_response("remontees-difficultes-besoins", *_concern_rows(filters))
        charts = build_dashboard(filters=filters)["charts"]
        rows = [[chart.title, label, value] for chart in charts for label, value in chart.rows]
        return csv_response("remontees-synthese", ["chart", "label", "value"], rows)
    charts = build_dashboard(filters=filters)["charts"]
    sheets = [
        (chart.title, [chart.label_header, chart.value_header], [list(r) for r in chart.rows])
        for chart in charts
    ]
    sheets.append(("Projets", *_project_rows(filters)))
    sheets.append(("Difficultés et besoins", *_concern_rows(filters)))
    return xlsx_response("remontees", sheets)


@space_view(PERM)
def project_list(request):
    filters = selectors.FederationFilters.from_query(request.GET)
    page = Paginator(selectors.federation_projects(filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "reports/federation_projects.html",
        {"page": page, "query": query.urlencode(), **_filter_context(filters)},
    )


@space_view(PERM)
def project_detail(request, pk: int):
    project = get_object_or_404(selectors.project_with_photos(Project.objects), pk=pk)
    return render(request, "reports/federation_project.html", {"project": project})


@space_view(PERM)
def project_photo(request, pk: int, photo_pk: int):
    return serve_photo(get_object_or_404(ProjectPhoto, project_id=pk, pk=photo_pk))


@space_view(PERM)
def concern_list(request):
    filters = selectors.FederationFilters.from_query(request.GET)
    page = Paginator(selectors.federation_concerns(filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "reports/federation_concerns.html",
        {"page": page, "query": query.urlencode(), **_filter_context(filters)},
    )
