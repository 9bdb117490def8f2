"""People's accounts, invitations and activation codes, deletion requests."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who can log in. Identified by e-mail; roles live in organizations."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("technical administrator"),
        default=False,
        help_text=_("May use the technical administration site."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email


class Invitation(models.Model):
    """A one-time code that gives a role to whoever redeems it.

    Sent by e-mail (the link carries the code) or printed on a letter for people
    without e-mail: the same code, typed on the activation page.
    Only a hash of the code is stored.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        LETTER = "letter", _("Letter")

    code_hash = models.CharField(max_length=64, unique=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    email = models.EmailField(_("e-mail address"), blank=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("coop"),
    )
    coop_role = models.CharField(_("coop role"), max_length=16, blank=True)
    federation_role = models.CharField(_("federation role"), max_length=16, blank=True)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # What other apps attach to the invitation, read by their acceptance hooks
    # (the members register puts the register entry to link: {"member_id": 12}).
    payload = models.JSONField(_("payload"), default=dict, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (Q(coop__isnull=False) & ~Q(coop_role="") & Q(federation_role=""))
                    | (Q(coop__isnull=True) & Q(coop_role="") & ~Q(federation_role=""))
                ),
                name="invitation_grants_one_role",
            ),
            models.CheckConstraint(
                condition=Q(channel="letter") | ~Q(email=""), name="invitation_email_has_address"
            ),
        ]

    def __str__(self) -> str:
        return self.email or f"{self.first_name} {self.last_name}".strip() or str(self.pk)

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    def get_status_display(self) -> str:
        return {
            "accepted": _("Accepted"),
            "revoked": _("Cancelled"),
            "expired": _("Expired"),
            "pending": _("Pending"),
        }[self.status]

    @property
    def role_label(self) -> str:
        from viecoop.organizations.models import CoopRole, FederationRole

        if self.coop_role:
            return CoopRole.Role(self.coop_role).label
        return FederationRole.Role(self.federation_role).label


class DeletionRequest(models.Model):
    """A person asks for their account to be deleted (RGPD art. 17)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Account deleted")
        REFUSED = "refused", _("Refused")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deletion_requests",
        verbose_name=_("person"),
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("processed by"),
    )
    answer = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="deletion_request_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_status_display()})"
