"""The federation, its coops, their residences, and who holds which role where."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from viecoop.core.text import fold

from .validators import validate_siren


class Region(models.TextChoices):
    AUVERGNE_RHONE_ALPES = "ARA", "Auvergne-Rhône-Alpes"
    BOURGOGNE_FRANCHE_COMTE = "BFC", "Bourgogne-Franche-Comté"
    BRETAGNE = "BRE", "Bretagne"
    CENTRE_VAL_DE_LOIRE = "CVL", "Centre-Val de Loire"
    CORSE = "COR", "Corse"
    GRAND_EST = "GES", "Grand Est"
    HAUTS_DE_FRANCE = "HDF", "Hauts-de-France"
    ILE_DE_FRANCE = "IDF", "Île-de-France"
    NORMANDIE = "NOR", "Normandie"
    NOUVELLE_AQUITAINE = "NAQ", "Nouvelle-Aquitaine"
    OCCITANIE = "OCC", "Occitanie"
    PAYS_DE_LA_LOIRE = "PDL", "Pays de la Loire"
    PROVENCE_ALPES_COTE_D_AZUR = "PAC", "Provence-Alpes-Côte d'Azur"
    GUADELOUPE = "GUA", "Guadeloupe"
    MARTINIQUE = "MTQ", "Martinique"
    GUYANE = "GUF", "Guyane"
    LA_REUNION = "LRE", "La Réunion"
    MAYOTTE = "MAY", "Mayotte"


department_validator = RegexValidator(
    r"^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$",
    _("Enter a French department number, such as 35, 2A or 974."),
)
postal_code_validator = RegexValidator(r"^\d{5}$", _("A postal code has five digits."))


class Federation(models.Model):
    """The one federation this install serves."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60)
    slug = models.SlugField(_("slug"), unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("federation")
        verbose_name_plural = _("federations")

    def __str__(self) -> str:
        return self.short_name or self.name


class CoopQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_counts(self):
        """Annotate residences, homes and référents without multiplying rows."""
        residences = Residence.objects.filter(coop=OuterRef("pk")).order_by().values("coop")
        referents = (
            CoopRole.objects.filter(coop=OuterRef("pk"), role=CoopRole.Role.REFERENT)
            .order_by()
            .values("coop")
        )
        return self.annotate(
            residences_count=Coalesce(Subquery(residences.annotate(n=Count("pk")).values("n")), 0),
            homes_count=Coalesce(
                Subquery(residences.annotate(n=models.Sum("homes_count")).values("n")), 0
            ),
            referents_count=Coalesce(Subquery(referents.annotate(n=Count("pk")).values("n")), 0),
        )


class Coop(models.Model):
    """A Coop'HLM: a cooperative HLM company, member of the federation."""

    class LegalForm(models.TextChoices):
        SCP = "scp", _("SA coopérative de production d'HLM (SCP)")
        SCIC = "scic", _("SCIC d'HLM")

    federation = models.ForeignKey(
        Federation, on_delete=models.PROTECT, related_name="coops", verbose_name=_("federation")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("web address"),
        unique=True,
        max_length=60,
        help_text=_(
            "Used in the coop's addresses: /c/<web address>/. Lower case letters, digits and dashes."
        ),
    )
    legal_form = models.CharField(_("legal form"), max_length=8, choices=LegalForm.choices)
    region = models.CharField(_("region"), max_length=3, choices=Region.choices)
    department = models.CharField(_("department"), max_length=3, validators=[department_validator])
    address = models.CharField(_("address"), max_length=255, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=5, blank=True, validators=[postal_code_validator]
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    siren = models.CharField(
        _("SIREN"),
        max_length=9,
        blank=True,
        validators=[validate_siren],
        help_text=_("Nine digits, optional."),
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="coops/logos/", blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Folded name and city (see core.text.fold), kept by the services, for searching.
    search_text = models.CharField(max_length=400, blank=True, editable=False, db_index=True)

    objects = CoopQuerySet.as_manager()

    class Meta:
        verbose_name = _("coop")
        verbose_name_plural = _("coops")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siren"], condition=~Q(siren=""), name="coop_unique_siren"
            ),
            models.CheckConstraint(
                condition=Q(legal_form__in=["scp", "scic"]), name="coop_legal_form_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organizations:coop_home", kwargs={"coop_slug": self.slug})

    def build_search_text(self) -> str:
        return fold(f"{self.name} {self.city}")


class Residence(models.Model):
    """A building or group of homes managed by a coop."""

    coop = models.ForeignKey(
        Coop, on_delete=models.CASCADE, related_name="residences", verbose_name=_("coop")
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=255, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=5, blank=True, validators=[postal_code_validator]
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    homes_count = models.PositiveIntegerField(_("number of homes"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    search_text = models.CharField(max_length=400, blank=True, editable=False)

    class Meta:
        verbose_name = _("residence")
        verbose_name_plural = _("residences")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["coop", "name"], name="residence_unique_name_per_coop"),
            models.CheckConstraint(
                condition=Q(homes_count__gte=0), name="residence_homes_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def build_search_text(self) -> str:
        return fold(f"{self.name} {self.address} {self.city}")


class CoopRole(models.Model):
    """A person's role in one coop. A person may hold several roles, in several coops."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("Manager")
        REFERENT = "referent", _("Référent vie coopérative")
        STAFF = "staff", _("Staff")
        MEMBER = "member", _("Member (associé)")

    STAFF_ROLES = frozenset({Role.MANAGER, Role.REFERENT, Role.STAFF})

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coop_roles",
        verbose_name=_("person"),
    )
    coop = models.ForeignKey(
        Coop, on_delete=models.CASCADE, related_name="roles", verbose_name=_("coop")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("coop role")
        verbose_name_plural = _("coop roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "coop", "role"], name="coop_role_unique"),
        ]
        indexes = [models.Index(fields=["coop", "role"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.coop}"


class FederationRole(models.Model):
    """A person's role in the federation's team."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Federation admin")
        STAFF = "staff", _("Federation staff")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="federation_roles",
        verbose_name=_("person"),
    )
    federation = models.ForeignKey(
        Federation, on_delete=models.CASCADE, related_name="roles", verbose_name=_("federation")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("federation role")
        verbose_name_plural = _("federation roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "federation", "role"], name="federation_role_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"
