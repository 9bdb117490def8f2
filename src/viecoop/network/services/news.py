"""Network news: the federation publishes, référents propose, everyone in the network comments."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.organizations.models import CoopRole
from viecoop.organizations.selectors import roles_for

from ..models import NewsComment, NewsPost
from .referents import _mail_each, federation_admins


def _lock(post: NewsPost) -> NewsPost:
    # Lock the post only: PostgreSQL refuses FOR UPDATE on the outer join to a deleted author.
    return NewsPost.objects.select_for_update(of=("self",)).select_related("author").get(pk=post.pk)


def _referent_coop_id(user) -> int | None:
    roles = roles_for(user)
    return next(
        (coop.pk for coop in roles.coops if CoopRole.Role.REFERENT in roles.in_coop(coop)), None
    )


@transaction.atomic
def news_create(*, author, title: str, body: str, publish: bool = False) -> NewsPost:
    """The federation's team saves a draft or publishes; a référent's post awaits moderation."""
    now = timezone.now()
    post = NewsPost(author=author, title=title.strip(), body=body)
    if author.has_perm("network.publish_news"):
        if publish:
            post.status = NewsPost.Status.PUBLISHED
            post.published_at = now
            post.published_by = author
    elif author.has_perm("network.write_news"):
        post.status = NewsPost.Status.SUBMITTED
        post.submitted_at = now
        post.coop_id = _referent_coop_id(author)
    else:
        raise PermissionError
    post.full_clean()
    post.save()
    audit_record(
        actor=author, action="network_news.create", obj=post, details={"status": post.status}
    )
    if post.status == NewsPost.Status.SUBMITTED:
        _mail_each(federation_admins(), template="network_news_submitted", context={"post": post})
    return post


@transaction.atomic
def news_update(*, actor, post: NewsPost, title: str, body: str) -> NewsPost:
    post = _lock(post)
    if not actor.has_perm("network.change_news", post):
        raise PermissionError
    post.title, post.body = title.strip(), body
    resubmitted = post.status == NewsPost.Status.REJECTED and post.author_id == actor.pk
    if resubmitted:
        post.status = NewsPost.Status.SUBMITTED  # edited after a refusal: back to moderation
        post.submitted_at = timezone.now()
    post.full_clean()
    post.save()
    audit_record(actor=actor, action="network_news.update", obj=post)
    if resubmitted:
        _mail_each(federation_admins(), template="network_news_submitted", context={"post": post})
    return post


@transaction.atomic
def news_publish(*, actor, post: NewsPost) -> NewsPost:
    post = _lock(post)
    if post.status == NewsPost.Status.PUBLISHED:
        return post
    post.status = NewsPost.Status.PUBLISHED
    post.published_at = timezone.now()
    post.published_by = actor
    post.review_note = ""
    post.save(update_fields=["status", "published_at", "published_by", "review_note", "updated_at"])
    audit_record(actor=actor, action="network_news.publish", obj=post)
    if post.author and post.author != actor and post.author.is_active:
        _mail_each([post.author], template="network_news_published", context={"post": post})
    return post


@transaction.atomic
def news_reject(*, actor, post: NewsPost, note: str) -> NewsPost:
    """Send a proposed post back to its author, saying why; they may edit and resubmit."""
    if not note.strip():
        raise ValidationError({"review_note": _("Tell the author why, so they can improve it.")})
    post = _lock(post)
    if post.status != NewsPost.Status.SUBMITTED:
        raise ValidationError(_("Only a post waiting for moderation can be sent back."))
    post.status = NewsPost.Status.REJECTED
    post.review_note = note.strip()
    post.save(update_fields=["status", "review_note", "updated_at"])
    audit_record(actor=actor, action="network_news.reject", obj=post)
    if post.author and post.author.is_active:
        _mail_each([post.author], template="network_news_rejected", context={"post": post})
    return post


@transaction.atomic
def news_delete(*, actor, post: NewsPost) -> None:
    post = _lock(post)
    if not (
        actor.has_perm("network.moderate_news")
        or (post.author_id == actor.pk and post.status != NewsPost.Status.PUBLISHED)
    ):
        raise PermissionError
    audit_record(actor=actor, action="network_news.delete", obj=post, details={"title": post.title})
    post.delete()


@transaction.atomic
def comment_create(*, author, post: NewsPost, body: str) -> NewsComment:
    """Comment a published post; its author is told by e-mail."""
    if post.status != NewsPost.Status.PUBLISHED:
        raise ValidationError(_("Only published news can be commented."))
    comment = NewsComment(post=post, author=author, body=body.strip())
    comment.full_clean()
    comment.save()
    audit_record(actor=author, action="network_comment.create", obj=comment)
    if post.author and post.author != author and post.author.is_active:
        _mail_each(
            [post.author],
            template="network_comment_posted",
            context={"post": post, "comment": comment},
        )
    return comment


@transaction.atomic
def comment_hide(*, actor, comment: NewsComment, reason: str) -> NewsComment:
    """Moderation: the comment stays in the database, hidden, and its author learns why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the comment is hidden.")})
    comment = (
        NewsComment.objects.select_for_update(of=("self",))
        .select_related("author", "post")
        .get(pk=comment.pk)
    )
    comment.hidden_at = timezone.now()
    comment.hidden_by = actor
    comment.hidden_reason = reason.strip()
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit_record(actor=actor, action="network_comment.hide", obj=comment)
    if comment.author and comment.author != actor and comment.author.is_active:
        _mail_each(
            [comment.author],
            template="network_comment_hidden",
            context={"post": comment.post, "comment": comment},
            reply_to=[actor.email],
        )
    return comment


@transaction.atomic
def comment_unhide(*, actor, comment: NewsComment) -> NewsComment:
    comment = NewsComment.objects.select_for_update().get(pk=comment.pk)
    comment.hidden_at = None
    comment.hidden_by = None
    comment.hidden_reason = ""
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit_record(actor=actor, action="network_comment.unhide", obj=comment)
    return comment


@transaction.atomic
def comment_delete(*, actor, comment: NewsComment) -> None:
    if not (actor.has_perm("network.moderate_news") or comment.author_id == actor.pk):
        raise PermissionError
    audit_record(
        actor=actor,
        action="network_comment.delete",
        obj=comment,
        details={"post_id": comment.post_id, "author_id": comment.author_id},
    )
    comment.delete()
