"""``{% load events_tags %}``: when an event happens, in words, and where its pages are."""

from __future__ import annotations

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..paths import event_url as _event_url

register = template.Library()


def _day(value) -> str:
    return formats.date_format(value, _("l j F Y"))


def _time(value) -> str:
    return formats.time_format(value, "H:i")


@register.simple_tag
def event_when(event) -> str:
    """« jeudi 4 décembre 2020, 14:00 – 17:00 » or « du jeudi 12 juin 2025, 09:30 au vendredi
    13 juin 2025, 17:00 », in Paris time."""
    start = timezone.localtime(event.starts_at)
    end = timezone.localtime(event.ends_at)
    if start.date() == end.date():
        return _("%(day)s, %(start)s – %(end)s") % {
            "day": _day(start),
            "start": _time(start),
            "end": _time(end),
        }
    return _("from %(day1)s, %(start)s to %(day2)s, %(end)s") % {
        "day1": _day(start),
        "start": _time(start),
        "day2": _day(end),
        "end": _time(end),
    }


@register.simple_tag
def event_url(event, action: str = "detail") -> str:
    return _event_url(event, action)


@register.simple_tag
def event_row_url(event, action: str, registration) -> str:
    return _event_url(event, action, registration_pk=registration.pk)


@register.simple_tag
def event_document_url(event, action: str, document) -> str:
    return _event_url(event, action, document_pk=document.pk)
