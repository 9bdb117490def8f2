"""Campaigns: the federation prepares and opens them, coops answer, référents are reminded."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.core.mail import send_templated_email
from viecoop.organizations.models import Coop, CoopRole, Federation

from ..answers import AnswerError, clean_value
from ..indicators import Period
from ..models import Answer, Campaign, CampaignResponse, Question, ReminderLog
from ..prefill import compute_prefill, get_provider
from ..societariat import societariat_questions

QUESTION_FIELDS = (
    "section",
    "kind",
    "label",
    "help_text",
    "required",
    "choices",
    "scale_min",
    "scale_max",
    "scale_min_label",
    "scale_max_label",
    "unit",
    "prefill_key",
    "prefill_param",
)
CAMPAIGN_FIELDS = ("title", "description", "period_start", "period_end", "deadline")
MAX_SCALE_STEPS = 11


def _person(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _period(campaign: Campaign) -> Period:
    return Period(campaign.period_start, campaign.period_end, "campaign")


# Preparing ---------------------------------------------------------------------------------
@transaction.atomic
def campaign_create(
    *,
    actor,
    federation: Federation,
    title: str,
    period_start: date,
    period_end: date,
    deadline: date,
    description: str = "",
    kind: str = Campaign.Kind.QUESTIONNAIRE,
) -> Campaign:
    campaign = Campaign(
        federation=federation,
        title=title,
        description=description,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        deadline=deadline,
        created_by=_person(actor),
    )
    campaign.full_clean()
    campaign.save()
    audit_record(actor=actor, action="campaign.create", obj=campaign, coop=None)
    return campaign


@transaction.atomic
def campaign_update(*, actor, campaign: Campaign, **data: Any) -> Campaign:
    """Change a campaign; its period only while it is being prepared (answers depend on it)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    changed = [n for n in CAMPAIGN_FIELDS if n in data and getattr(campaign, n) != data[n]]
    if campaign.state != Campaign.State.DRAFT and {"period_start", "period_end"} & set(changed):
        raise ValidationError(_("The period of an open campaign cannot change."))
    for name in changed:
        setattr(campaign, name, data[name])
    if changed:
        campaign.full_clean()
        campaign.save()
        audit_record(
            actor=actor,
            action="campaign.update",
            obj=campaign,
            coop=None,
            details={"fields": changed},
        )
    return campaign


def _check_question(question: Question) -> None:
    errors: dict[str, str] = {}
    if question.kind in (Question.Kind.CHOICE, Question.Kind.MULTIPLE):
        question.choices = [str(c).strip() for c in question.choices if str(c).strip()]
        if len(question.choices) < 2:
            errors["choices"] = _("Give at least two choices, one per line.")
        elif len(set(question.choices)) != len(question.choices):
            errors["choices"] = _("Each choice must be different.")
    else:
        question.choices = []
    if question.kind == Question.Kind.SCALE and not (
        0 < question.scale_max - question.scale_min < MAX_SCALE_STEPS
    ):
        errors["scale_max"] = _("A scale has from 2 to 11 steps, lowest first.")
    if question.prefill_key:
        provider = get_provider(question.prefill_key)
        if provider is None:
            errors["prefill_key"] = _("Unknown source of pre-filled figures.")
        elif provider.kind != question.kind:
            errors["prefill_key"] = _("This source gives answers of another kind.")
        elif provider.params and question.prefill_param not in dict(provider.params):
            errors["prefill_param"] = _("Choose what to count.")
    if errors:
        raise ValidationError(errors)


def _editable(campaign: Campaign) -> None:
    if campaign.state != Campaign.State.DRAFT:
        raise ValidationError(_("The questions of an open campaign cannot change."))


@transaction.atomic
def question_create(*, actor, campaign: Campaign, **data: Any) -> Question:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _editable(campaign)
    position = (campaign.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question = Question(campaign=campaign, position=data.pop("position", position))
    for name in QUESTION_FIELDS:
        if name in data:
            setattr(question, name, data[name])
    _check_question(question)
    question.full_clean()
    question.save()
    audit_record(actor=actor, action="campaign.question_create", obj=campaign, coop=None)
    return question


@transaction.atomic
def question_update(*, actor, question: Question, **data: Any) -> Question:
    question = Question.objects.select_for_update().select_related("campaign").get(pk=question.pk)
    _editable(question.campaign)
    for name in (*QUESTION_FIELDS, "position"):
        if name in data:
            setattr(question, name, data[name])
    _check_question(question)
    question.full_clean()
    question.save()
    audit_record(actor=actor, action="campaign.question_update", obj=question.campaign, coop=None)
    return question


@transaction.atomic
def question_delete(*, actor, question: Question) -> None:
    _editable(question.campaign)
    campaign = question.campaign
    question.delete()
    audit_record(actor=actor, action="campaign.question_delete", obj=campaign, coop=None)


@transaction.atomic
def societariat_campaign_create(
    *, actor, federation: Federation, year: int, deadline: date
) -> Campaign:
    """The yearly "Sociétariat" survey for ``year``, with its questions and pre-fill sources."""
    campaign = campaign_create(
        actor=actor,
        federation=federation,
        title=_("“Sociétariat” survey %(year)s") % {"year": year},
        description=_(
            "The federation's yearly survey of the membership of the coops, for its annual "
            "report. The figures the platform knows are already filled in from your register "
            "and share ledger on 31 December %(year)s: check them, correct them if your "
            "records say otherwise, complete the rest, then submit."
        )
        % {"year": year},
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        deadline=deadline,
        kind=Campaign.Kind.SOCIETARIAT,
    )
    questions = []
    for position, spec in enumerate(societariat_questions(), start=1):
        question = Question(campaign=campaign, position=position, **spec)
        if question.prefill_key and get_provider(question.prefill_key) is None:
            # Not known yet (its app is not installed): the coop answers by hand.
            question.prefill_key = question.prefill_param = ""
        questions.append(question)
    Question.objects.bulk_create(questions)
    return campaign


# Opening and closing -------------------------------------------------------------------------
def _recipients_by_coop(coop_ids) -> dict[int, list]:
    """The référents of each coop, or its managers when it has no référent."""
    found: dict[int, dict[str, list]] = defaultdict(lambda: {"referent": [], "manager": []})
    for role in (
        CoopRole.objects.filter(
            coop_id__in=coop_ids,
            role__in=[CoopRole.Role.REFERENT, CoopRole.Role.MANAGER],
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
    ):
        found[role.coop_id][role.role].append(role.user)
    return {coop_id: (roles["referent"] or roles["manager"]) for coop_id, roles in found.items()}


def _send_campaign_mail(*, template: str, campaign: Campaign, coop: Coop, users, **extra) -> int:
    path = reverse("reports:campaign_answer", kwargs={"coop_slug": coop.slug, "pk": campaign.pk})
    sent = 0
    for user in users:
        if user.email:
            send_templated_email(
                template=template,
                to=[user.email],
                context={"campaign": campaign, "coop": coop, "user": user, "path": path, **extra},
                language=user.language,
            )
            sent += 1
    return sent


@transaction.atomic
def campaign_open(*, actor, campaign: Campaign, today: date | None = None) -> Campaign:
    """Open a campaign: every active coop gets its (pre-filled) answers and an e-mail."""
    today = today or timezone.localdate()
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.state != Campaign.State.DRAFT:
        raise ValidationError(_("This campaign is already open or closed."))
    questions = list(campaign.questions.all())
    if not questions:
        raise ValidationError(_("Add at least one question before opening the campaign."))
    if campaign.deadline < today:
        raise ValidationError({"deadline": _("The deadline is already past.")})
    coops = list(Coop.objects.active().filter(federation=campaign.federation).order_by("pk"))
    now = timezone.now()
    CampaignResponse.objects.bulk_create(
        [CampaignResponse(campaign=campaign, coop=coop, prefilled_at=now) for coop in coops],
        ignore_conflicts=True,
    )
    responses = {r.coop_id: r for r in CampaignResponse.objects.filter(campaign=campaign)}
    prefilled = compute_prefill(questions, coops, _period(campaign))
    Answer.objects.bulk_create(
        [
            Answer(response=responses[coop_id], question_id=question_id, prefilled=value)
            for (question_id, coop_id), value in prefilled.items()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    campaign.state = Campaign.State.OPEN
    campaign.opened_at = now
    campaign.save(update_fields=["state", "opened_at"])
    audit_record(
        actor=actor,
        action="campaign.open",
        obj=campaign,
        coop=None,
        details={"coops": len(coops), "prefilled": len(prefilled)},
    )
    recipients = _recipients_by_coop([c.pk for c in coops])
    logs = []
    for coop in coops:
        sent = _send_campaign_mail(
            template="campaign_opened",
            campaign=campaign,
            coop=coop,
            users=recipients.get(coop.pk, []),
        )
        logs.append(
            ReminderLog(
                campaign=campaign, coop=coop, stage=ReminderLog.Stage.OPENED, recipients=sent
            )
        )
    ReminderLog.objects.bulk_create(logs, ignore_conflicts=True)
    return campaign


@transaction.atomic
def campaign_close(*, actor, campaign: Campaign) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.state != Campaign.State.OPEN:
        raise ValidationError(_("Only an open campaign can be closed."))
    campaign.state = Campaign.State.CLOSED
    campaign.closed_at = timezone.now()
    campaign.save(update_fields=["state", "closed_at"])
    audit_record(actor=actor, action="campaign.close", obj=campaign, coop=None)
    return campaign


# Answering -----------------------------------------------------------------------------------
@transaction.atomic
def response_save(
    *, actor, response: CampaignResponse, values: dict[int, Any], submit: bool = False
) -> CampaignResponse:
    """Save a coop's answers as a draft, or submit them (then required answers must be there).

    ``values`` maps question ids to raw answers; questions left out keep their answer.
    Errors come back as a ValidationError keyed ``q<question id>``.
    """
    response = (
        CampaignResponse.objects.select_for_update().select_related("campaign").get(pk=response.pk)
    )
    campaign = response.campaign
    if campaign.state != Campaign.State.OPEN:
        raise ValidationError(_("This campaign is not open: answers cannot change."))
    if response.state == CampaignResponse.State.SUBMITTED:
        raise ValidationError(
            _("Your answers are already submitted; ask the federation to reopen them.")
        )
    questions = {q.pk: q for q in campaign.questions.all()}
    answers = {a.question_id: a for a in response.answers.all()}
    errors: dict[str, list[str]] = {}
    cleaned: dict[int, Any] = {}
    for question_id, raw in values.items():
        question = questions.get(int(question_id))
        if question is None:
            continue
        try:
            cleaned[question.pk] = clean_value(question, raw)
        except AnswerError as error:
            errors[f"q{question.pk}"] = [str(error)]
    if submit:
        for question in questions.values():
            value = cleaned.get(question.pk, getattr(answers.get(question.pk), "value", None))
            if question.required and value is None and f"q{question.pk}" not in errors:
                errors[f"q{question.pk}"] = [_("This answer is required to submit.")]
    if errors:
        raise ValidationError(errors)
    user = _person(actor)
    to_create, to_update = [], []
    for question_id, value in cleaned.items():
        answer = answers.get(question_id)
        if answer is None:
            to_create.append(
                Answer(response=response, question_id=question_id, value=value, updated_by=user)
            )
        elif answer.value != value:
            answer.value = value
            answer.updated_by = user
            answer.updated_at = timezone.now()
            to_update.append(answer)
    Answer.objects.bulk_create(to_create)
    Answer.objects.bulk_update(to_update, ["value", "updated_by", "updated_at"])
    if submit:
        response.state = CampaignResponse.State.SUBMITTED
        response.submitted_at = timezone.now()
        response.submitted_by = user
    elif response.state == CampaignResponse.State.PENDING:
        response.state = CampaignResponse.State.DRAFT
    response.save()
    audit_record(
        actor=actor,
        action="campaign.submit" if submit else "campaign.save_answers",
        obj=campaign,
        coop=response.coop,
        details={"changed": len(to_create) + len(to_update)},
    )
    return response


@transaction.atomic
def response_reopen(*, actor, response: CampaignResponse, reason: str = "") -> CampaignResponse:
    """The federation sends submitted answers back to the coop (their référents are told)."""
    response = (
        CampaignResponse.objects.select_for_update()
        .select_related("campaign", "coop")
        .get(pk=response.pk)
    )
    if response.state != CampaignResponse.State.SUBMITTED:
        raise ValidationError(_("Only submitted answers can be reopened."))
    if response.campaign.state != Campaign.State.OPEN:
        raise ValidationError(_("Reopen the answers of an open campaign only."))
    response.state = CampaignResponse.State.DRAFT
    response.reopened_at = timezone.now()
    response.reopen_reason = reason.strip()[:300]
    response.save()
    audit_record(
        actor=actor,
        action="campaign.reopen",
        obj=response.campaign,
        coop=response.coop,
        details={"reason": response.reopen_reason},
    )
    _send_campaign_mail(
        template="campaign_reopened",
        campaign=response.campaign,
        coop=response.coop,
        users=_recipients_by_coop([response.coop_id]).get(response.coop_id, []),
        reason=response.reopen_reason,
    )
    return response


@transaction.atomic
def response_refresh_prefill(*, actor, response: CampaignResponse) -> int:
    """Compute the pre-filled figures of one coop again (its register may have changed)."""
    response = (
        CampaignResponse.objects.select_for_update()
        .select_related("campaign", "coop")
        .get(pk=response.pk)
    )
    if response.state == CampaignResponse.State.SUBMITTED:
        raise ValidationError(_("Your answers are already submitted."))
    questions = [q for q in response.campaign.questions.all() if q.prefill_key]
    values = compute_prefill(questions, [response.coop], _period(response.campaign))
    answers = {a.question_id: a for a in response.answers.all()}
    changed = 0
    for question in questions:
        value = values.get((question.pk, response.coop_id))
        answer = answers.get(question.pk)
        if answer is None:
            if value is not None:
                Answer.objects.create(response=response, question=question, prefilled=value)
                changed += 1
        elif answer.prefilled != value:
            answer.prefilled = value
            answer.save(update_fields=["prefilled", "updated_at"])
            changed += 1
    response.prefilled_at = timezone.now()
    response.save(update_fields=["prefilled_at", "updated_at"])
    audit_record(
        actor=actor,
        action="campaign.refresh_prefill",
        obj=response.campaign,
        coop=response.coop,
        details={"changed": changed},
    )
    return changed


# Reminders -----------------------------------------------------------------------------------
def reminder_stage(deadline: date, today: date) -> str | None:
    """Which reminder is due: a week before, the day before, or once the deadline has passed."""
    days_left = (deadline - today).days
    if days_left < 0:
        return ReminderLog.Stage.LATE
    if days_left <= 1:
        return ReminderLog.Stage.EVE
    if days_left <= 7:
        return ReminderLog.Stage.WEEK
    return None


def reminders_send(*, today: date | None = None) -> dict[str, int]:
    """Remind the référents of coops that have not submitted. Safe to run any number of times.

    Each (campaign, coop, stage) is reminded at most once: the ``ReminderLog`` row is written
    first, in the same transaction as the e-mails, under a unique constraint.
    """
    today = today or timezone.localdate()
    sent = {"coops": 0, "emails": 0}
    for campaign in Campaign.objects.filter(state=Campaign.State.OPEN).order_by("pk"):
        stage = reminder_stage(campaign.deadline, today)
        if stage is None:
            continue
        pending = list(
            CampaignResponse.objects.filter(campaign=campaign)
            .exclude(state=CampaignResponse.State.SUBMITTED)
            .exclude(
                coop__in=ReminderLog.objects.filter(campaign=campaign, stage=stage).values("coop")
            )
            .select_related("coop")
            .order_by("coop__name")
        )
        recipients = _recipients_by_coop([r.coop_id for r in pending])
        for response in pending:
            try:
                with transaction.atomic():
                    log = ReminderLog.objects.create(
                        campaign=campaign, coop=response.coop, stage=stage
                    )
                    log.recipients = _send_campaign_mail(
                        template="campaign_reminder",
                        campaign=campaign,
                        coop=response.coop,
                        users=recipients.get(response.coop_id, []),
                        stage=stage,
                        days_left=(campaign.deadline - today).days,
                    )
                    log.save(update_fields=["recipients"])
            except IntegrityError:
                continue  # another run got there first
            sent["coops"] += 1
            sent["emails"] += log.recipients
    return sent
