"""The organisers' pages of one event: who is registered (and registering someone),
attendance on the day, minutes and documents afterwards."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors

from .. import selectors, services
from ..forms import DocumentForm, MinutesForm, PersonSearchForm
from ..models import Event, Registration
from ..paths import event_url


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def registrations(request, *, event: Event, coop):
    if request.method == "POST":
        person = get_user_model().objects.filter(pk=_int(request.POST.get("user"))).first()
        if person is None:
            messages.error(request, _("Choose a person from the search results."))
        else:
            try:
                registration = services.registration_create(
                    actor=request.user, event=event, user=person, by_organiser=True
                )
            except services.RegistrationError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    (
                        _("%(name)s is registered.")
                        if registration.is_confirmed
                        else _("The event is full: %(name)s is on the waiting list.")
                    )
                    % {"name": person},
                )
        return redirect(event_url(event, "registrations"))
    rows = selectors.event_registrations(event)
    if request.GET.get("format") == "csv":
        return _registrations_csv(event, rows)
    search = PersonSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    return render(
        request,
        "events/registrations.html",
        {
            "event": event,
            "coop": coop,
            "rows": rows,
            "counts": selectors.registration_counts(event),
            "search": search,
            "query": query,
            "people": selectors.eligible_people(event, search=query) if query else [],
            "can_add": event.status == Event.Status.PUBLISHED and not event.is_over(),
        },
    )


def _registrations_csv(event: Event, rows: list[Registration]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inscrits-{event.pk}.csv"'
    response.write("\ufeff")  # so that Excel reads UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Last name"),
            _("First name"),
            _("E-mail"),
            _("Status"),
            _("Seat"),
            _("Registered"),
            _("Attended"),
            _("Comment"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row.user.last_name,
                row.user.first_name,
                row.user.email,
                row.get_status_display(),
                row.seat or "",
                timezone.localtime(row.created_at).strftime("%d/%m/%Y %H:%M"),
                {True: _("yes"), False: _("no"), None: ""}[row.attended],
                row.comment,
            ]
        )
    return response


@require_POST
def registration_cancel(request, *, event: Event, coop, registration_pk: int):
    registration = get_object_or_404(
        Registration.objects.select_related("user"), event=event, pk=registration_pk
    )
    try:
        services.registration_cancel(actor=request.user, registration=registration)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The registration of %(name)s is cancelled.") % {"name": registration.user}
        )
    return redirect(event_url(event, "registrations"))


def _attendance_rows(event: Event) -> list[Registration]:
    return list(
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def attendance(request, *, event: Event, coop):
    rows = _attendance_rows(event)
    return render(
        request,
        "events/attendance.html",
        {
            "event": event,
            "coop": coop,
            "rows": rows,
            "present": sum(1 for r in rows if r.attended),
            "absent": sum(1 for r in rows if r.attended is False),
            "open": timezone.localdate() >= timezone.localtime(event.starts_at).date(),
        },
    )


@require_POST
def attendance_mark(request, *, event: Event, coop, registration_pk: int):
    registration = get_object_or_404(
        Registration.objects.select_related("user"), event=event, pk=registration_pk
    )
    value = {"yes": True, "no": False}.get(request.POST.get("attended", ""))
    try:
        registration = services.attendance_mark(
            actor=request.user, registration=registration, attended=value
        )
    except services.RegistrationError as error:
        messages.error(request, str(error))
        return redirect(event_url(event, "attendance"))
    if getattr(request, "htmx", None):
        rows = _attendance_rows(event)
        response = render(
            request,
            "events/attendance.html#row",
            {
                "event": event,
                "row": registration,
                "present": sum(1 for r in rows if r.attended),
                "absent": sum(1 for r in rows if r.attended is False),
                "oob_counts": True,
            },
        )
        patch_vary_headers(response, ("HX-Request",))
        return response
    return redirect(event_url(event, "attendance") + f"#inscrit-{registration.pk}")


def minutes(request, *, event: Event, coop):
    minutes_form = MinutesForm(initial={"minutes": event.minutes})
    document_form = DocumentForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "upload":
            document_form = DocumentForm(request.POST, request.FILES)
            if document_form.is_valid():
                try:
                    services.document_add(
                        actor=request.user,
                        event=event,
                        title=document_form.cleaned_data["title"],
                        file=document_form.cleaned_data["file"],
                    )
                except ValidationError as error:
                    add_service_errors(document_form, error)
                else:
                    messages.success(request, _("The document is attached to the event."))
                    return redirect(event_url(event, "minutes"))
        else:
            minutes_form = MinutesForm(request.POST)
            if minutes_form.is_valid():
                event = services.minutes_save(
                    actor=request.user, event=event, minutes=minutes_form.cleaned_data["minutes"]
                )
                if action == "send":
                    try:
                        count = services.minutes_send(actor=request.user, event=event)
                    except ValidationError as error:
                        add_service_errors(minutes_form, error)
                        return _minutes_page(request, event, coop, minutes_form, document_form)
                    messages.success(
                        request,
                        _("The minutes are saved and sent to %(count)s participants.")
                        % {"count": count},
                    )
                else:
                    messages.success(request, _("The minutes are saved."))
                return redirect(event_url(event, "minutes"))
    return _minutes_page(request, event, coop, minutes_form, document_form)


def _minutes_page(request, event, coop, minutes_form, document_form):
    return render(
        request,
        "events/minutes.html",
        {
            "event": event,
            "coop": coop,
            "minutes_form": minutes_form,
            "document_form": document_form,
            "documents": selectors.event_documents(event),
            "participants": Registration.objects.filter(
                event=event, status=Registration.Status.CONFIRMED
            ).count(),
        },
    )


@require_POST
def document_delete(request, *, event: Event, coop, document_pk: int):
    document = get_object_or_404(event.documents, pk=document_pk)
    services.document_delete(actor=request.user, document=document)
    messages.success(request, _("The document is removed."))
    return redirect(event_url(event, "minutes"))
