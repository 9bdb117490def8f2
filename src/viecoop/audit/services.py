"""Writing to the audit log. Called by every service, inside its transaction."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models

from .models import AuditEntry


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    coop=None,
    details: dict[str, Any] | None = None,
    ip_address: str | None = None,
    system_label: str = "system",
) -> AuditEntry:
    """Append one entry. Must run inside the caller's transaction: if it rolls back, so does the entry."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record() must be called inside a transaction.")
    actor_obj = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    if actor_obj is None and actor is not None:
        # A non-human actor (an API token) names itself and says what identifies it.
        system_label = getattr(actor, "audit_label", system_label)
        details = {**getattr(actor, "audit_details", {}), **(details or {})}
    if coop is None and obj is not None:
        coop = getattr(obj, "coop", None)
    # Round-trip through DjangoJSONEncoder so dates, decimals and UUIDs are stored as text.
    clean_details = json.loads(json.dumps(details or {}, cls=DjangoJSONEncoder))
    return AuditEntry.objects.create(
        actor=actor_obj,
        # People are shown through the link (so an anonymised account shows anonymised);
        # the label only names non-human actors.
        actor_label="" if actor_obj else system_label,
        coop=coop,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        details=clean_details,
        ip_address=ip_address,
    )
