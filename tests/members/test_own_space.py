"""A member's own space: their shares, their contact details, asking to leave, linking the account."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.members.factories import MemberFactory, admitted_member
from viecoop.accounts import services as account_services
from viecoop.audit.models import AuditEntry
from viecoop.members.models import ExitRequest, Member
from viecoop.organizations.models import CoopRole

pytestmark = pytest.mark.django_db


def url(name, coop, **kwargs):
    return reverse(f"members:{name}", kwargs={"coop_slug": coop.slug, **kwargs})


@pytest.fixture
def jeanne(coop_a, member_a):
    """member_a's account linked to an admitted entry of coop A's register, with 3 shares."""
    return admitted_member(
        coop=coop_a, shares=3, user=member_a, first_name="Jeanne", last_name="Rivière"
    )


def test_member_sees_own_shares(login, member_a, jeanne, coop_a):
    admitted_member(coop=coop_a, shares=9, last_name="Voisin")  # somebody else
    response = login(member_a).get(url("my_membership", coop_a))
    assert response.status_code == 200
    assert response.context["member"] == jeanne and response.context["balance"] == 3
    assert "Voisin" not in response.content.decode()


def test_unlinked_account_is_told_what_to_do(login, member_a, coop_a):
    response = login(member_a).get(url("my_membership", coop_a))
    assert response.status_code == 200 and response.context["member"] is None


def test_member_corrects_contact_details_only(login, member_a, jeanne, coop_a):
    response = login(member_a).post(
        url("my_details", coop_a),
        {
            "email": "jeanne@exemple.fr",
            "phone": "02 99 00 00 00",
            "address": "3 rue Neuve",
            "postal_code": "35000",
            "city": "Rennes",
            "last_name": "Pirate",
            "number": "1",
        },
    )
    assert response.status_code == 302
    jeanne.refresh_from_db()
    assert (jeanne.email, jeanne.city, jeanne.last_name) == (
        "jeanne@exemple.fr",
        "Rennes",
        "Rivière",
    )
    assert AuditEntry.objects.filter(action="member.update_own_details", actor=member_a).exists()
    bad = login(member_a).post(url("my_details", coop_a), {"postal_code": "35"})
    assert bad.status_code == 200 and bad.context["form"].errors["postal_code"]


def test_member_asks_to_leave_and_managers_are_told(
    login, member_a, jeanne, coop_a, manager_a, django_capture_on_commit_callbacks
):
    client = login(member_a)
    assert (
        client.post(url("my_exit_request", coop_a), {"message": "Je déménage"}).status_code == 200
    )  # not confirmed
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("my_exit_request", coop_a), {"message": "Je déménage", "confirm": "on"}
        )
    assert response.status_code == 302
    request = ExitRequest.objects.get(member=jeanne)
    assert request.status == "pending"
    assert mail.outbox[-1].to == [manager_a.email]
    assert "Je déménage" in mail.outbox[-1].body
    # Staff see it on the member's page, and recording the exit closes it.
    detail = login(manager_a).get(url("member_detail", coop_a, pk=jeanne.pk))
    assert detail.context["pending_exit"] == request
    from viecoop.members import services

    services.member_leave(
        actor=manager_a, member=jeanne, exit_date=jeanne.admission_date, reason="resigned"
    )
    request.refresh_from_db()
    assert request.status == "done"


def test_invitation_from_the_register_links_the_account(
    login, coop_a, manager_a, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    # The clear code is only printed in the letter's PDF: the test knows it in advance.
    monkeypatch.setattr(account_services, "generate_code", lambda: "ABCD-EFGH-JKMN")
    member = admitted_member(coop=coop_a, first_name="Robert", last_name="Lemaire")
    client = login(manager_a)
    response = client.post(url("member_invite", coop_a, pk=member.pk), {"channel": "letter"})
    assert response.status_code == 302  # to the letter, made at once
    assert client.get(response["Location"] + "fichier.pdf")["Content-Type"] == "application/pdf"
    code = "abcd efgh jkmn"  # typed from the letter as people do
    person = UserFactory(first_name="", last_name="")
    invitation = account_services.invitation_lookup(code)
    account_services.invitation_accept(invitation=invitation, user=person)
    member.refresh_from_db()
    assert member.user == person
    assert CoopRole.objects.filter(user=person, coop=coop_a, role="member").exists()
    assert AuditEntry.objects.filter(action="member.link_account").exists()
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Robert", "Lemaire")


def test_an_entity_or_a_linked_member_cannot_be_invited(login, coop_a, manager_a, member_a, jeanne):
    entity = MemberFactory(coop=coop_a, kind="entity", legal_name="Commune de Rennes", last_name="")
    client = login(manager_a)
    for member in (entity, jeanne):
        response = client.post(
            url("member_invite", coop_a, pk=member.pk), {"channel": "email", "email": "x@y.fr"}
        )
        assert response.status_code == 200 and response.context["form"].non_field_errors()


def test_personal_data_export_includes_the_register(login, member_a, jeanne, coop_a):
    data = json.loads(login(member_a).post(reverse("accounts:export_data")).content)
    [entry] = data["memberships"]
    assert entry["number"] == jeanne.number and entry["coop"] == coop_a.name
    assert [line["shares"] for line in entry["share_history"]] == [3]


def test_nobody_reaches_another_members_entry(login, coop_a, member_a, jeanne):
    # The own-space pages only ever show the entry linked to the logged-in account.
    other_user = UserFactory()
    CoopRole.objects.create(user=other_user, coop=coop_a, role="member")
    response = login(other_user).get(url("my_membership", coop_a))
    assert response.context["member"] is None
    assert login(other_user).get(url("member_detail", coop_a, pk=jeanne.pk)).status_code == 403
    assert Member.objects.get(pk=jeanne.pk).user == member_a
