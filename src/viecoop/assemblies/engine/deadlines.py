"""Cut-offs for postal forms and online votes (R225-77), in Europe/Paris local time.

Paper forms count when **received by day D-3** (the whole of that day, Paris time): received
before midnight at the start of D-2. Electronic forms and online votes count until **15:00 on
D-1**, Paris time, inclusive (15:00:00 exactly is accepted). Both numbers are settings of the
governance rules; the statuts may only make them later. Datetimes must be timezone-aware: a
cut-off on a daylight-saving change day is still a wall-clock time in Paris.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from .rules import GovernanceRules
from .types import Channel, Medium

PARIS = ZoneInfo("Europe/Paris")


def _aware(value: datetime, name: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, not {value!r}.")
    return value


def paris_date(value: datetime) -> date:
    """The calendar day in Paris of an aware datetime."""
    return _aware(value, "datetime").astimezone(PARIS).date()


@dataclass(frozen=True, slots=True)
class Cutoff:
    medium: Medium
    limit: datetime  # aware, in Europe/Paris
    inclusive: bool  # True: a form received at ``limit`` exactly still counts

    def accepts(self, at: datetime) -> bool:
        at = _aware(at, "at")
        return at <= self.limit if self.inclusive else at < self.limit

    def describe(self) -> str:
        local = self.limit.astimezone(PARIS)
        if self.inclusive:
            return _("until %(date)s at %(time)s (Paris time)") % {
                "date": local.strftime("%d/%m/%Y"),
                "time": local.strftime("%H:%M"),
            }
        last_day = (local - timedelta(days=1)).date()
        return _("until the end of %(date)s (Paris time)") % {"date": last_day.strftime("%d/%m/%Y")}


def postal_cutoff(rules: GovernanceRules, meeting_at: datetime, medium: Medium | str) -> Cutoff:
    """When a postal form of ``medium`` must have arrived for a meeting at ``meeting_at``.

    Never later than the meeting's start (a statuts' 0-day setting means "before the meeting").
    """
    meeting_at = _aware(meeting_at, "meeting_at")
    medium = Medium(medium)
    day = paris_date(meeting_at)
    if medium == Medium.PAPER:
        # "Received by D-3": the whole of D-3 counts, so the limit is the next midnight, excluded.
        end_of_day = day - timedelta(days=rules.postal_paper_days - 1)
        limit = datetime.combine(end_of_day, datetime.min.time(), tzinfo=PARIS)
        if limit > meeting_at:
            return Cutoff(medium, meeting_at.astimezone(PARIS), False)
        return Cutoff(medium, limit, False)
    limit = datetime.combine(
        day - timedelta(days=rules.postal_electronic_days),
        rules.postal_electronic_time,
        tzinfo=PARIS,
    )
    if limit >= meeting_at:
        return Cutoff(medium, meeting_at.astimezone(PARIS), False)
    return Cutoff(medium, limit, True)


def medium_of(channel: Channel | str) -> Medium:
    """POSTAL votes are paper forms; ONLINE votes are electronic forms."""
    channel = Channel(channel)
    if channel == Channel.POSTAL:
        return Medium.PAPER
    if channel == Channel.ONLINE:
        return Medium.ELECTRONIC
    raise ValueError(f"Only postal and online votes have a cut-off, not {channel}.")


@dataclass(frozen=True, slots=True)
class FormValidity:
    valid: bool
    cutoff: Cutoff
    explanation: str


def check_form(
    rules: GovernanceRules, meeting_at: datetime, medium: Medium | str, received_at: datetime
) -> FormValidity:
    """Whether a postal form or an online vote arrived in time, with a sentence saying why."""
    cutoff = postal_cutoff(rules, meeting_at, medium)
    valid = cutoff.accepts(received_at)
    local = _aware(received_at, "received_at").astimezone(PARIS)
    params = {
        "received": local.strftime("%d/%m/%Y %H:%M:%S"),
        "cutoff": cutoff.describe(),
    }
    if Medium(medium) == Medium.PAPER:
        message = (
            _("Paper form received on %(received)s, accepted %(cutoff)s: valid.")
            if valid
            else _(
                "Paper form received on %(received)s, accepted %(cutoff)s: too late, not counted."
            )
        )
    else:
        message = (
            _("Electronic vote received on %(received)s, accepted %(cutoff)s: valid.")
            if valid
            else _(
                "Electronic vote received on %(received)s, accepted %(cutoff)s: too late, not counted."
            )
        )
    return FormValidity(valid, cutoff, message % params)
