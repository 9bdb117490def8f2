"""Toolbox services: versions, states, proposals and review, uses, relays, feedback, visits."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.organizations.factories import CoopRoleFactory
from tests.toolbox.factories import make_resource, odt_file, pdf_file, png_file
from viecoop.audit.models import AuditEntry
from viecoop.toolbox import hooks, services
from viecoop.toolbox.models import (
    Feedback,
    Relay,
    RelayRecipient,
    Resource,
    ResourceUse,
    ToolboxVisit,
)

pytestmark = pytest.mark.django_db


def test_create_stores_a_draft_with_its_first_version_and_search_columns(federation, fed_admin):
    resource = make_resource(
        federation=federation,
        actor=fed_admin,
        state="draft",
        title="Réussir l'Assemblée Générale",
        themes=("democratie", "assemblees"),
    )
    assert resource.state == Resource.State.DRAFT
    assert resource.published_at is None
    assert resource.current_version.number == 1
    assert resource.current_version.content_type == "application/pdf"
    assert resource.current_version.filename == "guide.pdf"
    assert sorted(resource.theme_codes) == ["assemblees", "democratie"]
    assert resource.search_title == "reussir l'assemblee generale"
    assert "democratie" in resource.search_body  # theme labels are searchable
    assert AuditEntry.objects.filter(action="resource.create", object_id=str(resource.pk)).exists()


def test_create_refuses_missing_theme_audience_file_or_link(federation):
    base = {
        "actor": None,
        "federation": federation,
        "title": "T",
        "summary": "S",
        "format": "guide",
    }
    with pytest.raises(ValidationError) as error:
        services.resource_create(**base, kind="file", themes=[], file=pdf_file())
    assert "themes" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.resource_create(
            **base, kind="file", themes=["democratie"], file=pdf_file(), for_referents=False
        )
    assert "for_referents" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.resource_create(**base, kind="file", themes=["democratie"])
    assert "file" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.resource_create(**base, kind="link", themes=["democratie"])
    assert "url" in error.value.error_dict
    assert not Resource.objects.exists()  # all or nothing


def test_a_file_whose_content_lies_is_refused(federation):
    with pytest.raises(ValidationError) as error:
        services.resource_create(
            actor=None,
            federation=federation,
            title="T",
            summary="S",
            format="guide",
            kind="file",
            themes=["democratie"],
            file=pdf_file(name="faux.pdf", data=b"<script>alert(1)</script>"),
        )
    assert error.value.error_dict["file"][0].code == "content_mismatch"


def test_states_follow_the_allowed_transitions(federation):
    resource = make_resource(federation=federation, state="draft")
    published = services.resource_set_state(actor=None, resource=resource, state="published")
    assert published.published_at is not None and published.changed_at == published.published_at
    first = published.published_at
    archived = services.resource_set_state(actor=None, resource=published, state="archived")
    again = services.resource_set_state(actor=None, resource=archived, state="published")
    assert again.published_at == first  # republishing keeps the first publication date
    with pytest.raises(ValidationError):
        services.resource_set_state(actor=None, resource=again, state="proposed")


def test_a_new_version_keeps_the_old_ones_and_tells_those_who_used_it(
    federation, coop_a, referent_a, manager_a, mailoutbox, django_capture_on_commit_callbacks
):
    resource = make_resource(federation=federation)
    services.resource_record_use(user=referent_a, resource=resource, coop=coop_a)
    with django_capture_on_commit_callbacks(execute=True):
        version = services.resource_add_version(
            actor=None, resource=resource, file=odt_file(), note="Nouvelle partie sur les pouvoirs."
        )
    resource.refresh_from_db()
    assert version.number == 2 and resource.current_version == version
    assert list(resource.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    assert resource.versions.get(number=1).filename == "guide.pdf"  # untouched
    assert [m.to for m in mailoutbox] == [[referent_a.email]]  # the manager never used it
    assert "Nouvelle partie sur les pouvoirs." in mailoutbox[0].body
    assert "version 2" in mailoutbox[0].subject.lower()
    assert "Nouvelle version" in mailoutbox[0].subject  # in the person's language (French)


def test_a_new_version_of_a_draft_tells_nobody(federation, coop_a, referent_a, mailoutbox):
    resource = make_resource(federation=federation, state="draft")
    ResourceUse.objects.create(
        resource=resource, user=referent_a, coop=coop_a, last_used_at=timezone.now()
    )
    services.resource_add_version(actor=None, resource=resource, file=png_file(), note="x")
    assert mailoutbox == []


def test_proposal_is_reviewed_before_anybody_sees_it(
    federation, coop_a, referent_a, fed_admin, mailoutbox, django_capture_on_commit_callbacks
):
    seen = []
    hooks.proposal_reviewed_hooks.append(lambda *, resource, accepted: seen.append(accepted))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            proposal = services.resource_propose(
                actor=referent_a,
                coop=coop_a,
                title="Jeu de cartes",
                summary="Pour apprendre le vocabulaire.",
                format="other",
                themes=["formation"],
                file=pdf_file(),
            )
        assert proposal.state == Resource.State.PROPOSED
        assert proposal.origin == Resource.Origin.REFERENT
        assert not Resource.objects.published().exists()
        assert [m.to for m in mailoutbox] == [[fed_admin.email]]
        with pytest.raises(ValidationError):  # a refusal needs a reason
            services.resource_review(actor=fed_admin, resource=proposal, accept=False)
        with django_capture_on_commit_callbacks(execute=True):
            reviewed = services.resource_review(
                actor=fed_admin, resource=proposal, accept=True, publish=True, message="Merci !"
            )
        assert reviewed.state == Resource.State.PUBLISHED and reviewed.published_at
        assert reviewed.reviewed_by == fed_admin
        assert seen == [True]
        assert mailoutbox[-1].to == [referent_a.email]
        with pytest.raises(ValidationError):  # once only
            services.resource_review(actor=fed_admin, resource=proposal, accept=False, message="x")
    finally:
        hooks.proposal_reviewed_hooks.pop()


def test_a_working_group_proposes_through_the_service(federation, referent_a):
    proposal = services.resource_propose(
        actor=referent_a,
        title="Plan éco-gestes",
        summary="Livrable du groupe.",
        format="guide",
        themes=["transition"],
        kind="link",
        url="https://exemple.fr/plan",
        group_label="Transition écologique",
        source_ref="groups.deliverable:12",
        source_url="/reseau/groupes/3/",
    )
    assert proposal.origin == Resource.Origin.GROUP
    assert proposal.federation == federation
    assert proposal.proposed_by_coop is None
    assert Resource.objects.get(source_ref="groups.deliverable:12") == proposal
    rejected = services.resource_review(
        actor=None, resource=proposal, accept=False, message="Déjà couvert."
    )
    assert rejected.state == Resource.State.REJECTED


def test_uses_count_per_person_and_coop(federation, coop_a, referent_a):
    resource = make_resource(federation=federation)
    for _ in range(3):
        services.resource_record_use(user=referent_a, resource=resource, coop=coop_a)
    use = ResourceUse.objects.get()
    assert use.count == 3 and use.last_version == 1
    services.resource_record_use(user=referent_a, resource=resource, coop=None)  # federation
    assert ResourceUse.objects.count() == 1


def test_relay_reaches_people_and_roles_of_the_coop_only(
    federation,
    coop_a,
    coop_b,
    referent_a,
    manager_a,
    manager_b,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    resource = make_resource(federation=federation)
    staff = UserFactory(email="salarie@coop-a.test")
    CoopRoleFactory(user=staff, coop=coop_a, role="staff")
    member = UserFactory(email="associe@coop-a.test")
    CoopRoleFactory(user=member, coop=coop_a, role="member")
    with django_capture_on_commit_callbacks(execute=True):
        relay = services.relay_create(
            actor=referent_a,
            resource=resource,
            coop=coop_a,
            users=[manager_a],
            roles=["staff", "referent"],  # the sender is a référent: never their own recipient
            note="Pour l'AG de juin.",
        )
    recipients = set(relay.recipients.values_list("user__email", flat=True))
    assert recipients == {manager_a.email, staff.email}
    assert sorted(m.to[0] for m in mailoutbox) == sorted(recipients)
    assert "Pour l'AG de juin." in mailoutbox[0].body
    assert mailoutbox[0].reply_to == [referent_a.email]
    audit = AuditEntry.objects.get(action="resource.relay")
    assert audit.coop == coop_a and audit.details["recipients"] == 2
    with pytest.raises(ValidationError):  # a person of another coop
        services.relay_create(actor=referent_a, resource=resource, coop=coop_a, users=[manager_b])
    with pytest.raises(ValidationError):  # a member is not a colleague
        services.relay_create(actor=referent_a, resource=resource, coop=coop_a, users=[member])
    with pytest.raises(ValidationError):  # nobody
        services.relay_create(actor=referent_a, resource=resource, coop=coop_a, roles=["referent"])


def test_only_published_resources_are_relayed_or_rated(federation, coop_a, referent_a, manager_a):
    draft = make_resource(federation=federation, state="draft")
    with pytest.raises(ValidationError):
        services.relay_create(actor=referent_a, resource=draft, coop=coop_a, users=[manager_a])
    with pytest.raises(ValidationError):
        services.feedback_give(actor=referent_a, resource=draft, coop=coop_a, useful=True)
    assert not Relay.objects.exists() and not Feedback.objects.exists()


def test_opening_marks_what_was_shared_as_read(federation, coop_a, referent_a, manager_a):
    resource = make_resource(federation=federation)
    services.relay_create(actor=referent_a, resource=resource, coop=coop_a, users=[manager_a])
    assert services.relays_mark_read(user=manager_a, resource=resource) == 1
    assert RelayRecipient.objects.get().read_at is not None


def test_feedback_once_per_person_changed_on_second_time(federation, coop_a, referent_a):
    resource = make_resource(federation=federation)
    services.feedback_give(actor=referent_a, resource=resource, coop=coop_a, useful=False)
    services.feedback_give(
        actor=referent_a, resource=resource, coop=coop_a, useful=True, comment=" Très utile "
    )
    feedback = Feedback.objects.get()
    assert feedback.useful is True and feedback.comment == "Très utile"


def test_visit_window_moves_after_an_hour_of_quiet(referent_a):
    start = timezone.now()
    first = services.toolbox_visit(user=referent_a, now=start)
    assert first == start - services.FIRST_VISIT_WINDOW
    services.toolbox_visit(user=referent_a, now=start + timedelta(minutes=20))
    assert ToolboxVisit.objects.get().previous_at is None
    later = start + timedelta(days=3)
    since = services.toolbox_visit(user=referent_a, now=later)
    assert since == start + timedelta(minutes=20)  # the end of the previous visit
    # Browsing on keeps the same window.
    assert services.toolbox_visit(user=referent_a, now=later + timedelta(minutes=5)) == since
