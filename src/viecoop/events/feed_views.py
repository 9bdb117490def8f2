"""A person's own events (across every space) and their calendar subscription."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import ics, selectors, services
from .models import CalendarFeed
from .paths import event_url

_SESSION_KEY = "events_new_feed_token"


@login_required
def my_events(request):
    upcoming = list(selectors.my_registrations(user=request.user, when="upcoming"))
    past = list(selectors.my_registrations(user=request.user, when="past")[:20])
    for registration in upcoming + past:
        registration.url = event_url(registration.event)
    suggestions = selectors.upcoming_for_me(user=request.user)
    selectors.attach_audience_labels(suggestions)
    for event in suggestions:
        event.url = event_url(event)
    token = request.session.pop(_SESSION_KEY, None)
    return render(
        request,
        "events/my_events.html",
        {
            "upcoming": upcoming,
            "past": past,
            "suggestions": suggestions,
            "feed": CalendarFeed.objects.filter(user=request.user).first(),
            "new_feed_url": (
                request.build_absolute_uri(reverse("events:feed", kwargs={"token": token}))
                if token
                else None
            ),
        },
    )


@login_required
@require_POST
def feed_manage(request):
    if request.POST.get("action") == "revoke":
        if services.calendar_feed_revoke(user=request.user):
            messages.success(
                request,
                _("Your calendar address is revoked: calendars no longer receive your events."),
            )
    else:
        # Shown once, on the next page: only its hash is stored.
        request.session[_SESSION_KEY] = services.calendar_feed_create(user=request.user)
        messages.success(request, _("Your new calendar address is ready: copy it now."))
    return redirect(reverse("events:my_events") + "#agenda")


def feed(request, token: str):
    """The calendar feed a calendar app subscribes to: no login, the secret token is the key."""
    feed = services.calendar_feed_lookup(token)
    if feed is None:
        raise Http404("Unknown or revoked calendar address.")
    registrations = selectors.feed_registrations(user=feed.user)
    with translation.override(feed.user.language):
        body = ics.feed_ics(registrations, name=_("viecoop — my events"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["Content-Disposition"] = 'inline; filename="mes-evenements.ics"'
    return response
