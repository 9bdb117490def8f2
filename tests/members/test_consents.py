"""Consents (append-only history, text versions) and communication preferences: services,
the selector the assemblies use to split e-mail and post, the pages of staff and members.
"""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.members.factories import MemberFactory, admitted_member
from tests.organizations.factories import CoopRoleFactory
from tests.utils import assert_constant_queries, count_queries
from viecoop.accounts import services as account_services
from viecoop.audit.models import AuditEntry
from viecoop.members import selectors, services
from viecoop.members.models import Consent, ConsentPurpose, ConsentText, Member

pytestmark = pytest.mark.django_db
E_CONVOCATION = ConsentPurpose.E_CONVOCATION
TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC), tick=False):
        yield


def url(name, coop, **kwargs):
    return reverse(f"members:{name}", kwargs={"coop_slug": coop.slug, **kwargs})


def reachable(coop, **kwargs):
    defaults = {
        "email": "associe@exemple.fr",
        "address": "3 rue Neuve",
        "postal_code": "35000",
        "city": "Rennes",
    }
    return admitted_member(coop=coop, **{**defaults, **kwargs})


def record(member, purpose=E_CONVOCATION, given=True, channel="online", **kwargs):
    return services.consent_record(
        actor=None, member=member, purpose=purpose, given=given, channel=channel, **kwargs
    )


def test_every_coop_starts_with_version_1_of_each_text(coop_a, coop_b):
    for coop in (coop_a, coop_b):
        texts = ConsentText.objects.filter(coop=coop)
        assert sorted(texts.values_list("purpose", "version")) == sorted(
            (p, 1) for p in ConsentPurpose.values
        )
    text = ConsentText.objects.get(coop=coop_a, purpose=E_CONVOCATION)
    assert "R. 225-63" in text.body and text.title.startswith("Convocation électronique")


def test_history_is_appended_and_the_state_is_its_latest_line(coop_a, manager_a):
    member = reachable(coop_a)
    paper = services.consent_record(
        actor=manager_a,
        member=member,
        purpose=E_CONVOCATION,
        given=True,
        channel="paper",
        on=datetime.date(2026, 3, 1),
        note="Formulaire rangé au dossier",
    )
    assert paper.text.version == 1 and paper.recorded_by == manager_a
    withdrawn = record(member, given=False)
    assert Consent.objects.filter(member=member).count() == 2  # nothing overwritten
    assert selectors.consents_of(member=member)[E_CONVOCATION] == withdrawn
    # On an earlier date, the paper consent was in force.
    earlier = selectors.consents_of(member=member, on=datetime.date(2026, 6, 1))
    assert earlier[E_CONVOCATION] == paper and earlier[ConsentPurpose.PHOTOS] is None
    entry = AuditEntry.objects.filter(action="member.consent").first()
    assert entry.details["purpose"] == E_CONVOCATION and entry.coop == coop_a


def test_the_same_answer_online_twice_is_kept_once(coop_a):
    member = reachable(coop_a)
    assert record(member) is not None
    assert record(member) is None
    assert Consent.objects.filter(member=member).count() == 1


def test_what_the_register_refuses(coop_a, coop_b):
    member = reachable(coop_a, email="")
    with pytest.raises(services.ConsentError, match="adresse électronique"):
        record(member)
    record(member, purpose=ConsentPurpose.PHOTOS)  # needs no address
    with pytest.raises(ValidationError):
        record(member, purpose=ConsentPurpose.PHOTOS, on=TODAY + datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        record(member, purpose="spam")
    with pytest.raises(ValidationError):
        record(member, channel="pigeon")
    other_text = ConsentText.objects.get(coop=coop_b, purpose=ConsentPurpose.PHOTOS)
    with pytest.raises(ValidationError):
        record(member, purpose=ConsentPurpose.PHOTOS, given=False, text=other_text)
    gone = services.member_leave(
        actor=None,
        member=reachable(coop_a, email="x@exemple.fr"),
        exit_date=TODAY,
        reason="resigned",
    )
    with pytest.raises(services.ConsentError):
        record(gone)


def test_a_new_text_version_keeps_earlier_consents_valid(coop_a, manager_a):
    member = reachable(coop_a)
    first = record(member)
    text = services.consent_text_publish(
        actor=manager_a,
        coop=coop_a,
        purpose=E_CONVOCATION,
        title="Convocations par courriel",
        body="Nouveau texte.",
    )
    assert text.version == 2
    assert (
        services.consent_text_publish(
            actor=manager_a, coop=coop_a, purpose=E_CONVOCATION, title=text.title, body=text.body
        )
        == text
    )  # unchanged: no version 3
    assert selectors.consents_of(member=member)[E_CONVOCATION] == first
    assert selectors.convocation_channels(coop=coop_a, on=TODAY).by_email == [member.pk]
    # Ticked again online, the consent is to the new text.
    again = record(member)
    assert again.text == text
    with pytest.raises(ValidationError):
        services.consent_text_publish(
            actor=manager_a, coop=coop_a, purpose=E_CONVOCATION, title="", body="x"
        )


def test_convocation_channels_split_email_and_post(coop_a):
    """The interface of the assemblies app: who may be convened by e-mail on a date."""
    by_email = reachable(coop_a, email="a@exemple.fr")
    record(by_email, on=datetime.date(2026, 1, 10), channel="paper")
    withdrew = reachable(coop_a, email="b@exemple.fr")
    record(withdrew, on=datetime.date(2026, 1, 10), channel="paper")
    record(withdrew, given=False)
    no_email_now = reachable(coop_a, email="c@exemple.fr")
    record(no_email_now, on=datetime.date(2026, 1, 10), channel="paper")
    Member.objects.filter(pk=no_email_now.pk).update(email="")
    never = reachable(coop_a, email="d@exemple.fr")
    no_address = reachable(coop_a, email="", address="")
    candidate = MemberFactory(coop=coop_a)  # not a voter: left out by default

    split = selectors.convocation_channels(coop=coop_a, on=TODAY)
    assert split.by_email == [by_email.pk]
    assert split.by_post == sorted([withdrew.pk, no_email_now.pk, never.pk, no_address.pk])
    assert split.no_postal_address == [no_address.pk]
    assert candidate.pk not in split.by_post
    # Before the withdrawal, the second member could still be convened by e-mail.
    before = selectors.convocation_channels(coop=coop_a, on=datetime.date(2026, 6, 1))
    assert withdrew.pk in before.by_email
    # A consent dated after the notice does not count for it.
    assert by_email.pk in selectors.convocation_channels(coop=coop_a, on=TODAY).by_email
    assert selectors.convocation_channels(coop=coop_a, on=datetime.date(2026, 1, 9)).by_email == []
    # The assemblies pass their frozen list of voters.
    chosen = selectors.convocation_channels(
        coop=coop_a, on=TODAY, member_ids=[by_email.pk, candidate.pk]
    )
    assert (chosen.by_email, chosen.by_post) == ([by_email.pk], [candidate.pk])
    consenting = selectors.members_consenting(coop=coop_a, purpose=E_CONVOCATION)
    assert set(consenting) == {by_email, no_email_now}  # the consent, whatever the address
    count, _split = count_queries(lambda: selectors.convocation_channels(coop=coop_a, on=TODAY))
    assert count == 1


def test_preferences(coop_a, member_a):
    member = reachable(coop_a, email="")
    with pytest.raises(ValidationError):
        services.member_update_preferences(actor=None, member=member, preferred_channel="email")
    with pytest.raises(ValidationError):
        services.member_update_preferences(actor=None, member=member, topics=["spam"])
    services.member_update_preferences(
        actor=None, member=member, language="en", topics=["events", "news"]
    )
    member.refresh_from_db()
    assert (member.language, member.topics) == ("en", ["news", "events"])
    assert AuditEntry.objects.filter(action="member.preferences").exists()


def test_personal_data_export_and_anonymisation(coop_a, member_a):
    member = reachable(coop_a, user=member_a)
    record(member, purpose=ConsentPurpose.PHOTOS)
    data = json.loads(json.dumps(account_services.user_export_data(user=member_a), default=str))
    entry = data["memberships"][0]
    assert entry["consents"][0]["purpose"] == "photos"
    assert entry["consents"][0]["text"].startswith("J'autorise")
    assert entry["preferences"]["preferred_channel"] == "post"
    services.member_leave(
        actor=None, member=member, exit_date=datetime.date(2015, 1, 5), reason="resigned"
    )
    services.member_anonymise(actor=None, member=member)
    assert not Consent.objects.filter(member=member).exists()


# --- Pages ------------------------------------------------------------------------------------


@pytest.fixture
def staff_a(coop_a):
    user = UserFactory(email="staff@coop-a.test")
    CoopRoleFactory(user=user, coop=coop_a, role="staff")
    return user


def test_staff_record_a_paper_consent(login, coop_a, manager_a, staff_a, referent_a, member_a):
    member = reachable(coop_a)
    page = url("member_consent", coop_a, pk=member.pk)
    assert login(referent_a).get(page).status_code == 403
    assert login(member_a).get(page).status_code == 403
    client = login(staff_a)
    assert client.get(page, {"objet": "photos"}).context["form"].initial["purpose"] == "photos"
    response = client.post(
        page,
        {
            "purpose": E_CONVOCATION,
            "given": "1",
            "on": "2026-10-02",
            "channel": "paper",
            "note": "Signé au guichet",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#consents")
    consent = Consent.objects.get(member=member)
    assert (consent.channel, consent.date, consent.recorded_by) == (
        "paper",
        datetime.date(2026, 10, 2),
        staff_a,
    )
    detail = client.get(url("member_detail", coop_a, pk=member.pk)).content.decode()
    assert "Signé au guichet" in detail
    # A clear error, not a 500.
    no_email = reachable(coop_a, email="")
    response = client.post(
        url("member_consent", coop_a, pk=no_email.pk),
        {"purpose": E_CONVOCATION, "given": "1", "on": "2026-10-02", "channel": "paper"},
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    response = client.post(
        page, {"purpose": E_CONVOCATION, "given": "1", "on": "2030-01-01", "channel": "paper"}
    )
    assert response.status_code == 200 and response.context["form"].errors


def test_member_detail_queries_do_not_grow_with_the_consent_history(login, coop_a, manager_a):
    member = reachable(coop_a)

    def grow(n):
        for i in range(n):
            record(
                member, given=i % 2 == 0, channel="paper", on=TODAY - datetime.timedelta(days=n - i)
            )

    assert_constant_queries(login(manager_a), url("member_detail", coop_a, pk=member.pk), grow)


def test_register_list_filters_on_the_consent_to_e_mail_notices(login, coop_a, manager_a):
    yes = reachable(coop_a, last_name="Oui")
    record(yes)
    no = reachable(coop_a, last_name="Non")
    record(no, given=False)
    never = reachable(coop_a, last_name="Jamais")
    client = login(manager_a)
    response = client.get(url("member_list", coop_a), {"convocation": "oui"})
    assert [m.pk for m in response.context["page"]] == [yes.pk]
    response = client.get(url("member_list", coop_a), {"convocation": "non"})
    assert {m.pk for m in response.context["page"]} == {no.pk, never.pk}

    def grow(n):
        for _ in range(n):
            record(reachable(coop_a, email=""), purpose=ConsentPurpose.PHOTOS)

    assert_constant_queries(client, url("member_list", coop_a) + "?convocation=non", grow)


@pytest.fixture
def jeanne(coop_a, member_a):
    return reachable(coop_a, user=member_a, first_name="Jeanne", last_name="Rivière")


def test_member_manages_preferences_and_consents(login, coop_a, member_a, jeanne):
    client = login(member_a)
    page = url("my_preferences", coop_a)
    response = client.get(page)
    assert response.status_code == 200
    assert "R. 225-63" in response.content.decode()  # the text agreed to is shown
    response = client.post(
        page,
        {
            "preferred_channel": "email",
            "language": "fr",
            "topics": ["news", "assemblies"],
            E_CONVOCATION: "on",
            ConsentPurpose.PHOTOS: "on",
        },
    )
    assert response.status_code == 302
    state = selectors.consents_of(member=jeanne)
    assert state[E_CONVOCATION].given and state[E_CONVOCATION].channel == "online"
    assert state[ConsentPurpose.NEWS] is None  # never ticked: nothing recorded
    jeanne.refresh_from_db()
    assert (jeanne.preferred_channel, jeanne.topics) == ("email", ["news", "assemblies"])
    # Unticking withdraws; saving again unchanged records nothing more.
    client.post(page, {"preferred_channel": "email", "language": "fr", ConsentPurpose.PHOTOS: "on"})
    assert selectors.consents_of(member=jeanne)[E_CONVOCATION].given is False
    client.post(page, {"preferred_channel": "email", "language": "fr", ConsentPurpose.PHOTOS: "on"})
    assert Consent.objects.filter(member=jeanne).count() == 3
    summary = client.get(url("my_membership", coop_a)).content.decode()
    assert reverse("accounts:export_data") in summary  # "download my data" from My shares


def test_member_without_e_mail_is_told_why(login, coop_a, member_a):
    reachable(coop_a, user=member_a, email="")
    response = login(member_a).post(
        url("my_preferences", coop_a),
        {"preferred_channel": "post", "language": "fr", E_CONVOCATION: "on"},
    )
    assert response.status_code == 200
    assert "e-mail" in str(
        response.context["consents"].non_field_errors()
    ).lower() or "courriel" in str(response.context["consents"].non_field_errors())
    assert not Consent.objects.exists()


def test_preferences_page_needs_a_register_entry(login, coop_a, member_a):
    response = login(member_a).get(url("my_preferences", coop_a))
    assert response.status_code == 302


def test_preferences_page_queries_are_constant(login, coop_a, member_a, jeanne):
    def grow(n):
        for i in range(n):
            record(
                jeanne,
                purpose=ConsentPurpose.NEWS,
                given=i % 2 == 1,
                channel="paper",
                on=TODAY - datetime.timedelta(days=n - i),
            )

    assert_constant_queries(login(member_a), url("my_preferences", coop_a), grow)
