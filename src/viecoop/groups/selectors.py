"""Reads about working groups, at a constant number of queries per page."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from viecoop.core.text import fold
from viecoop.events.models import Event
from viecoop.events.selectors import visible_q as events_visible_q
from viecoop.events.selectors import with_counts
from viecoop.organizations.models import Coop

from .models import (
    Deliverable,
    Discussion,
    DocumentVersion,
    GroupDocument,
    Membership,
    Message,
    WorkingGroup,
)

ACTIVE = Membership.Status.ACTIVE


def _count(model_filter: QuerySet, field: str):
    return Coalesce(
        Subquery(
            model_filter.order_by().values(field).annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def group_list(
    *, user, coop: Coop | None, search: str = "", mine: bool = False, archived: bool = False
) -> QuerySet[WorkingGroup]:
    """Groups of a space (a coop's, or the network's when ``coop`` is None), the person's
    first, with member counts and the person's standing."""
    qs = (
        WorkingGroup.objects.filter(coop=coop)
        if coop
        else WorkingGroup.objects.filter(coop__isnull=True)
    )
    qs = qs.filter(status=WorkingGroup.Status.ARCHIVED if archived else WorkingGroup.Status.ACTIVE)
    if search:
        qs = qs.filter(search_text__contains=fold(search))
    mine_q = Membership.objects.filter(group=OuterRef("pk"), user=user)
    qs = qs.annotate(
        members_count=_count(
            Membership.objects.filter(group=OuterRef("pk"), status=ACTIVE), "group"
        ),
        my_status=Subquery(mine_q.values("status")[:1]),
        my_role=Subquery(mine_q.values("role")[:1]),
        last_activity=Subquery(
            Discussion.objects.filter(group=OuterRef("pk"))
            .order_by("-last_message_at")
            .values("last_message_at")[:1]
        ),
    )
    if mine:
        qs = qs.filter(
            memberships__user=user, memberships__status__in=[ACTIVE, Membership.Status.PENDING]
        )
    return qs.select_related("coop").order_by(
        # The person's groups first, then by name.
        Coalesce("my_status", Value("~")).asc(),
        "name",
    )


def group_members(group: WorkingGroup) -> list[Membership]:
    """Active members, coordinators first, with the coop they come from for network groups."""
    from viecoop.organizations.models import CoopRole

    staff_roles = CoopRole.objects.filter(role__in=CoopRole.STAFF_ROLES).select_related("coop")
    return list(
        Membership.objects.filter(group=group, status=ACTIVE)
        .select_related("user")
        .prefetch_related(Prefetch("user__coop_roles", queryset=staff_roles, to_attr="staff_roles"))
        .order_by("role", "user__last_name", "user__first_name")
    )


def pending_requests(group: WorkingGroup) -> list[Membership]:
    return list(
        Membership.objects.filter(group=group, status=Membership.Status.PENDING)
        .select_related("user")
        .order_by("requested_at")
    )


def discussion_list(group: WorkingGroup, *, limit: int | None = None) -> list[Discussion]:
    qs = (
        Discussion.objects.filter(group=group)
        .select_related("created_by")
        .annotate(
            messages_count=_count(
                Message.objects.filter(discussion=OuterRef("pk"), removed_at__isnull=True),
                "discussion",
            ),
            last_author_first=Subquery(
                Message.objects.filter(discussion=OuterRef("pk"))
                .order_by("-created_at", "-pk")
                .values("author__first_name")[:1]
            ),
            last_author_last=Subquery(
                Message.objects.filter(discussion=OuterRef("pk"))
                .order_by("-created_at", "-pk")
                .values("author__last_name")[:1]
            ),
        )
        .order_by("-last_message_at", "-pk")
    )
    return list(qs[:limit] if limit else qs)


def discussion_messages(discussion: Discussion) -> list[Message]:
    return list(
        discussion.messages.select_related("author", "reply_to", "reply_to__author").order_by(
            "created_at", "pk"
        )
    )


def documents(group: WorkingGroup, *, limit: int | None = None) -> list[GroupDocument]:
    qs = (
        GroupDocument.objects.filter(group=group)
        .select_related("latest_version", "latest_version__uploaded_by")
        .annotate(
            versions_count=_count(
                DocumentVersion.objects.filter(document=OuterRef("pk")), "document"
            )
        )
        .order_by("-updated_at", "pk")
    )
    return list(qs[:limit] if limit else qs)


def deliverables(group: WorkingGroup) -> list[Deliverable]:
    return list(
        group.deliverables.select_related("created_by", "proposed_by").order_by("-updated_at", "pk")
    )


def meetings(*, group: WorkingGroup, user, upcoming: bool = True, limit: int = 5) -> list[Event]:
    now = timezone.now()
    qs = Event.objects.for_audience("group", group.pk).filter(events_visible_q(user))
    qs = qs.upcoming(now).order_by("starts_at") if upcoming else qs.past(now).order_by("-starts_at")
    return list(with_counts(qs.select_related("coop"), user)[:limit])


def people_to_add(group: WorkingGroup, *, search: str, limit: int = 10) -> list:
    """People of the group's space, not in it, matching ``search``: the coordinators' search."""
    from django.contrib.auth import get_user_model

    from viecoop.organizations.models import CoopRole

    search = search.strip()
    if len(search) < 2:
        return []
    users = get_user_model().objects.filter(is_active=True)
    if group.coop_id is None:
        users = users.filter(
            Q(coop_roles__role__in=CoopRole.STAFF_ROLES, coop_roles__coop__is_active=True)
            | Q(federation_roles__isnull=False)
        )
    else:
        users = users.filter(coop_roles__coop_id=group.coop_id)
    inside = Membership.objects.filter(group=group, status__in=[ACTIVE, Membership.Status.PENDING])
    terms = Q()
    for word in search.split()[:4]:
        terms &= (
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return list(
        users.filter(terms)
        .exclude(pk__in=inside.values("user_id"))
        .distinct()
        .order_by("last_name", "first_name", "email")[:limit]
    )


def my_groups(user) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, status__in=[ACTIVE, Membership.Status.PENDING])
        .select_related("group", "group__coop")
        .order_by("group__name")
    )


def export_own_group_data(user) -> dict[str, Any]:
    """A person's memberships, messages, documents and deliverables (RGPD export)."""
    return {
        "memberships": [
            {
                "group": m.group.name,
                "coop": m.group.coop.name if m.group.coop else None,
                "role": m.role,
                "status": m.status,
                "notifications": m.notify,
                "motivation": m.motivation,
                "requested_at": m.requested_at,
                "joined_at": m.joined_at,
                "left_at": m.left_at,
            }
            for m in Membership.objects.filter(user=user).select_related("group", "group__coop")
        ],
        "messages": [
            {
                "group": m.discussion.group.name,
                "discussion": m.discussion.title,
                "posted_at": m.created_at,
                "edited_at": m.edited_at,
                "removed_at": m.removed_at,
                "body": m.body,
            }
            for m in Message.objects.filter(author=user)
            .select_related("discussion", "discussion__group")
            .order_by("created_at")
        ],
        "document_versions": [
            {
                "document": v.document.title,
                "version": v.number,
                "name": v.original_name,
                "at": v.created_at,
            }
            for v in DocumentVersion.objects.filter(uploaded_by=user).select_related("document")
        ],
        "deliverables": [
            {"title": d.title, "group": d.group.name, "status": d.status, "at": d.created_at}
            for d in Deliverable.objects.filter(created_by=user).select_related("group")
        ],
    }
