"""The federation's toolbox: resources, their versions, who used, relayed and rated them."""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .themes import Theme

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(^|\s)(#{1,6}|[-*+]|\d+\.)\s+|[*_`>|~]+", re.MULTILINE)


def markdown_to_plain(text: str) -> str:
    """Markdown stripped of its marks: "[texte](url)" → "texte", no **, #, list bullets."""
    return " ".join(_MARKS.sub(" ", _LINK.sub(r"\1", text or "")).split())


class Audience(models.TextChoices):
    REFERENTS = "referents", _("Référents vie coopérative")
    STAFF = "staff", _("Coop staff")
    MEMBERS = "members", _("Members (associés)")


class Format(models.TextChoices):
    GUIDE = "guide", _("Guide")
    FACTSHEET = "factsheet", _("Fact sheet")
    TEMPLATE = "template", _("Document template")
    SLIDES = "slides", _("Slides")
    POSTER = "poster", _("Poster or flyer")
    CHECKLIST = "checklist", _("Checklist")
    SPREADSHEET = "spreadsheet", _("Spreadsheet")
    VIDEO = "video", _("Video")
    WEBSITE = "website", _("Website")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    GERMAN = "de", _("German")
    ITALIAN = "it", _("Italian")
    BRETON = "br", _("Breton")
    OCCITAN = "oc", _("Occitan")
    ARABIC = "ar", _("Arabic")


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=Resource.State.PUBLISHED)

    def for_members(self):
        return self.published().filter(for_members=True)


class Resource(models.Model):
    """A tool the federation publishes: a file (with versions) or a link."""

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Link")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed, awaiting review")
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")
        REJECTED = "rejected", _("Not accepted")

    class Origin(models.TextChoices):
        FEDERATION = "federation", _("The federation")
        REFERENT = "referent", _("A référent")
        GROUP = "group", _("A working group")

    federation = models.ForeignKey(
        "organizations.Federation",
        on_delete=models.PROTECT,
        related_name="resources",
        verbose_name=_("federation"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), help_text=_("What the tool is for and how to use it. Markdown is allowed.")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.FILE)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FRENCH
    )
    for_referents = models.BooleanField(_("for référents"), default=True)
    for_staff = models.BooleanField(_("for coop staff"), default=False)
    for_members = models.BooleanField(
        _("for members"),
        default=False,
        help_text=_("Members see it in their coop's space once it is published."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    origin = models.CharField(
        _("origin"), max_length=12, choices=Origin.choices, default=Origin.FEDERATION
    )
    # Who proposed it, for proposals (a référent, or a working group through its app).
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_resources",
        verbose_name=_("proposed by"),
    )
    proposed_by_coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_resources",
        verbose_name=_("proposed by the coop"),
    )
    group_label = models.CharField(_("working group"), max_length=200, blank=True)
    # Opaque reference of the proposing object in another app ("groups.deliverable:12") and
    # its page, so that app can find its proposal again without the toolbox importing it.
    source_ref = models.CharField(_("source"), max_length=80, blank=True, db_index=True)
    source_url = models.CharField(_("source page"), max_length=300, blank=True)
    review_message = models.TextField(_("message of the review"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    current_version = models.ForeignKey(
        "ResourceVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    # Last time people had a reason to look again: publication or a new version.
    changed_at = models.DateTimeField(_("last news"), null=True, blank=True, db_index=True)
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
    # Search columns, kept by the services: folded (core.text.fold) title and the rest.
    # PostgreSQL searches them with a French full-text expression backed by a GIN index
    # (migration 0002); SQLite falls back to a folded substring match on ``search_text``.
    search_title = models.CharField(max_length=300, blank=True, editable=False)
    search_body = models.TextField(blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(for_referents=True) | Q(for_staff=True) | Q(for_members=True),
                name="resource_has_an_audience",
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="resource_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["state", "-changed_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def audiences(self) -> list[str]:
        return [str(label) for value, label in Audience.choices if getattr(self, f"for_{value}")]

    @property
    def excerpt(self) -> str:
        """The summary as plain text for lists, without rendering Markdown (cheap)."""
        return markdown_to_plain(self.summary)

    @property
    def theme_codes(self) -> list[str]:
        # Uses the prefetched rows when there are some (selectors prefetch them).
        return [t.theme for t in self.themes.all()]

    @property
    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels.get(code, code)) for code in self.theme_codes]

    @property
    def is_visible_to_network(self) -> bool:
        return self.state == self.State.PUBLISHED


class ResourceTheme(models.Model):
    """One theme of a resource (a resource has one or more)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)

    class Meta:
        verbose_name = _("theme of a resource")
        verbose_name_plural = _("themes of resources")
        constraints = [
            models.UniqueConstraint(fields=["resource", "theme"], name="resource_theme_unique")
        ]
        indexes = [models.Index(fields=["theme", "resource"])]

    def __str__(self) -> str:
        return self.get_theme_display()


def version_upload_to(instance: ResourceVersion, filename: str) -> str:
    # A random folder: file names stay readable for people, paths stay unguessable.
    return f"toolbox/{instance.resource_id}/{uuid.uuid4().hex}/{filename}"


class ResourceVersion(models.Model):
    """One version of a resource. A new version never replaces the file of an older one."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="versions", verbose_name=_("resource")
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_upload_to, max_length=300, blank=True)
    url = models.URLField(_("address of the link"), max_length=500, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("file type"), max_length=120, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    note = models.CharField(
        _("what changed"), max_length=300, blank=True, help_text=_("Shown to those who used it.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("version of a resource")
        verbose_name_plural = _("versions of resources")
        ordering = ["resource", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "number"], name="resource_version_unique"),
            models.CheckConstraint(
                condition=(~Q(file="") & Q(url="")) | (Q(file="") & ~Q(url="")),
                name="resource_version_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} v{self.number}"

    @property
    def is_link(self) -> bool:
        return bool(self.url)


class ResourceUse(models.Model):
    """A person opened or downloaded a resource (one row per person, resource and coop)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="uses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resource_uses"
    )
    # The coop the person acted for (their staff coop in the network, the coop of the URL
    # in a coop space). The federation's team acts for no coop: its uses are not recorded.
    coop = models.ForeignKey(
        "organizations.Coop", on_delete=models.CASCADE, related_name="resource_uses"
    )
    count = models.PositiveIntegerField(default=1)
    last_version = models.PositiveIntegerField(default=1)
    first_used_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField()

    class Meta:
        verbose_name = _("use of a resource")
        verbose_name_plural = _("uses of resources")
        constraints = [
            models.UniqueConstraint(fields=["resource", "user", "coop"], name="resource_use_unique")
        ]
        indexes = [models.Index(fields=["coop", "resource"])]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.resource_id}"


class Relay(models.Model):
    """A référent passes a resource on to colleagues of their coop, with a note."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="relays", verbose_name=_("resource")
    )
    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="resource_relays",
        verbose_name=_("coop"),
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="relays_sent",
        verbose_name=_("sent by"),
    )
    note = models.TextField(_("note"), blank=True)
    roles = models.JSONField(_("roles"), default=list, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("relay")
        verbose_name_plural = _("relays")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["coop", "resource"])]

    def __str__(self) -> str:
        return f"{self.resource_id} → {self.coop_id}"


class RelayRecipient(models.Model):
    relay = models.ForeignKey(Relay, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="relays_received"
    )
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("recipient of a relay")
        verbose_name_plural = _("recipients of relays")
        constraints = [
            models.UniqueConstraint(fields=["relay", "user"], name="relay_recipient_unique")
        ]
        indexes = [models.Index(fields=["user", "relay"])]

    def __str__(self) -> str:
        return f"{self.relay_id} → {self.user_id}"


class Feedback(models.Model):
    """ "Useful?" and a comment: one per person and resource, which they may change."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("resource")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="resource_feedback",
        verbose_name=_("person"),
    )
    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="resource_feedback",
        verbose_name=_("coop"),
    )
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("given"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("feedback on a resource")
        verbose_name_plural = _("feedback on resources")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "user"], name="feedback_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.resource_id}: {'+' if self.useful else '-'}"


class ToolboxVisit(models.Model):
    """When a person last looked at the toolbox, for "new since my last visit"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="toolbox_visit"
    )
    # The visit before the current one: what is newer is "new" for the whole session.
    previous_at = models.DateTimeField(null=True, blank=True)
    last_at = models.DateTimeField()

    class Meta:
        verbose_name = _("toolbox visit")
        verbose_name_plural = _("toolbox visits")

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.last_at:%Y-%m-%d}"
