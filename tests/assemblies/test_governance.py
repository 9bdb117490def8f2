"""The governance profile: the law's defaults per legal form, the engine's validation, the audit."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from viecoop.assemblies import engine
from viecoop.assemblies.governance import current_rules, rules_problems
from viecoop.assemblies.models import GovernanceProfile
from viecoop.assemblies.services.profile import governance_profile_for, governance_update
from viecoop.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_every_coop_gets_the_laws_defaults(coop_a, coop_b):
    for coop in (coop_a, coop_b):
        profile = GovernanceProfile.objects.get(coop=coop)
        assert rules_problems(profile=profile) == []
    scic = current_rules(coop=coop_a)
    assert scic.legal_form == engine.LegalForm.SCIC
    assert scic.quorum_ordinary_first == Fraction(1, 5)
    assert scic.quorum_ordinary_second is None
    assert scic.quorum_extraordinary_first == Fraction(1, 4)
    assert {c.code: c.weight for c in scic.colleges}["usagers"] == Fraction(2, 5)
    scp = current_rules(coop=coop_b)
    assert [c.code for c in scp.colleges] == ["A", "B", "C"]
    assert scp.investors_cap == Fraction(35, 100)
    assert scp.postal_electronic_time == datetime.time(15, 0)


def test_a_manager_raises_a_quorum_and_it_is_audited(coop_a, manager_a):
    governance_update(actor=manager_a, coop=coop_a, quorum_ordinary_first="25 %", proxy_cap=5)
    rules = current_rules(coop=coop_a)
    assert rules.quorum_ordinary_first == Fraction(1, 4)
    assert rules.proxy_cap == 5
    entry = AuditEntry.objects.get(action="governance.update")
    assert entry.details["changes"]["quorum_ordinary_first"] == {"from": "1/5", "to": "25 %"}
    assert entry.actor == manager_a


def test_values_below_the_law_are_refused_with_the_engines_message(coop_a, manager_a):
    with pytest.raises(ValidationError) as error:
        governance_update(actor=manager_a, coop=coop_a, quorum_extraordinary_first="1/10")
    assert "minimum" in " ".join(error.value.messages) or "minimal" in " ".join(
        error.value.messages
    )
    with pytest.raises(ValidationError):
        governance_update(actor=manager_a, coop=coop_a, notice_days_first=7)
    assert governance_profile_for(coop=coop_a).quorum_extraordinary_first == "1/4"
    assert not AuditEntry.objects.filter(action="governance.update").exists()


def test_no_change_writes_nothing(coop_a, manager_a):
    governance_update(actor=manager_a, coop=coop_a, quorum_ordinary_first="1/5")
    assert not AuditEntry.objects.filter(action="governance.update").exists()


def test_governance_pages(coop_a, manager_a, referent_a, member_a, login):
    url = reverse("assemblies:governance", kwargs={"coop_slug": coop_a.slug})
    edit = reverse("assemblies:governance_edit", kwargs={"coop_slug": coop_a.slug})
    assert login(member_a).get(url).status_code == 403
    client = login(referent_a)
    assert client.get(url).status_code == 200
    assert client.get(edit).status_code == 403
    client = login(manager_a)
    response = client.get(url)
    assert "1/5" in response.content.decode()
    form = client.get(edit).context["form"]
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data["postal_electronic_time"] = "15:00"
    data.update({"quorum_ordinary_first": "1/10"})
    for name in (
        "remote_participation",
        "later_vote_replaces_proxy",
        "meeting_vote_replaces_postal",
        "election_requires_majority",
    ):
        data.pop(name, None)
    response = client.post(edit, data)
    assert response.status_code == 200
    assert "1/10" in response.content.decode() or response.context["form"].errors
    data["quorum_ordinary_first"] = "1/3"
    data["quorum_ordinary_second"] = ""
    response = client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    assert governance_profile_for(coop=coop_a).quorum_ordinary_first == "1/3"
