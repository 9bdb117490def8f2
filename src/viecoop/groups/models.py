"""Working groups: network-level (référents of several coops) and coop-level (members and staff).

A group has members (coordinators and members; open or moderated membership),
discussions made of messages (with replies), documents with their versions,
deliverables (files, possibly proposed to a target such as the toolbox), and meetings,
which are events of the ``events`` app whose audience is the group.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from viecoop.core.text import fold
from viecoop.organizations.models import Coop


class WorkingGroup(models.Model):
    class Policy(models.TextChoices):
        OPEN = "open", _("Open: anyone may join")
        MODERATED = "moderated", _("Moderated: coordinators approve requests")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")

    coop = models.ForeignKey(
        Coop,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="working_groups",
        verbose_name=_("coop"),
        help_text=_("Empty for a group of the network."),
    )
    name = models.CharField(_("name"), max_length=150)
    purpose = models.CharField(
        _("purpose"), max_length=300, help_text=_("In one sentence: what the group works on.")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Goals, ways of working, calendar… in Markdown.")
    )
    policy = models.CharField(
        _("membership"), max_length=16, choices=Policy.choices, default=Policy.OPEN
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
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
    search_text = models.CharField(max_length=500, blank=True, editable=False)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["coop", "name"], name="group_unique_name_per_coop"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(coop__isnull=True), name="group_unique_network_name"
            ),
            models.CheckConstraint(
                condition=Q(policy__in=["open", "moderated"]), name="group_policy_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["active", "archived"]), name="group_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_network(self) -> bool:
        return self.coop_id is None

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def build_search_text(self) -> str:
        return fold(f"{self.name} {self.purpose}")[:500]


class Membership(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        MEMBER = "member", pgettext_lazy("working group", "Member")

    class Status(models.TextChoices):
        PENDING = "pending", _("Request pending")
        ACTIVE = "active", pgettext_lazy("working group", "Member")
        REFUSED = "refused", _("Request declined")
        LEFT = "left", _("Left the group")

    class Notify(models.TextChoices):
        EACH = "each", _("An e-mail for each message")
        DIGEST = "digest", _("A daily digest")
        NONE = "none", _("No e-mail")

    group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    notify = models.CharField(
        _("e-mail notifications"), max_length=8, choices=Notify.choices, default=Notify.DIGEST
    )
    motivation = models.TextField(_("why I want to join"), blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    # Messages posted after this moment are not yet in the person's digest. The digest
    # command moves it forward in the transaction that queues the digest: never twice.
    digest_cursor = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="membership_once_per_group"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "active", "refused", "left"]),
                name="membership_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(role__in=["coordinator", "member"]), name="membership_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(notify__in=["each", "digest", "none"]), name="membership_notify_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "status"]),
            models.Index(fields=["group", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.group}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_coordinator(self) -> bool:
        return self.is_active and self.role == self.Role.COORDINATOR


class Discussion(models.Model):
    group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="discussions", verbose_name=_("group")
    )
    title = models.CharField(_("subject"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("last message"), db_index=True)
    is_closed = models.BooleanField(_("closed"), default=False)

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        ordering = ["-last_message_at", "-pk"]
        indexes = [models.Index(fields=["group", "-last_message_at"])]

    def __str__(self) -> str:
        return self.title


class Message(models.Model):
    discussion = models.ForeignKey(
        Discussion, on_delete=models.CASCADE, related_name="messages", verbose_name=_("discussion")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="group_messages",
        verbose_name=_("author"),
    )
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    body = models.TextField(_("message"), help_text=_("Markdown: **bold**, lists, links."))
    # The body rendered once, when written (Markdown → sanitised HTML by core.richtext): a
    # thread of 200 messages, a digest or an e-mail does not render them again.
    body_html = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    # A removed message keeps its place in the thread (replies point at it) without its text.
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author} — {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


def _private_path(kind: str, instance, filename: str) -> str:
    # Outside any public folder and unguessable: served only by a view that checks who reads.
    extension = filename.rsplit(".", 1)[-1].lower()[:10] if "." in filename else "bin"
    return f"private/groups/{kind}/{uuid.uuid4().hex}.{extension}"


def version_path(instance: DocumentVersion, filename: str) -> str:
    return _private_path("documents", instance, filename)


def deliverable_path(instance: Deliverable, filename: str) -> str:
    return _private_path("deliverables", instance, filename)


class GroupDocument(models.Model):
    """A document the group works on; each upload is a new numbered version, all kept."""

    group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="documents", verbose_name=_("group")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.CharField(_("description"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    latest_version = models.ForeignKey(
        "DocumentVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("latest version"),
    )

    class Meta:
        verbose_name = _("group document")
        verbose_name_plural = _("group documents")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    document = models.ForeignKey(
        GroupDocument, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="document_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class Deliverable(models.Model):
    """What the group produces: a file attached here, possibly proposed to a target (the
    toolbox) registered in ``deliverables.py``."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        FINAL = "final", _("Final")
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="deliverables",
        verbose_name=_("group"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What it is, who it is for, how to use it.")
    )
    file = models.FileField(_("file"), upload_to=deliverable_path, max_length=255, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    target = models.CharField(_("proposed to"), max_length=32, blank=True)
    target_reference = models.CharField(max_length=120, blank=True)
    target_url = models.CharField(max_length=500, blank=True)
    target_note = models.TextField(_("answer"), blank=True)
    proposed_at = models.DateTimeField(_("proposed"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["-updated_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "final", "proposed", "accepted", "declined"]),
                name="deliverable_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "final"]) | ~Q(target=""),
                name="deliverable_proposal_has_target",
            ),
            models.UniqueConstraint(
                fields=["target", "target_reference"],
                condition=~Q(target_reference=""),
                name="deliverable_unique_target_reference",
            ),
        ]

    def __str__(self) -> str:
        return self.title
