"""Lists (upcoming, past, month) and the creation of events, in both spaces."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from viecoop.core.forms import add_service_errors
from viecoop.core.htmx import render_page
from viecoop.organizations.models import Coop, Region
from viecoop.organizations.tenancy import coop_view, space_view

from .. import selectors, services
from ..audiences import audience_kinds
from ..forms import EventForm
from ..models import Event
from ..paths import event_url

PAGE_SIZE = 20
NETWORK_AUDIENCES = ("network", "referents", "group", "cohort")
COOP_AUDIENCES = ("coop_members", "coop_staff", "group")


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _filters(request, *, space: str) -> selectors.EventFilters:
    get = request.GET
    kinds = Event.Kind.values
    audiences = {kind.key for kind in audience_kinds()}
    return selectors.EventFilters(
        when="past" if get.get("quand") == "passes" else "upcoming",
        kind=get.get("type", "") if get.get("type") in kinds else "",
        audience=get.get("public", "") if get.get("public") in audiences else "",
        coop=_int_or_none(get.get("coop")) if space == Event.Space.NETWORK else None,
        region=get.get("region", "") if get.get("region") in Region.values else "",
        search=get.get("q", "").strip()[:100],
    )


def _month(request) -> tuple[int, int]:
    raw = request.GET.get("mois", "")
    try:
        year, month = (int(part) for part in raw.split("-"))
        date(year, month, 1)
    except ValueError:
        today = timezone.localdate()
        return today.year, today.month
    return year, month


def _list(request, *, space: str, coop: Coop | None, can_create: bool, create_url: str):
    filters = _filters(request, space=space)
    query = request.GET.copy()
    query.pop("page", None)
    keys = NETWORK_AUDIENCES if space == Event.Space.NETWORK else COOP_AUDIENCES
    context = {
        "coop": coop,
        "space": space,
        "filters": filters,
        "query": query.urlencode(),
        "kinds": Event.Kind.choices,
        "audiences": [(k.key, k.label) for k in audience_kinds() if k.key in keys],
        "regions": Region.choices if space == Event.Space.NETWORK else (),
        "coops": (
            Coop.objects.active().only("pk", "name").order_by("name")
            if space == Event.Space.NETWORK
            else ()
        ),
        "can_create": can_create,
        "create_url": create_url,
        "view": "month" if request.GET.get("vue") == "mois" else "list",
    }
    if context["view"] == "month":
        year, month = _month(request)
        events = selectors.events_in_month(
            user=request.user, space=space, coop=coop, year=year, month=month, filters=filters
        )
        selectors.attach_audience_labels(events)
        prev_month = (year - 1, 12) if month == 1 else (year, month - 1)
        next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        month_query = request.GET.copy()
        for key in ("mois", "page", "quand"):
            month_query.pop(key, None)
        context.update(
            weeks=selectors.month_grid(events, year, month),
            month_start=date(year, month, 1),
            prev_month=f"{prev_month[0]}-{prev_month[1]:02d}",
            next_month=f"{next_month[0]}-{next_month[1]:02d}",
            month_query=month_query.urlencode(),
            day_names=[WEEKDAYS[i] for i in range(7)],
            month_count=len(events),
        )
    else:
        page = Paginator(
            selectors.event_list(user=request.user, space=space, coop=coop, filters=filters),
            PAGE_SIZE,
        ).get_page(request.GET.get("page"))
        selectors.attach_audience_labels(list(page.object_list))
        context["page"] = page
    return render_page(request, "events/event_list.html", context)


@space_view("events.view_network_events")
def network_list(request):
    from django.urls import reverse

    return _list(
        request,
        space=Event.Space.NETWORK,
        coop=None,
        can_create=request.user.has_perm("events.create_network_event"),
        create_url=reverse("events:network_create"),
    )


@coop_view("events.view_coop_events")
def coop_list(request, coop: Coop):
    from django.urls import reverse

    return _list(
        request,
        space=Event.Space.COOP,
        coop=coop,
        can_create=request.user.has_perm("events.create_coop_event", coop),
        create_url=reverse("events:coop_create", kwargs={"coop_slug": coop.slug}),
    )


def _create(request, *, coop: Coop | None):
    initial = {}
    if request.GET.get("public"):
        initial["audience_choice"] = request.GET["public"][:60]
    form = EventForm(request.POST or None, user=request.user, coop=coop, initial=initial)
    if request.method == "POST" and form.is_valid():
        audience, target = form.audience()
        try:
            event = services.event_create(
                actor=request.user,
                coop=coop,
                audience=audience,
                audience_target=target,
                status=Event.Status.PUBLISHED
                if form.cleaned_data["publish"]
                else Event.Status.DRAFT,
                **form.event_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The event is published.")
                if event.is_published
                else _("The event is saved as a draft: only its organisers see it."),
            )
            return redirect(event_url(event))
    return render(
        request,
        "events/event_form.html",
        {"form": form, "coop": coop, "event": None, "no_options": not form.options},
    )


@space_view("events.create_network_event")
def network_create(request):
    return _create(request, coop=None)


@coop_view("events.create_coop_event")
def coop_create(request, coop: Coop):
    return _create(request, coop=coop)
