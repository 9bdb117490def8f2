"""Working groups' services: membership, discussions and their e-mails, documents with
versions, deliverables and their targets, meetings."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation

from tests.events.factories import member, referent, staff
from tests.groups.factories import add_member, make_group, post, start
from viecoop.audit.models import AuditEntry
from viecoop.events.models import Event
from viecoop.groups import services
from viecoop.groups.deliverables import (
    DeliverableTarget,
    Proposal,
    ProposalRefused,
    register_target,
    unregister_target,
)
from viecoop.groups.models import Deliverable, WorkingGroup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_creator_coordinates_and_names_are_unique_per_space(
    coop_a, coop_b, referent_a, manager_b
):
    group = make_group(creator=referent_a, name="Accueil")
    membership = group.memberships.get()
    assert membership.is_coordinator and membership.digest_cursor
    with pytest.raises(ValidationError):
        make_group(creator=referent_a, name="accueil")
    # The same name is fine in a coop's space.
    assert make_group(creator=manager_b, coop=coop_b, name="Accueil").coop == coop_b
    assert AuditEntry.objects.filter(action="group.create").count() == 2


def test_open_group_join_and_leave(coop_a, referent_a, manager_a):
    group = make_group(creator=referent_a)
    with transaction.atomic():
        membership = services.membership_join(user=manager_a, group=group)
    assert membership.is_active
    with transaction.atomic():
        services.membership_leave(actor=manager_a, membership=membership)
    membership.refresh_from_db()
    assert membership.status == "left"
    with transaction.atomic():
        again = services.membership_join(user=manager_a, group=group)
    assert again.pk == membership.pk and again.is_active


def test_moderated_group_request_approve_refuse(
    coop_a, referent_a, manager_a, django_capture_on_commit_callbacks
):
    group = make_group(creator=referent_a, policy=WorkingGroup.Policy.MODERATED)
    applicant = staff(coop_a, first_name="Inès")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        membership = services.membership_join(
            user=applicant, group=group, motivation="J'accueille les associés."
        )
    assert membership.status == "pending"
    (request_mail,) = mail.outbox
    assert (
        request_mail.to == [referent_a.email] and "J'accueille les associés." in request_mail.body
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.membership_decide(actor=referent_a, membership=membership, approve=True)
    membership.refresh_from_db()
    assert membership.is_active and membership.decided_by == referent_a
    # In the recipient's language (French by default), whatever the actor's.
    assert mail.outbox[0].to == [applicant.email] and "Bienvenue" in mail.outbox[0].subject
    other = staff(coop_a)
    with transaction.atomic():
        refused = services.membership_join(user=other, group=group)
        services.membership_decide(actor=referent_a, membership=refused, approve=False)
    refused.refresh_from_db()
    assert refused.status == "refused"


def test_opening_a_moderated_group_lets_everyone_waiting_in(coop_a, referent_a):
    group = make_group(creator=referent_a, policy=WorkingGroup.Policy.MODERATED)
    with transaction.atomic():
        waiting = services.membership_join(user=staff(coop_a), group=group)
        services.group_update(actor=referent_a, group=group, policy=WorkingGroup.Policy.OPEN)
    waiting.refresh_from_db()
    assert waiting.is_active


def test_only_people_of_the_space_join(coop_a, coop_b, referent_a, member_a, manager_b, manager_a):
    network_group = make_group(creator=referent_a)
    with pytest.raises(services.GroupError), transaction.atomic():
        services.membership_join(
            user=member_a, group=network_group
        )  # members are not in the network
    coop_group = make_group(creator=manager_a, coop=coop_a)
    with pytest.raises(services.GroupError), transaction.atomic():
        services.membership_join(user=manager_b, group=coop_group)
    with pytest.raises(services.GroupError), transaction.atomic():
        services.membership_add(actor=manager_a, group=coop_group, user=manager_b)
    with transaction.atomic():
        assert services.membership_join(user=member_a, group=coop_group).is_active


def test_a_group_keeps_a_coordinator(coop_a, referent_a, manager_a):
    group = make_group(creator=referent_a)
    mine = group.memberships.get(user=referent_a)
    with pytest.raises(services.GroupError), transaction.atomic():
        services.membership_leave(actor=referent_a, membership=mine)
    with pytest.raises(services.GroupError), transaction.atomic():
        services.membership_set_role(actor=referent_a, membership=mine, role="member")
    other = add_member(group, manager_a)
    with transaction.atomic():
        services.membership_set_role(actor=referent_a, membership=other, role="coordinator")
        services.membership_leave(actor=referent_a, membership=mine)
    assert group.memberships.get(user=manager_a).is_coordinator


def test_archived_groups_take_no_new_members_nor_messages(coop_a, referent_a, manager_a):
    group = make_group(creator=referent_a)
    discussion = start(group, referent_a)
    with transaction.atomic():
        services.group_update(actor=referent_a, group=group, status="archived")
    with pytest.raises(services.GroupError), transaction.atomic():
        services.membership_join(user=manager_a, group=group)
    with pytest.raises(services.GroupError):
        post(discussion, referent_a)


def test_posting_is_for_members_and_each_message_mails_who_chose_it(
    coop_a, referent_a, manager_a, django_capture_on_commit_callbacks
):
    group = make_group(creator=referent_a)
    each = add_member(group, manager_a, notify="each")
    digest_person = staff(coop_a)
    add_member(group, digest_person)  # digest by default: no e-mail per message
    outsider_staff = staff(coop_a)
    with django_capture_on_commit_callbacks(execute=True):
        discussion = start(group, referent_a, title="Livret", body="Qui relit la **v2** ?")
    assert [m.to for m in mail.outbox] == [[manager_a.email]]
    assert mail.outbox[0].subject == f"[{group.name}] Livret"
    assert "a écrit dans le groupe" in mail.outbox[0].body
    assert "Qui relit la **v2** ?" in mail.outbox[0].body
    html = mail.outbox[0].alternatives[0][0]
    assert "<strong>v2</strong>" in html
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(discussion, manager_a, "Moi !")
    assert mail.outbox == []  # the coordinator reads by digest; the author is not written to
    with pytest.raises(services.GroupError):
        post(discussion, outsider_staff)
    assert each.is_active


def test_replies_edits_and_removals(coop_a, referent_a, manager_a):
    group = make_group(creator=referent_a)
    add_member(group, manager_a)
    discussion = start(group, referent_a)
    first = discussion.messages.get()
    reply = post(discussion, manager_a, "Réponse", reply_to=first)
    assert reply.reply_to == first
    other_discussion = start(group, referent_a, title="Autre")
    with pytest.raises(services.GroupError):
        post(other_discussion, manager_a, "x", reply_to=first)
    with pytest.raises(ValidationError):
        post(discussion, manager_a, "   ")
    with pytest.raises(services.GroupError), transaction.atomic():
        services.message_edit(actor=referent_a, message=reply, body="pas à moi")
    with transaction.atomic():
        edited = services.message_edit(actor=manager_a, message=reply, body="Réponse corrigée")
    assert edited.edited_at and edited.body == "Réponse corrigée"
    with transaction.atomic():
        removed = services.message_remove(actor=referent_a, message=reply)  # a coordinator may
    assert removed.is_removed and removed.body == ""
    with transaction.atomic():
        services.discussion_close(actor=referent_a, discussion=discussion, closed=True)
    with pytest.raises(services.GroupError):
        post(discussion, manager_a, "Trop tard")


def test_documents_keep_every_version(coop_a, referent_a):
    group = make_group(creator=referent_a)
    with transaction.atomic():
        document = services.document_add(
            actor=referent_a, group=group, title="Trame", file=SimpleUploadedFile("v1.odt", b"un")
        )
        services.document_new_version(
            actor=referent_a,
            document=document,
            file=SimpleUploadedFile("v2.odt", b"deux"),
            note="relu",
        )
    document.refresh_from_db()
    versions = list(
        document.versions.order_by("number").values_list("number", "original_name", "note")
    )
    assert versions == [(1, "v1.odt", ""), (2, "v2.odt", "relu")]
    assert document.latest_version.number == 2
    with pytest.raises(ValidationError), transaction.atomic():
        services.document_new_version(
            actor=referent_a, document=document, file=SimpleUploadedFile("x.exe", b"MZ")
        )


class _FakeToolbox(DeliverableTarget):
    key = "toolbox"
    label = "Boîte à outils"

    def __init__(self):
        self.received = []

    def is_available(self, *, deliverable, user):
        return deliverable.group.coop_id is None

    def propose(self, *, deliverable, actor):
        if "refuse" in deliverable.title:
            raise ProposalRefused("Pas pour nous.")
        self.received.append(deliverable.pk)
        return Proposal(reference=f"R{deliverable.pk}", url="/boite-a-outils/ressources/1/")


@pytest.fixture
def toolbox():
    target = _FakeToolbox()
    register_target(target)
    yield target
    unregister_target("toolbox")


def test_a_final_deliverable_is_proposed_then_accepted(
    coop_a, referent_a, toolbox, django_capture_on_commit_callbacks
):
    group = make_group(creator=referent_a)
    with transaction.atomic():
        draft = services.deliverable_save(
            actor=referent_a, group=group, title="Livret", description="Trame"
        )
    with pytest.raises(services.GroupError, match="final"), transaction.atomic():
        services.deliverable_propose(actor=referent_a, deliverable=draft, target_key="toolbox")
    with transaction.atomic():
        final = services.deliverable_save(
            actor=referent_a,
            group=group,
            deliverable=draft,
            title="Livret",
            description="Trame",
            file=SimpleUploadedFile("livret.pdf", b"%PDF"),
            final=True,
        )
        proposed = services.deliverable_propose(
            actor=referent_a, deliverable=final, target_key="toolbox"
        )
    assert (proposed.status, proposed.target, proposed.target_reference) == (
        "proposed",
        "toolbox",
        f"R{final.pk}",
    )
    assert toolbox.received == [final.pk]
    with pytest.raises(services.GroupError), transaction.atomic():
        services.deliverable_save(actor=referent_a, group=group, deliverable=proposed, title="x")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.deliverable_outcome(
            target="toolbox",
            reference=f"R{final.pk}",
            accepted=True,
            url="/boite-a-outils/livret/",
            note="Merci !",
        )
    proposed.refresh_from_db()
    assert proposed.status == "accepted" and proposed.target_url == "/boite-a-outils/livret/"
    assert [m.to for m in mail.outbox] == [[referent_a.email]] and "Merci !" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="group.deliverable_accepted")
    assert entry.actor is None and entry.actor_label == "toolbox"


def test_a_target_may_refuse_and_unknown_targets_are_refused(
    coop_a, referent_a, manager_a, toolbox
):
    group = make_group(creator=referent_a)
    with transaction.atomic():
        refused = services.deliverable_save(
            actor=referent_a, group=group, title="À refuser", description="x", final=True
        )
    with pytest.raises(services.GroupError, match="Pas pour nous"), transaction.atomic():
        services.deliverable_propose(actor=referent_a, deliverable=refused, target_key="toolbox")
    assert Deliverable.objects.get(pk=refused.pk).status == "final"
    with pytest.raises(services.GroupError), transaction.atomic():
        services.deliverable_propose(actor=referent_a, deliverable=refused, target_key="nowhere")
    coop_group = make_group(creator=manager_a, coop=coop_a)
    with transaction.atomic():
        local = services.deliverable_save(
            actor=manager_a, group=coop_group, title="Plan", description="x", final=True
        )
    with pytest.raises(services.GroupError), transaction.atomic():
        services.deliverable_propose(
            actor=manager_a, deliverable=local, target_key="toolbox"
        )  # not available


def test_a_meeting_is_an_event_for_the_group(
    coop_a, referent_a, manager_a, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    group = make_group(creator=referent_a)
    add_member(group, manager_a)
    start_at = (timezone.now() + timedelta(days=5)).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        event = services.group_meeting_create(
            actor=referent_a,
            group=group,
            title="Réunion du groupe",
            starts_at=start_at,
            ends_at=start_at + timedelta(hours=1),
            format=Event.Format.REMOTE,
        )
    assert (event.audience, event.audience_target, event.space, event.kind) == (
        "group",
        group.pk,
        "network",
        "group_meeting",
    )
    assert [m.to for m in mail.outbox] == [[manager_a.email]]


def test_notification_choice_starts_a_fresh_digest(coop_a, referent_a, manager_a):
    group = make_group(creator=referent_a)
    membership = add_member(group, manager_a, notify="each")
    with transaction.atomic():
        services.membership_set_notify(user=manager_a, membership=membership, notify="digest")
    membership.refresh_from_db()
    assert membership.notify == "digest" and membership.digest_cursor is not None
    with pytest.raises(services.GroupError), transaction.atomic():
        services.membership_set_notify(user=manager_a, membership=membership, notify="sms")


def test_referent_helper(coop_a):
    assert referent(coop_a).coop_roles.get().role == "referent"
    assert member(coop_a).coop_roles.get().role == "member"
