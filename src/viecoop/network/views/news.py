"""Network news: reading, writing, moderating, commenting."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors
from viecoop.core.htmx import render_page
from viecoop.organizations.tenancy import space_view

from .. import selectors, services
from ..forms import CommentForm, HideCommentForm, NewsForm, RejectForm
from ..models import NewsComment, NewsPost

PER_PAGE = 10


@space_view("network.view_news")
def news_list(request):
    page = Paginator(selectors.published_news(), PER_PAGE).get_page(request.GET.get("page"))
    return render_page(
        request,
        "network/news_list.html",
        {"page": page, "own": list(selectors.own_news(user=request.user)[:20])},
    )


def _visible_post(request, pk: int) -> NewsPost:
    post = get_object_or_404(NewsPost.objects.select_related("author", "coop"), pk=pk)
    if post.status != NewsPost.Status.PUBLISHED and not (
        post.author_id == request.user.pk or request.user.has_perm("network.moderate_news")
    ):
        raise Http404
    return post


@space_view("network.view_news")
def news_detail(request, pk: int):
    post = _visible_post(request, pk)
    moderator = request.user.has_perm("network.moderate_news")
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_create(author=request.user, post=post, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not request.htmx:
                messages.success(request, _("Your comment has been published."))
                return redirect(f"{post.get_absolute_url()}#comments")
            form = CommentForm()  # htmx: the fragment comes back with an empty form
    comments = selectors.post_comments(post=post, include_hidden=moderator)
    return render_page(
        request,
        "network/news_detail.html",
        {
            "post": post,
            "comments": comments,
            "form": form,
            "moderator": moderator,
            "can_change": request.user.has_perm("network.change_news", post),
            "reject_form": RejectForm() if moderator else None,
        },
        fragment="comments",
    )


@space_view("network.write_news")
def news_create(request):
    form = NewsForm(request.POST or None)
    can_publish = request.user.has_perm("network.publish_news")
    if request.method == "POST" and form.is_valid():
        publish = can_publish and request.POST.get("publish") == "1"
        post = services.news_create(
            author=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            publish=publish,
        )
        if post.status == NewsPost.Status.PUBLISHED:
            messages.success(request, _("The news has been published."))
        elif post.status == NewsPost.Status.SUBMITTED:
            messages.success(
                request,
                _("Thank you! The federation will read your post and publish it."),
            )
        else:
            messages.success(request, _("The draft has been saved."))
        return redirect(post.get_absolute_url())
    return render(
        request, "network/news_form.html", {"form": form, "can_publish": can_publish, "post": None}
    )


@space_view("network.view_news")
def news_update(request, pk: int):
    post = _visible_post(request, pk)
    if not request.user.has_perm("network.change_news", post):
        raise PermissionDenied
    form = NewsForm(request.POST or None, instance=NewsPost.objects.get(pk=post.pk))
    can_publish = request.user.has_perm("network.publish_news")
    if request.method == "POST" and form.is_valid():
        try:
            post = services.news_update(
                actor=request.user,
                post=post,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
            if can_publish and request.POST.get("publish") == "1":
                post = services.news_publish(actor=request.user, post=post)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The news has been saved."))
            return redirect(post.get_absolute_url())
    return render(
        request, "network/news_form.html", {"form": form, "can_publish": can_publish, "post": post}
    )


@space_view("network.moderate_news")
@require_POST
def news_publish(request, pk: int):
    post = get_object_or_404(NewsPost, pk=pk)
    services.news_publish(actor=request.user, post=post)
    messages.success(request, _("The news has been published."))
    return redirect(post.get_absolute_url())


@space_view("network.moderate_news")
def news_reject(request, pk: int):
    post = get_object_or_404(NewsPost.objects.select_related("author"), pk=pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.news_reject(
                actor=request.user, post=post, note=form.cleaned_data["review_note"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The post has been sent back to its author."))
            return redirect("network:news_moderation")
    return render(request, "network/news_reject.html", {"form": form, "post": post})


@space_view("network.view_news")
@require_POST
def news_delete(request, pk: int):
    post = _visible_post(request, pk)
    try:
        services.news_delete(actor=request.user, post=post)
    except PermissionError as error:
        raise PermissionDenied from error
    messages.success(request, _("The post “%(title)s” has been deleted.") % {"title": post.title})
    if request.user.has_perm("network.moderate_news"):
        return redirect("network:news_moderation")
    return redirect("network:news_list")


@space_view("network.moderate_news")
def news_moderation(request):
    return render(
        request,
        "network/news_moderation.html",
        {
            "submitted": list(selectors.news_to_moderate()),
            "drafts": list(selectors.federation_drafts()),
        },
    )


# Comments -----------------------------------------------------------------------------
def _comment(pk: int) -> NewsComment:
    return get_object_or_404(NewsComment.objects.select_related("post", "author"), pk=pk)


@space_view("network.moderate_news")
def comment_hide(request, pk: int):
    comment = _comment(pk)
    form = HideCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.comment_hide(
            actor=request.user, comment=comment, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The comment is hidden; its author has been told why."))
        return redirect(f"{comment.post.get_absolute_url()}#comment-{comment.pk}")
    return render(request, "network/comment_hide.html", {"form": form, "comment": comment})


@space_view("network.moderate_news")
@require_POST
def comment_unhide(request, pk: int):
    comment = _comment(pk)
    services.comment_unhide(actor=request.user, comment=comment)
    messages.success(request, _("The comment is visible again."))
    return redirect(f"{comment.post.get_absolute_url()}#comment-{comment.pk}")


@space_view("network.comment_news")
@require_POST
def comment_delete(request, pk: int):
    comment = _comment(pk)
    try:
        services.comment_delete(actor=request.user, comment=comment)
    except PermissionError as error:
        raise PermissionDenied from error
    messages.success(request, _("The comment has been deleted."))
    return redirect(f"{comment.post.get_absolute_url()}#comments")
