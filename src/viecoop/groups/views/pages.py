"""A group's own pages: overview, settings, membership, members, meetings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors
from viecoop.events.forms import EventForm
from viecoop.events.paths import event_url

from .. import access, selectors, services
from ..audience import group_path
from ..forms import GroupUpdateForm, JoinForm, NotifyForm
from ..models import Membership, WorkingGroup


def group_context(request, group: WorkingGroup, coop, tab: str) -> dict:
    user = request.user
    standing = access.standing(user, group)
    return {
        "group": group,
        "coop": coop,
        "tab": tab,
        "standing": standing,
        "is_member": standing is not None and standing.status == Membership.Status.ACTIVE,
        "is_pending": standing is not None and standing.status == Membership.Status.PENDING,
        "can_read": user.has_perm("groups.read_group", group),
        "can_post": user.has_perm("groups.post_group", group),
        "can_manage": user.has_perm("groups.manage_group", group),
    }


def detail(request, *, group: WorkingGroup, coop):
    context = group_context(request, group, coop, "overview")
    if context["can_read"]:
        upcoming = selectors.meetings(group=group, user=request.user)
        past = selectors.meetings(group=group, user=request.user, upcoming=False, limit=3)
        for event in upcoming + past:
            event.url = event_url(event)
        context.update(
            members=selectors.group_members(group),
            discussions=selectors.discussion_list(group, limit=5),
            documents=selectors.documents(group, limit=5),
            upcoming=upcoming,
            past=past,
            pending=selectors.pending_requests(group) if context["can_manage"] else [],
        )
        membership = Membership.objects.filter(group=group, user=request.user).first()
        context["notify_form"] = (
            NotifyForm(initial={"notify": membership.notify})
            if membership is not None and membership.is_active
            else None
        )
    else:
        context["coordinators"] = [
            m for m in selectors.group_members(group) if m.role == Membership.Role.COORDINATOR
        ]
        context["members_count"] = Membership.objects.filter(
            group=group, status=Membership.Status.ACTIVE
        ).count()
    context["join_form"] = JoinForm()
    return render(request, "groups/group_detail.html", context)


def update(request, *, group: WorkingGroup, coop):
    form = GroupUpdateForm(request.POST or None, instance=WorkingGroup.objects.get(pk=group.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The group is saved."))
            return redirect(group_path(group))
    return render(request, "groups/group_form.html", {"form": form, "coop": coop, "group": group})


@require_POST
def join(request, *, group: WorkingGroup, coop):
    form = JoinForm(request.POST)
    motivation = form.cleaned_data["motivation"] if form.is_valid() else ""
    try:
        membership = services.membership_join(user=request.user, group=group, motivation=motivation)
    except services.GroupError as error:
        messages.error(request, str(error))
    else:
        if membership.is_active:
            messages.success(request, _("Welcome to the group!"))
        else:
            messages.info(
                request,
                _(
                    "Your request is sent to the group's coordinators; you will get their answer by e-mail."
                ),
            )
    return redirect(group_path(group))


@require_POST
def leave(request, *, group: WorkingGroup, coop):
    membership = Membership.objects.filter(group=group, user=request.user).first()
    if membership is not None:
        try:
            services.membership_leave(actor=request.user, membership=membership)
        except services.GroupError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("You have left the group."))
    return redirect(group_path(group))


@require_POST
def notify(request, *, group: WorkingGroup, coop):
    membership = get_object_or_404(
        Membership, group=group, user=request.user, status=Membership.Status.ACTIVE
    )
    form = NotifyForm(request.POST)
    if form.is_valid():
        services.membership_set_notify(
            user=request.user, membership=membership, notify=form.cleaned_data["notify"]
        )
        messages.success(request, _("Your choice of e-mails is saved."))
    return redirect(group_path(group) + "#mes-notifications")


def members(request, *, group: WorkingGroup, coop):
    context = group_context(request, group, coop, "members")
    if request.method == "POST":
        if not context["can_manage"]:
            return redirect(group_path(group, "members"))
        person = get_user_model().objects.filter(pk=_int(request.POST.get("user"))).first()
        if person is None:
            messages.error(request, _("Choose a person from the search results."))
        else:
            try:
                services.membership_add(actor=request.user, group=group, user=person)
            except services.GroupError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("%(name)s joins the group.") % {"name": person})
        return redirect(group_path(group, "members"))
    query = request.GET.get("q", "").strip()[:100]
    context.update(
        members=selectors.group_members(group),
        pending=selectors.pending_requests(group) if context["can_manage"] else [],
        query=query,
        people=selectors.people_to_add(group, search=query)
        if context["can_manage"] and query
        else [],
    )
    return render(request, "groups/members.html", context)


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


@require_POST
def member_action(request, *, group: WorkingGroup, coop, membership_pk: int, verb: str):
    membership = get_object_or_404(
        Membership.objects.select_related("user"), group=group, pk=membership_pk
    )
    try:
        if verb == "accepter":
            services.membership_decide(actor=request.user, membership=membership, approve=True)
            messages.success(request, _("%(name)s joins the group.") % {"name": membership.user})
        elif verb == "refuser":
            services.membership_decide(actor=request.user, membership=membership, approve=False)
            messages.success(
                request, _("The request of %(name)s is declined.") % {"name": membership.user}
            )
        elif verb == "coordinateur":
            services.membership_set_role(
                actor=request.user, membership=membership, role=Membership.Role.COORDINATOR
            )
            messages.success(
                request, _("%(name)s coordinates the group.") % {"name": membership.user}
            )
        elif verb == "membre":
            services.membership_set_role(
                actor=request.user, membership=membership, role=Membership.Role.MEMBER
            )
            messages.success(
                request, _("%(name)s no longer coordinates the group.") % {"name": membership.user}
            )
        elif verb == "retirer":
            services.membership_leave(actor=request.user, membership=membership)
            messages.success(
                request, _("%(name)s is no longer in the group.") % {"name": membership.user}
            )
        else:
            messages.error(request, _("Unknown action."))
    except services.GroupError as error:
        messages.error(request, str(error))
    return redirect(group_path(group, "members"))


def meeting_create(request, *, group: WorkingGroup, coop):
    value = f"group:{group.pk}"
    form = EventForm(
        request.POST or None, user=request.user, coop=group.coop, initial={"audience_choice": value}
    )
    # A group's meeting is for the group: the audience is fixed.
    form.fields["audience_choice"].choices = [
        (value, _("Working group “%(name)s”") % {"name": group.name})
    ]
    form.fields["kind"].initial = "group_meeting"
    if request.method == "POST" and form.is_valid():
        try:
            event = services.group_meeting_create(
                actor=request.user,
                group=group,
                status="published" if form.cleaned_data["publish"] else "draft",
                **form.event_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is planned; the group's members are told."))
            return redirect(event_url(event))
    context = group_context(request, group, coop, "overview")
    context["form"] = form
    return render(request, "groups/meeting_form.html", context)
