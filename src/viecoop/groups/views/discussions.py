"""A group's discussions: the list, starting one, reading and replying, editing, removing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors

from .. import selectors, services
from ..audience import group_path
from ..forms import DiscussionForm, MessageForm
from ..models import Discussion, Message, WorkingGroup
from .pages import group_context


def discussion_list(request, *, group: WorkingGroup, coop):
    context = group_context(request, group, coop, "discussions")
    context["discussions"] = selectors.discussion_list(group)
    return render(request, "groups/discussions.html", context)


def discussion_create(request, *, group: WorkingGroup, coop):
    form = DiscussionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            discussion = services.discussion_start(
                actor=request.user, group=group, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except services.GroupError as error:
            form.add_error(None, str(error))
        else:
            return redirect(group_path(group, "discussion", discussion_pk=discussion.pk))
    context = group_context(request, group, coop, "discussions")
    context["form"] = form
    return render(request, "groups/discussion_form.html", context)


def discussion_detail(request, *, group: WorkingGroup, coop, discussion_pk: int):
    discussion = get_object_or_404(
        Discussion.objects.select_related("created_by"), group=group, pk=discussion_pk
    )
    context = group_context(request, group, coop, "discussions")
    form = MessageForm(request.POST or None, initial={"reply_to": request.GET.get("reponse")})
    if request.method == "POST":
        if not context["can_post"]:
            messages.error(request, _("Only the group's members post in its discussions."))
            return redirect(group_path(group, "discussion", discussion_pk=discussion.pk))
        if form.is_valid():
            reply_to = None
            if form.cleaned_data["reply_to"]:
                reply_to = Message.objects.filter(
                    discussion=discussion, pk=form.cleaned_data["reply_to"]
                ).first()
            try:
                message = services.message_post(
                    actor=request.user,
                    discussion=discussion,
                    body=form.cleaned_data["body"],
                    reply_to=reply_to,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except services.GroupError as error:
                form.add_error(None, str(error))
            else:
                if getattr(request, "htmx", None):
                    response = render(
                        request,
                        "groups/discussion.html#new-message",
                        {
                            **context,
                            "discussion": discussion,
                            "message": message,
                            "form": MessageForm(),
                        },
                    )
                    patch_vary_headers(response, ("HX-Request",))
                    return response
                return redirect(
                    group_path(group, "discussion", discussion_pk=discussion.pk)
                    + f"#message-{message.pk}"
                )
    if request.method == "POST" and getattr(request, "htmx", None):
        # The form comes back with its errors in place of the reply section.
        response = render(
            request,
            "groups/discussion.html#reply-form",
            {**context, "discussion": discussion, "form": form},
        )
        response["HX-Retarget"] = "#reply"
        response["HX-Reswap"] = "outerHTML"
        patch_vary_headers(response, ("HX-Request",))
        return response
    reply_to = None
    if request.GET.get("reponse", "").isdigit():
        reply_to = (
            Message.objects.filter(discussion=discussion, pk=request.GET["reponse"])
            .select_related("author")
            .first()
        )
    context.update(
        discussion=discussion,
        messages_list=selectors.discussion_messages(discussion),
        form=form,
        reply_to=reply_to,
    )
    return render(request, "groups/discussion.html", context)


@require_POST
def discussion_close(request, *, group: WorkingGroup, coop, discussion_pk: int):
    discussion = get_object_or_404(Discussion, group=group, pk=discussion_pk)
    services.discussion_close(
        actor=request.user, discussion=discussion, closed=not discussion.is_closed
    )
    return redirect(group_path(group, "discussion", discussion_pk=discussion.pk))


def message_edit(request, *, group: WorkingGroup, coop, discussion_pk: int, message_pk: int):
    message = get_object_or_404(
        Message.objects.select_related("discussion"),
        discussion__group=group,
        discussion_id=discussion_pk,
        pk=message_pk,
    )
    if message.author_id != request.user.pk or message.is_removed:
        messages.error(request, _("Only its author edits a message."))
        return redirect(group_path(group, "discussion", discussion_pk=discussion_pk))
    form = MessageForm(request.POST or None, initial={"body": message.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.message_edit(
                actor=request.user, message=message, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except services.GroupError as error:
            form.add_error(None, str(error))
        else:
            return redirect(
                group_path(group, "discussion", discussion_pk=discussion_pk)
                + f"#message-{message.pk}"
            )
    context = group_context(request, group, coop, "discussions")
    context.update(form=form, message=message, discussion=message.discussion)
    return render(request, "groups/message_edit.html", context)


@require_POST
def message_remove(request, *, group: WorkingGroup, coop, discussion_pk: int, message_pk: int):
    message = get_object_or_404(
        Message, discussion__group=group, discussion_id=discussion_pk, pk=message_pk
    )
    try:
        services.message_remove(actor=request.user, message=message)
    except services.GroupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The message is removed."))
    return redirect(
        group_path(group, "discussion", discussion_pk=discussion_pk) + f"#message-{message.pk}"
    )
