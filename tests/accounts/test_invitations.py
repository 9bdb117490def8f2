import pytest
from django.core import mail
from django.urls import reverse

from viecoop.accounts import services
from viecoop.accounts.models import Invitation, User
from viecoop.audit.models import AuditEntry
from viecoop.organizations.models import CoopRole

pytestmark = pytest.mark.django_db


def _invite(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return services.invitation_create(**kwargs)


def test_code_shape_and_hash_only():
    code = services.generate_code()
    assert len(code) == 14 and code.count("-") == 2
    assert not set(code.replace("-", "")) & set("01IOL")


def test_email_invitation_sends_the_code(django_capture_on_commit_callbacks, coop_a, manager_a):
    invitation, code = _invite(
        django_capture_on_commit_callbacks,
        actor=manager_a,
        channel="email",
        coop=coop_a,
        coop_role="staff",
        email="Nouvelle@Exemple.fr",
        first_name="Inès",
    )
    assert invitation.email == "nouvelle@exemple.fr"
    assert code not in invitation.code_hash
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nouvelle@exemple.fr"]
    assert code in message.body
    assert reverse("accounts:activate_code", kwargs={"code": code}) in message.body
    html = message.alternatives[0][0]
    assert code in html
    assert AuditEntry.objects.filter(action="invitation.create", coop=coop_a).exists()


def test_lookup_tolerates_how_people_type(coop_a, manager_a):
    invitation, code = services.invitation_create(
        actor=manager_a, channel="letter", coop=coop_a, coop_role="member", last_name="Martin"
    )
    typed = code.lower().replace("-", " ")
    assert services.invitation_lookup(typed) == invitation
    with pytest.raises(services.InvitationError):
        services.invitation_lookup("AAAA-BBBB-CCCC")
    with pytest.raises(services.InvitationError):
        services.invitation_lookup("short")


def test_accept_grants_role_once(coop_a, manager_a, outsider):
    invitation, code = services.invitation_create(
        actor=manager_a, channel="letter", coop=coop_a, coop_role="member", last_name="Martin"
    )
    services.invitation_accept(invitation=invitation, user=outsider)
    assert CoopRole.objects.filter(user=outsider, coop=coop_a, role="member").exists()
    with pytest.raises(services.InvitationError):
        services.invitation_lookup(code)
    with pytest.raises(services.InvitationError):
        services.invitation_accept(invitation=invitation, user=outsider)


def test_expired_and_revoked_codes_fail(coop_a, manager_a, time_machine):
    invitation, code = services.invitation_create(
        actor=manager_a, channel="email", coop=coop_a, coop_role="member", email="a@b.fr"
    )
    other, other_code = services.invitation_create(
        actor=manager_a, channel="email", coop=coop_a, coop_role="member", email="c@d.fr"
    )
    services.invitation_revoke(actor=manager_a, invitation=other)
    with pytest.raises(services.InvitationError):
        services.invitation_lookup(other_code)
    time_machine.move_to(invitation.expires_at)
    with pytest.raises(services.InvitationError):
        services.invitation_lookup(code)


def test_resend_replaces_the_code(django_capture_on_commit_callbacks, coop_a, manager_a):
    invitation, old = _invite(
        django_capture_on_commit_callbacks,
        actor=manager_a,
        channel="email",
        coop=coop_a,
        coop_role="member",
        email="a@b.fr",
    )
    with django_capture_on_commit_callbacks(execute=True):
        new = services.invitation_resend(actor=manager_a, invitation=invitation)
    assert new != old
    with pytest.raises(services.InvitationError):
        services.invitation_lookup(old)
    assert services.invitation_lookup(new) == invitation
    assert new in mail.outbox[-1].body


def test_activation_for_a_logged_in_person(client, coop_a, manager_a, outsider):
    _invitation, code = services.invitation_create(
        actor=manager_a, channel="letter", coop=coop_a, coop_role="member", last_name="Dehors"
    )
    client.force_login(outsider)
    response = client.post(reverse("accounts:activate"), {"code": code.lower()})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:activate_confirm")
    response = client.post(reverse("accounts:activate_confirm"))
    assert response["Location"] == coop_a.get_absolute_url()
    assert outsider.has_perm("organizations.view_coop", coop_a)


def test_wrong_code_gets_a_clear_error(client, db):
    response = client.post(reverse("accounts:activate"), {"code": "ABCD-EFGH-JKMN"})
    assert response.status_code == 200
    assert "Ce code n’est pas valable" in response.content.decode()
    response = client.post(reverse("accounts:activate"), {"code": "AB"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]


def test_activation_is_rate_limited(client, db):
    statuses = [
        client.post(reverse("accounts:activate"), {"code": "ABCD-EFGH-JKMN"}).status_code
        for _ in range(35)
    ]
    assert statuses[0] == 200 and statuses[-1] == 429


def test_signup_is_closed_without_invitation(client, db):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert "signup_closed" in " ".join(t.name for t in response.templates if t.name)


def test_letter_code_signup_flow(client, django_capture_on_commit_callbacks, coop_a, manager_a):
    """A member without e-mail types the code from the letter, then creates an account."""
    invitation, code = services.invitation_create(
        actor=manager_a,
        channel="letter",
        coop=coop_a,
        coop_role="member",
        first_name="Robert",
        last_name="Lemaire",
    )
    response = client.post(reverse("accounts:activate"), {"code": code})
    assert response["Location"] == reverse("account_signup")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "robert.lemaire@exemple.fr",
                "password1": "Cooperatif-2026!",
                "password2": "Cooperatif-2026!",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="robert.lemaire@exemple.fr")
    assert (user.first_name, user.last_name) == ("Robert", "Lemaire")
    assert CoopRole.objects.filter(user=user, coop=coop_a, role="member").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    # The address typed was never verified: allauth asks for the code it sent.
    assert mail.outbox and "robert.lemaire@exemple.fr" in mail.outbox[-1].to


def test_email_invitation_signup_needs_no_second_verification(
    client, django_capture_on_commit_callbacks, coop_a, manager_a
):
    _invitation, code = services.invitation_create(
        actor=manager_a, channel="email", coop=coop_a, coop_role="staff", email="ines@exemple.fr"
    )
    response = client.get(reverse("accounts:activate_code", kwargs={"code": code}))
    assert response["Location"] == reverse("account_signup") + "?email=ines%40exemple.fr"
    response = client.post(
        reverse("account_signup"),
        {
            "email": "ines@exemple.fr",
            "password1": "Cooperatif-2026!",
            "password2": "Cooperatif-2026!",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="ines@exemple.fr")
    assert user.emailaddress_set.get().verified
    assert "_auth_user_id" in client.session
    assert user.has_perm("organizations.view_team", coop_a)


def test_existing_account_is_asked_to_log_in(client, coop_a, manager_a, outsider):
    _invitation, code = services.invitation_create(
        actor=manager_a, channel="email", coop=coop_a, coop_role="member", email=outsider.email
    )
    response = client.get(reverse("accounts:activate_code", kwargs={"code": code}))
    assert response["Location"].startswith(reverse("account_login"))


def test_invitation_role_constraint(coop_a, manager_a):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Invitation.objects.create(
            code_hash="x",
            channel="email",
            email="a@b.fr",
            coop=coop_a,
            coop_role="",
            expires_at="2030-01-01T00:00:00Z",
        )
