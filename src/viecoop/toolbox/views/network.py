"""The toolbox in the network space: coop staff search, open, rate, relay and propose."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors
from viecoop.core.htmx import render_page
from viecoop.organizations.tenancy import space_view

from .. import selectors, services
from ..forms import FeedbackForm, ProposeForm, RelayForm
from ..models import Audience, Format, Language
from ..rules import acting_coop, relay_coops
from ..themes import theme_groups
from .serving import serve_version

PAGE_SIZE = 20


def filter_context(filters: selectors.Filters) -> dict:
    return {
        "filters": filters,
        "theme_groups": theme_groups(),
        "audiences": Audience.choices,
        "formats": Format.choices,
        "languages": Language.choices,
    }


def tabs_context(request) -> dict:
    """What the toolbox's tabs show: unread shares, and the proposals tab for référents."""
    return {
        "unread": selectors.unread_shared_count(user=request.user),
        "can_propose": request.user.has_perm("toolbox.propose_resource"),
    }


@space_view("toolbox.view_toolbox")
def home(request):
    filters = selectors.Filters.from_query(request.GET)
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        # A search typed in place must not move the "new since my last visit" window.
        since = request.session.get("toolbox_since")
        since = parse_datetime(since) if since else None
    else:
        since = services.toolbox_visit(user=request.user)
        if request.session.get("toolbox_since") != since.isoformat():
            request.session["toolbox_since"] = since.isoformat()  # no session write otherwise
    page = Paginator(
        selectors.network_resources(user=request.user, filters=filters, since=since), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "query": query.urlencode(),
        "since": since,
        **filter_context(filters),
    }
    if not (htmx and not htmx.history_restore_request):
        context.update(
            news=selectors.news_since(since=since) if since and not filters.active else [],
            updated=selectors.updated_since_used(user=request.user),
            **tabs_context(request),
        )
    return render_page(request, "toolbox/home.html", context)


@space_view("toolbox.view_toolbox")
def resource_detail(request, pk: int):
    resource = selectors.published_resource(pk=pk)
    services.relays_mark_read(user=request.user, resource=resource)
    feedback = selectors.my_feedback(user=request.user, resource=resource)
    can_rate = request.user.has_perm("toolbox.rate_resource")
    return render(
        request,
        "toolbox/resource_detail.html",
        {
            "resource": resource,
            "versions": selectors.versions_of(resource=resource),
            "feedback": feedback,
            "feedback_form": FeedbackForm(
                initial={"useful": "1" if feedback.useful else "0", "comment": feedback.comment}
                if feedback
                else None
            )
            if can_rate
            else None,
            "can_relay": bool(relay_coops(request.user)),
            "shared_notes": selectors.notes_shared_with(user=request.user, resource=resource),
        },
    )


@space_view("toolbox.view_toolbox")
def resource_open(request, pk: int):
    resource = selectors.published_resource(pk=pk)
    version = services.resource_record_use(
        user=request.user, resource=resource, coop=acting_coop(request.user)
    )
    return serve_version(version)


@space_view("toolbox.view_toolbox")
def resource_version(request, pk: int, number: int):
    resource = selectors.published_resource(pk=pk)
    version = next(
        (v for v in selectors.versions_of(resource=resource) if v.number == number), None
    )
    return serve_version(version)


@space_view("toolbox.rate_resource")
@require_POST
def resource_feedback(request, pk: int):
    resource = selectors.published_resource(pk=pk)
    form = FeedbackForm(request.POST)
    feedback = None
    coop = acting_coop(request.user)
    if form.is_valid() and coop is not None:
        try:
            feedback = services.feedback_give(
                actor=request.user,
                resource=resource,
                coop=coop,
                useful=form.cleaned_data["useful"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
    if getattr(request, "htmx", None):
        return render(
            request,
            "toolbox/resource_detail.html#feedback",
            {"resource": resource, "feedback": feedback, "feedback_form": form, "saved": feedback},
        )
    if feedback is not None:
        messages.success(request, _("Thank you: your opinion is recorded."))
    else:
        messages.error(request, _("Your opinion could not be recorded: say whether it was useful."))
    return redirect("toolbox:resource_detail", pk=resource.pk)


@space_view("toolbox.view_toolbox")
def resource_relay(request, pk: int):
    resource = selectors.published_resource(pk=pk)
    coops = relay_coops(request.user)
    if not coops:
        raise PermissionDenied
    wanted = request.POST.get("coop") or request.GET.get("coop")
    coop = next((c for c in coops if str(c.pk) == wanted), coops[0])
    if not request.user.has_perm("toolbox.relay_resource", coop):
        raise PermissionDenied
    colleagues = selectors.relay_colleagues(coop=coop, exclude=request.user)
    form = RelayForm(
        request.POST or None, coops=coops, colleagues=colleagues, initial={"coop": coop.pk}
    )
    if request.method == "POST" and form.is_valid():
        try:
            relay = services.relay_create(
                actor=request.user,
                resource=resource,
                coop=coop,
                users=form.cleaned_data["users"],
                roles=form.cleaned_data["roles"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = relay.recipients.count()
            messages.success(
                request,
                _("The resource is shared with %(count)s colleague(s); they are told by e-mail.")
                % {"count": count},
            )
            return redirect("toolbox:resource_detail", pk=resource.pk)
    return render(
        request,
        "toolbox/relay.html",
        {"resource": resource, "form": form, "coop": coop, "coops": coops},
    )


@space_view("toolbox.view_toolbox")
def shared_with_me(request):
    page = Paginator(selectors.shared_with_me(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "toolbox/shared_with_me.html", {"page": page, **tabs_context(request)})


@space_view("toolbox.propose_resource")
def propose(request):
    coops = relay_coops(request.user)
    form = ProposeForm(request.POST or None, request.FILES or None, coops=coops)
    if request.method == "POST" and form.is_valid():
        coop = next((c for c in coops if c.pk == form.cleaned_data["coop"]), None)
        if coop is None:
            form.add_error("coop", _("Choose one of your coops."))
        else:
            try:
                services.resource_propose(actor=request.user, coop=coop, **form.service_data())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Thank you: the federation will review your proposal before publishing it."),
                )
                return redirect("toolbox:my_proposals")
    return render(request, "toolbox/propose.html", {"form": form, **tabs_context(request)})


@space_view("toolbox.propose_resource")
def my_proposals(request):
    return render(
        request,
        "toolbox/my_proposals.html",
        {"proposals": selectors.my_proposals(user=request.user), **tabs_context(request)},
    )
