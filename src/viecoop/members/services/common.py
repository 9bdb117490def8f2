"""What every register write shares: the errors, the register lock, coop checks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from viecoop.organizations.models import Coop

from ..models import RegisterSettings


class LedgerError(Exception):
    """An operation the ledger refuses, with a message for people."""


def _lock_register(coop: Coop) -> RegisterSettings:
    """Serialise writes that number things in this coop's register (row lock on PostgreSQL)."""
    settings_row, _created = RegisterSettings.objects.get_or_create(coop=coop)
    return RegisterSettings.objects.select_for_update().get(pk=settings_row.pk)


def _check_same_coop(coop: Coop, **objects) -> None:
    for name, obj in objects.items():
        if obj is not None and obj.coop_id != coop.pk:
            raise ValidationError({name: _("This choice belongs to another coop.")})
