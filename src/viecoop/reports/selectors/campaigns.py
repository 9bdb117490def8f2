"""Campaigns: what a coop has to answer, and the federation's view of progress and answers."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from viecoop.organizations.models import Coop

from ..answers import display_value, same_value
from ..models import Answer, Campaign, CampaignResponse, Question
from ..prefill import as_decimal
from ..stats import distribution, to_decimal

S = CampaignResponse.State


def coop_responses(*, coop: Coop) -> QuerySet[CampaignResponse]:
    """The coop's campaigns, open ones first (never drafts of the federation)."""
    return (
        CampaignResponse.objects.filter(coop=coop)
        .exclude(campaign__state=Campaign.State.DRAFT)
        .select_related("campaign", "submitted_by")
        .order_by("campaign__state", "-campaign__deadline", "-pk")
    )


def coop_response(*, coop: Coop, campaign_pk: int) -> CampaignResponse:
    try:
        return (
            CampaignResponse.objects.exclude(campaign__state=Campaign.State.DRAFT)
            .select_related("campaign", "submitted_by", "coop")
            .get(coop=coop, campaign_id=campaign_pk)
        )
    except CampaignResponse.DoesNotExist as error:
        raise Http404("No such campaign for this coop.") from error


@dataclass
class Item:
    """A question with its answer, for the answer form and the read-only views."""

    question: Question
    value: object = None
    prefilled: object = None
    has_answer: bool = False

    @property
    def corrected(self) -> bool:
        return (
            self.has_answer
            and self.prefilled is not None
            and not same_value(self.value, self.prefilled)
        )

    @property
    def shown(self) -> str:
        return display_value(self.question, self.value)

    @property
    def shown_prefilled(self) -> str:
        return display_value(self.question, self.prefilled)


def response_items(*, response: CampaignResponse) -> list[Item]:
    """Questions in order, each with its answer (2 queries)."""
    answers = {a.question_id: a for a in Answer.objects.filter(response=response)}
    items = []
    for question in Question.objects.filter(campaign_id=response.campaign_id).order_by(
        "position", "pk"
    ):
        answer = answers.get(question.pk)
        items.append(
            Item(
                question=question,
                value=answer.value if answer else None,
                prefilled=answer.prefilled if answer else None,
                has_answer=bool(answer and answer.value is not None),
            )
        )
    return items


def federation_campaigns() -> QuerySet[Campaign]:
    # distinct=True: the join on questions would otherwise count each response once per question.
    return Campaign.objects.annotate(
        coops=Count("responses", distinct=True),
        submitted=Count("responses", filter=Q(responses__state=S.SUBMITTED), distinct=True),
        in_progress=Count("responses", filter=Q(responses__state=S.DRAFT), distinct=True),
        pending=Count("responses", filter=Q(responses__state=S.PENDING), distinct=True),
        questions_count=Count("questions", distinct=True),
    ).order_by("-created_at", "-pk")


def campaign_for_federation(*, pk: int) -> Campaign:
    try:
        return federation_campaigns().get(pk=pk)
    except Campaign.DoesNotExist as error:
        raise Http404("No such campaign.") from error


def campaign_progress(*, campaign: Campaign, state: str = "") -> QuerySet[CampaignResponse]:
    qs = CampaignResponse.objects.filter(campaign=campaign).select_related("coop")
    if state in S.values:
        qs = qs.filter(state=state)
    return qs.order_by("coop__name")


@dataclass
class Summary:
    question: Question
    answered: int = 0
    corrected: int = 0
    total: Decimal | None = None
    median: Decimal | None = None
    counts: list[tuple[str, int]] = field(default_factory=list)


def question_summaries(*, campaign: Campaign) -> list[Summary]:
    """Per question, over submitted answers: how many answered, how many corrected the
    pre-filled figure, and the sum and median (numbers) or the count of each answer (2 queries)."""
    questions = list(campaign.questions.order_by("position", "pk"))
    by_question: dict[int, list[Answer]] = defaultdict(list)
    for answer in Answer.objects.filter(
        response__campaign=campaign, response__state=S.SUBMITTED
    ).only("question_id", "value", "prefilled"):
        by_question[answer.question_id].append(answer)
    summaries = []
    for question in questions:
        answers = [a for a in by_question[question.pk] if a.value is not None]
        summary = Summary(question=question, answered=len(answers))
        summary.corrected = sum(
            1 for a in answers if a.prefilled is not None and not same_value(a.value, a.prefilled)
        )
        if question.kind == Question.Kind.NUMBER:
            numbers = [n for n in (as_decimal(a.value) for a in answers) if n is not None]
            if numbers:
                summary.total = sum(numbers)
                summary.median = to_decimal(distribution(numbers).median, 2)
        elif question.kind in (Question.Kind.CHOICE, Question.Kind.YES_NO, Question.Kind.SCALE):
            counter = Counter(display_value(question, a.value) for a in answers)
            summary.counts = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        elif question.kind == Question.Kind.MULTIPLE:
            counter = Counter(choice for a in answers for choice in a.value)
            summary.counts = [(c, counter[c]) for c in question.choices]
        summaries.append(summary)
    return summaries


def export_rows(*, campaign: Campaign) -> tuple[list[str], list[list]]:
    """One row per coop: state, then for each question the submitted and pre-filled values."""
    questions = list(campaign.questions.order_by("position", "pk"))
    answers: dict[tuple[int, int], Answer] = {
        (a.response_id, a.question_id): a
        for a in Answer.objects.filter(response__campaign=campaign).only(
            "response_id", "question_id", "value", "prefilled"
        )
    }
    header = ["coop", "region", "legal_form", "state", "submitted_at"]
    for question in questions:
        header += [question.label, f"{question.label} (pre-filled)"]
    rows = []
    for response in campaign_progress(campaign=campaign):
        row = [
            response.coop.name,
            response.coop.get_region_display(),
            response.coop.get_legal_form_display(),
            response.get_state_display(),
            response.submitted_at,
        ]
        for question in questions:
            answer = answers.get((response.pk, question.pk))
            row += [
                _cell(question, answer.value if answer else None),
                _cell(question, answer.prefilled if answer else None),
            ]
        rows.append(row)
    return header, rows


def _cell(question: Question, value):
    if isinstance(value, list):
        return ", ".join(value)
    if question.kind == Question.Kind.NUMBER:
        return as_decimal(value)
    return value
