"""The "group" audience of events: a working group's meetings.

Registered in the events app's audience registry from ``GroupsConfig.ready()``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from viecoop.events.audiences import NOTHING, AudienceKind, AudienceOption
from viecoop.organizations.models import CoopRole
from viecoop.organizations.selectors import roles_for

from . import access
from .models import Membership, WorkingGroup


def group_path(group: WorkingGroup, action: str = "detail", **kwargs) -> str:
    kwargs["pk"] = group.pk
    if group.coop_id is not None:
        kwargs["coop_slug"] = group.coop.slug
        return reverse(f"groups:coop_{action}", kwargs=kwargs)
    return reverse(f"groups:network_{action}", kwargs=kwargs)


class GroupAudience(AudienceKind):
    key = "group"
    label = _("A working group")
    needs_target = True

    def _group(self, target):
        return WorkingGroup.objects.select_related("coop").filter(pk=target).first()

    def space(self, *, coop, target):
        group = self._group(target)
        return "coop" if group is not None and group.coop_id is not None else "network"

    def validate(self, *, coop, target):
        super().validate(coop=coop, target=target)
        group = self._group(target)
        if group is None or not group.is_active:
            raise ValidationError({"audience": gettext("This working group does not exist.")})
        if group.coop_id != (coop.pk if coop is not None else None):
            raise ValidationError(
                {"audience": gettext("A group's meetings belong to the group's own space.")}
            )

    def options(self, *, user, coop):
        groups = WorkingGroup.objects.filter(status=WorkingGroup.Status.ACTIVE)
        groups = groups.filter(coop=coop) if coop is not None else groups.filter(coop__isnull=True)
        for group in groups.order_by("name"):
            if access.is_coordinator(user, group) or access.is_steward(user, group):
                label = gettext("Working group “%(name)s”") % {"name": group.name}
                yield AudienceOption(self.key, group.pk, label)

    def _member_groups(self, user):
        return Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values(
            "group_id"
        )

    def visible_q(self, user):
        roles = roles_for(user)
        q = Q(audience=self.key, audience_target__in=self._member_groups(user))
        if roles.federation_roles:
            q |= Q(audience=self.key, coop__isnull=True)
        staff_coops = [c for c, r in roles.coop_roles.items() if r & CoopRole.STAFF_ROLES]
        if staff_coops:
            q |= Q(audience=self.key, coop_id__in=staff_coops)
        return q

    def manageable_q(self, user):
        coordinated = Membership.objects.filter(
            user=user, status=Membership.Status.ACTIVE, role=Membership.Role.COORDINATOR
        ).values("group_id")
        return (
            Q(audience=self.key, audience_target__in=coordinated)
            if user.is_authenticated
            else NOTHING
        )

    def _event_group(self, event):
        cached = getattr(event, "_audience_group", None)
        if cached is None:
            cached = self._group(event.audience_target)
            event._audience_group = cached
        return cached

    def can_view(self, user, event):
        group = self._event_group(event)
        return group is not None and (
            access.is_active_member(user, group) or access.is_steward(user, group)
        )

    def can_register(self, user, event):
        return self.can_view(user, event)

    def can_manage(self, user, event):
        group = self._event_group(event)
        return group is not None and access.is_coordinator(user, group)

    def eligible_users(self, event):
        return get_user_model().objects.filter(
            is_active=True,
            group_memberships__group_id=event.audience_target,
            group_memberships__status=Membership.Status.ACTIVE,
        )

    def describe(self, event):
        group = self._event_group(event)
        if group is None:
            return str(self.label)
        return gettext("Working group “%(name)s”") % {"name": group.name}

    def describe_many(self, events):
        names = dict(
            WorkingGroup.objects.filter(pk__in={e.audience_target for e in events}).values_list(
                "pk", "name"
            )
        )
        return {
            e.pk: gettext("Working group “%(name)s”") % {"name": names[e.audience_target]}
            if e.audience_target in names
            else str(self.label)
            for e in events
        }

    def target_url(self, event):
        group = self._event_group(event)
        return group_path(group) if group is not None else None
