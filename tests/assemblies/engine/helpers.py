"""Builders shared by the rules engine tests: Paris datetimes, voters, rules."""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction

from django.utils.translation import override

from viecoop.assemblies.engine import PARIS, CollegeRule, GovernanceRules, Voter

SCP = GovernanceRules.default("scp")
SCIC = GovernanceRules.default("scic")  # usagers 40 %, salaries / collectivites / partenaires 20 %


def paris(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    microsecond: int = 0,
) -> datetime:
    """A wall-clock time in Paris (never ambiguous at the hours the tests use)."""
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=PARIS)


def scic(*weights: tuple[str, Fraction], **values) -> GovernanceRules:
    colleges = tuple(CollegeRule(code, code.capitalize(), "users", w) for code, w in weights)
    return GovernanceRules.default("scic", colleges, **values)


def members(college: str, first: int, count: int, votes: int = 1) -> list[Voter]:
    return [Voter(i, college, votes) for i in range(first, first + count)]


def english(function, *args, **kwargs):
    """Call ``function`` with English explanations (the source strings)."""
    with override("en"):
        return function(*args, **kwargs)
