"""The register's settings kept by the coop's managers: nominal value, numbering, retention,
categories and colleges. Every change is audited with what it was before.

A change never rewrites history: the ledger keeps the unit price of each operation, a
member keeps the category they have when it is retired, and a member's move to another
college is kept in ``CollegeChange``. College *weights* are not versioned here: they are
part of the governance profile that an assembly freezes when its notice is sent, so an
assembly is counted with the weights it was called under, whatever happens later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.organizations.models import Coop

from ..models import Category, College, CollegeChange, CollegeKind, Member, RegisterSettings
from ..voting import SCIC_MAX_WEIGHT, SCIC_MIN_COLLEGES, SCIC_MIN_WEIGHT, SCP_COLLEGE_KINDS
from .common import _check_same_coop, _lock_register

SETTINGS_FIELDS = (
    "share_nominal",
    "next_number",
    "number_prefix",
    "number_width",
    "retention_years",
)


def _jsonable(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


@transaction.atomic
def register_settings_update(*, actor, coop: Coop, **data: Any) -> RegisterSettings:
    """Change the nominal value of a share (for operations to come), the numbering or the
    retention period. The ledger's past operations keep their own unit price.
    """
    register = _lock_register(coop)
    before = {name: getattr(register, name) for name in SETTINGS_FIELDS}
    for name in SETTINGS_FIELDS:
        if name in data:
            setattr(register, name, data[name])
    changed = [name for name in SETTINGS_FIELDS if getattr(register, name) != before[name]]
    if not changed:
        return register
    register.full_clean()
    register.save(update_fields=changed)
    audit_record(
        actor=actor,
        action="register.settings",
        obj=register,
        coop=coop,
        details={
            name: {"from": _jsonable(before[name]), "to": _jsonable(getattr(register, name))}
            for name in changed
        },
    )
    return register


# ---------------------------------------------------------------------------------------------
# Categories
# ---------------------------------------------------------------------------------------------


def _unique_code(coop: Coop, name: str) -> str:
    base = slugify(name)[:34] or "categorie"
    taken = set(
        Category.objects.filter(coop=coop, code__startswith=base).values_list("code", flat=True)
    )
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


def _check_category_name(coop: Coop, name: str, *, exclude: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Give the category a name.")})
    others = Category.objects.filter(coop=coop, name__iexact=name)
    if exclude:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise ValidationError({"name": _("The coop already has a category of this name.")})
    return name


@transaction.atomic
def category_create(*, actor, coop: Coop, name: str, default_college: College | None) -> Category:
    """A category of the coop's own (beside the standard ones), at the end of the list."""
    name = _check_category_name(coop, name)
    _check_same_coop(coop, default_college=default_college)
    last = Category.objects.filter(coop=coop).aggregate(n=Max("position"))["n"]
    category = Category(
        coop=coop,
        code=_unique_code(coop, name),
        name=name,
        default_college=default_college,
        position=(last if last is not None else -1) + 1,
    )
    category.full_clean()
    category.save()
    audit_record(
        actor=actor,
        action="category.create",
        obj=category,
        coop=coop,
        details={
            "name": name,
            "default_college": default_college.code if default_college else None,
        },
    )
    return category


@transaction.atomic
def category_update(
    *,
    actor,
    category: Category,
    name: str,
    default_college: College | None,
    is_active: bool = True,
) -> Category:
    """Rename, change the default college (for members registered from now on) or retire.

    A retired category stays on the members who have it, in the register, the exports and
    the federation's counts; it is only no longer offered for new members.
    """
    category = Category.objects.select_for_update().get(pk=category.pk)
    name = _check_category_name(category.coop, name, exclude=category.pk)
    _check_same_coop(category.coop, default_college=default_college)
    before = {
        "name": category.name,
        "default_college": category.default_college_id,
        "is_active": category.is_active,
    }
    category.name, category.default_college, category.is_active = (
        name,
        default_college,
        is_active,
    )
    after = {
        "name": category.name,
        "default_college": category.default_college_id,
        "is_active": category.is_active,
    }
    changed = {k: {"from": before[k], "to": after[k]} for k in before if before[k] != after[k]}
    if not changed:
        return category
    category.full_clean()
    category.save()
    if "is_active" in changed:
        action = "category.reactivate" if is_active else "category.retire"
    else:
        action = "category.update"
    audit_record(actor=actor, action=action, obj=category, coop=category.coop, details=changed)
    return category


@transaction.atomic
def category_move(*, actor, category: Category, offset: int) -> None:
    """Move a category up (-1) or down (+1) in the lists and forms."""
    coop = category.coop
    _lock_register(coop)  # two managers reordering at once would interleave the positions
    ordered = list(Category.objects.filter(coop=coop).order_by("position", "name", "pk"))
    index = next(i for i, c in enumerate(ordered) if c.pk == category.pk)
    target = index + offset
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    audit_record(
        actor=actor,
        action="category.reorder",
        obj=category,
        coop=coop,
        details={"order": [c.code for c in ordered]},
    )


@transaction.atomic
def category_delete(*, actor, category: Category) -> None:
    """Delete a category of the coop's own that nobody ever had (else: retire it)."""
    category = Category.objects.select_for_update().get(pk=category.pk)
    if category.is_standard:
        raise ValidationError(_("A standard category cannot be deleted; it can be retired."))
    if Member.objects.filter(category=category).exists():
        raise ValidationError(
            _("Members have this category: retire it instead, so their entries keep it.")
        )
    audit_record(
        actor=actor,
        action="category.delete",
        obj=category,
        coop=category.coop,
        details={"name": category.name, "code": category.code},
    )
    category.delete()


# ---------------------------------------------------------------------------------------------
# Colleges
# ---------------------------------------------------------------------------------------------


@dataclass
class CollegeRow:
    """One college as the colleges form sends it; ``pk`` is None for a new one."""

    pk: int | None
    name: str
    weight: Decimal | None = None
    position: int = 0
    kind: str = ""
    delete: bool = False


@dataclass
class CollegesInvalid(Exception):
    """The colleges as sent break the law or the register: messages for the whole set and
    per row (index of the row → field → message), all at once.
    """

    messages: list[str] = field(default_factory=list)
    rows: dict[int, dict[str, str]] = field(default_factory=dict)

    def __str__(self) -> str:
        return " ".join(self.messages)


def _percent(value: Decimal) -> str:
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text} %"


def validate_colleges(
    *, coop: Coop, rows: list[CollegeRow], existing: dict[int, College]
) -> CollegesInvalid | None:
    """Every problem of the colleges as sent (None when they can be saved).

    SCP: colleges A, B and C are fixed by the law (their names may change). SCIC: at least
    three colleges, one of them of users; each weight between 10 % and 50 % and the weights
    summing to 100 % (loi 1947, art. 19 octies).
    """
    problem = CollegesInvalid()
    kept = [(i, row) for i, row in enumerate(rows) if not row.delete]
    for index, row in enumerate(rows):
        if not row.delete and not " ".join((row.name or "").split()):
            problem.rows.setdefault(index, {})["name"] = _("Give the college a name.")
    names = [" ".join(row.name.split()).casefold() for _i, row in kept if row.name]
    if len(names) != len(set(names)):
        problem.messages.append(_("Two colleges have the same name."))
    if coop.legal_form == Coop.LegalForm.SCP:
        if any(row.pk is None for row in rows) or any(row.delete for row in rows):
            problem.messages.append(
                _(
                    "An SCP d'HLM has the colleges A, B and C set by the law: only their names change."
                )
            )
        for index, row in enumerate(rows):
            if row.weight is not None:
                problem.rows.setdefault(index, {})["weight"] = _(
                    "Only the colleges of an SCIC are weighted."
                )
    else:
        if len(kept) < SCIC_MIN_COLLEGES:
            problem.messages.append(
                _("An SCIC d'HLM has at least %(min)s colleges (here: %(count)s).")
                % {"min": SCIC_MIN_COLLEGES, "count": len(kept)}
            )
        kinds = [row.kind or (existing[row.pk].kind if row.pk else "") for _i, row in kept]
        if CollegeKind.USERS not in kinds:
            problem.messages.append(_("An SCIC d'HLM has a college of users (tenants, buyers)."))
        low, high = (
            Decimal(SCIC_MIN_WEIGHT.numerator * 100) / SCIC_MIN_WEIGHT.denominator,
            (Decimal(SCIC_MAX_WEIGHT.numerator * 100) / SCIC_MAX_WEIGHT.denominator),
        )
        weights = []
        for index, row in kept:
            if row.weight is None:
                problem.rows.setdefault(index, {})["weight"] = _("Give the college's weight.")
            elif not low <= row.weight <= high:
                problem.rows.setdefault(index, {})["weight"] = _(
                    "A college weighs between 10 %% and 50 %% of the votes (here: %(weight)s)."
                ) % {"weight": _percent(row.weight)}
                weights.append(row.weight)
            else:
                weights.append(row.weight)
        if len(weights) == len(kept) and kept and sum(weights) != 100:
            problem.messages.append(
                _("The weights of the colleges add up to %(total)s instead of 100 %%.")
                % {"total": _percent(sum(weights))}
            )
    for index, row in enumerate(rows):
        if row.delete and row.pk:
            college = existing[row.pk]
            reasons = []
            if college.member_count:
                reasons.append(_("members belong to it: move them to another college first"))
            if college.category_count:
                reasons.append(_("it is the default college of categories: change them first"))
            if college.history_count:
                reasons.append(_("it is in members' college history"))
            if reasons:
                problem.rows.setdefault(index, {})["delete"] = _(
                    "The college %(name)s cannot be deleted: %(reasons)s."
                ) % {"name": college.name, "reasons": "; ".join(str(r) for r in reasons)}
    return problem if problem.messages or problem.rows else None


def colleges_with_usage(*, coop: Coop) -> list[College]:
    """The coop's colleges with how many members, categories and history lines use them."""
    return list(
        College.objects.filter(coop=coop)
        .annotate(
            member_count=Count("members", distinct=True),
            category_count=Count(
                "category_default", filter=Q(category_default__coop=coop), distinct=True
            ),
        )
        .order_by("position", "code")
    )


@transaction.atomic
def colleges_update(*, actor, coop: Coop, rows: list[CollegeRow]) -> list[College]:
    """Save the coop's colleges as a whole (names, weights, order, new and deleted ones).

    Raises ``CollegesInvalid`` with every problem at once. Members keep their college;
    the change is audited with the colleges before and after.
    """
    _lock_register(coop)
    existing = {college.pk: college for college in colleges_with_usage(coop=coop)}
    history = set(
        CollegeChange.objects.filter(coop=coop).values_list("from_college_id", flat=True)
    ) | set(CollegeChange.objects.filter(coop=coop).values_list("to_college_id", flat=True))
    for college in existing.values():
        college.history_count = int(college.pk in history)
    if any(row.pk is not None and row.pk not in existing for row in rows):
        raise CollegesInvalid([_("This college belongs to another coop.")])
    if coop.legal_form == Coop.LegalForm.SCP and {r.pk for r in rows} != set(existing):
        raise CollegesInvalid(
            [_("An SCP d'HLM has the colleges A, B and C set by the law: only their names change.")]
        )
    problem = validate_colleges(coop=coop, rows=rows, existing=existing)
    if problem:
        raise problem
    before = _snapshot(existing.values())
    saved = []
    taken = {college.code for college in existing.values()}
    for row in rows:
        name = " ".join(row.name.split())
        if row.pk and row.delete:
            existing[row.pk].delete()
            continue
        if row.pk:
            college = existing[row.pk]
        else:
            code = base = slugify(name)[:16] or "college"
            n = 2
            while code in taken:
                code, n = f"{base}-{n}", n + 1
            taken.add(code)
            college = College(coop=coop, code=code, kind=row.kind or CollegeKind.OTHER)
        college.name = name
        college.position = row.position
        if coop.legal_form == Coop.LegalForm.SCIC:
            college.weight = row.weight
            if row.kind and not row.pk:
                college.kind = row.kind
        else:
            college.kind = SCP_COLLEGE_KINDS.get(college.code, college.kind)
        college.full_clean()
        college.save()
        saved.append(college)
    after = _snapshot(saved)
    if before != after:
        audit_record(
            actor=actor,
            action="register.colleges",
            obj=coop,
            coop=coop,
            details={"before": before, "after": after},
        )
    return sorted(saved, key=lambda c: (c.position, c.code))


def _snapshot(colleges) -> list[dict[str, Any]]:
    return sorted(
        (
            {
                "code": c.code,
                "name": c.name,
                "kind": c.kind,
                "weight": _jsonable(c.weight),
                "position": c.position,
            }
            for c in colleges
        ),
        key=lambda c: c["code"],
    )
