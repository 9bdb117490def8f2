"""The federation runs the programme: programmes, sessions and their days, cohorts, reviews."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.core.forms import add_service_errors
from viecoop.organizations.tenancy import space_view

from .. import selectors, services
from ..forms import EnrolForm, ProgrammeForm, ReviewForm, SessionDayForm, SessionForm
from ..models import Lesson, Participant, Programme, Session, SessionDay

# Addresses under /reseau/formation/ that a programme's slug must not take.
RESERVED_SLUGS = frozenset({"mon-parcours", "retours", "projets", "jalons"})


def _check_slug(form) -> bool:
    if form.cleaned_data.get("slug") in RESERVED_SLUGS:
        form.add_error("slug", _("This address is taken by a page of the training space."))
        return False
    return True


@space_view("training.manage_training")
def manage_home(request):
    return render(
        request,
        "training/manage_home.html",
        {
            "programmes": list(selectors.programmes(include_drafts=True)),
            "to_review": list(selectors.lessons_to_review()),
        },
    )


@space_view("training.manage_training")
def programme_create(request):
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_slug(form):
        try:
            programme = services.programme_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The programme has been created. Add its sessions."))
            return redirect(programme)
    return render(request, "training/programme_form.html", {"form": form, "programme": None})


@space_view("training.manage_training")
def programme_update(request, slug: str):
    programme = get_object_or_404(Programme, slug=slug)
    form = ProgrammeForm(request.POST or None, instance=Programme.objects.get(pk=programme.pk))
    if request.method == "POST" and form.is_valid() and _check_slug(form):
        try:
            programme = services.programme_update(
                actor=request.user, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The programme has been saved."))
            return redirect(programme)
    return render(request, "training/programme_form.html", {"form": form, "programme": programme})


@space_view("training.manage_training")
def session_create(request, slug: str):
    programme = get_object_or_404(Programme, slug=slug)
    initial = {"number": programme.sessions.count() + 1, "format": "in_person"}
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.session_create(
                actor=request.user,
                programme=programme,
                number=data["number"],
                title=data["title"],
                description=data["description"],
                **form.event_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The session and its training event are created. Add its days.")
            )
            return redirect("training:session_update", pk=session.pk)
    return render(
        request,
        "training/session_form.html",
        {"form": form, "programme": programme, "session": None},
    )


@space_view("training.manage_training")
def session_update(request, pk: int):
    session = get_object_or_404(
        Session.objects.select_related("programme", "event").prefetch_related("days"), pk=pk
    )
    event = session.event
    initial = {"number": session.number, "title": session.title, "description": session.description}
    if event is not None:
        initial.update(
            {
                name: getattr(event, name)
                for name in (
                    "format",
                    "place_name",
                    "address",
                    "postal_code",
                    "city",
                    "online_url",
                    "capacity",
                )
            }
        )
        initial["starts_at"] = timezone.localtime(event.starts_at)
        initial["ends_at"] = timezone.localtime(event.ends_at)
    form = SessionForm(request.POST or None, initial=initial)
    form.fields["number"].disabled = True
    day_form = SessionDayForm(prefix="day")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.session_update(
                actor=request.user,
                session=session,
                title=data["title"],
                description=data["description"],
                **form.event_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The session has been saved."))
            return redirect("training:session_update", pk=session.pk)
    return render(
        request,
        "training/session_form.html",
        {"form": form, "programme": session.programme, "session": session, "day_form": day_form},
    )


@space_view("training.manage_training")
@require_POST
def session_day_add(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("programme", "event"), pk=pk)
    form = SessionDayForm(request.POST, prefix="day")
    if form.is_valid():
        try:
            services.session_day_add(actor=request.user, session=session, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The day has been added to the session."))
            return redirect("training:session_update", pk=session.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("training:session_update", pk=session.pk)


@space_view("training.manage_training")
@require_POST
def session_day_delete(request, pk: int):
    day = get_object_or_404(SessionDay.objects.select_related("session__event"), pk=pk)
    services.session_day_delete(actor=request.user, day=day)
    messages.success(request, _("The day has been removed."))
    return redirect("training:session_update", pk=day.session_id)


@space_view("training.manage_training")
def cohort(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("programme", "event"), pk=pk)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.participant_enroll(
                actor=request.user, session=session, user=form.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s is in the cohort, and registered to the session when it was open.")
                % {"person": participant.user},
            )
            return redirect("training:cohort", pk=session.pk)
    return render(
        request,
        "training/cohort.html",
        {
            "session": session,
            "programme": session.programme,
            "participants": list(selectors.session_cohort(session=session)),
            "form": form,
        },
    )


@space_view("training.manage_training")
@require_POST
def participant_withdraw(request, pk: int):
    participant = get_object_or_404(Participant.objects.select_related("session", "user"), pk=pk)
    services.participant_withdraw(actor=request.user, participant=participant)
    messages.success(request, _("%(person)s has left the cohort.") % {"person": participant.user})
    return redirect("training:cohort", pk=participant.session_id)


@space_view("training.review_lessons")
def lesson_review(request, pk: int):
    lesson = get_object_or_404(
        Lesson.objects.select_related("author", "coop", "programme", "project"), pk=pk
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("action") == "publish":
                services.lesson_publish(actor=request.user, lesson=lesson)
                messages.success(request, _("The lesson learned is published for the network."))
            else:
                services.lesson_request_changes(
                    actor=request.user, lesson=lesson, note=form.cleaned_data["review_note"]
                )
                messages.success(request, _("The lesson learned is sent back to its author."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("training:manage_home")
    return render(request, "training/lesson_review.html", {"lesson": lesson, "form": form})
