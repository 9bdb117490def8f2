from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siren(value: str) -> None:
    """A SIREN is nine digits whose Luhn checksum is valid (INSEE)."""
    compact = value.replace(" ", "")
    if not (len(compact) == 9 and compact.isdigit()):
        raise ValidationError(_("A SIREN number has nine digits."), code="siren_format")
    if not luhn_valid(compact):
        raise ValidationError(
            _("This SIREN number is not valid (check digit). Please check it."),
            code="siren_checksum",
        )
