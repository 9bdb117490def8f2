"""The events pages, in two spaces: the network (``/reseau/evenements/``) and a coop
(``/c/<coop>/evenements/``).

Each page is written once, as ``impl(request, *, event, coop, **kwargs)`` (``coop`` is
None in the network), then wrapped twice here: by ``space_view`` for the network and by
``coop_view`` for a coop, which fetches the event *of that coop* with ``scoped_get``.
An event the person may not see answers 404 (it does not exist for them); a page of
an event they see but may not organise answers 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from viecoop.organizations.tenancy import coop_view, scoped_get, space_view

from ..models import Event
from . import event_pages, lists, organise

VIEW = "events.view_event"
MANAGE = "events.manage_event"


def _check(request, event: Event, perm: str) -> None:
    if not request.user.has_perm(VIEW, event):
        raise Http404("No such event for this person.")
    if perm != VIEW and not request.user.has_perm(perm, event):
        raise PermissionDenied


def _network(impl: Callable, perm: str) -> Callable:
    @space_view("events.view_network_events")
    @wraps(impl)
    def view(request, pk: int, **kwargs):
        event = get_object_or_404(
            Event.objects.select_related("coop").filter(space=Event.Space.NETWORK), pk=pk
        )
        _check(request, event, perm)
        return impl(request, event=event, coop=None, **kwargs)

    return view


def _coop(impl: Callable, perm: str) -> Callable:
    @coop_view("events.view_coop_events")
    @wraps(impl)
    def view(request, coop, pk: int, **kwargs):
        event = scoped_get(
            Event.objects.select_related("coop").filter(space=Event.Space.COOP), coop=coop, pk=pk
        )
        _check(request, event, perm)
        return impl(request, event=event, coop=coop, **kwargs)

    return view


PAGES = {
    "detail": (event_pages.detail, VIEW),
    "update": (event_pages.update, MANAGE),
    "publish": (event_pages.publish, MANAGE),
    "cancel": (event_pages.cancel, MANAGE),
    "register": (event_pages.register, VIEW),
    "unregister": (event_pages.unregister, VIEW),
    "ics": (event_pages.ics, VIEW),
    "document": (event_pages.document, VIEW),
    "registrations": (organise.registrations, MANAGE),
    "registration_cancel": (organise.registration_cancel, MANAGE),
    "attendance": (organise.attendance, MANAGE),
    "attendance_mark": (organise.attendance_mark, MANAGE),
    "minutes": (organise.minutes, MANAGE),
    "document_delete": (organise.document_delete, MANAGE),
}

for _name, (_impl, _perm) in PAGES.items():
    globals()[f"network_{_name}"] = _network(_impl, _perm)
    globals()[f"coop_{_name}"] = _coop(_impl, _perm)

network_list = lists.network_list
network_create = lists.network_create
coop_list = lists.coop_list
coop_create = lists.coop_create
