"""Projects and difficulties/needs: a coop's own lists, and the federation's lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from viecoop.organizations.models import Coop, Region
from viecoop.toolbox.themes import Theme

from ..categories import ConcernCategory, ConcernKind, ProjectStatus
from ..models import Concern, Project, ProjectPhoto


def _pick(params, name: str, allowed) -> str:
    value = params.get(name, "")
    return value if value in allowed else ""


def _year(params, name: str) -> int | None:
    value = params.get(name, "")
    return int(value) if value.isdigit() and 1990 <= int(value) <= 2100 else None


@dataclass(frozen=True)
class ProjectFilters:
    status: str = ""
    theme: str = ""
    year: int | None = None

    @classmethod
    def from_query(cls, params) -> ProjectFilters:
        return cls(
            status=_pick(params, "statut", ProjectStatus.values),
            theme=_pick(params, "theme", Theme.values),
            year=_year(params, "annee"),
        )

    @property
    def active(self) -> bool:
        return bool(self.status or self.theme or self.year)


def coop_projects(*, coop: Coop, filters: ProjectFilters) -> QuerySet[Project]:
    qs = (
        Project.objects.filter(coop=coop)
        .select_related("residence")
        .annotate(photos_count=Count("photos"))
    )
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.theme:
        qs = qs.filter(theme=filters.theme)
    if filters.year:
        qs = qs.filter(start_date__year=filters.year)
    return qs.order_by("-start_date", "-pk")


def project_with_photos(qs: QuerySet[Project]) -> QuerySet[Project]:
    return qs.select_related("residence", "created_by", "coop").prefetch_related(
        Prefetch("photos", queryset=ProjectPhoto.objects.order_by("position", "pk"))
    )


@dataclass(frozen=True)
class ConcernFilters:
    kind: str = ""
    status: str = ""

    @classmethod
    def from_query(cls, params) -> ConcernFilters:
        return cls(
            kind=_pick(params, "type", ConcernKind.values),
            status=_pick(params, "statut", Concern.Status.values),
        )


def coop_concerns(*, coop: Coop, filters: ConcernFilters) -> QuerySet[Concern]:
    qs = Concern.objects.filter(coop=coop)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs.order_by("status", "-reported_on", "-pk")


# The federation's lists ---------------------------------------------------------------------
@dataclass(frozen=True)
class FederationFilters:
    """Filters of the dashboard and of the federation's lists."""

    theme: str = ""
    region: str = ""
    legal_form: str = ""
    year_from: int | None = None
    year_to: int | None = None
    kind: str = ""
    category: str = ""

    @classmethod
    def from_query(cls, params) -> FederationFilters:
        year_from, year_to = _year(params, "de"), _year(params, "a")
        if year_from and year_to and year_from > year_to:
            year_from, year_to = year_to, year_from
        return cls(
            theme=_pick(params, "theme", Theme.values),
            region=_pick(params, "region", Region.values),
            legal_form=_pick(params, "forme", Coop.LegalForm.values),
            year_from=year_from,
            year_to=year_to,
            kind=_pick(params, "type", ConcernKind.values),
            category=_pick(params, "categorie", ConcernCategory.values),
        )

    @property
    def active(self) -> bool:
        return any(
            [
                self.theme,
                self.region,
                self.legal_form,
                self.year_from,
                self.year_to,
                self.kind,
                self.category,
            ]
        )

    def projects(self) -> QuerySet[Project]:
        qs = Project.objects.filter(coop__is_active=True)
        if self.theme:
            qs = qs.filter(theme=self.theme)
        if self.region:
            qs = qs.filter(coop__region=self.region)
        if self.legal_form:
            qs = qs.filter(coop__legal_form=self.legal_form)
        if self.year_from:
            qs = qs.filter(start_date__year__gte=self.year_from)
        if self.year_to:
            qs = qs.filter(start_date__year__lte=self.year_to)
        return qs

    def concerns(self) -> QuerySet[Concern]:
        qs = Concern.objects.filter(coop__is_active=True)
        if self.theme:
            qs = qs.filter(theme=self.theme)
        if self.region:
            qs = qs.filter(coop__region=self.region)
        if self.legal_form:
            qs = qs.filter(coop__legal_form=self.legal_form)
        if self.year_from:
            qs = qs.filter(reported_on__year__gte=self.year_from)
        if self.year_to:
            qs = qs.filter(reported_on__year__lte=self.year_to)
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.category:
            qs = qs.filter(category=self.category)
        return qs


def federation_projects(*, filters: FederationFilters) -> QuerySet[Project]:
    return (
        filters.projects()
        .select_related("coop")
        .annotate(photos_count=Count("photos"))
        .order_by("-start_date", "-pk")
    )


def federation_concerns(*, filters: FederationFilters) -> QuerySet[Concern]:
    return filters.concerns().select_related("coop").order_by("-reported_on", "-pk")
