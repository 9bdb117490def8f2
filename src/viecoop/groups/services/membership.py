"""Creating groups and running their membership: join, request, approve, leave, roles."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.organizations.models import Coop

from .. import access
from ..models import Membership, WorkingGroup
from .notify import send_to


class GroupError(Exception):
    """Something the rules of the group refuse, with a message for people."""


GROUP_FIELDS = ("name", "purpose", "description", "policy", "status")


def _check_group(group: WorkingGroup) -> None:
    group.name = group.name.strip()
    group.search_text = group.build_search_text()
    clash = WorkingGroup.objects.filter(name__iexact=group.name, coop_id=group.coop_id).exclude(
        pk=group.pk
    )
    if clash.exists():
        raise ValidationError({"name": _("A group of this space already has this name.")})
    group.full_clean()


@transaction.atomic
def group_create(
    *,
    actor,
    coop: Coop | None,
    name: str,
    purpose: str,
    description: str = "",
    policy: str = "open",
) -> WorkingGroup:
    """Create a group of ``coop`` (None: of the network); its creator coordinates it."""
    group = WorkingGroup(
        coop=coop,
        name=name,
        purpose=purpose,
        description=description,
        policy=policy,
        created_by=actor,
    )
    _check_group(group)
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError as error:
        raise ValidationError(
            {"name": _("A group of this space already has this name.")}
        ) from error
    now = timezone.now()
    Membership.objects.create(
        group=group,
        user=actor,
        role=Membership.Role.COORDINATOR,
        status=Membership.Status.ACTIVE,
        joined_at=now,
        decided_by=actor,
        decided_at=now,
        digest_cursor=now,
    )
    access.forget_memberships(actor)
    audit_record(actor=actor, action="group.create", obj=group, coop=coop)
    return group


@transaction.atomic
def group_update(*, actor, group: WorkingGroup, **data: Any) -> WorkingGroup:
    group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
    changed = []
    for name in GROUP_FIELDS:
        if name in data and getattr(group, name) != data[name]:
            setattr(group, name, data[name])
            changed.append(name)
    if not changed:
        return group
    _check_group(group)
    group.save()
    audit_record(
        actor=actor, action="group.update", obj=group, coop=group.coop, details={"fields": changed}
    )
    if "policy" in changed and group.policy == WorkingGroup.Policy.OPEN:
        # Opening the group lets in everyone who was waiting.
        for membership in Membership.objects.filter(group=group, status=Membership.Status.PENDING):
            membership_decide(actor=actor, membership=membership, approve=True)
    return group


def _activate(membership: Membership, *, actor, now) -> None:
    membership.status = Membership.Status.ACTIVE
    membership.joined_at = now
    membership.left_at = None
    membership.decided_by = actor
    membership.decided_at = now
    # A new member's first digest starts from their arrival, not from the group's history.
    membership.digest_cursor = now


@transaction.atomic
def membership_join(*, user, group: WorkingGroup, motivation: str = "") -> Membership:
    """Join an open group, or ask to join a moderated one (its coordinators are told)."""
    group = (
        WorkingGroup.objects.select_for_update(of=("self",)).select_related("coop").get(pk=group.pk)
    )
    if not group.is_active:
        raise GroupError(_("This group is archived."))
    if not access.in_space(user, group):
        raise GroupError(_("This group is not open to you."))
    membership = Membership.objects.select_for_update().filter(group=group, user=user).first()
    if membership is not None and membership.status in (
        Membership.Status.ACTIVE,
        Membership.Status.PENDING,
    ):
        return membership
    if membership is None:
        membership = Membership(group=group, user=user)
    membership.role = Membership.Role.MEMBER
    membership.motivation = motivation.strip()[:2000]
    membership.requested_at = timezone.now()
    now = timezone.now()
    if group.policy == WorkingGroup.Policy.OPEN:
        _activate(membership, actor=user, now=now)
    else:
        membership.status = Membership.Status.PENDING
        membership.decided_by = None
        membership.decided_at = None
    membership.save()
    access.forget_memberships(user)
    audit_record(
        actor=user,
        action="group.join" if membership.is_active else "group.request",
        obj=membership,
        coop=group.coop,
        details={"group": group.pk},
    )
    if membership.status == Membership.Status.PENDING:
        for coordinator in _coordinators(group):
            send_to(coordinator, "groups/join_request", group, {"membership": membership})
    return membership


@transaction.atomic
def membership_decide(*, actor, membership: Membership, approve: bool) -> Membership:
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("group", "group__coop", "user")
        .get(pk=membership.pk)
    )
    if membership.status != Membership.Status.PENDING:
        return membership
    now = timezone.now()
    if approve:
        _activate(membership, actor=actor, now=now)
    else:
        membership.status = Membership.Status.REFUSED
        membership.decided_by = actor
        membership.decided_at = now
    membership.save()
    access.forget_memberships(membership.user)
    audit_record(
        actor=actor,
        action="group.approve" if approve else "group.refuse",
        obj=membership,
        coop=membership.group.coop,
        details={"group": membership.group_id, "user": membership.user_id},
    )
    send_to(
        membership.user,
        "groups/join_decided",
        membership.group,
        {"membership": membership, "approved": approve},
    )
    return membership


def _coordinators(group: WorkingGroup):
    return [
        m.user
        for m in Membership.objects.filter(
            group=group, status=Membership.Status.ACTIVE, role=Membership.Role.COORDINATOR
        ).select_related("user")
    ]


def _check_not_last_coordinator(membership: Membership) -> None:
    if membership.role != Membership.Role.COORDINATOR or not membership.is_active:
        return
    others = (
        Membership.objects.filter(
            group_id=membership.group_id,
            status=Membership.Status.ACTIVE,
            role=Membership.Role.COORDINATOR,
        )
        .exclude(pk=membership.pk)
        .exists()
    )
    if not others:
        raise GroupError(_("A group keeps at least one coordinator: name another one first."))


@transaction.atomic
def membership_leave(*, actor, membership: Membership) -> Membership:
    """Leave the group, or (a coordinator) remove someone from it. A pending request is withdrawn."""
    # Lock the group: two coordinators leaving at once must not leave it without one.
    WorkingGroup.objects.select_for_update().get(pk=membership.group_id)
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("group", "user")
        .get(pk=membership.pk)
    )
    if membership.status not in (Membership.Status.ACTIVE, Membership.Status.PENDING):
        return membership
    _check_not_last_coordinator(membership)
    membership.status = Membership.Status.LEFT
    membership.role = Membership.Role.MEMBER
    membership.left_at = timezone.now()
    membership.save()
    access.forget_memberships(membership.user)
    by_self = getattr(actor, "pk", None) == membership.user_id
    audit_record(
        actor=actor,
        action="group.leave" if by_self else "group.remove",
        obj=membership,
        coop=membership.group.coop,
        details={"group": membership.group_id, "user": membership.user_id},
    )
    return membership


@transaction.atomic
def membership_set_role(*, actor, membership: Membership, role: str) -> Membership:
    WorkingGroup.objects.select_for_update().get(pk=membership.group_id)
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("group")
        .get(pk=membership.pk)
    )
    if role not in Membership.Role.values:
        raise GroupError(_("Unknown role."))
    if not membership.is_active or membership.role == role:
        return membership
    if role == Membership.Role.MEMBER:
        _check_not_last_coordinator(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    access.forget_memberships(membership.user)
    audit_record(
        actor=actor,
        action="group.role",
        obj=membership,
        coop=membership.group.coop,
        details={"group": membership.group_id, "user": membership.user_id, "role": role},
    )
    return membership


@transaction.atomic
def membership_add(
    *, actor, group: WorkingGroup, user, role: str = Membership.Role.MEMBER
) -> Membership:
    """A coordinator adds someone of the group's space directly (no request)."""
    group = (
        WorkingGroup.objects.select_for_update(of=("self",)).select_related("coop").get(pk=group.pk)
    )
    if not access.in_space(user, group):
        raise GroupError(_("This person is not part of the group's space."))
    membership = Membership.objects.select_for_update().filter(group=group, user=user).first()
    if membership is None:
        membership = Membership(group=group, user=user, requested_at=timezone.now())
    if membership.is_active:
        return membership
    membership.role = role
    _activate(membership, actor=actor, now=timezone.now())
    membership.save()
    access.forget_memberships(user)
    audit_record(
        actor=actor,
        action="group.add",
        obj=membership,
        coop=group.coop,
        details={"group": group.pk, "user": user.pk},
    )
    send_to(user, "groups/added", group, {"membership": membership, "by": actor})
    return membership


@transaction.atomic
def membership_set_notify(*, user, membership: Membership, notify: str) -> Membership:
    if notify not in Membership.Notify.values:
        raise GroupError(_("Unknown choice."))
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("group")
        .get(pk=membership.pk, user=user)
    )
    if membership.notify == notify:
        return membership
    if notify == Membership.Notify.DIGEST:
        # Switching to the digest starts it from now (messages before were e-mailed one by one).
        membership.digest_cursor = timezone.now()
    membership.notify = notify
    membership.save(update_fields=["notify", "digest_cursor"])
    audit_record(
        actor=user,
        action="group.notify",
        obj=membership,
        coop=membership.group.coop,
        details={"group": membership.group_id, "notify": notify},
    )
    return membership
