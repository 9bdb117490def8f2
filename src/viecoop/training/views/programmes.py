"""Programmes and sessions as the network sees them."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from viecoop.organizations.tenancy import space_view

from .. import selectors
from ..models import Participant, Programme, Session


def _programme(request, slug: str) -> Programme:
    programme = get_object_or_404(Programme, slug=slug)
    if programme.status == Programme.Status.DRAFT and not request.user.has_perm(
        "training.manage_training"
    ):
        raise Http404
    return programme


@space_view("training.view_training")
def programme_list(request):
    manager = request.user.has_perm("training.manage_training")
    return render(
        request,
        "training/programme_list.html",
        {
            "programmes": list(selectors.programmes(include_drafts=manager)),
            "lessons": list(selectors.published_lessons()[:6]),
            "participations": list(selectors.my_participations(user=request.user)[:10]),
        },
    )


@space_view("training.view_training")
def programme_detail(request, slug: str):
    programme = _programme(request, slug)
    return render(
        request,
        "training/programme_detail.html",
        {
            "programme": programme,
            "sessions": selectors.programme_sessions(programme=programme),
            "projects": list(selectors.programme_projects(programme=programme)),
            "lessons": list(selectors.published_lessons(programme=programme)),
            "is_participant": Participant.objects.filter(
                user=request.user, session__programme=programme
            ).exists(),
            "my_project": programme.projects.filter(user=request.user).first(),
            "can_manage": request.user.has_perm("training.manage_training"),
        },
    )


@space_view("training.view_training")
def session_detail(request, slug: str, number: int):
    programme = _programme(request, slug)
    session = get_object_or_404(
        Session.objects.select_related("event").prefetch_related("days"),
        programme=programme,
        number=number,
    )
    cohort = list(selectors.session_cohort(session=session))
    return render(
        request,
        "training/session_detail.html",
        {
            "programme": programme,
            "session": session,
            "cohort": [p for p in cohort if p.status == Participant.Status.ENROLLED],
            "can_manage": request.user.has_perm("training.manage_training"),
        },
    )
