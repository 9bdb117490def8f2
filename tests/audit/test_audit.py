import pytest
from django.db import DatabaseError, connection, transaction

from viecoop.audit.models import AuditEntry
from viecoop.audit.selectors import audit_entries
from viecoop.audit.services import audit_record

pytestmark = pytest.mark.django_db


def _entry(actor=None, coop=None, action="test.action"):
    with transaction.atomic():
        return audit_record(actor=actor, action=action, coop=coop, details={"n": 1})


@pytest.mark.django_db(transaction=True)
def test_record_requires_a_transaction(manager_a):
    with pytest.raises(RuntimeError):
        audit_record(actor=manager_a, action="x")


def test_entry_rolls_back_with_its_transaction(manager_a):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        audit_record(actor=manager_a, action="x")
        1 / 0  # noqa: B018
    assert not AuditEntry.objects.exists()


def test_orm_refuses_updates_and_deletes(manager_a):
    entry = _entry(manager_a)
    entry.action = "forged"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.update(action="forged")
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()


def test_database_refuses_updates(manager_a):
    entry = _entry(manager_a)
    table = AuditEntry._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET action = 'forged' WHERE id = %s", [entry.pk])  # noqa: S608
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.action"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DELETE trigger is PostgreSQL-only")
def test_database_refuses_deletes_on_postgresql(manager_a):
    entry = _entry(manager_a)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [entry.pk])  # noqa: S608
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_federation_does_not_read_coop_entries(coop_a, manager_a, fed_admin):
    _entry(manager_a, coop=coop_a, action="coop.thing")
    _entry(fed_admin, coop=None, action="federation.thing")
    assert [e.action for e in audit_entries(federation_level=True)] == ["federation.thing"]
    assert [e.action for e in audit_entries(coop=coop_a)] == ["coop.thing"]
    with pytest.raises(ValueError):
        audit_entries()


def test_details_are_json_safe(manager_a):
    import datetime
    import decimal

    with transaction.atomic():
        entry = audit_record(
            actor=manager_a,
            action="x",
            details={"when": datetime.date(2026, 11, 22), "amount": decimal.Decimal("15.25")},
        )
    entry.refresh_from_db()
    assert entry.details == {"when": "2026-11-22", "amount": "15.25"}


def test_personal_account_events_stay_out_of_the_federation_log(member_a, fed_admin):
    _entry(member_a, action="security.login")
    _entry(member_a, action="account.update_profile")
    _entry(fed_admin, action="rgpd.anonymise")
    assert [e.action for e in audit_entries(federation_level=True)] == ["rgpd.anonymise"]


def test_logins_and_failures_are_audited(client, member_a):
    from tests.accounts.factories import TEST_PASSWORD

    client.post("/compte/login/", {"login": member_a.email, "password": "faux"})
    client.post("/compte/login/", {"login": member_a.email, "password": TEST_PASSWORD})
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["security.login_failed", "security.login"]
    failed = AuditEntry.objects.get(action="security.login_failed")
    assert failed.actor is None and failed.details == {} and failed.ip_address == "127.0.0.1"


def test_anonymised_people_are_anonymised_in_the_log(member_a, fed_admin):
    from viecoop.accounts.services import user_anonymise

    _entry(member_a, action="account.update_profile")
    with transaction.atomic():
        user_anonymise(actor=fed_admin, user=member_a)
    entry = AuditEntry.objects.filter(action="account.update_profile").get()
    assert "Rivière" not in entry.actor_display and "Jeanne" not in entry.actor_display
    assert entry.actor_label == ""
