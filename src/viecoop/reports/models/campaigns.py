"""The federation's campaigns: questionnaires each coop answers before a deadline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Campaign(models.Model):
    """A questionnaire sent to every coop, such as the yearly "Sociétariat" survey."""

    class Kind(models.TextChoices):
        QUESTIONNAIRE = "questionnaire", _("Questionnaire")
        SOCIETARIAT = "societariat", _("Yearly “Sociétariat” survey")

    class State(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    federation = models.ForeignKey(
        "organizations.Federation",
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("federation"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown to the coops above the questions.")
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.QUESTIONNAIRE
    )
    period_start = models.DateField(
        _("period from"), help_text=_("The answers describe this period (pre-filled figures too).")
    )
    period_end = models.DateField(_("period to"))
    deadline = models.DateField(_("answer by"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.DRAFT)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-deadline", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="campaign_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        NUMBER = "number", pgettext_lazy("kind of answer", "Number")
        CHOICE = "choice", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        YES_NO = "yes_no", _("Yes or no")
        SCALE = "scale", _("Scale")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="questions", verbose_name=_("campaign")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    section = models.CharField(_("section"), max_length=120, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=False)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    scale_min = models.SmallIntegerField(_("scale from"), default=1)
    scale_max = models.SmallIntegerField(_("scale to"), default=5)
    scale_min_label = models.CharField(_("label of the lowest value"), max_length=60, blank=True)
    scale_max_label = models.CharField(_("label of the highest value"), max_length=60, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    # Pre-fill: a key of reports.prefill's registry, and its parameter (a category code…).
    prefill_key = models.CharField(_("pre-filled from"), max_length=60, blank=True)
    prefill_param = models.CharField(max_length=60, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["campaign", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="question_scale_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class CampaignResponse(models.Model):
    """One coop's answers to a campaign: pending, draft, then submitted (reopened if need be)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Not started")
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="responses", verbose_name=_("campaign")
    )
    coop = models.ForeignKey(
        "organizations.Coop",
        on_delete=models.CASCADE,
        related_name="campaign_responses",
        verbose_name=_("coop"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    prefilled_at = models.DateTimeField(_("pre-filled"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    reopen_reason = models.CharField(_("why it was reopened"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("answer of a coop to a campaign")
        verbose_name_plural = _("answers of coops to campaigns")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "coop"], name="campaign_response_unique"),
            models.CheckConstraint(
                condition=~Q(state="submitted") | Q(submitted_at__isnull=False),
                name="campaign_response_submitted_has_date",
            ),
        ]
        indexes = [models.Index(fields=["coop", "campaign"])]

    def __str__(self) -> str:
        return f"{self.campaign_id} — {self.coop_id}"


class Answer(models.Model):
    """The answer to one question: what the platform pre-filled and what the coop submitted."""

    response = models.ForeignKey(CampaignResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(_("answer"), null=True, blank=True)
    prefilled = models.JSONField(_("pre-filled value"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"


class ReminderLog(models.Model):
    """A reminder sent to a coop for a campaign, at most once per stage (idempotent reminders)."""

    class Stage(models.TextChoices):
        OPENED = "opened", _("Campaign opened")
        WEEK = "week", _("One week left")
        EVE = "eve", _("Last day")
        LATE = "late", _("Deadline passed")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders")
    coop = models.ForeignKey("organizations.Coop", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=8, choices=Stage.choices)
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign reminder")
        verbose_name_plural = _("campaign reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "coop", "stage"], name="reminder_once_per_stage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.coop_id}/{self.stage}"
