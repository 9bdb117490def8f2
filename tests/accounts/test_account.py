import json
import re

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from tests.accounts.factories import TEST_PASSWORD, UserFactory
from viecoop.accounts import services
from viecoop.accounts.models import DeletionRequest, User
from viecoop.audit.models import AuditEntry
from viecoop.organizations.models import CoopRole

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2():
    from viecoop import settings as project_settings  # tests swap in a fast hasher

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_user_manager_normalises_email():
    user = User.objects.create_user("Jean.Dupont@Exemple.FR", "x" * 12)
    assert user.email == "jean.dupont@exemple.fr"


def test_login_with_password(client, referent_a):
    response = client.post(
        reverse("account_login"), {"login": referent_a.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_failed_logins_are_rate_limited(client, referent_a):
    for _ in range(5):
        response = client.post(
            reverse("account_login"), {"login": referent_a.email, "password": "faux"}
        )
        assert response.status_code == 200
    # The sixth try is refused even with the right password, with a message saying why.
    response = client.post(
        reverse("account_login"), {"login": referent_a.email, "password": TEST_PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors()


def test_login_by_code(client, django_capture_on_commit_callbacks, member_a):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_request_login_code"), {"email": member_a.email})
    assert response.status_code == 302
    body = mail.outbox[-1].body
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", body, re.MULTILINE).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member_a.pk)


def test_profile_update_sets_language(login, member_a):
    client = login(member_a)
    response = client.post(
        reverse("accounts:profile"),
        {"first_name": "Jeanne", "last_name": "Rivière-Durand", "language": "en"},
    )
    assert response.status_code == 302
    assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == "en"
    member_a.refresh_from_db()
    assert (member_a.last_name, member_a.language) == ("Rivière-Durand", "en")
    assert AuditEntry.objects.filter(action="account.update_profile", actor=member_a).exists()


def test_profile_bad_input_never_500(login, member_a):
    response = login(member_a).post(reverse("accounts:profile"), {"language": "klingon"})
    assert response.status_code == 200
    assert response.context["form"].errors["language"]


def test_personal_data_export(login, member_a, coop_a):
    response = login(member_a).post(reverse("accounts:export_data"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == member_a.email
    assert data["roles"]["coop_roles"] == [
        {
            "coop": coop_a.name,
            "role": "member",
            "job_title": "",
            "since": data["roles"]["coop_roles"][0]["since"],
        }
    ]
    assert data["account"]["email_addresses"][0]["verified"] is True
    assert AuditEntry.objects.filter(action="account.export_data", actor=member_a).exists()


def test_export_is_post_only(login, member_a):
    assert login(member_a).get(reverse("accounts:export_data")).status_code == 405


def test_deletion_request_then_approval(
    client, django_capture_on_commit_callbacks, member_a, fed_admin, coop_a
):
    client.force_login(member_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:deletion_request"), {"reason": "Je déménage.", "confirm": "on"}
        )
    assert response.status_code == 302
    dr = DeletionRequest.objects.get(user=member_a)
    assert mail.outbox[-1].to == [member_a.email]
    # Asking twice keeps one pending request.
    client.post(reverse("accounts:deletion_request"), {"confirm": "on"})
    assert DeletionRequest.objects.filter(user=member_a).count() == 1

    client.force_login(fed_admin)
    url = reverse("accounts:deletion_request_detail", kwargs={"pk": dr.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve", "answer": ""})
    assert response.status_code == 302
    member_a.refresh_from_db()
    assert not member_a.is_active and member_a.email.endswith("@invalid.viecoop")
    assert not member_a.has_usable_password()
    assert not CoopRole.objects.filter(user=member_a).exists()
    assert mail.outbox[-1].to == ["membre@coop-a.test"]
    assert AuditEntry.objects.filter(action="rgpd.anonymise").exists()


def test_refusal_needs_a_reason(login, member_a, fed_admin):
    dr = services.deletion_request_create(user=member_a)
    client = login(fed_admin)
    url = reverse("accounts:deletion_request_detail", kwargs={"pk": dr.pk})
    response = client.post(url, {"decision": "refuse", "answer": " "})
    assert response.status_code == 200
    assert response.context["form"].errors["answer"]
    dr.refresh_from_db()
    assert dr.status == DeletionRequest.Status.PENDING


def test_deletion_requests_only_for_federation_admins(login, member_a, manager_a):
    dr = services.deletion_request_create(user=member_a)
    for user in (member_a, manager_a):
        client = login(user)
        assert client.get(reverse("accounts:deletion_requests")).status_code == 403
        detail = reverse("accounts:deletion_request_detail", kwargs={"pk": dr.pk})
        assert client.post(detail, {"decision": "approve"}).status_code == 403


def test_federation_admin_must_enable_totp(client, federation):
    from tests.organizations.factories import FederationRoleFactory

    admin = UserFactory()
    FederationRoleFactory(user=admin, federation=federation, role="admin")
    client.force_login(admin)
    response = client.get(reverse("organizations:federation_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    # Their own account pages stay reachable, so they can do it (after confirming
    # their password, as allauth asks before adding a second factor).
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_demo_mode_can_relax_totp_obligation(settings, client, federation):
    from tests.organizations.factories import FederationRoleFactory

    settings.VIECOOP_FEDERATION_ADMIN_MFA_REQUIRED = False
    admin = UserFactory()
    FederationRoleFactory(user=admin, federation=federation, role="admin")
    client.force_login(admin)
    assert client.get(reverse("organizations:federation_home")).status_code == 200


def test_totp_is_offered_to_everyone(client, member_a):
    client.force_login(member_a)
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert response.context["form"].secret
