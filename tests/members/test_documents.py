"""The legal register (PDF, CSV) and the certificate of shares (PDF)."""

import datetime

import pytest
from django.urls import reverse

from tests.members.factories import admitted_member
from viecoop.members import services

pytestmark = pytest.mark.django_db


def url(name, coop, **kwargs):
    return reverse(f"members:{name}", kwargs={"coop_slug": coop.slug, **kwargs})


def test_register_csv_at_a_date(login, coop_a, manager_a):
    early = admitted_member(coop=coop_a, shares=2, last_name="Ancien")
    late = admitted_member(coop=coop_a, shares=1, last_name="Récent")
    services.share_operation_record(
        actor=None,
        coop=coop_a,
        kind="subscription",
        member=late,
        shares=4,
        effective_date=datetime.date(2025, 5, 1),
        board_decision="CA",
        board_decision_date=datetime.date(2025, 5, 1),
        unit_price=15,
    )
    client = login(manager_a)
    body = client.get(
        url("legal_register", coop_a), {"on": "2025-01-01", "format": "csv"}
    ).content.decode("utf-8-sig")
    assert f"{early.number};ANCIEN" in body and ";2\r\n" in body
    assert "15,00" not in body  # the 2025 subscription is after the date
    body = client.get(
        url("legal_register", coop_a), {"on": "2025-06-01", "format": "csv"}
    ).content.decode("utf-8-sig")
    assert "15,00" in body


def test_register_pdf(login, coop_a, manager_a):
    admitted_member(coop=coop_a, shares=2)
    response = login(manager_a).get(url("legal_register", coop_a))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 2000


def test_certificate_for_staff_and_for_the_member(login, coop_a, manager_a, member_a, referent_a):
    member = admitted_member(coop=coop_a, shares=3, user=member_a)
    staff = login(manager_a).get(url("member_certificate", coop_a, pk=member.pk))
    assert staff.content.startswith(b"%PDF")
    own = login(member_a).get(url("my_certificate", coop_a))
    assert own.content.startswith(b"%PDF")
    assert own["Content-Disposition"].endswith(f'-{member.number}.pdf"')
    # A member cannot fetch another's certificate through the staff URL.
    assert login(member_a).get(url("member_certificate", coop_a, pk=member.pk)).status_code == 403


def test_no_certificate_without_a_linked_entry(login, coop_a, member_a):
    response = login(member_a).get(url("my_certificate", coop_a))
    assert response["Location"] == url("my_membership", coop_a)


def test_a_long_register_reports_its_progress_every_ten_pages():
    """No database: the PDF of 800 members tells how many rows are drawn as it goes."""
    from types import SimpleNamespace

    from viecoop.members.documents.register import build_register_pdf

    coop = SimpleNamespace(
        name="Coop", siren="", address="", postal_code="", city="", get_legal_form_display=str
    )
    member = SimpleNamespace(
        number="1",
        display_name="MARTIN Anne",
        representative="",
        address="1 rue",
        postal_code="35000",
        city="Rennes",
        college=SimpleNamespace(name="Usagers"),
        admission_date=datetime.date(2020, 1, 1),
        shares=1,
    )
    seen = []
    pdf, pages = build_register_pdf(
        coop=coop,
        on=datetime.date(2026, 1, 1),
        members=[member] * 800,
        operations=[],
        capital={"shares": 800, "amount": 12200},
        progress=seen.append,
    )
    assert pdf.startswith(b"%PDF") and pages >= 800 // 34
    assert seen[:2] == [340, 680]  # 34 rows a page, told every ten pages
