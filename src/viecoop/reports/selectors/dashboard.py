"""The federation's dashboard: reports aggregated by theme, region, legal form and period.

About ten grouped queries whatever the number of reports; no query per coop or per row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from viecoop.organizations.models import Coop, Region
from viecoop.toolbox.themes import Theme

from ..categories import ConcernCategory, ConcernKind, ProjectStatus
from ..charts import Chart
from .remontees import FederationFilters


@dataclass
class Totals:
    projects: int
    coops_reporting: int
    members_reached: int
    budget: object
    difficulties: int
    needs: int
    urgent_open: int


def _rows(qs, field: str, labels: dict) -> list[tuple[str, int]]:
    counts = {row[field]: row["n"] for row in qs.values(field).annotate(n=Count("pk")).order_by()}
    # Known values in their natural order, then anything unexpected.
    rows = [(str(label), counts[value]) for value, label in labels.items() if counts.get(value)]
    rows += [(str(value), n) for value, n in counts.items() if value not in labels and n]
    return rows


def _sorted(rows):
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def dashboard(*, filters: FederationFilters) -> dict:
    projects = filters.projects()
    concerns = filters.concerns()
    project_totals = projects.aggregate(
        n=Count("pk"),
        coops=Count("coop", distinct=True),
        reached=Sum("members_reached"),
        budget=Sum("budget"),
    )
    concern_totals = concerns.aggregate(
        difficulties=Count("pk", filter=Q(kind=ConcernKind.DIFFICULTY)),
        needs=Count("pk", filter=Q(kind=ConcernKind.NEED)),
        urgent=Count("pk", filter=Q(status="open", urgency="high")),
    )
    totals = Totals(
        projects=project_totals["n"],
        coops_reporting=project_totals["coops"],
        members_reached=project_totals["reached"] or 0,
        budget=project_totals["budget"] or 0,
        difficulties=concern_totals["difficulties"],
        needs=concern_totals["needs"],
        urgent_open=concern_totals["urgent"],
    )
    themes = dict(Theme.choices)
    regions = dict(Region.choices)
    forms = dict(Coop.LegalForm.choices)
    categories = dict(ConcernCategory.choices)
    years = [
        (str(row["year"]), row["n"])
        for row in projects.annotate(year=ExtractYear("start_date"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    ]
    project_word, theme_word = _("Projects"), _("Theme")
    charts = [
        Chart(
            "projects-theme",
            _("Projects by theme"),
            _sorted(_rows(projects, "theme", themes)),
            theme_word,
            project_word,
        ),
        Chart(
            "projects-year",
            _("Projects by year of start"),
            years,
            _("Year"),
            project_word,
            kind="column",
        ),
        Chart(
            "projects-status",
            _("Projects by status"),
            _rows(projects, "status", dict(ProjectStatus.choices)),
            _("Status"),
            project_word,
        ),
        Chart(
            "projects-region",
            _("Projects by region"),
            _sorted(_rows(projects, "coop__region", regions)),
            _("Region"),
            project_word,
        ),
        Chart(
            "projects-form",
            _("Projects by legal form of the coop"),
            _rows(projects, "coop__legal_form", forms),
            _("Legal form"),
            project_word,
        ),
        Chart(
            "difficulties",
            _("Difficulties by category"),
            _sorted(_rows(concerns.filter(kind=ConcernKind.DIFFICULTY), "category", categories)),
            _("Category"),
            _("Difficulties"),
        ),
        Chart(
            "needs",
            _("Needs by category"),
            _sorted(_rows(concerns.filter(kind=ConcernKind.NEED), "category", categories)),
            _("Category"),
            _("Needs"),
        ),
        Chart(
            "concerns-region",
            _("Difficulties and needs by region"),
            _sorted(_rows(concerns, "coop__region", regions)),
            _("Region"),
            _("Difficulties and needs"),
        ),
    ]
    return {"totals": totals, "charts": [chart.render() for chart in charts]}
