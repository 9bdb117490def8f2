"""Writes on organisations: each one transactional and audited."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from viecoop.audit.services import audit_record

from .hooks import run_coop_role_hooks, run_coop_setup
from .models import Coop, CoopRole, Federation, FederationRole, Residence
from .selectors import forget_roles

COOP_EDITABLE_FIELDS = (
    "name",
    "legal_form",
    "region",
    "department",
    "address",
    "postal_code",
    "city",
    "siren",
    "email",
    "website",
    "logo",
)
RESIDENCE_FIELDS = ("name", "address", "postal_code", "city", "homes_count")


def _changes(obj, data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, list]:
    changes = {}
    for name in fields:
        if name in data and getattr(obj, name) != data[name]:
            before, after = getattr(obj, name), data[name]
            changes[name] = [str(before) if before is not None else None, str(after)]
            setattr(obj, name, after)
    return changes


@transaction.atomic
def coop_create(*, actor, federation: Federation, slug: str, **data: Any) -> Coop:
    coop = Coop(federation=federation, slug=slug)
    _changes(coop, data, COOP_EDITABLE_FIELDS)
    coop.search_text = coop.build_search_text()
    coop.full_clean()
    coop.save()
    run_coop_setup(coop=coop)
    audit_record(actor=actor, action="coop.create", obj=coop, coop=None, details={"slug": slug})
    return coop


@transaction.atomic
def coop_update(*, actor, coop: Coop, **data: Any) -> Coop:
    changes = _changes(coop, data, COOP_EDITABLE_FIELDS)
    if changes:
        coop.search_text = coop.build_search_text()
        coop.full_clean()
        coop.save()
        audit_record(actor=actor, action="coop.update", obj=coop, coop=coop, details=changes)
    return coop


@transaction.atomic
def residence_create(*, actor, coop: Coop, **data: Any) -> Residence:
    residence = Residence(coop=coop)
    _changes(residence, data, RESIDENCE_FIELDS)
    residence.search_text = residence.build_search_text()
    residence.full_clean()
    residence.save()
    audit_record(
        actor=actor,
        action="residence.create",
        obj=residence,
        details={"homes_count": residence.homes_count},
    )
    return residence


@transaction.atomic
def residence_update(*, actor, residence: Residence, **data: Any) -> Residence:
    changes = _changes(residence, data, RESIDENCE_FIELDS)
    if changes:
        residence.search_text = residence.build_search_text()
        residence.full_clean()
        residence.save()
        audit_record(actor=actor, action="residence.update", obj=residence, details=changes)
    return residence


@transaction.atomic
def residence_delete(*, actor, residence: Residence) -> None:
    audit_record(
        actor=actor, action="residence.delete", obj=residence, details={"name": residence.name}
    )
    residence.delete()


@transaction.atomic
def coop_role_grant(
    *, actor, user, coop: Coop, role: str, job_title: str = ""
) -> tuple[CoopRole, bool]:
    """Give ``user`` a role in ``coop``; granting a role already held changes nothing."""
    if role not in CoopRole.Role.values:
        raise ValueError(f"Unknown coop role {role!r}")
    try:
        with transaction.atomic():
            coop_role = CoopRole.objects.create(
                user=user,
                coop=coop,
                role=role,
                job_title=job_title,
                granted_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError:
        return CoopRole.objects.get(user=user, coop=coop, role=role), False
    audit_record(
        actor=actor,
        action="role.grant",
        obj=coop_role,
        coop=coop,
        details={"user_id": user.pk, "role": role},
    )
    run_coop_role_hooks(actor=actor, coop_role=coop_role, granted=True)
    forget_roles(user)
    return coop_role, True


@transaction.atomic
def coop_role_revoke(*, actor, coop_role: CoopRole) -> None:
    """Withdraw a role. A coop always keeps at least one manager."""
    locked = CoopRole.objects.select_for_update().get(pk=coop_role.pk)
    if locked.role == CoopRole.Role.MANAGER:
        managers = (
            CoopRole.objects.select_for_update()
            .filter(coop_id=locked.coop_id, role=CoopRole.Role.MANAGER)
            .count()
        )
        if managers <= 1:
            raise LastManagerError
    audit_record(
        actor=actor,
        action="role.revoke",
        obj=locked,
        coop=locked.coop,
        details={"user_id": locked.user_id, "role": locked.role},
    )
    run_coop_role_hooks(actor=actor, coop_role=locked, granted=False)
    locked.delete()
    forget_roles(coop_role.user)


class LastManagerError(Exception):
    """Removing this role would leave the coop without a manager."""


@transaction.atomic
def federation_role_grant(
    *, actor, user, federation: Federation, role: str, job_title: str = ""
) -> tuple[FederationRole, bool]:
    if role not in FederationRole.Role.values:
        raise ValueError(f"Unknown federation role {role!r}")
    fed_role, created = FederationRole.objects.get_or_create(
        user=user, federation=federation, role=role, defaults={"job_title": job_title}
    )
    if created:
        audit_record(
            actor=actor,
            action="federation_role.grant",
            obj=fed_role,
            coop=None,
            details={"user_id": user.pk, "role": role},
        )
        forget_roles(user)
    return fed_role, created
