"""The barometer: a coop's own (with the network's anonymised distribution), the federation's."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from viecoop.organizations.models import Coop, Region
from viecoop.organizations.tenancy import coop_view, space_view

from ..models.barometer import PeriodKind
from ..selectors import barometer as selectors
from .common import csv_response, xlsx_response


def _kind(request) -> str:
    kind = request.GET.get("periodes", "year")
    return kind if kind in PeriodKind.values else "year"


@coop_view("reports.view_barometer")
def coop_barometer(request, coop: Coop):
    period = selectors.current_period(timezone.localdate())
    kind = _kind(request)
    return render(
        request,
        "reports/barometer_coop.html",
        {
            "coop": coop,
            "period": period,
            "rows": selectors.coop_barometer(coop=coop, period=period),
            "trends": selectors.trends(coop=coop, kind=kind, anonymised=True),
            "kind": kind,
            "kinds": PeriodKind.choices,
            "min_coops": selectors.min_coops(),
            "federation_view": False,
        },
    )


@space_view("reports.view_federation_reports")
def federation_barometer(request):
    period = selectors.current_period(timezone.localdate())
    region = request.GET.get("region", "")
    region = region if region in Region.values else ""
    legal_form = request.GET.get("forme", "")
    legal_form = legal_form if legal_form in Coop.LegalForm.values else ""
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        header, rows = selectors.export_network(period=period)
        name = f"barometre-{period.end:%Y-%m-%d}"
        if export == "csv":
            return csv_response(name, header, rows)
        return xlsx_response(name, [("Baromètre", header, rows)])
    table = selectors.network_barometer(period=period, region=region, legal_form=legal_form)
    return render(
        request,
        "reports/barometer_federation.html",
        {
            "period": period,
            "table": table,
            "region": region,
            "legal_form": legal_form,
            "regions": Region.choices,
            "legal_forms": Coop.LegalForm.choices,
            "trends": selectors.trends(coop=None, kind=_kind(request), anonymised=False),
            "kind": _kind(request),
            "kinds": PeriodKind.choices,
        },
    )


@space_view("reports.view_federation_reports")
def federation_coop_barometer(request, coop_slug: str):
    coop = get_object_or_404(Coop.objects.active(), slug=coop_slug)
    period = selectors.current_period(timezone.localdate())
    kind = _kind(request)
    return render(
        request,
        "reports/barometer_coop.html",
        {
            "coop": coop,
            "period": period,
            "rows": selectors.coop_barometer(coop=coop, period=period),
            "trends": selectors.trends(coop=coop, kind=kind, anonymised=False),
            "kind": kind,
            "kinds": PeriodKind.choices,
            "min_coops": selectors.min_coops(),
            "federation_view": True,
        },
    )
