"""The "cohort" audience of events: a training session's participants.

Registered in the events app's audience registry from ``apps.py``. The whole network sees
training days in its calendar (colleagues learn what the programme does); only the
session's cohort registers, with the federation's team who runs it.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from viecoop.events.audiences import NOTHING, AudienceKind, AudienceOption
from viecoop.organizations.selectors import roles_for

from .models import Participant, Session

OPTIONS_LIMIT = 30


def _session_label(session: Session) -> str:
    return gettext("Cohort of %(programme)s, session %(number)s") % {
        "programme": session.programme.title,
        "number": session.number,
    }


class CohortAudience(AudienceKind):
    key = "cohort"
    label = _("A training cohort")
    needs_target = True

    def space(self, *, coop, target):
        return "network"

    def validate(self, *, coop, target):
        super().validate(coop=coop, target=target)
        if coop is not None:
            raise ValidationError({"audience": _("Training sessions are the federation's.")})
        if not Session.objects.filter(pk=target).exists():
            raise ValidationError({"audience": _("This training session does not exist.")})

    def options(self, *, user, coop):
        if coop is not None or not roles_for(user).federation_roles:
            return
        sessions = Session.objects.select_related("programme").order_by("-pk")[:OPTIONS_LIMIT]
        for session in sessions:
            yield AudienceOption(self.key, session.pk, _session_label(session))

    def visible_q(self, user):
        return Q(audience=self.key) if user.has_perm("organizations.view_network") else NOTHING

    def can_view(self, user, event):
        return user.has_perm("organizations.view_network")

    def can_register(self, user, event):
        if roles_for(user).federation_roles:
            return True
        return Participant.objects.filter(
            session_id=event.audience_target, user=user, status=Participant.Status.ENROLLED
        ).exists()

    def eligible_users(self, event):
        return get_user_model().objects.filter(
            is_active=True,
            training_participations__session_id=event.audience_target,
            training_participations__status=Participant.Status.ENROLLED,
        )

    def describe(self, event):
        session = Session.objects.select_related("programme").filter(pk=event.audience_target)
        return _session_label(session[0]) if session else str(self.label)

    def describe_many(self, events):
        sessions = Session.objects.select_related("programme").in_bulk(
            {event.audience_target for event in events}
        )
        return {
            event.pk: _session_label(sessions[event.audience_target])
            if event.audience_target in sessions
            else str(self.label)
            for event in events
        }

    def target_url(self, event):
        session = Session.objects.select_related("programme").filter(pk=event.audience_target)
        return session[0].get_absolute_url() if session else None
