"""The daily digest: one e-mail per person with the new messages of all their groups.

Each membership keeps a cursor (the moment up to which its messages were digested). A
run takes a fixed ``now``, collects per person the messages posted after each cursor and
up to ``now`` (not their own, not removed), queues one e-mail and moves the cursors to
``now`` in the same transaction. Running it twice sends nothing the second time; a
message posted during a run has ``created_at`` after ``now`` and waits for the next one.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import Membership, Message, WorkingGroup
from .notify import group_absolute_url, send_to

MESSAGES_PER_DISCUSSION = 5


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
    for membership in memberships:
        since = membership.digest_cursor or membership.joined_at or now
        earliest = min(earliest, since)
        window |= Q(discussion__group_id=membership.group_id, created_at__gt=since)
    messages = list(
        # The plain range first lets the database use the index on created_at.
        Message.objects.filter(created_at__gt=earliest, created_at__lte=now)
        .filter(window, removed_at__isnull=True)
        .exclude(author_id=user_id)
        .select_related("author", "discussion", "discussion__group")
        .order_by("discussion__group__name", "discussion__last_message_at", "created_at", "pk")
    )
    Membership.objects.filter(pk__in=[m.pk for m in memberships]).update(digest_cursor=now)
    if not messages:
        return 0
    user = memberships[0].user
    by_group: dict[int, dict] = {}
    for message in messages:
        group = message.discussion.group
        entry = by_group.setdefault(
            group.pk,
            {"group": group, "url": group_absolute_url(group), "discussions": defaultdict(list)},
        )
        entry["discussions"][message.discussion].append(message)
    groups = [
        {
            "group": entry["group"],
            "url": entry["url"],
            "discussions": [
                {
                    "discussion": discussion,
                    "url": group_absolute_url(
                        entry["group"], "discussion", discussion_pk=discussion.pk
                    ),
                    # A digest stays readable: the latest few messages of each discussion,
                    # and how many more wait on the site.
                    "messages": items[-MESSAGES_PER_DISCUSSION:],
                    "more": max(len(items) - MESSAGES_PER_DISCUSSION, 0),
                }
                for discussion, items in entry["discussions"].items()
            ],
        }
        for entry in by_group.values()
    ]
    send_to(user, "groups/digest", memberships[0].group, {"groups": groups, "count": len(messages)})
    return 1
