"""RGPD: departed members are anonymised after their coop's retention period; the ledger stays."""

import datetime
import io

import pytest
from django.core.management import call_command

from tests.members.factories import admitted_member
from viecoop.audit.models import AuditEntry
from viecoop.members import selectors, services
from viecoop.members.models import Member, ShareOperation

pytestmark = pytest.mark.django_db


def _left(coop, on, **kwargs):
    member = admitted_member(
        coop=coop, shares=3, email="jeanne@exemple.fr", phone="0600000000", city="Rennes", **kwargs
    )
    return services.member_leave(actor=None, member=member, exit_date=on, reason="resigned")


def test_only_members_past_the_retention_period(coop_a, coop_b):
    coop_b.register_settings.retention_years = 10
    coop_b.register_settings.save()
    today = datetime.date(2026, 11, 22)
    old = _left(coop_a, datetime.date(2021, 11, 22))  # exactly five years ago
    recent = _left(coop_a, datetime.date(2022, 1, 10))
    old_b = _left(coop_b, datetime.date(2021, 1, 1))  # coop B keeps ten years
    assert list(services.members_due_for_anonymisation(coop=coop_a, today=today)) == [old]
    assert not services.members_due_for_anonymisation(coop=coop_b, today=today).exists()
    assert recent.pk and old_b.pk


def test_anonymisation_keeps_the_ledger(coop_a, member_a):
    member = _left(
        coop_a, datetime.date(2020, 6, 30), user=member_a, first_name="Jeanne", last_name="Rivière"
    )
    ledger_before = list(
        ShareOperation.objects.filter(member=member).values_list(
            "sequence", "kind", "shares", "unit_price", "effective_date"
        )
    )
    capital_before = selectors.capital(coop=coop_a, on=datetime.date(2020, 1, 1))
    services.member_anonymise(actor=None, member=member)
    member.refresh_from_db()
    assert member.last_name == services.ANONYMISED_NAME and member.first_name == ""
    assert (member.email, member.phone, member.city, member.birth_date, member.user) == (
        "",
        "",
        "",
        None,
        None,
    )
    assert "riviere" not in member.search_text and member.number in member.search_text
    assert member.anonymised_at is not None
    after = list(
        ShareOperation.objects.filter(member=member).values_list(
            "sequence", "kind", "shares", "unit_price", "effective_date"
        )
    )
    assert after == ledger_before
    assert selectors.capital(coop=coop_a, on=datetime.date(2020, 1, 1)) == capital_before
    assert AuditEntry.objects.filter(action="member.anonymise").count() == 1
    services.member_anonymise(actor=None, member=member)  # idempotent
    assert AuditEntry.objects.filter(action="member.anonymise").count() == 1


def test_only_departed_members(coop_a):
    member = admitted_member(coop=coop_a)
    with pytest.raises(services.LedgerError):
        services.member_anonymise(actor=None, member=member)


def test_daily_command(coop_a):
    _left(coop_a, datetime.date(2015, 1, 1))
    out = io.StringIO()
    call_command("anonymise_departed_members", "--dry-run", stdout=out)
    assert "1 member(s) would be anonymised" in out.getvalue()
    assert Member.objects.filter(anonymised_at__isnull=True).count() == 1
    call_command("anonymise_departed_members", stdout=io.StringIO())
    assert Member.objects.filter(anonymised_at__isnull=False).count() == 1
