"""Answers to campaign questions as stored values: parse, check, show (pure, no I/O).

Stored as JSON: text → ``str``; number → ``str`` of a ``Decimal`` (exact, no float
rounding); one choice → ``str``; several choices → ``list[str]``; yes/no → ``bool``;
scale → ``int``. ``None`` means "not answered".
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_TEXT = 5000
MAX_NUMBER = Decimal("1e12")


class AnswerError(ValueError):
    """An answer that does not fit its question, with a message for people."""


def clean_value(question, raw: Any) -> Any:
    """The stored form of ``raw`` for ``question``; None for an empty answer."""
    kind = question.kind
    if raw is None or raw == "" or raw == []:
        return None
    if kind == "text":
        text = str(raw).strip()
        if len(text) > MAX_TEXT:
            raise AnswerError(_("At most %(max)s characters.") % {"max": MAX_TEXT})
        return text or None
    if kind == "number":
        try:
            number = Decimal(str(raw).replace(",", ".").replace("\u202f", "").replace(" ", ""))
        except InvalidOperation as error:
            raise AnswerError(_("Enter a number.")) from error
        if not number.is_finite() or abs(number) >= MAX_NUMBER:
            raise AnswerError(_("Enter a number."))
        if number == number.to_integral():
            return str(int(number))
        return format(number.normalize(), "f")
    if kind == "choice":
        if str(raw) not in question.choices:
            raise AnswerError(_("Choose one of the answers offered."))
        return str(raw)
    if kind == "multiple":
        values = [str(v) for v in raw] if isinstance(raw, list | tuple) else [str(raw)]
        if any(v not in question.choices for v in values):
            raise AnswerError(_("Choose among the answers offered."))
        return [c for c in question.choices if c in values]  # the question's order
    if kind == "yes_no":
        if raw in (True, "true", "1", "yes", "oui"):
            return True
        if raw in (False, "false", "0", "no", "non"):
            return False
        raise AnswerError(_("Answer yes or no."))
    if kind == "scale":
        try:
            number = int(raw)
        except (TypeError, ValueError) as error:
            raise AnswerError(_("Choose a value on the scale.")) from error
        if not question.scale_min <= number <= question.scale_max:
            raise AnswerError(_("Choose a value on the scale."))
        return number
    raise AnswerError(_("Unknown kind of question."))


def display_value(question, value: Any) -> str:
    """An answer as people read it (French decimals, yes/no, choices joined)."""
    if value is None or value == "" or value == []:
        return "—"
    if question.kind == "number":
        number = Decimal(str(value))
        places = max(0, -number.as_tuple().exponent) if number != number.to_integral() else 0
        text = number_format(number, decimal_pos=places, force_grouping=True)
        return f"{text} {question.unit}".strip()
    if question.kind == "yes_no":
        return _("Yes") if value else _("No")
    if question.kind == "multiple":
        return ", ".join(value)
    return str(value)


def same_value(a: Any, b: Any) -> bool:
    """Whether two stored answers say the same (numbers compared as numbers)."""
    if a is None or b is None:
        return a is b
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except (InvalidOperation, ValueError):
        return a == b
