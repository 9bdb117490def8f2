"""Working groups' pages in two spaces: the network (``/reseau/groupes/``) and a coop
(``/c/<coop>/groupes/``). Each page is written once as
``impl(request, *, group, coop, **kwargs)`` and wrapped for both spaces, as the events
pages are: a group the person may not see is a 404, a page they may not use a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from viecoop.organizations.tenancy import coop_view, scoped_get, space_view

from ..models import WorkingGroup
from . import discussions, files, lists, pages

VIEW = "groups.view_group"
READ = "groups.read_group"
POST = "groups.post_group"
MANAGE = "groups.manage_group"


def _check(request, group: WorkingGroup, perm: str) -> None:
    if not request.user.has_perm(VIEW, group):
        raise Http404("No such group for this person.")
    if perm != VIEW and not request.user.has_perm(perm, group):
        raise PermissionDenied


def _network(impl: Callable, perm: str) -> Callable:
    @space_view("groups.view_network_groups")
    @wraps(impl)
    def view(request, pk: int, **kwargs):
        group = get_object_or_404(WorkingGroup.objects.filter(coop__isnull=True), pk=pk)
        _check(request, group, perm)
        return impl(request, group=group, coop=None, **kwargs)

    return view


def _coop(impl: Callable, perm: str) -> Callable:
    @coop_view("groups.view_coop_groups")
    @wraps(impl)
    def view(request, coop, pk: int, **kwargs):
        group = scoped_get(WorkingGroup.objects.select_related("coop"), coop=coop, pk=pk)
        _check(request, group, perm)
        return impl(request, group=group, coop=coop, **kwargs)

    return view


PAGES = {
    "detail": (pages.detail, VIEW),
    "update": (pages.update, MANAGE),
    "join": (pages.join, VIEW),
    "leave": (pages.leave, VIEW),
    "notify": (pages.notify, READ),
    "members": (pages.members, READ),
    "member_action": (pages.member_action, MANAGE),
    "meeting_create": (pages.meeting_create, MANAGE),
    "discussions": (discussions.discussion_list, READ),
    "discussion_create": (discussions.discussion_create, POST),
    "discussion": (discussions.discussion_detail, READ),
    "discussion_close": (discussions.discussion_close, MANAGE),
    "message_edit": (discussions.message_edit, READ),
    "message_remove": (discussions.message_remove, READ),
    "documents": (files.document_list, READ),
    "document": (files.document_detail, READ),
    "version_download": (files.version_download, READ),
    "deliverables": (files.deliverable_list, READ),
    "deliverable_create": (files.deliverable_create, POST),
    "deliverable": (files.deliverable_detail, READ),
    "deliverable_download": (files.deliverable_download, READ),
    "deliverable_propose": (files.deliverable_propose, MANAGE),
}

for _name, (_impl, _perm) in PAGES.items():
    globals()[f"network_{_name}"] = _network(_impl, _perm)
    globals()[f"coop_{_name}"] = _coop(_impl, _perm)

network_list = lists.network_list
network_create = lists.network_create
coop_list = lists.coop_list
coop_create = lists.coop_create
