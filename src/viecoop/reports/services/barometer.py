"""Snapshots of the barometer: every indicator for every active coop, for one closed period."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from viecoop.audit.services import audit_record
from viecoop.organizations.models import Coop

from ..indicators import Period, compute_all
from ..models import DistributionSnapshot, IndicatorSnapshot
from ..stats import distribution, to_decimal


@transaction.atomic
def snapshot_take(*, period: Period, actor=None) -> dict[str, int]:
    """Store every indicator of every active coop for ``period``, and the network's quartiles.

    Idempotent: taking the same period again replaces its values (an upsert on the unique
    key indicator × coop × period), so a re-run after a correction in the register is safe.
    """
    if period.kind not in ("year", "quarter"):
        raise ValueError("snapshots are taken for a year or a quarter")
    coops = list(Coop.objects.active().order_by("pk"))
    values = compute_all(coops, period)
    now = timezone.now()
    rows = [
        IndicatorSnapshot(
            key=key,
            coop_id=coop_id,
            period_kind=period.kind,
            period_start=period.start,
            period_end=period.end,
            value=to_decimal(value),
            computed_at=now,
        )
        for key, by_coop in values.items()
        for coop_id, value in by_coop.items()
    ]
    IndicatorSnapshot.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["key", "coop", "period_kind", "period_end"],
        update_fields=["value", "period_start", "computed_at"],
    )
    distributions = []
    for key, by_coop in values.items():
        dist = distribution(by_coop.values())
        distributions.append(
            DistributionSnapshot(
                key=key,
                period_kind=period.kind,
                period_start=period.start,
                period_end=period.end,
                count=dist.count if dist else 0,
                q1=to_decimal(dist.q1) if dist else None,
                median=to_decimal(dist.median) if dist else None,
                q3=to_decimal(dist.q3) if dist else None,
                computed_at=now,
            )
        )
    DistributionSnapshot.objects.bulk_create(
        distributions,
        update_conflicts=True,
        unique_fields=["key", "period_kind", "period_end"],
        update_fields=["count", "q1", "median", "q3", "period_start", "computed_at"],
    )
    audit_record(
        actor=actor,
        action="barometer.snapshot",
        coop=None,
        details={"period": period.label, "coops": len(coops), "values": len(rows)},
        system_label="barometer_snapshot",
    )
    return {"coops": len(coops), "values": len(rows)}
