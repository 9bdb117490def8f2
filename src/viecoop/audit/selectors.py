from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import AuditEntry

# A person's own account events (logins, profile, 2FA) are theirs, not the federation's
# business: they appear in the person's data export and in the technical admin only.
PERSONAL_PREFIXES = ("account.", "security.")


def audit_entries(
    *,
    coop=None,
    federation_level: bool = False,
    action: str = "",
    actor: str = "",
    object_type: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEntry]:
    """Entries of one coop, or the federation-level entries (coop is empty).

    The federation does not read coops' entries: they may describe members' personal data.
    """
    qs = AuditEntry.objects.all()
    if coop is not None:
        qs = qs.filter(coop=coop)
    elif federation_level:
        qs = qs.filter(coop__isnull=True)
        for prefix in PERSONAL_PREFIXES:
            qs = qs.exclude(action__startswith=prefix)
    else:
        raise ValueError("Choose a coop or the federation level.")
    if action:
        qs = qs.filter(action__startswith=action)
    if actor:
        qs = qs.filter(
            Q(actor__first_name__icontains=actor)
            | Q(actor__last_name__icontains=actor)
            | Q(actor__email__icontains=actor)
            | Q(actor_label__icontains=actor)
        )
    if object_type:
        qs = qs.filter(object_type=object_type)
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(created_at__gte=datetime.combine(date_from, time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(created_at__lte=datetime.combine(date_to, time.max, tzinfo=tz))
    return qs.order_by("-created_at", "-pk")


def audit_actions(*, coop=None) -> list[str]:
    qs = (
        AuditEntry.objects.filter(coop=coop)
        if coop
        else AuditEntry.objects.filter(coop__isnull=True)
    )
    return sorted(set(qs.values_list("action", flat=True).distinct()))
