"""The programme's line on the federation dashboard (organizations' dashboard panels)."""

from __future__ import annotations

from .models import Lesson, Programme


def training_panel(request) -> dict | None:
    if not request.user.has_perm("training.manage_training"):
        return None
    return {
        "order": 20,
        "template": "training/_dashboard_panel.html",
        "context": {
            "running": Programme.objects.filter(status=Programme.Status.RUNNING).count(),
            "to_review": Lesson.objects.filter(status=Lesson.Status.SUBMITTED).count(),
        },
    }
