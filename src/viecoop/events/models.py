"""Events, one model for all: network meetings, training days, coop events, group meetings.

Who may see an event and register to it is its **audience**: a kind (``audience``:
"network", "referents", "coop_staff", "coop_members", and kinds other apps add, such
as "group" or "cohort") plus, for those kinds, the id of the thing it points at
(``audience_target``: a working group, a training cohort). The kinds are resolved by
the registry of ``audiences.py``, so this app never imports the apps that plug in.

An event lives in one space (``space``): the network (``/reseau/evenements/…``) or a
coop (``/c/<coop>/evenements/…``). A coop may own an event open to the network (a visit
of its third place); it then lives in the network space and the coop's staff manage it.

Seats are numbered: a confirmed registration holds a seat from 1 to the capacity, unique
per event. Services hand seats out under a row lock on the event; the unique seat is the
database's own guard should two transactions ever race past it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from viecoop.organizations.models import Coop, Region


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=(Event.Status.PUBLISHED, Event.Status.CANCELLED))

    def upcoming(self, now=None):
        """Not over yet (an event that started this morning and ends tonight is upcoming)."""
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def for_audience(self, audience: str, target: int | None = None):
        qs = self.filter(audience=audience)
        return qs if target is None else qs.filter(audience_target=target)


class Event(models.Model):
    class Kind(models.TextChoices):
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        THEMATIC_MEETING = "thematic_meeting", _("Thematic meeting")
        TRAINING = "training", _("Training session")
        GROUP_MEETING = "group_meeting", _("Working group meeting")
        INFO_MEETING = "info_meeting", _("Information meeting")
        WORKSHOP = "workshop", _("Workshop")
        PARTY = "party", _("Party")
        OUTING = "outing", _("Outing")
        COOPSDAY = "coopsday", _("Coopsday")
        OTHER = "other", _("Other event")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        REMOTE = "remote", _("Remote")
        HYBRID = "hybrid", _("Hybrid (in person and remote)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    class Space(models.TextChoices):
        NETWORK = "network", _("Network")
        COOP = "coop", _("Coop")

    # The iCalendar UID (with a domain suffix): random, so it reveals nothing, and stable
    # for the life of the event, so calendar apps update their copy instead of duplicating it.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    space = models.CharField(_("space"), max_length=8, choices=Space.choices)
    coop = models.ForeignKey(
        Coop,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organising coop"),
        help_text=_("Empty for the federation's events."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in lists and e-mails."),
    )
    agenda = models.TextField(
        _("agenda"), blank=True, help_text=_("The programme, in Markdown (lists, links, bold).")
    )
    format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.IN_PERSON
    )
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    region = models.CharField(_("region"), max_length=3, choices=Region.choices, blank=True)
    online_url = models.URLField(
        _("link to join remotely"),
        max_length=500,
        blank=True,
        help_text=_("Shown to registered people only."),
    )
    online_details = models.CharField(
        _("remote access details"),
        max_length=300,
        blank=True,
        help_text=_("A meeting code, a phone number to dial in… Shown to registered people only."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    audience = models.CharField(_("audience"), max_length=32)
    audience_target = models.PositiveBigIntegerField(_("audience target"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Number of seats; empty for no limit."),
    )
    waitlist_enabled = models.BooleanField(
        _("waiting list when full"),
        default=True,
        help_text=_("People who register once it is full wait for a seat, in order."),
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: until it starts.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PUBLISHED
    )
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    # iCalendar SEQUENCE: raised at every change a calendar app must show (time, place, status).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    minutes = models.TextField(
        _("minutes"), blank=True, help_text=_("What was said and decided, in Markdown.")
    )
    minutes_sent_at = models.DateTimeField(_("minutes sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_text = models.CharField(max_length=600, blank=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_capacity_positive",
            ),
            models.CheckConstraint(
                condition=Q(space="network") | Q(space="coop", coop__isnull=False),
                name="event_coop_space_has_coop",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "cancelled"]),
                name="event_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(format__in=["in_person", "remote", "hybrid"]), name="event_format_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["space", "starts_at"]),
            models.Index(fields=["coop", "starts_at"]),
            models.Index(fields=["audience", "audience_target"]),
            models.Index(fields=["ends_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_place(self) -> bool:
        return self.format in (self.Format.IN_PERSON, self.Format.HYBRID)

    @property
    def has_link(self) -> bool:
        return self.format in (self.Format.REMOTE, self.Format.HYBRID)

    @property
    def is_multi_day(self) -> bool:
        return timezone.localtime(self.starts_at).date() != timezone.localtime(self.ends_at).date()

    def is_over(self, now=None) -> bool:
        return self.ends_at < (now or timezone.now())

    def has_started(self, now=None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if not self.is_published or not self.registration_open or self.has_started(now):
            return False
        return self.registration_closes_at is None or now < self.registration_closes_at

    def full_address(self) -> str:
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.place_name, self.address, town) if part)

    def build_search_text(self) -> str:
        from viecoop.core.text import fold

        return fold(f"{self.title} {self.summary} {self.place_name} {self.city}")[:600]


class Registration(models.Model):
    """One person's place at one event: confirmed (with a seat), waiting, or cancelled.

    One row per person and event: registering again after cancelling reuses it, so the
    history of a person's registration stays in one place (and in the audit log).
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("person"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    seat = models.PositiveIntegerField(_("seat"), null=True, blank=True)
    comment = models.CharField(
        _("a word for the organisers"),
        max_length=500,
        blank=True,
        help_text=_("Optional: access needs, diet, arriving late…"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    confirmed_at = models.DateTimeField(_("seat given"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("promoted from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Set in the transaction that queues the reminder: the reminder command never sends twice.
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_once_per_event"),
            models.UniqueConstraint(
                fields=["event", "seat"],
                condition=Q(seat__isnull=False),
                name="registration_unique_seat",
            ),
            models.CheckConstraint(
                condition=(Q(status="confirmed") & Q(seat__isnull=False) & Q(seat__gte=1))
                | (~Q(status="confirmed") & Q(seat__isnull=True)),
                name="registration_seat_iff_confirmed",
            ),
            models.CheckConstraint(
                condition=~Q(status="waitlisted") | Q(waitlisted_at__isnull=False),
                name="registration_waitlist_has_time",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waitlisted", "cancelled"]),
                name="registration_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"]),
            models.Index(fields=["user", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.event}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == self.Status.WAITLISTED


def event_document_path(instance: EventDocument, filename: str) -> str:
    # Outside any public folder and unguessable: a coop's documents are served only by a
    # view that checks who may see the event.
    extension = filename.rsplit(".", 1)[-1].lower()[:10] if "." in filename else "bin"
    return f"private/events/{instance.event.uid}/{uuid.uuid4().hex}.{extension}"


class EventDocument(models.Model):
    """A file attached to an event: slides, the signed attendance sheet, photos…"""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="documents", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=event_document_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("event document")
        verbose_name_plural = _("event documents")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class CalendarFeed(models.Model):
    """A person's calendar subscription: a secret address calendar apps poll.

    Only a hash of the token is stored (like invitation codes): the address is shown
    once, when it is made; a lost address is replaced by a new one, which also revokes it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("person"),
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last read by a calendar"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
