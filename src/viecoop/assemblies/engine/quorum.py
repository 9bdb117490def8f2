"""Quorum: votes present or represented ÷ all voting rights, per resolution kind and notice.

Counted as present (rules.md, L225-107 II, R225-97): members in the room, members represented
by a proxy, postal and online forms received before the cut-off, and remote participants where
the statuts allow it. Counts are **votes** (an SCP investor weighs by capital), not heads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from . import text
from .rules import GovernanceRules
from .types import AssemblyKind, Notice, ResolutionKind

SOURCES = {
    ResolutionKind.ORDINARY: "C. com. L225-98",
    ResolutionKind.EXTRAORDINARY: "C. com. L225-96",
}


@dataclass(frozen=True, slots=True)
class Attendance:
    """Votes by way of taking part; each voter counted once, ``total`` = all voting rights.

    ``remote`` is always reported; it counts for the quorum only when the rules allow remote
    participation.
    """

    total: int
    present: int = 0
    represented: int = 0
    postal: int = 0
    online: int = 0
    remote: int = 0

    def __post_init__(self) -> None:
        for name in ("total", "present", "represented", "postal", "online", "remote"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"Attendance.{name} must be a non-negative int, not {value!r}.")
        if self.present + self.represented + self.postal + self.online + self.remote > self.total:
            raise ValueError("More votes attend than the assembly has voting rights.")


@dataclass(frozen=True, slots=True)
class QuorumResult:
    kind: ResolutionKind
    notice: Notice
    required: Fraction | None  # None: no quorum required
    counted: int  # votes counted for the quorum
    total: int  # all voting rights
    fraction: Fraction  # counted / total (0 when there are no voting rights)
    needed: int  # smallest count reaching the quorum (0 when none is required)
    reached: bool
    remote_counted: bool
    explanation: tuple[str, ...]

    @property
    def missing(self) -> int:
        return max(self.needed - self.counted, 0)


def kinds_of(assembly_kind: AssemblyKind | str) -> tuple[ResolutionKind, ...]:
    """The resolution kinds an assembly decides on (a mixed assembly: both)."""
    kind = AssemblyKind(assembly_kind)
    if kind == AssemblyKind.ORDINARY:
        return (ResolutionKind.ORDINARY,)
    if kind == AssemblyKind.EXTRAORDINARY:
        return (ResolutionKind.EXTRAORDINARY,)
    return (ResolutionKind.ORDINARY, ResolutionKind.EXTRAORDINARY)


def _heading(kind: ResolutionKind, notice: Notice) -> str:
    return {
        (ResolutionKind.ORDINARY, Notice.FIRST): _("Quorum of the ordinary assembly, first notice"),
        (ResolutionKind.ORDINARY, Notice.SECOND): _(
            "Quorum of the ordinary assembly, second notice"
        ),
        (ResolutionKind.EXTRAORDINARY, Notice.FIRST): _(
            "Quorum of the extraordinary assembly, first notice"
        ),
        (ResolutionKind.EXTRAORDINARY, Notice.SECOND): _(
            "Quorum of the extraordinary assembly, second notice"
        ),
    }[(kind, notice)]


def quorum(
    rules: GovernanceRules,
    kind: ResolutionKind | str,
    notice: Notice | int,
    attendance: Attendance,
) -> QuorumResult:
    """Whether the quorum of ``kind`` resolutions is reached on this notice, and why.

    Reached when counted ≥ required × total (the law says "at least"). With no voting rights at
    all, a required quorum is not reached.
    """
    kind, notice = ResolutionKind(kind), Notice(notice)
    required = rules.quorum_for(kind, notice)
    remote_counted = rules.remote_participation
    counted = (
        attendance.present
        + attendance.represented
        + attendance.postal
        + attendance.online
        + (attendance.remote if remote_counted else 0)
    )
    total = attendance.total
    share = Fraction(counted, total) if total else Fraction(0)
    if required is None:
        needed, reached = 0, True
    else:
        needed = math.ceil(required * total)
        reached = total > 0 and counted >= needed

    params = {
        "heading": _heading(kind, notice),
        "counted": text.number(counted),
        "total": text.number(total),
        "source": SOURCES[kind],
    }
    lines: list[str] = []
    if required is None:
        params["share"] = text.percent(share)
        lines.append(
            _(
                "%(heading)s: none required (%(source)s); %(counted)s votes of %(total)s present, "
                "represented or voting by form (%(share)s)."
            )
            % params
        )
    elif not total:
        params["required"] = text.percent(required)
        lines.append(
            _(
                "%(heading)s: no voting rights on the list of voters, %(required)s required: not reached."
            )
            % params
        )
    else:
        params["share"] = text.percent_near(share, required)
        params["required"] = text.percent(required)
        if reached:
            lines.append(
                _(
                    "%(heading)s: %(counted)s votes of %(total)s present, represented or voting by "
                    "form = %(share)s ≥ %(required)s required (%(source)s): reached."
                )
                % params
            )
        else:
            params["missing"] = text.number(needed - counted)
            lines.append(
                _(
                    "%(heading)s: %(counted)s votes of %(total)s present, represented or voting by "
                    "form = %(share)s < %(required)s required (%(source)s): not reached, "
                    "%(missing)s votes short."
                )
                % params
            )
    lines.append(
        _(
            "In the room: %(present)s; represented by a proxy: %(represented)s; postal forms: "
            "%(postal)s; online: %(online)s; remote: %(remote)s."
        )
        % {
            "present": text.number(attendance.present),
            "represented": text.number(attendance.represented),
            "postal": text.number(attendance.postal),
            "online": text.number(attendance.online),
            "remote": text.number(attendance.remote),
        }
    )
    if attendance.remote and not remote_counted:
        lines.append(
            _(
                "The %(remote)s votes of remote participants do not count: the statuts do not "
                "provide for remote participation (C. com. L225-107 II)."
            )
            % {"remote": text.number(attendance.remote)}
        )
    return QuorumResult(
        kind, notice, required, counted, total, share, needed, reached, remote_counted, tuple(lines)
    )


def assembly_quorums(
    rules: GovernanceRules,
    assembly_kind: AssemblyKind | str,
    notice: Notice | int,
    attendance: Attendance,
) -> dict[ResolutionKind, QuorumResult]:
    """One quorum per kind of resolution the assembly decides (a mixed assembly checks both)."""
    return {kind: quorum(rules, kind, notice, attendance) for kind in kinds_of(assembly_kind)}
