"""Becoming a référent, mandates and news: rules, history, audit and who is told."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.network.factories import apply, make_referent, make_staff, published_post
from tests.organizations.factories import CoopRoleFactory, FederationRoleFactory
from viecoop.accounts.services import user_anonymise
from viecoop.audit.models import AuditEntry
from viecoop.network import services
from viecoop.network.extensions import Meeting
from viecoop.network.models import (
    NewsComment,
    NewsPost,
    ReferentApplication,
    ReferentMandate,
    ReferentProfile,
)
from viecoop.organizations.models import CoopRole, FederationRole
from viecoop.organizations.services import coop_role_grant, coop_role_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Run the on-commit hooks (e-mails leave after commit) and return the outbox."""

    class Outbox:
        def __enter__(self):
            self.ctx = django_capture_on_commit_callbacks(execute=True)
            self.ctx.__enter__()
            return mail.outbox

        def __exit__(self, *exc):
            return self.ctx.__exit__(*exc)

    return Outbox()


# "Devenir référent" ---------------------------------------------------------------------
def test_volunteering_informs_the_managers_and_the_federation(coop_a, manager_a, fed_admin, mails):
    staff = make_staff(coop_a, first_name="Inès", last_name="Marchand")
    with mails as outbox:
        application = apply(staff, coop_a, time_available="Deux heures par semaine")
    assert application.status == ReferentApplication.Status.PENDING
    recipients = sorted(m.to[0] for m in outbox)
    assert recipients == sorted([manager_a.email, fed_admin.email])
    to_manager = next(m for m in outbox if m.to == [manager_a.email])
    assert "Inès Marchand" in to_manager.subject
    assert "Deux heures par semaine" in to_manager.body
    assert "/c/coop-a/referents/" in to_manager.body
    to_federation = next(m for m in outbox if m.to == [fed_admin.email])
    assert "Je veux faire vivre" in to_federation.body  # the motivation, for who decides
    assert f"/federation/reseau/candidatures/{application.pk}/" in to_federation.body
    assert AuditEntry.objects.filter(
        action="referent_application.submit", coop=coop_a, actor=staff
    ).exists()


def test_a_manager_volunteering_is_not_told_about_themself(coop_a, manager_a, fed_admin, mails):
    with mails as outbox:
        apply(manager_a, coop_a)
    assert [m.to for m in outbox] == [[fed_admin.email]]


def test_one_pending_application_per_coop(coop_a):
    staff = make_staff(coop_a)
    apply(staff, coop_a)
    with pytest.raises(ValidationError, match="déjà porté volontaire"):
        apply(staff, coop_a)


def test_only_staff_not_yet_referent_may_volunteer(coop_a, coop_b, member_a, referent_a):
    staff_b = make_staff(coop_b)
    for user, coop in ((member_a, coop_a), (referent_a, coop_a), (staff_b, coop_a)):
        with pytest.raises(ValidationError, match="où vous travaillez"):
            apply(user, coop)


def test_accepting_makes_a_referent_with_a_mandate_and_a_welcome(coop_a, fed_admin, mails):
    staff = make_staff(coop_a, first_name="Inès")
    application = apply(staff, coop_a)
    mail.outbox.clear()
    meeting = Meeting(
        title="Rencontre thématique : l'accueil des nouveaux associés",
        start=datetime.datetime(2026, 3, 12, 14, 0, tzinfo=datetime.UTC),
        url="/reseau/evenements/7/",
        where="Lyon",
    )
    with mails as outbox:
        mandate = services.application_accept(
            actor=fed_admin,
            application=application,
            message="Ravie de vous accueillir !",
            meetings=[meeting],
        )
    assert CoopRole.objects.filter(user=staff, coop=coop_a, role="referent").exists()
    assert mandate.is_open and mandate.application_id == application.pk
    assert mandate.started_on == timezone.localdate()
    profile = ReferentProfile.objects.get(user=staff)
    assert profile.job_title == "Gestionnaire locatif" and profile.since == mandate.started_on
    application.refresh_from_db()
    assert (application.status, application.decided_by) == ("accepted", fed_admin)
    (welcome,) = outbox
    assert welcome.to == [staff.email] and welcome.reply_to == [fed_admin.email]
    assert "Ravie de vous accueillir" in welcome.body
    assert "l'accueil des nouveaux associés" in welcome.body
    assert "/reseau/evenements/7/" in welcome.body and "(Lyon)" in welcome.body
    assert "/reseau/mon-profil/" in welcome.body
    html = welcome.alternatives[0][0]
    assert "l&#x27;accueil des nouveaux associés" in html or "l'accueil" in html
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"referent_application.accept", "role.grant"} <= actions


def test_accepting_without_meetings_still_welcomes(coop_a, fed_admin, mails):
    application = apply(make_staff(coop_a), coop_a)
    mail.outbox.clear()
    with mails as outbox:
        services.application_accept(actor=fed_admin, application=application)
    assert "No meeting is planned yet" in outbox[0].body or "Aucune rencontre" in outbox[0].body


def test_an_application_is_answered_once(coop_a, fed_admin):
    application = apply(make_staff(coop_a), coop_a)
    services.application_accept(actor=fed_admin, application=application)
    with pytest.raises(ValidationError, match="déjà reçu une réponse"):
        services.application_decline(actor=fed_admin, application=application, reason="Non.")


def test_cannot_accept_someone_who_left_the_coop(coop_a, fed_admin):
    staff = make_staff(coop_a)
    application = apply(staff, coop_a)
    CoopRole.objects.filter(user=staff).delete()
    with pytest.raises(ValidationError, match="ne travaille plus"):
        services.application_accept(actor=fed_admin, application=application)
    assert not ReferentMandate.objects.exists()


def test_declining_needs_a_reason_and_tells_the_person(coop_a, fed_admin, mails):
    staff = make_staff(coop_a)
    application = apply(staff, coop_a)
    with pytest.raises(ValidationError):
        services.application_decline(actor=fed_admin, application=application, reason="  ")
    mail.outbox.clear()
    with mails as outbox:
        services.application_decline(
            actor=fed_admin,
            application=application,
            reason="Votre coopérative a déjà deux référents.",
        )
    application.refresh_from_db()
    assert application.status == "declined"
    (declined,) = outbox
    assert declined.to == [staff.email]
    assert "déjà deux référents" in declined.body
    assert not CoopRole.objects.filter(user=staff, role="referent").exists()


def test_withdrawing_an_application(coop_a):
    staff = make_staff(coop_a)
    application = apply(staff, coop_a)
    with pytest.raises(PermissionError):
        services.application_withdraw(user=make_staff(coop_a), application=application)
    services.application_withdraw(user=staff, application=application)
    application.refresh_from_db()
    assert application.status == "withdrawn"
    apply(staff, coop_a)  # may volunteer again


# Mandates --------------------------------------------------------------------------------
def test_stepping_down_keeps_the_history(coop_a, manager_a, fed_admin, mails):
    with time_machine.travel(datetime.date(2021, 1, 15)):
        referent = make_referent(coop_a)
    mandate = ReferentMandate.objects.get(user=referent)
    assert mandate.started_on == datetime.date(2021, 1, 15)
    with mails as outbox:
        services.mandate_step_down(user=referent, mandate=mandate, note="Je change de poste.")
    mandate.refresh_from_db()
    assert mandate.ended_on == timezone.localdate()
    assert mandate.end_reason == ReferentMandate.EndReason.STEPPED_DOWN
    assert mandate.end_note == "Je change de poste."
    assert not CoopRole.objects.filter(user=referent, role="referent").exists()
    assert CoopRole.objects.filter(user=referent, role="staff").exists()  # still works there
    assert ReferentProfile.objects.filter(user=referent).exists()
    assert sorted(m.to[0] for m in outbox) == sorted([fed_admin.email, manager_a.email])
    assert "Je change de poste." in outbox[0].body
    with pytest.raises(ValidationError):
        services.mandate_step_down(user=referent, mandate=mandate)
    # Becoming référent again opens a second mandate; the first one stays.
    coop_role_grant(actor=None, user=referent, coop=coop_a, role="referent")
    assert ReferentMandate.objects.filter(user=referent).count() == 2


def test_only_the_referent_steps_down(coop_a, referent_a):
    mandate = ReferentMandate.objects.create(
        user=referent_a, coop=coop_a, started_on=datetime.date(2022, 1, 1)
    )
    with pytest.raises(PermissionError):
        services.mandate_step_down(user=make_staff(coop_a), mandate=mandate)


def test_the_federation_ends_a_mandate_with_a_reason(coop_a, fed_admin):
    referent = make_referent(coop_a)
    mandate = ReferentMandate.objects.get(user=referent)
    with pytest.raises(ValidationError):
        services.mandate_end(actor=fed_admin, mandate=mandate, note="")
    services.mandate_end(actor=fed_admin, mandate=mandate, note="A quitté la coopérative.")
    mandate.refresh_from_db()
    assert mandate.end_reason == "ended_by_federation"
    assert not CoopRole.objects.filter(user=referent, role="referent").exists()


def test_roles_changed_elsewhere_keep_the_mandates_in_step(coop_a, manager_a):
    staff = make_staff(coop_a)
    role, _created = coop_role_grant(actor=manager_a, user=staff, coop=coop_a, role="referent")
    mandate = ReferentMandate.objects.get(user=staff)
    assert mandate.is_open and ReferentProfile.objects.filter(user=staff).exists()
    coop_role_revoke(actor=manager_a, coop_role=role)
    mandate.refresh_from_db()
    assert mandate.end_reason == ReferentMandate.EndReason.ROLE_WITHDRAWN
    # Other roles do not touch mandates.
    coop_role_grant(actor=manager_a, user=staff, coop=coop_a, role="member")
    assert ReferentMandate.objects.filter(user=staff).count() == 1


def test_one_open_mandate_per_person_and_coop(coop_a, referent_a):
    from django.db import IntegrityError, transaction

    ReferentMandate.objects.create(user=referent_a, coop=coop_a, started_on=timezone.localdate())
    with pytest.raises(IntegrityError), transaction.atomic():
        ReferentMandate.objects.create(
            user=referent_a, coop=coop_a, started_on=timezone.localdate()
        )


def test_deleting_an_account_erases_the_profile(coop_a, fed_admin):
    referent = make_referent(coop_a, expertise="Assemblées générales")
    application = apply(make_staff(coop_a), coop_a)
    user_anonymise(actor=fed_admin, user=referent)
    assert not ReferentProfile.objects.filter(user=referent).exists()
    mandate = ReferentMandate.objects.get(user=referent)
    assert mandate.end_reason == ReferentMandate.EndReason.ACCOUNT_CLOSED
    user_anonymise(actor=fed_admin, user=application.user)
    application.refresh_from_db()
    assert (application.status, application.motivation) == ("withdrawn", "")


# News ------------------------------------------------------------------------------------
def test_federation_publishes_referents_propose(coop_a, referent_a, fed_admin, mails):
    post = published_post(fed_admin)
    assert post.coop is None and post.published_by == fed_admin
    draft = services.news_create(author=fed_admin, title="Brouillon", body="…")
    assert draft.status == NewsPost.Status.DRAFT
    with mails as outbox:
        proposed = services.news_create(author=referent_a, title="Notre fête", body="Venez !")
    assert proposed.status == NewsPost.Status.SUBMITTED and proposed.coop == coop_a
    assert [m.to for m in outbox] == [[fed_admin.email]]
    with pytest.raises(PermissionError):
        services.news_create(author=make_staff(coop_a), title="Non", body="Non")


def test_moderation_publishes_or_sends_back(coop_a, referent_a, fed_admin, mails):
    proposed = services.news_create(author=referent_a, title="Notre fête", body="Venez !")
    with pytest.raises(ValidationError):
        services.news_reject(actor=fed_admin, post=proposed, note="")
    mail.outbox.clear()
    with mails as outbox:
        services.news_reject(actor=fed_admin, post=proposed, note="Ajoutez la date.")
    assert "Ajoutez la date." in outbox[0].body and outbox[0].to == [referent_a.email]
    proposed.refresh_from_db()
    assert proposed.status == NewsPost.Status.REJECTED
    services.news_update(actor=referent_a, post=proposed, title="Notre fête le 21 juin", body="…")
    proposed.refresh_from_db()
    assert proposed.status == NewsPost.Status.SUBMITTED
    mail.outbox.clear()
    with mails as outbox:
        services.news_publish(actor=fed_admin, post=proposed)
    assert outbox[0].to == [referent_a.email] and "publi" in outbox[0].subject.lower()
    proposed.refresh_from_db()
    assert proposed.status == NewsPost.Status.PUBLISHED and proposed.published_at
    with pytest.raises(PermissionError):
        services.news_update(actor=referent_a, post=proposed, title="Changé", body="…")


def test_comments_notify_the_author_and_can_be_hidden(coop_a, referent_a, fed_admin, mails):
    post = published_post(fed_admin)
    with mails as outbox:
        comment = services.comment_create(author=referent_a, post=post, body="Merci, j'y serai.")
    assert [m.to for m in outbox] == [[fed_admin.email]]
    assert "Merci, j'y serai." in outbox[0].body
    mail.outbox.clear()
    with mails as outbox:
        own = services.comment_create(author=fed_admin, post=post, body="Parfait.")
    assert outbox == []  # nobody is told about their own comment
    with pytest.raises(ValidationError):
        services.comment_hide(actor=fed_admin, comment=comment, reason="")
    with mails as outbox:
        services.comment_hide(actor=fed_admin, comment=comment, reason="Hors sujet.")
    assert outbox[0].to == [referent_a.email] and "Hors sujet." in outbox[0].body
    comment.refresh_from_db()
    assert comment.is_hidden
    services.comment_unhide(actor=fed_admin, comment=comment)
    comment.refresh_from_db()
    assert not comment.is_hidden
    with pytest.raises(PermissionError):
        services.comment_delete(actor=referent_a, comment=own)
    services.comment_delete(actor=referent_a, comment=comment)
    assert list(NewsComment.objects.all()) == [own]
    assert AuditEntry.objects.filter(action="network_comment.delete").exists()


def test_only_published_news_can_be_commented(referent_a, fed_admin):
    draft = services.news_create(author=fed_admin, title="Brouillon", body="…")
    with pytest.raises(ValidationError):
        services.comment_create(author=referent_a, post=draft, body="Tôt !")


def test_federation_staff_may_publish(federation):
    staff = UserFactory()
    FederationRoleFactory(user=staff, federation=federation, role=FederationRole.Role.STAFF)
    assert published_post(staff).status == NewsPost.Status.PUBLISHED


def test_a_referent_in_two_coops_posts_for_the_first(coop_a, coop_b):
    user = make_referent(coop_a)
    CoopRoleFactory(user=user, coop=coop_b, role="staff")
    post = services.news_create(author=user, title="T", body="B")
    assert post.coop == coop_a
