"""Discussions of a group: start one, post, reply, edit, remove; e-mails to members who
asked for one per message."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.core.richtext import render_markdown

from .. import access
from ..models import Discussion, Membership, Message, WorkingGroup
from .membership import GroupError
from .notify import group_absolute_url, send_to

MAX_BODY = 20_000


def _check_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": _("A message holds 20,000 characters at most.")})
    return body


def _check_poster(actor, group: WorkingGroup) -> None:
    if not group.is_active:
        raise GroupError(_("This group is archived."))
    if not access.is_active_member(actor, group):
        raise GroupError(_("Only the group's members post in its discussions."))


def _notify_each(message: Message) -> None:
    """One e-mail per message to the members who chose it (not to its author)."""
    discussion = message.discussion
    group = discussion.group
    recipients = (
        Membership.objects.filter(
            group=group,
            status=Membership.Status.ACTIVE,
            notify=Membership.Notify.EACH,
            user__is_active=True,
        )
        .exclude(user_id=message.author_id)
        .select_related("user")
    )
    url = (
        group_absolute_url(group, "discussion", discussion_pk=discussion.pk)
        + f"#message-{message.pk}"
    )
    for membership in recipients:
        send_to(
            membership.user,
            "groups/message",
            group,
            {"message": message, "discussion": discussion, "message_url": url},
        )


@transaction.atomic
def discussion_start(*, actor, group: WorkingGroup, title: str, body: str) -> Discussion:
    _check_poster(actor, group)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the discussion a subject.")})
    body = _check_body(body)
    now = timezone.now()
    discussion = Discussion.objects.create(
        group=group, title=title[:200], created_by=actor, last_message_at=now
    )
    message = Message.objects.create(
        discussion=discussion, author=actor, body=body, body_html=render_markdown(body)
    )
    audit_record(
        actor=actor,
        action="group.discussion_start",
        obj=discussion,
        coop=group.coop,
        details={"group": group.pk},
    )
    _notify_each(message)
    return discussion


@transaction.atomic
def message_post(
    *, actor, discussion: Discussion, body: str, reply_to: Message | None = None
) -> Message:
    discussion = (
        Discussion.objects.select_for_update(of=("self",))
        .select_related("group", "group__coop")
        .get(pk=discussion.pk)
    )
    group = discussion.group
    _check_poster(actor, group)
    if discussion.is_closed:
        raise GroupError(_("This discussion is closed."))
    if reply_to is not None and reply_to.discussion_id != discussion.pk:
        raise GroupError(_("This reply belongs to another discussion."))
    body = _check_body(body)
    message = Message.objects.create(
        discussion=discussion,
        author=actor,
        body=body,
        body_html=render_markdown(body),
        reply_to=reply_to,
    )
    discussion.last_message_at = message.created_at
    discussion.save(update_fields=["last_message_at"])
    audit_record(
        actor=actor,
        action="group.message_post",
        obj=message,
        coop=group.coop,
        details={"group": group.pk, "discussion": discussion.pk},
    )
    _notify_each(message)
    return message


@transaction.atomic
def message_edit(*, actor, message: Message, body: str) -> Message:
    message = (
        Message.objects.select_for_update(of=("self",))
        .select_related("discussion__group")
        .get(pk=message.pk)
    )
    if message.author_id != getattr(actor, "pk", None):
        raise GroupError(_("Only its author edits a message."))
    if message.is_removed:
        raise GroupError(_("This message was removed."))
    body = _check_body(body)
    if body == message.body:
        return message
    message.body = body
    message.body_html = render_markdown(body)
    message.edited_at = timezone.now()
    message.save(update_fields=["body", "body_html", "edited_at"])
    audit_record(
        actor=actor,
        action="group.message_edit",
        obj=message,
        coop=message.discussion.group.coop,
        details={"discussion": message.discussion_id},
    )
    return message


@transaction.atomic
def message_remove(*, actor, message: Message) -> Message:
    """Its author or a coordinator removes a message; its place in the thread stays."""
    message = (
        Message.objects.select_for_update(of=("self",))
        .select_related("discussion__group")
        .get(pk=message.pk)
    )
    group = message.discussion.group
    if message.is_removed:
        return message
    if message.author_id != getattr(actor, "pk", None) and not actor.has_perm(
        "groups.manage_group", group
    ):
        raise GroupError(_("Only its author or the group's coordinators remove a message."))
    message.body = ""
    message.body_html = ""
    message.removed_at = timezone.now()
    message.removed_by = actor
    message.save(update_fields=["body", "body_html", "removed_at", "removed_by"])
    audit_record(
        actor=actor,
        action="group.message_remove",
        obj=message,
        coop=group.coop,
        details={"discussion": message.discussion_id, "by_author": message.author_id == actor.pk},
    )
    return message


@transaction.atomic
def discussion_close(*, actor, discussion: Discussion, closed: bool) -> Discussion:
    discussion = (
        Discussion.objects.select_for_update(of=("self",))
        .select_related("group")
        .get(pk=discussion.pk)
    )
    if discussion.is_closed == closed:
        return discussion
    discussion.is_closed = closed
    discussion.save(update_fields=["is_closed"])
    audit_record(
        actor=actor,
        action="group.discussion_close" if closed else "group.discussion_reopen",
        obj=discussion,
        coop=discussion.group.coop,
    )
    return discussion
