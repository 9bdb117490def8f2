"""The daily digest: one e-mail per person with the new messages of all their groups.

Each membership keeps a cursor (the moment up to which its messages were digested). A
run takes a fixed ``now``, collects per person the messages posted after each cursor and
up to ``now`` (not their own, not removed), queues one e-mail and moves the cursors to
``now`` in the same transaction. Running it twice sends nothing the second time; a
message posted during a run has ``created_at`` after ``now`` and waits for the next one.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Count, F, Max, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from ..models import Membership, Message, WorkingGroup
from .notify import group_absolute_url, send_to

MESSAGES_PER_DISCUSSION = 5
DISCUSSIONS_PER_DIGEST = 30


def send_group_digests(*, now: datetime | None = None) -> int:
    """Send the digests due; returns the number of e-mails queued."""
    now = now or timezone.now()
    users = (
        Membership.objects.filter(
            status=Membership.Status.ACTIVE,
            notify=Membership.Notify.DIGEST,
            user__is_active=True,
            group__status=WorkingGroup.Status.ACTIVE,
        )
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    sent = 0
    for user_id in list(users):
        with transaction.atomic():
            sent += _digest_for(user_id, now)
    return sent


def _digest_for(user_id: int, now: datetime) -> int:
    memberships = list(
        Membership.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            user_id=user_id,
            status=Membership.Status.ACTIVE,
            notify=Membership.Notify.DIGEST,
            group__status=WorkingGroup.Status.ACTIVE,
        )
        .select_related("user", "group", "group__coop")
    )
    if not memberships:
        return 0
    window = Q()
    earliest = now
    groups_by_pk = {}
    for membership in memberships:
        since = membership.digest_cursor or membership.joined_at or now
        earliest = min(earliest, since)
        window |= Q(discussion__group_id=membership.group_id, created_at__gt=since)
        groups_by_pk[membership.group_id] = membership.group
    # The plain range first lets the database use the index on created_at.
    new_messages = (
        Message.objects.filter(created_at__gt=earliest, created_at__lte=now)
        .filter(window, removed_at__isnull=True)
        .exclude(author_id=user_id)
    )
    per_discussion = {
        row["discussion_id"]: (row["n"], row["last"])
        for row in new_messages.order_by()
        .values("discussion_id")
        .annotate(n=Count("pk"), last=Max("created_at"))
    }
    Membership.objects.filter(pk__in=[m.pk for m in memberships]).update(digest_cursor=now)
    if not per_discussion:
        return 0
    # A digest stays readable: the most active discussions, the latest few messages of
    # each, and how many more wait on the site. Only those messages are loaded.
    shown = sorted(per_discussion, key=lambda pk: per_discussion[pk][1], reverse=True)
    shown = shown[:DISCUSSIONS_PER_DIGEST]
    latest = (
        new_messages.filter(discussion_id__in=shown)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("discussion_id")], order_by=F("created_at").desc()
            )
        )
        .filter(rank__lte=MESSAGES_PER_DISCUSSION)
        .select_related("author", "discussion")
        .order_by("created_at", "pk")
    )
    threads: dict[int, dict] = {}
    for message in latest:
        discussion = message.discussion
        thread = threads.get(discussion.pk)
        if thread is None:
            group = groups_by_pk[discussion.group_id]
            thread = threads[discussion.pk] = {
                "group": group,
                "discussion": discussion,
                "url": group_absolute_url(group, "discussion", discussion_pk=discussion.pk),
                "messages": [],
                "more": per_discussion[discussion.pk][0],
            }
        thread["messages"].append(message)
        thread["more"] -= 1
    groups: dict[int, dict] = {}
    for thread in sorted(
        threads.values(),
        key=lambda t: (t["group"].name, -per_discussion[t["discussion"].pk][1].timestamp()),
    ):
        group = thread["group"]
        if group.pk not in groups:
            groups[group.pk] = {"group": group, "url": group_absolute_url(group), "discussions": []}
        groups[group.pk]["discussions"].append(thread)
    send_to(
        memberships[0].user,
        "groups/digest",
        memberships[0].group,
        {
            "groups": list(groups.values()),
            "count": sum(n for n, _last in per_discussion.values()),
            "more_discussions": len(per_discussion) - len(shown),
        },
    )
    return 1
