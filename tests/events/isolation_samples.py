"""Sample URL arguments for the isolation test: real events of the coop under test."""

from __future__ import annotations

from django.core.files.base import ContentFile


def _event(coop):
    from tests.events.factories import make_event

    return make_event(coop=coop, audience="coop_members")


def _event_kwargs(coop):
    return {"pk": _event(coop).pk}


def _registration_kwargs(coop):
    from django.db import transaction

    from tests.events.factories import member
    from viecoop.events.services import registration_create

    event = _event(coop)
    person = member(coop)
    with transaction.atomic():
        registration = registration_create(actor=person, event=event, user=person)
    return {"pk": event.pk, "registration_pk": registration.pk}


def _document_kwargs(coop):
    from viecoop.events.models import EventDocument

    event = _event(coop)
    document = EventDocument(event=event, title="Compte rendu", original_name="cr.txt", size=5)
    document.file.save("cr.txt", ContentFile(b"hello"), save=False)
    document.save()
    return {"pk": event.pk, "document_pk": document.pk}


SAMPLES = {
    "events:coop_detail": _event_kwargs,
    "events:coop_update": _event_kwargs,
    "events:coop_publish": _event_kwargs,
    "events:coop_cancel": _event_kwargs,
    "events:coop_register": _event_kwargs,
    "events:coop_unregister": _event_kwargs,
    "events:coop_registrations": _event_kwargs,
    "events:coop_attendance": _event_kwargs,
    "events:coop_minutes": _event_kwargs,
    "events:coop_ics": _event_kwargs,
    "events:coop_registration_cancel": _registration_kwargs,
    "events:coop_attendance_mark": _registration_kwargs,
    "events:coop_document": _document_kwargs,
    "events:coop_document_delete": _document_kwargs,
}
