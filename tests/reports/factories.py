"""Reports made through the real services."""

from __future__ import annotations

import io
from datetime import date

from django.core.files.base import ContentFile

from viecoop.reports import services
from viecoop.reports.models import Campaign


def make_project(*, coop, actor=None, **data):
    defaults = {
        "title": "Fête des voisins",
        "theme": "proximite",
        "status": "done",
        "start_date": date(2025, 6, 14),
    }
    return services.project_create(actor=actor, coop=coop, **{**defaults, **data})


def make_concern(*, coop, actor=None, **data):
    defaults = {
        "kind": "difficulty",
        "category": "participation",
        "title": "Peu de monde à l'AG",
        "urgency": "medium",
    }
    return services.concern_create(actor=actor, coop=coop, **{**defaults, **data})


def jpeg_file(size=(2400, 1600), *, exif_gps: bool = False, name="photo.jpg") -> ContentFile:
    from PIL import Image

    image = Image.new("RGB", size, (120, 160, 200))
    buffer = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "Appareil"  # Make
        exif[0x8825] = {1: "N", 2: (48.0, 6.0, 0.0)}  # GPS IFD
        image.save(buffer, format="JPEG", exif=exif)
    else:
        image.save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name=name)


QUESTIONS = (
    {"kind": "yes_no", "label": "Coopsday organisée ?", "required": True},
    {"kind": "number", "label": "Associés touchés", "unit": "associés"},
    {"kind": "choice", "label": "Principal frein", "choices": ["Temps", "Information", "Autre"]},
    {"kind": "multiple", "label": "Outils utilisés", "choices": ["Guide", "Affiche", "Livret"]},
    {"kind": "scale", "label": "Soutien de la fédération", "scale_min": 1, "scale_max": 5},
    {"kind": "text", "label": "Une réussite à partager ?"},
    {
        "kind": "number",
        "label": "Associés au 31/12",
        "prefill_key": "members.total",
        "required": True,
    },
)


def make_campaign(
    *, federation, actor=None, open_it=True, questions=QUESTIONS, deadline=None, **data
) -> Campaign:
    campaign = services.campaign_create(
        actor=actor,
        federation=federation,
        title=data.pop("title", "Enquête vie coopérative 2025"),
        period_start=data.pop("period_start", date(2025, 1, 1)),
        period_end=data.pop("period_end", date(2025, 12, 31)),
        deadline=deadline or date(2099, 3, 31),
        **data,
    )
    for spec in questions:
        services.question_create(actor=actor, campaign=campaign, **spec)
    if open_it:
        campaign = services.campaign_open(actor=actor, campaign=campaign, today=date(2026, 1, 5))
    return campaign
