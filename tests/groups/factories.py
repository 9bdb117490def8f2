"""Groups made through the services, with test defaults."""

from __future__ import annotations

from django.db import transaction

from viecoop.groups import services
from viecoop.groups.models import Membership, WorkingGroup

_counter = iter(range(1, 10**6))


def make_group(*, creator, coop=None, **data) -> WorkingGroup:
    data.setdefault("name", f"Groupe n°{next(_counter)}")
    data.setdefault("purpose", "Travailler ensemble.")
    with transaction.atomic():
        return services.group_create(actor=creator, coop=coop, **data)


def add_member(group, user, *, role=Membership.Role.MEMBER, notify=None) -> Membership:
    with transaction.atomic():
        membership = services.membership_add(actor=None, group=group, user=user, role=role)
    if notify:
        Membership.objects.filter(pk=membership.pk).update(notify=notify)
        membership.refresh_from_db()
    return membership


def post(discussion, user, body="Bonjour à tous", reply_to=None):
    with transaction.atomic():
        return services.message_post(
            actor=user, discussion=discussion, body=body, reply_to=reply_to
        )


def start(group, user, title="Un sujet", body="Premier message"):
    with transaction.atomic():
        return services.discussion_start(actor=user, group=group, title=title, body=body)
