"""API tokens of a coop, and the codes of its residences in its management software."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiTokenQuerySet(models.QuerySet):
    def active(self, *, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A coop's key to the JSON API. Its secret is shown once; only its digest is kept.

    A token belongs to the coop, not to the manager who created it: it keeps working
    when that person leaves, until a manager revokes it or it expires. Used as the
    ``actor`` of the services it calls, it names itself in the audit log.
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("coop"),
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("What uses it, e.g. « Logiciel de gestion locative »."),
    )
    prefix = models.CharField(_("token starts with"), max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(_("access"), max_length=8, choices=Scope.choices, default=Scope.READ)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = ApiTokenQuerySet.as_manager()

    # Not a person: services that check ``actor.is_authenticated`` (the ledger's
    # ``created_by``) leave it out, and the audit log uses ``audit_label`` instead.
    is_authenticated = False

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope__in=["read", "write"]), name="api_token_scope_valid"
            ),
        ]
        indexes = [models.Index(fields=["coop", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def audit_label(self) -> str:
        return f"API · {self.name} ({self.prefix}…)"

    @property
    def audit_details(self) -> dict:
        return {"api_token": self.prefix}

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    def status(self, *, now=None) -> str:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "active"


class ResidenceCode(models.Model):
    """A residence's code in the coop's management software, so it can push residences by it."""

    coop = models.ForeignKey(
        "organizations.Coop", on_delete=models.CASCADE, related_name="+", verbose_name=_("coop")
    )
    residence = models.OneToOneField(
        "organizations.Residence",
        on_delete=models.CASCADE,
        related_name="api_code",
        verbose_name=_("residence"),
    )
    code = models.CharField(_("code in the management software"), max_length=50)

    class Meta:
        verbose_name = _("residence code")
        verbose_name_plural = _("residence codes")
        constraints = [
            models.UniqueConstraint(fields=["coop", "code"], name="residence_code_unique_per_coop"),
            models.CheckConstraint(condition=~Q(code=""), name="residence_code_not_empty"),
        ]

    def __str__(self) -> str:
        return self.code
