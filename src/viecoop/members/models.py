"""The register of associés and the share-capital ledger of each coop."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from viecoop.core.text import fold
from viecoop.organizations.models import postal_code_validator


class RegisterSettings(models.Model):
    """Per-coop settings of the register: nominal value of a share, numbering, retention."""

    coop = models.OneToOneField(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="register_settings",
        verbose_name=_("coop"),
    )
    share_nominal = models.DecimalField(
        _("nominal value of a share (€)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("15.25"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    next_number = models.PositiveIntegerField(
        _("next member number"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Given to the next member registered without a number."),
    )
    number_prefix = models.CharField(
        _("prefix of member numbers"),
        max_length=10,
        blank=True,
        help_text=_("Optional, for example « S- » gives S-1, S-2…"),
    )
    number_width = models.PositiveSmallIntegerField(
        _("digits of member numbers"),
        default=0,
        validators=[MaxValueValidator(10)],
        help_text=_("Pads numbers with zeros: 5 gives 00042. 0: no padding."),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("years personal data is kept after a member leaves"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )

    class Meta:
        verbose_name = _("register settings")
        verbose_name_plural = _("register settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(share_nominal__gt=0), name="register_settings_nominal_positive"
            ),
            models.CheckConstraint(
                condition=Q(retention_years__gte=1), name="register_settings_retention_positive"
            ),
        ]

    def __str__(self) -> str:
        return str(self.coop)

    def format_number(self, number: int) -> str:
        """The member number given automatically: prefix, then the number padded with zeros."""
        return f"{self.number_prefix}{number:0{self.number_width}d}"


class CollegeKind(models.TextChoices):
    USERS = "users", _("Users")
    INVESTORS = "investors", _("Investors")
    HLM = "hlm", _("HLM and cooperative bodies")
    EMPLOYEES = "employees", _("Employees")
    AUTHORITIES = "authorities", _("Public authorities")
    OTHER = "other", _("Other")


class College(models.Model):
    """A voting college of a coop (SCP: A, B, C; SCIC: three or more, with weights)."""

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="colleges",
        verbose_name=_("coop"),
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=CollegeKind.choices)
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("SCIC only: the share of the votes the statutes give this college."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("voting college")
        verbose_name_plural = _("voting colleges")
        ordering = ["position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["coop", "code"], name="college_unique_code_per_coop"),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | (Q(weight__gte=0) & Q(weight__lte=100)),
                name="college_weight_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Category(models.Model):
    """Why a person or body is a member: tenant-cooperator, buyer, employee, local authority…"""

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="member_categories",
        verbose_name=_("coop"),
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    default_college = models.ForeignKey(
        College,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="category_default",
        verbose_name=_("default college"),
    )
    is_standard = models.BooleanField(_("standard category"), default=False, editable=False)
    is_active = models.BooleanField(
        _("offered for new members"),
        default=True,
        help_text=_("A retired category stays on the members who have it."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("member category")
        verbose_name_plural = _("member categories")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["coop", "code"], name="category_unique_code_per_coop"),
        ]

    def __str__(self) -> str:
        return self.name


class ContactChannel(models.TextChoices):
    EMAIL = "email", _("By e-mail")
    POST = "post", _("By post")


class Topic(models.TextChoices):
    """What a member wants to hear about (read by the coop's communications)."""

    NEWS = "news", _("News of the coop")
    ASSEMBLIES = "assemblies", _("General assemblies and decisions")
    EVENTS = "events", _("Events and outings")
    RESIDENCE = "residence", _("Life of my residence")
    PROJECTS = "projects", _("Residents' projects and the participation fund")


def default_topics() -> list[str]:
    return list(Topic.values)


class ConsentPurpose(models.TextChoices):
    """What a member may agree to. E-mail notices of assemblies need it (C. com. R225-63)."""

    E_CONVOCATION = "e_convocation", _("Notices of general assemblies by e-mail")
    NEWS = "news", _("News and information of the coop by e-mail")
    PHOTOS = "photos", _("Photos and videos")


class ConsentChannel(models.TextChoices):
    ONLINE = "online", _("Online, in the member's space")
    PAPER = "paper", _("Signed paper form")
    EMAIL = "email", _("By e-mail to the coop")
    STAFF = "staff", _("Told to the coop's staff")


class MemberQuerySet(models.QuerySet):
    def with_shares(self, *, on=None):
        """Annotate ``shares``: the balance from the ledger (at the end of day ``on`` if given)."""
        movements = ShareMovement.objects.filter(member=models.OuterRef("pk"))
        if on is not None:
            movements = movements.filter(operation__effective_date__lte=on)
        total = movements.order_by().values("member").annotate(n=models.Sum("shares")).values("n")
        return self.annotate(shares=models.functions.Coalesce(models.Subquery(total), 0))

    def with_consent(self, purpose: str, *, on=None, name: str = "consent"):
        """Annotate ``name``: True if the member's consent to ``purpose`` is in force on ``on``
        (today by default), False if withdrawn, None if never asked.
        """
        on = on or timezone.localdate()
        latest = (
            Consent.objects.filter(member=models.OuterRef("pk"), purpose=purpose, date__lte=on)
            .order_by("-date", "-pk")
            .values("given")[:1]
        )
        return self.annotate(**{name: models.Subquery(latest)})


class Member(models.Model):
    """An associé: a person or a legal entity holding shares of the coop."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ENTITY = "entity", _("Legal entity")

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        ADMITTED = "admitted", _("Admitted")
        LEFT = "left", _("Left")

    class ExitReason(models.TextChoices):
        RESIGNED = "resigned", _("Resigned")
        EXCLUDED = "excluded", _("Excluded")
        DECEASED = "deceased", _("Deceased")
        LOST_CONTACT = "lost_contact", _("Lost contact")

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("coop"),
    )
    number = models.CharField(_("member number"), max_length=30)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.PERSON)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    representative = models.CharField(_("represented by"), max_length=200, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="members", verbose_name=_("category")
    )
    college = models.ForeignKey(
        College, on_delete=models.PROTECT, related_name="members", verbose_name=_("college")
    )
    residence = models.ForeignKey(
        "organizations.Residence",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("residence"),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=5, blank=True, validators=[postal_code_validator]
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CANDIDATE
    )
    application_date = models.DateField(_("application date"), null=True, blank=True)
    admission_date = models.DateField(_("admission date"), null=True, blank=True)
    admission_decision = models.CharField(
        _("board decision (admission)"), max_length=120, blank=True
    )
    exit_date = models.DateField(_("exit date"), null=True, blank=True)
    exit_reason = models.CharField(
        _("exit reason"), max_length=12, choices=ExitReason.choices, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("account"),
    )
    # Communication preferences (the consents themselves are kept in ``Consent``).
    preferred_channel = models.CharField(
        _("preferred way to be contacted"),
        max_length=5,
        choices=ContactChannel.choices,
        default=ContactChannel.POST,
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    topics = models.JSONField(_("topics of interest"), default=default_topics, blank=True)
    search_text = models.CharField(max_length=400, blank=True, editable=False, db_index=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["last_name", "first_name", "legal_name", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["coop", "number"], name="member_unique_number_per_coop"
            ),
            models.UniqueConstraint(
                fields=["coop", "user"],
                condition=Q(user__isnull=False),
                name="member_one_per_account",
            ),
            models.CheckConstraint(
                condition=(Q(kind="person") & ~Q(last_name=""))
                | (Q(kind="entity") & ~Q(legal_name="")),
                name="member_has_a_name",
            ),
            models.CheckConstraint(
                condition=Q(status="candidate") | Q(admission_date__isnull=False),
                name="member_admitted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="left") | (Q(exit_date__isnull=False) & ~Q(exit_reason="")),
                name="member_left_has_date_and_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["coop", "status"]),
            models.Index(fields=["coop", "last_name", "first_name"]),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("members:member_detail", kwargs={"coop_slug": self.coop.slug, "pk": self.pk})

    @property
    def display_name(self) -> str:
        if self.kind == self.Kind.ENTITY:
            return self.legal_name
        return f"{self.last_name.upper()} {self.first_name}".strip()

    def build_search_text(self) -> str:
        return member_search_text(
            number=self.number,
            first_name=self.first_name,
            last_name=self.last_name,
            legal_name=self.legal_name,
            email=self.email,
            city=self.city,
        )


def member_search_text(
    *,
    number: str = "",
    first_name: str = "",
    last_name: str = "",
    legal_name: str = "",
    email: str = "",
    city: str = "",
) -> str:
    """The folded text the register's search looks in (also written by the bulk import)."""
    return fold(" ".join((number, first_name, last_name, legal_name, email, city)))


class ShareOperation(models.Model):
    """One numbered line of the coop's share ledger. Never changed nor deleted.

    A correction is a new operation that points to the one it corrects. The balance of
    a member is the sum of its ``ShareMovement`` lines: a subscription or a conversion
    adds shares to ``member``; a redemption takes them away; a transfer moves them from
    ``member`` to ``counterpart``.
    """

    class Kind(models.TextChoices):
        SUBSCRIPTION = "subscription", _("Subscription")
        TRANSFER = "transfer", _("Transfer")
        REDEMPTION = "redemption", _("Redemption")
        CONVERSION = "conversion", _("Conversion into shares")

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.PROTECT,
        related_name="share_operations",
        verbose_name=_("coop"),
    )
    sequence = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("operation"), max_length=12, choices=Kind.choices)
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="share_operations", verbose_name=_("member")
    )
    counterpart = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_transfers",
        verbose_name=_("transferred to"),
    )
    shares = models.PositiveIntegerField(_("number of shares"), validators=[MinValueValidator(1)])
    unit_price = models.DecimalField(
        _("unit price (€)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    effective_date = models.DateField(_("effective date"))
    board_decision = models.CharField(_("board decision"), max_length=120, blank=True)
    board_decision_date = models.DateField(_("board decision date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects operation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("share operation")
        verbose_name_plural = _("share ledger")
        ordering = ["coop", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["coop", "sequence"], name="share_operation_sequence_unique"
            ),
            models.CheckConstraint(condition=Q(shares__gte=1), name="share_operation_positive"),
            models.CheckConstraint(
                condition=Q(unit_price__gt=0), name="share_operation_price_positive"
            ),
            models.CheckConstraint(
                condition=(Q(kind="transfer") & Q(counterpart__isnull=False))
                | (~Q(kind="transfer") & Q(counterpart__isnull=True)),
                name="share_operation_transfer_has_counterpart",
            ),
            models.CheckConstraint(
                # A subscription not approved by the board is void: it cannot be recorded.
                condition=~Q(kind="subscription")
                | (~Q(board_decision="") & Q(board_decision_date__isnull=False)),
                name="share_operation_subscription_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"n°{self.sequence} {self.get_kind_display()} {self.shares}"

    @property
    def amount(self) -> Decimal:
        return self.unit_price * self.shares


class ShareMovement(models.Model):
    """A signed change of one member's balance, written with its operation (1 or 2 lines)."""

    operation = models.ForeignKey(
        ShareOperation,
        on_delete=models.PROTECT,
        related_name="movements",
        verbose_name=_("operation"),
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="share_movements", verbose_name=_("member")
    )
    shares = models.IntegerField(_("shares (+/-)"))

    class Meta:
        verbose_name = _("share movement")
        verbose_name_plural = _("share movements")
        constraints = [
            models.CheckConstraint(condition=~Q(shares=0), name="share_movement_not_zero"),
            models.UniqueConstraint(
                fields=["operation", "member"], name="share_movement_once_per_member"
            ),
        ]
        indexes = [models.Index(fields=["member", "operation"])]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.shares:+d}"


class CollegeChange(models.Model):
    """A member moved from one college to another on a date (kept for voting rights at a date).

    ``Member.college`` is the college today; the college a member had on an earlier date is
    the ``from_college`` of their first change after that date (``selectors.colleges_on``).
    """

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="college_changes",
        verbose_name=_("coop"),
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="college_changes", verbose_name=_("member")
    )
    from_college = models.ForeignKey(
        College, on_delete=models.PROTECT, related_name="+", verbose_name=_("from college")
    )
    to_college = models.ForeignKey(
        College, on_delete=models.PROTECT, related_name="+", verbose_name=_("to college")
    )
    effective_date = models.DateField(_("effective date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("change of college")
        verbose_name_plural = _("changes of college")
        ordering = ["effective_date", "pk"]
        indexes = [models.Index(fields=["coop", "effective_date"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_college=models.F("to_college")),
                name="college_change_changes_college",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.from_college_id} → {self.to_college_id}"


class ConsentText(models.Model):
    """One version of the text a member agrees to, per coop and purpose. Never changed:
    a new wording is a new version, so every consent points to the words agreed to.
    """

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="consent_texts",
        verbose_name=_("coop"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["coop", "purpose", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["coop", "purpose", "version"], name="consent_text_one_version"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="consent_text_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} — v{self.version}"


class Consent(models.Model):
    """A member gave or withdrew a consent, on a date, by a channel, to a version of the text.

    Append-only: the state on a date is the latest line dated up to it (``with_consent``,
    ``selectors.consents_of``). Lines are never edited; a mistake is corrected by a new line.
    """

    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("coop"),
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="consents", verbose_name=_("member")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    given = models.BooleanField(_("given"))
    text = models.ForeignKey(
        ConsentText,
        on_delete=models.PROTECT,
        related_name="consents",
        verbose_name=_("text version"),
    )
    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=8, choices=ConsentChannel.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["member", "purpose", "date"]),
            models.Index(fields=["coop", "purpose", "date"]),
        ]

    def __str__(self) -> str:
        state = _("given") if self.given else _("withdrawn")
        return f"{self.get_purpose_display()}: {state} ({self.date})"


class ExitRequest(models.Model):
    """A member asks to leave the coop; staff record the exit (or answer) in the register."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Exit recorded")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="exit_requests", verbose_name=_("member")
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("exit request")
        verbose_name_plural = _("exit requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(status="pending"), name="exit_request_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_status_display()})"


# The import's models live in their own module (owned by the import feature).
from .import_models import *  # noqa: E402, F403
