"""Pre-filling campaign answers from what the platform knows: a registry of providers.

A provider answers one kind of question for many coops at once, with a constant number of
queries: ``compute(coops, period, param) -> {coop_id: value}``. ``param`` lets one provider
serve a family of questions (``members.by_category`` with the category code). Values are
JSON-ready: ``int``, ``str`` for decimals (exact), ``bool``, ``str``.

A question of a campaign names its provider by ``prefill_key`` (and ``prefill_param``).
When a campaign opens, every coop's answers are pre-filled in bulk; a coop may refresh its
own before it submits. The pre-filled value is kept beside the submitted one.

Other apps register theirs from ``AppConfig.ready()``; see docs/reports.md::

    from viecoop.reports.prefill import register_prefill
    register_prefill(key="assemblies.held", label=_("General assemblies held"),
                     kind="number", compute=assemblies_held)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .indicators import Period

PrefillCompute = Callable[[Sequence, Period, str], Mapping[int, Any]]


@dataclass(frozen=True)
class PrefillProvider:
    key: str
    label: str
    kind: str  # the question kind it fits: "number", "yes_no", "text"
    compute: PrefillCompute
    params: tuple[tuple[str, str], ...] = ()


_registry: dict[str, PrefillProvider] = {}


def register_prefill(
    *,
    key: str,
    label: str,
    compute: PrefillCompute,
    kind: str = "number",
    params: tuple[tuple[str, str], ...] = (),
) -> PrefillProvider:
    provider = PrefillProvider(key=key, label=label, kind=kind, compute=compute, params=params)
    existing = _registry.get(key)
    if existing is not None and existing.compute is not compute:
        raise ValueError(f"pre-fill provider {key!r} is already registered by another function")
    _registry[key] = provider
    return provider


def unregister_prefill(key: str) -> None:
    _registry.pop(key, None)


def get_provider(key: str) -> PrefillProvider | None:
    return _registry.get(key)


def all_providers() -> list[PrefillProvider]:
    return sorted(_registry.values(), key=lambda p: p.key)


def compute_prefill(
    questions: Sequence, coops: Sequence, period: Period
) -> dict[tuple[int, int], Any]:
    """``{(question_id, coop_id): value}`` for every question with a registered provider.

    One call per distinct (provider, parameter), whatever the number of coops.
    """
    result: dict[tuple[int, int], Any] = {}
    cache: dict[tuple[str, str], Mapping[int, Any]] = {}
    for question in questions:
        provider = get_provider(question.prefill_key) if question.prefill_key else None
        if provider is None:
            continue
        key = (provider.key, question.prefill_param)
        if key not in cache:
            cache[key] = provider.compute(coops, period, question.prefill_param)
        for coop in coops:
            value = cache[key].get(coop.pk)
            if value is not None:
                result[(question.pk, coop.pk)] = value
    return result


# Built-in providers: the register and the ledger ------------------------------------------
def _members_qs(coops):
    from viecoop.members.models import Member

    return Member.objects.filter(coop__in=coops)


def _at(day) -> Q:
    from viecoop.members.models import Member

    return Q(admission_date__lte=day) & ~Q(status=Member.Status.LEFT, exit_date__lte=day)


def _grouped_count(qs, flt: Q) -> dict[int, int]:
    return {
        row["coop"]: row["n"]
        for row in qs.values("coop").annotate(n=Count("pk", filter=flt)).order_by()
    }


def _with_zero(coops, counts: Mapping[int, int]) -> dict[int, int]:
    return {coop.pk: counts.get(coop.pk, 0) for coop in coops}


def members_total(coops, period: Period, param: str) -> dict[int, int]:
    return _with_zero(coops, _grouped_count(_members_qs(coops), _at(period.end)))


def members_by_category(coops, period: Period, param: str) -> dict[int, int]:
    flt = _at(period.end) & Q(category__code=param)
    return _with_zero(coops, _grouped_count(_members_qs(coops), flt))


def members_by_college_kind(coops, period: Period, param: str) -> dict[int, int]:
    flt = _at(period.end) & Q(college__kind=param)
    return _with_zero(coops, _grouped_count(_members_qs(coops), flt))


def admissions(coops, period: Period, param: str) -> dict[int, int]:
    flt = Q(admission_date__gte=period.start, admission_date__lte=period.end)
    return _with_zero(coops, _grouped_count(_members_qs(coops), flt))


def departures(coops, period: Period, param: str) -> dict[int, int]:
    from viecoop.members.models import Member

    flt = Q(status=Member.Status.LEFT, exit_date__gte=period.start, exit_date__lte=period.end)
    return _with_zero(coops, _grouped_count(_members_qs(coops), flt))


def capital_amount(coops, period: Period, param: str) -> dict[int, str]:
    from .builtin_indicators import capital

    return {pk: str(value) for pk, value in capital(coops, period).items()}


def capital_shares(coops, period: Period, param: str) -> dict[int, int]:
    from django.db.models import Sum

    from viecoop.members.models import ShareMovement

    rows = (
        ShareMovement.objects.filter(
            operation__coop__in=coops, operation__effective_date__lte=period.end
        )
        .values("operation__coop")
        .annotate(n=Sum("shares"))
        .order_by()
    )
    counts = {row["operation__coop"]: row["n"] or 0 for row in rows}
    return _with_zero(coops, counts)


def _category_params() -> tuple[tuple[str, str], ...]:
    from viecoop.members.services import STANDARD_CATEGORIES

    return tuple((code, name) for code, name, _scp, _scic in STANDARD_CATEGORIES)


def _college_params() -> tuple[tuple[str, str], ...]:
    from viecoop.members.models import CollegeKind

    return tuple(CollegeKind.choices)


def register() -> None:
    register_prefill(
        key="members.total", label=_("Members at the end of the period"), compute=members_total
    )
    register_prefill(
        key="members.by_category",
        label=_("Members of a category at the end of the period"),
        compute=members_by_category,
        params=_category_params(),
    )
    register_prefill(
        key="members.by_college_kind",
        label=_("Members of a kind of college at the end of the period"),
        compute=members_by_college_kind,
        params=_college_params(),
    )
    register_prefill(
        key="members.admissions", label=_("Admissions during the period"), compute=admissions
    )
    register_prefill(
        key="members.departures", label=_("Departures during the period"), compute=departures
    )
    register_prefill(
        key="capital.amount",
        label=_("Share capital at the end of the period (€)"),
        compute=capital_amount,
    )
    register_prefill(
        key="capital.shares", label=_("Shares at the end of the period"), compute=capital_shares
    )


def as_decimal(value: Any) -> Decimal | None:
    """A stored answer as a number (answers keep decimals as text, to stay exact)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None
