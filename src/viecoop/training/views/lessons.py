"""Lessons learned: written by participants, read by the whole network once published."""

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
from viecoop.network.themes import Theme, grouped_theme_choices
from viecoop.organizations.tenancy import space_view

from .. import selectors, services
from ..forms import LessonForm
from ..models import Lesson, Programme

PER_PAGE = 12


@space_view("training.view_training")
def lesson_list(request):
    theme = request.GET.get("theme", "")
    theme = theme if theme in Theme.values else ""
    programme = Programme.objects.filter(slug=request.GET.get("programme", "")).first()
    lessons = selectors.published_lessons(programme=programme, theme=theme)
    page = Paginator(lessons, PER_PAGE).get_page(request.GET.get("page"))
    query = "&".join(
        part
        for part in (
            f"theme={theme}" if theme else "",
            f"programme={programme.slug}" if programme else "",
        )
        if part
    )
    return render_page(
        request,
        "training/lesson_list.html",
        {
            "page": page,
            "theme": theme,
            "programme": programme,
            "programmes": Programme.objects.exclude(status=Programme.Status.DRAFT),
            "themes": grouped_theme_choices(),
            "query": query,
        },
    )


def _lesson(request, pk: int, perm: str = "training.view_lesson") -> Lesson:
    lesson = get_object_or_404(
        Lesson.objects.select_related("author", "coop", "programme", "project"), pk=pk
    )
    if not request.user.has_perm(perm, lesson):
        raise Http404  # a draft is nobody else's business: do not even confirm it exists
    return lesson


@space_view("training.view_training")
def lesson_detail(request, pk: int):
    lesson = _lesson(request, pk)
    return render(
        request,
        "training/lesson_detail.html",
        {
            "lesson": lesson,
            "can_change": request.user.has_perm("training.change_lesson", lesson),
            "can_review": request.user.has_perm("training.review_lessons"),
        },
    )


@space_view("training.write_lesson")
def lesson_create(request):
    form = LessonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lesson = services.lesson_create(
                author=request.user,
                programme=data["programme"],
                project=data.get("project"),
                title=data["title"],
                theme=data["theme"],
                body=data["body"],
            )
            if request.POST.get("submit") == "1":
                services.lesson_submit(actor=request.user, lesson=lesson)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Sent to the federation: it will publish it for the network.")
                if request.POST.get("submit") == "1"
                else _("Your draft has been saved."),
            )
            return redirect(lesson)
    return render(request, "training/lesson_form.html", {"form": form, "lesson": None})


@space_view("training.view_training")
def lesson_update(request, pk: int):
    lesson = _lesson(request, pk)
    if not request.user.has_perm("training.change_lesson", lesson):
        raise PermissionDenied
    form = LessonForm(
        request.POST or None, instance=Lesson.objects.get(pk=lesson.pk), user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lesson = services.lesson_update(
                actor=request.user,
                lesson=lesson,
                title=data["title"],
                theme=data["theme"],
                body=data["body"],
            )
            if request.POST.get("submit") == "1":
                services.lesson_submit(actor=request.user, lesson=lesson)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your lesson learned has been saved."))
            return redirect(lesson)
    return render(request, "training/lesson_form.html", {"form": form, "lesson": lesson})


@space_view("training.view_training")
@require_POST
def lesson_submit(request, pk: int):
    lesson = _lesson(request, pk)
    try:
        services.lesson_submit(actor=request.user, lesson=lesson)
    except PermissionError as error:
        raise PermissionDenied from error
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Sent to the federation: it will publish it for the network."))
    return redirect(lesson)


@space_view("training.view_training")
@require_POST
def lesson_delete(request, pk: int):
    lesson = _lesson(request, pk)
    try:
        services.lesson_delete(actor=request.user, lesson=lesson)
    except PermissionError as error:
        raise PermissionDenied from error
    messages.success(request, _("The lesson learned has been deleted."))
    return redirect("training:my_training")
