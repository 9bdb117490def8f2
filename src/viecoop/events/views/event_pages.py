"""One event's pages for everyone who sees it: details, registering, its ICS, its documents;
and for its organisers: changing, publishing and cancelling it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors

from .. import ics as ics_module
from .. import selectors, services
from ..audiences import get_audience
from ..forms import CancelEventForm, EventForm, RegisterForm
from ..models import Event, Registration
from ..paths import event_url, list_url


def detail_context(request, event: Event, coop) -> dict:
    user = request.user
    registration = selectors.registration_of(event, user)
    can_manage = user.has_perm("events.manage_event", event)
    counts = selectors.registration_counts(event)
    kind = get_audience(event.audience)
    return {
        "event": event,
        "coop": coop,
        "registration": registration,
        "position": selectors.waitlist_position(registration) if registration else None,
        "counts": counts,
        "seats_left": (
            max(event.capacity - counts["confirmed"], 0) if event.capacity is not None else None
        ),
        "can_manage": can_manage,
        "can_register": user.has_perm("events.register_event", event),
        "registration_is_open": event.registration_is_open(),
        "show_link": can_manage or (registration is not None and registration.is_confirmed),
        "documents": selectors.event_documents(event),
        "audience_label": kind.describe(event),
        "audience_url": kind.target_url(event),
        "register_form": RegisterForm(),
        "list_url": list_url(event.space, event.coop),
    }


def detail(request, *, event: Event, coop):
    return render(request, "events/event_detail.html", detail_context(request, event, coop))


def _registration_response(request, event: Event, coop):
    """The registration panel for htmx, else back to the page (messages say what happened)."""
    if getattr(request, "htmx", None):
        response = render(
            request,
            "events/event_detail.html#registration",
            {**detail_context(request, event, coop), "inline_messages": True},
        )
        patch_vary_headers(response, ("HX-Request",))
        return response
    return redirect(event_url(event))


@require_POST
def register(request, *, event: Event, coop):
    form = RegisterForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    if not request.user.has_perm("events.register_event", event):
        messages.error(
            request,
            _("This event is for %(audience)s.")
            % {"audience": get_audience(event.audience).describe(event)},
        )
        return _registration_response(request, event, coop)
    try:
        registration = services.registration_create(
            actor=request.user, event=event, user=request.user, comment=comment
        )
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        if registration.is_confirmed:
            messages.success(
                request, _("You are registered. A confirmation is on its way by e-mail.")
            )
        else:
            messages.info(
                request,
                _(
                    "The event is full: you are on the waiting list. If a seat frees up, it is yours and you will get an e-mail."
                ),
            )
    return _registration_response(request, event, coop)


@require_POST
def unregister(request, *, event: Event, coop):
    registration = selectors.registration_of(event, request.user)
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return _registration_response(request, event, coop)
    was_waiting = registration.is_waitlisted
    try:
        services.registration_cancel(actor=request.user, registration=registration)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You have left the waiting list.")
            if was_waiting
            else _("Your registration is cancelled. Thank you for freeing your seat."),
        )
    return _registration_response(request, event, coop)


def ics(request, *, event: Event, coop):
    registration = selectors.registration_of(event, request.user)
    with_link = request.user.has_perm("events.manage_event", event) or (
        registration is not None and registration.is_confirmed
    )
    body = ics_module.event_ics(
        event,
        with_link=with_link,
        registration=registration
        if registration and registration.status != Registration.Status.CANCELLED
        else None,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evenement-{event.pk}.ics"'
    return response


def document(request, *, event: Event, coop, document_pk: int):
    doc = get_object_or_404(event.documents, pk=document_pk)
    response = FileResponse(
        doc.file.open("rb"), as_attachment=True, filename=doc.original_name or doc.file.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def update(request, *, event: Event, coop):
    form = EventForm(
        request.POST or None,
        instance=Event.objects.get(pk=event.pk),
        user=request.user,
        coop=event.coop,
    )
    if event.is_cancelled:
        messages.error(request, _("A cancelled event cannot be changed."))
        return redirect(event_url(event))
    if request.method == "POST" and form.is_valid():
        audience = target = None
        if not form.fields["audience_choice"].disabled:
            audience, target = form.audience()
        try:
            services.event_update(
                actor=request.user,
                event=event,
                audience=audience,
                audience_target=target,
                **form.event_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect(event_url(event))
    return render(
        request,
        "events/event_form.html",
        {"form": form, "coop": coop, "event": event, "no_options": False},
    )


@require_POST
def publish(request, *, event: Event, coop):
    services.event_publish(actor=request.user, event=event)
    messages.success(request, _("The event is published."))
    return redirect(event_url(event))


def cancel(request, *, event: Event, coop):
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(
                actor=request.user, event=event, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is cancelled; the people registered are told."))
            return redirect(event_url(event))
    return render(
        request,
        "events/event_cancel.html",
        {
            "form": form,
            "coop": coop,
            "event": event,
            "counts": selectors.registration_counts(event),
        },
    )
