"""Checks on a notice (convocation) that return warnings for staff, never errors.

Staff may have good reasons (a court order, statuts with longer periods), so the app shows these
warnings and lets them confirm; the recount does not depend on them.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from django.utils.translation import gettext as _

from .deadlines import paris_date
from .rules import GovernanceRules
from .types import AssemblyKind, Notice, ResolutionKind


class WarningCode(StrEnum):
    NOTICE_TOO_SHORT = "notice_too_short"
    SENT_AFTER_MEETING = "sent_after_meeting"
    SECOND_WITHOUT_FIRST = "second_without_first"
    SECOND_NOT_AFTER_FIRST = "second_not_after_first"
    SECOND_TOO_LATE = "second_too_late"
    EXTRAORDINARY_IN_ORDINARY = "extraordinary_in_ordinary"
    ORDINARY_IN_EXTRAORDINARY = "ordinary_in_extraordinary"
    NO_RESOLUTION = "no_resolution"


@dataclass(frozen=True, slots=True)
class NoticeWarning:
    code: WarningCode
    message: str


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's end (31 Dec + 2 months = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _day(value: date | datetime) -> date:
    return paris_date(value) if isinstance(value, datetime) else value


def check_notice(
    rules: GovernanceRules,
    *,
    assembly_kind: AssemblyKind | str,
    notice: Notice | int,
    meeting_at: datetime,
    sent_on: date | datetime,
    first_meeting_at: datetime | None = None,
    resolution_kinds: Iterable[ResolutionKind | str] = (),
) -> tuple[NoticeWarning, ...]:
    """Warnings for a planned notice: period too short for its notice (R225-69: 15 days before a
    1st meeting, 10 before a 2nd, counted in Paris calendar days from the day it is sent), a
    second meeting without, before or more than two months after the first, an extraordinary
    resolution in an ordinary assembly (or the reverse), no resolution at all.
    """
    assembly_kind, notice = AssemblyKind(assembly_kind), Notice(notice)
    kinds = {ResolutionKind(k) for k in resolution_kinds}
    warnings: list[NoticeWarning] = []
    meeting_day, sent_day = paris_date(meeting_at), _day(sent_on)
    days = (meeting_day - sent_day).days
    required = rules.notice_days(notice)
    if days < 0:
        warnings.append(
            NoticeWarning(
                WarningCode.SENT_AFTER_MEETING,
                _("The notice is sent after the meeting date."),
            )
        )
    elif days < required:
        warnings.append(
            NoticeWarning(
                WarningCode.NOTICE_TOO_SHORT,
                (
                    _(
                        "The notice is sent %(days)s days before the meeting; a first notice needs "
                        "at least %(required)s days (R225-69)."
                    )
                    if notice == Notice.FIRST
                    else _(
                        "The notice is sent %(days)s days before the meeting; a second notice "
                        "needs at least %(required)s days (R225-69)."
                    )
                )
                % {"days": days, "required": required},
            )
        )
    if notice == Notice.SECOND:
        if first_meeting_at is None:
            warnings.append(
                NoticeWarning(
                    WarningCode.SECOND_WITHOUT_FIRST,
                    _("A second notice must refer to the first meeting, which lacked a quorum."),
                )
            )
        else:
            first_day = paris_date(first_meeting_at)
            limit = add_months(first_day, rules.second_meeting_max_months)
            if meeting_day <= first_day:
                warnings.append(
                    NoticeWarning(
                        WarningCode.SECOND_NOT_AFTER_FIRST,
                        _("The second meeting must be held after the first one."),
                    )
                )
            elif meeting_day > limit:
                warnings.append(
                    NoticeWarning(
                        WarningCode.SECOND_TOO_LATE,
                        _(
                            "The second meeting is more than %(months)s months after the first "
                            "(%(first)s): it must be held by %(limit)s at the latest."
                        )
                        % {
                            "months": rules.second_meeting_max_months,
                            "first": first_day.strftime("%d/%m/%Y"),
                            "limit": limit.strftime("%d/%m/%Y"),
                        },
                    )
                )
    if assembly_kind == AssemblyKind.ORDINARY and ResolutionKind.EXTRAORDINARY in kinds:
        warnings.append(
            NoticeWarning(
                WarningCode.EXTRAORDINARY_IN_ORDINARY,
                _(
                    "An extraordinary resolution is on the agenda of an ordinary assembly: call an "
                    "extraordinary or mixed assembly."
                ),
            )
        )
    if assembly_kind == AssemblyKind.EXTRAORDINARY and ResolutionKind.ORDINARY in kinds:
        warnings.append(
            NoticeWarning(
                WarningCode.ORDINARY_IN_EXTRAORDINARY,
                _(
                    "An ordinary resolution is on the agenda of an extraordinary assembly: call a "
                    "mixed assembly so that its own quorum and majority apply."
                ),
            )
        )
    if not kinds:
        warnings.append(
            NoticeWarning(WarningCode.NO_RESOLUTION, _("The agenda has no resolution yet."))
        )
    return tuple(warnings)
