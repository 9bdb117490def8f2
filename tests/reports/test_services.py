"""Report services: projects and photos, difficulties and needs, campaigns, reminders, snapshots."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tests.accounts.factories import UserFactory
from tests.members.factories import admitted_member
from tests.organizations.factories import CoopFactory, CoopRoleFactory
from tests.reports.factories import jpeg_file, make_campaign, make_concern, make_project
from viecoop.audit.models import AuditEntry
from viecoop.reports import services
from viecoop.reports.indicators import Period
from viecoop.reports.models import (
    Answer,
    Campaign,
    CampaignResponse,
    DistributionSnapshot,
    IndicatorSnapshot,
    Question,
    ReminderLog,
)

pytestmark = pytest.mark.django_db


# Projects, photos, difficulties and needs ------------------------------------------------------
def test_project_is_checked_and_audited_in_its_coop(coop_a, coop_b, referent_a):
    from tests.organizations.factories import ResidenceFactory

    project = make_project(coop=coop_a, actor=referent_a, budget=Decimal("350.50"))
    entry = AuditEntry.objects.get(action="project.create")
    assert entry.coop == coop_a and entry.actor == referent_a
    with pytest.raises(ValidationError) as error:
        make_project(coop=coop_a, start_date=date(2025, 6, 1), end_date=date(2025, 5, 1))
    assert "__all__" in error.value.error_dict or "end_date" in error.value.error_dict
    with pytest.raises(ValidationError):
        make_project(coop=coop_a, budget=Decimal("-1"))
    with pytest.raises(ValidationError) as error:
        make_project(coop=coop_a, residence=ResidenceFactory(coop=coop_b))
    assert "residence" in error.value.error_dict
    updated = services.project_update(actor=referent_a, project=project, status="running")
    assert updated.status == "running"
    assert AuditEntry.objects.get(action="project.update").details == {"fields": ["status"]}


def test_photos_are_resized_stripped_and_limited(coop_a):
    from PIL import Image

    project = make_project(coop=coop_a)
    photo = services.photo_add(
        actor=None, project=project, image=jpeg_file(exif_gps=True), alt_text=" Le jardin "
    )
    assert (photo.width, photo.height) == (1600, 1067)
    assert photo.alt_text == "Le jardin"
    with Image.open(photo.image.path) as image:
        assert image.format == "JPEG"
        assert not image.getexif()  # no GPS, no camera
    with pytest.raises(ValidationError) as error:
        services.photo_add(actor=None, project=project, image=jpeg_file(), alt_text="  ")
    assert "alt_text" in error.value.error_dict
    from django.core.files.base import ContentFile

    with pytest.raises(ValidationError) as error:
        services.photo_add(
            actor=None, project=project, image=ContentFile(b"%PDF-1.4", name="x.jpg"), alt_text="x"
        )
    assert "image" in error.value.error_dict
    for _ in range(services.remontees.MAX_PHOTOS - 1):
        services.photo_add(actor=None, project=project, image=jpeg_file((40, 30)), alt_text="x")
    with pytest.raises(ValidationError):
        services.photo_add(actor=None, project=project, image=jpeg_file((40, 30)), alt_text="x")
    path = photo.image.path
    services.photo_delete(actor=None, photo=photo)
    import os

    assert not os.path.exists(path)


def test_concern_category_must_fit_its_kind(coop_a):
    concern = make_concern(coop=coop_a, kind="need", category="training")
    assert concern.status == "open" and concern.reported_on
    with pytest.raises(ValidationError) as error:
        make_concern(coop=coop_a, kind="need", category="participation")
    assert "category" in error.value.error_dict
    resolved = services.concern_update(actor=None, concern=concern, resolved=True)
    assert resolved.status == "resolved" and resolved.resolved_on
    reopened = services.concern_update(actor=None, concern=resolved, resolved=False)
    assert reopened.status == "open" and reopened.resolved_on is None


# Campaigns ----------------------------------------------------------------------------------
@pytest.fixture
def register_a(coop_a):
    for _ in range(3):
        admitted_member(coop=coop_a)  # admitted on 12/03/2024


def test_opening_prefills_every_coop_and_tells_the_referents(
    federation,
    coop_a,
    coop_b,
    referent_a,
    manager_a,
    manager_b,
    register_a,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        campaign = make_campaign(federation=federation)
    assert campaign.state == Campaign.State.OPEN
    responses = {r.coop_id: r for r in CampaignResponse.objects.filter(campaign=campaign)}
    assert set(responses) == {coop_a.pk, coop_b.pk}
    total = campaign.questions.get(prefill_key="members.total")
    assert Answer.objects.get(response=responses[coop_a.pk], question=total).prefilled == 3
    assert Answer.objects.get(response=responses[coop_b.pk], question=total).prefilled == 0
    # The référent of coop A; coop B has no référent, so its manager.
    assert sorted(m.to[0] for m in mailoutbox) == sorted([referent_a.email, manager_b.email])
    assert ReminderLog.objects.filter(campaign=campaign, stage="opened").count() == 2
    with pytest.raises(ValidationError):  # once only
        services.campaign_open(actor=None, campaign=campaign)
    with pytest.raises(ValidationError):  # questions are frozen
        services.question_create(actor=None, campaign=campaign, kind="text", label="x")


def test_a_campaign_needs_questions_and_a_future_deadline(federation):
    campaign = make_campaign(federation=federation, open_it=False, questions=())
    with pytest.raises(ValidationError):
        services.campaign_open(actor=None, campaign=campaign, today=date(2026, 1, 5))
    services.question_create(actor=None, campaign=campaign, kind="text", label="x")
    with pytest.raises(ValidationError):
        services.campaign_open(actor=None, campaign=campaign, today=date(2100, 1, 1))


def test_question_rules(federation):
    campaign = make_campaign(federation=federation, open_it=False, questions=())
    with pytest.raises(ValidationError) as error:
        services.question_create(
            actor=None, campaign=campaign, kind="choice", label="x", choices=["seul"]
        )
    assert "choices" in error.value.error_dict
    with pytest.raises(ValidationError):
        services.question_create(
            actor=None, campaign=campaign, kind="scale", label="x", scale_min=1, scale_max=20
        )
    with pytest.raises(ValidationError) as error:
        services.question_create(
            actor=None, campaign=campaign, kind="text", label="x", prefill_key="members.total"
        )
    assert "prefill_key" in error.value.error_dict  # a number source for a text question
    with pytest.raises(ValidationError) as error:
        services.question_create(
            actor=None,
            campaign=campaign,
            kind="number",
            label="x",
            prefill_key="members.by_category",
            prefill_param="inconnue",
        )
    assert "prefill_param" in error.value.error_dict
    question = services.question_create(
        actor=None, campaign=campaign, kind="multiple", label="x", choices=[" a ", "b", ""]
    )
    assert question.choices == ["a", "b"] and question.position == 1


def test_answers_draft_then_submit_keeping_prefilled_and_submitted_values(
    federation, coop_a, referent_a, register_a
):
    campaign = make_campaign(federation=federation)
    response = CampaignResponse.objects.get(campaign=campaign, coop=coop_a)
    q = {question.label: question for question in campaign.questions.all()}
    draft = services.response_save(
        actor=referent_a, response=response, values={q["Associés touchés"].pk: "12,5"}
    )
    assert draft.state == CampaignResponse.State.DRAFT
    assert Answer.objects.get(question=q["Associés touchés"]).value == "12.5"
    # Submitting needs every required answer.
    with pytest.raises(ValidationError) as error:
        services.response_save(actor=referent_a, response=response, values={}, submit=True)
    assert set(error.value.error_dict) == {
        f"q{q['Coopsday organisée ?'].pk}",
        f"q{q['Associés au 31/12'].pk}",
    }
    # Bad answers are refused with the question's key.
    with pytest.raises(ValidationError) as error:
        services.response_save(
            actor=referent_a,
            response=response,
            values={q["Principal frein"].pk: "Météo", q["Soutien de la fédération"].pk: 9},
        )
    assert len(error.value.error_dict) == 2
    submitted = services.response_save(
        actor=referent_a,
        response=response,
        values={
            q["Coopsday organisée ?"].pk: True,
            q["Associés au 31/12"].pk: "4",  # the register says 3: corrected
            q["Outils utilisés"].pk: ["Livret", "Guide"],
        },
        submit=True,
    )
    assert (
        submitted.state == CampaignResponse.State.SUBMITTED and submitted.submitted_by == referent_a
    )
    total = Answer.objects.get(response=response, question=q["Associés au 31/12"])
    assert (total.value, total.prefilled) == ("4", 3)
    assert Answer.objects.get(question=q["Outils utilisés"]).value == ["Guide", "Livret"]
    with pytest.raises(ValidationError):  # submitted: frozen until reopened
        services.response_save(actor=referent_a, response=response, values={})
    reopened = services.response_reopen(actor=None, response=response, reason="Chiffre à vérifier")
    assert reopened.state == CampaignResponse.State.DRAFT and reopened.reopen_reason
    services.response_save(actor=referent_a, response=response, values={}, submit=True)
    services.campaign_close(actor=None, campaign=campaign)
    with pytest.raises(ValidationError):
        services.response_reopen(actor=None, response=response)


def test_refreshing_prefill_updates_the_platform_figure_only(federation, coop_a, register_a):
    campaign = make_campaign(federation=federation)
    response = CampaignResponse.objects.get(campaign=campaign, coop=coop_a)
    total = campaign.questions.get(prefill_key="members.total")
    services.response_save(actor=None, response=response, values={total.pk: "10"})
    admitted_member(coop=coop_a)
    assert services.response_refresh_prefill(actor=None, response=response) == 1
    answer = Answer.objects.get(response=response, question=total)
    assert (answer.value, answer.prefilled) == ("10", 4)


def test_reminders_are_sent_once_per_stage(
    federation,
    coop_a,
    coop_b,
    referent_a,
    manager_b,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    campaign = make_campaign(federation=federation, deadline=date(2026, 2, 15))
    services.response_save(
        actor=None,
        response=CampaignResponse.objects.get(campaign=campaign, coop=coop_b),
        values={q.pk: "1" for q in campaign.questions.filter(kind="number")}
        | {campaign.questions.get(kind="yes_no").pk: True},
        submit=True,
    )
    mailoutbox.clear()

    def run(day):
        with django_capture_on_commit_callbacks(execute=True):
            return services.reminders_send(today=day)

    assert run(date(2026, 1, 20)) == {"coops": 0, "emails": 0}  # 26 days left
    assert run(date(2026, 2, 9)) == {"coops": 1, "emails": 1}  # a week before: coop A only
    assert run(date(2026, 2, 10)) == {"coops": 0, "emails": 0}  # idempotent
    assert run(date(2026, 2, 14)) == {"coops": 1, "emails": 1}  # the day before
    assert run(date(2026, 2, 20)) == {"coops": 1, "emails": 1}  # late, once
    assert run(date(2026, 3, 20)) == {"coops": 0, "emails": 0}
    assert [m.to for m in mailoutbox] == [[referent_a.email]] * 3
    assert ReminderLog.objects.filter(campaign=campaign, coop=coop_a).count() == 4  # + opened


def test_reminder_command(federation, coop_a, referent_a):
    from io import StringIO

    make_campaign(federation=federation, deadline=date(2026, 2, 15))
    out = StringIO()
    call_command("send_campaign_reminders", "--date", "2026-02-14", stdout=out)
    assert "1 coop" in out.getvalue()
    call_command("send_campaign_reminders", "--date", "2026-02-14", stdout=out)
    assert ReminderLog.objects.filter(stage="eve").count() == 1


def test_societariat_survey_is_prefilled_from_the_register(federation, coop_a, register_a):
    campaign = services.societariat_campaign_create(
        actor=None, federation=federation, year=2025, deadline=date(2099, 2, 28)
    )
    assert campaign.kind == Campaign.Kind.SOCIETARIAT
    keys = set(campaign.questions.values_list("prefill_key", flat=True))
    assert {"members.total", "members.by_category", "members.admissions", "capital.amount"} <= keys
    # The assemblies app is not installed: its questions are asked without pre-fill.
    assert "assemblies.held" not in keys
    assert campaign.questions.filter(label__icontains="assembl").exists()
    campaign = services.campaign_open(actor=None, campaign=campaign, today=date(2026, 1, 5))
    response = CampaignResponse.objects.get(campaign=campaign, coop=coop_a)
    prefilled = {
        (a.question.prefill_key, a.question.prefill_param): a.prefilled
        for a in response.answers.select_related("question")
    }
    assert prefilled[("members.total", "")] == 3
    assert prefilled[("members.by_category", "locataire-cooperateur")] == 3
    assert prefilled[("capital.amount", "")] == "45.75"  # 3 × 1 share at 15.25
    assert prefilled[("members.admissions", "")] == 0  # admitted in 2024


def test_question_edits_are_refused_once_open(federation):
    campaign = make_campaign(federation=federation)
    question = campaign.questions.first()
    with pytest.raises(ValidationError):
        services.question_update(actor=None, question=question, label="x")
    with pytest.raises(ValidationError):
        services.question_delete(actor=None, question=question)
    with pytest.raises(ValidationError):
        services.campaign_update(actor=None, campaign=campaign, period_start=date(2024, 1, 1))
    assert services.campaign_update(actor=None, campaign=campaign, title="Nouveau titre").title == (
        "Nouveau titre"
    )
    assert Question.objects.filter(campaign=campaign).count() == 7


# Barometer snapshots -----------------------------------------------------------------------
def test_snapshot_is_idempotent_and_stores_the_distribution(federation, coop_a, coop_b):
    admitted_member(coop=coop_a)
    first = services.snapshot_take(period=Period.year(2025))
    assert first["coops"] == 2
    count = IndicatorSnapshot.objects.count()
    admitted_member(coop=coop_b)
    services.snapshot_take(period=Period.year(2025))
    assert IndicatorSnapshot.objects.count() == count  # replaced, not added
    members = IndicatorSnapshot.objects.get(
        key="members", coop=coop_b, period_end=date(2025, 12, 31)
    )
    assert members.value == 1
    dist = DistributionSnapshot.objects.get(key="members", period_kind="year")
    assert (dist.count, dist.median) == (2, 1)
    with pytest.raises(ValueError):
        services.snapshot_take(period=Period.last_twelve_months(date(2026, 1, 1)))


def test_snapshot_command(federation, coop_a):
    from io import StringIO

    from django.core.management.base import CommandError

    out = StringIO()
    call_command("barometer_snapshot", "--kind", "quarter", "--today", "2026-02-03", stdout=out)
    assert "2025 T4" in out.getvalue()
    call_command("barometer_snapshot", "--period", "2024", stdout=out)
    assert IndicatorSnapshot.objects.filter(
        period_kind="year", period_end=date(2024, 12, 31)
    ).exists()
    with pytest.raises(CommandError):
        call_command("barometer_snapshot", "--period", "2099", stdout=out)
    with pytest.raises(CommandError):
        call_command("barometer_snapshot", "--period", "n'importe", stdout=out)


def test_coop_without_referent_nor_manager_gets_no_mail(federation, mailoutbox):
    coop = CoopFactory(federation=federation)
    CoopRoleFactory(coop=coop, role="staff", user=UserFactory())
    make_campaign(federation=federation)
    assert ReminderLog.objects.get(coop=coop, stage="opened").recipients == 0
