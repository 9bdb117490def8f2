"""A person's toolbox and reports data in their personal data export (RGPD)."""

import pytest

from tests.reports.factories import make_campaign, make_concern, make_project
from tests.toolbox.factories import make_resource
from viecoop.accounts.services import user_export_data
from viecoop.reports import services as reports
from viecoop.reports.models import CampaignResponse
from viecoop.toolbox import services

pytestmark = pytest.mark.django_db


def test_export_has_feedback_relays_uses_proposals_and_reports(
    federation, coop_a, referent_a, manager_a
):
    resource = make_resource(federation=federation, title="Guide AG")
    services.resource_record_use(user=referent_a, resource=resource, coop=coop_a)
    services.feedback_give(
        actor=referent_a, resource=resource, coop=coop_a, useful=True, comment="Très clair"
    )
    services.relay_create(
        actor=referent_a, resource=resource, coop=coop_a, users=[manager_a], note="À lire"
    )
    make_project(coop=coop_a, actor=referent_a, title="Jardin")
    make_concern(coop=coop_a, actor=referent_a)
    campaign = make_campaign(
        federation=federation, questions=({"kind": "text", "label": "Un mot ?"},)
    )
    reports.response_save(
        actor=referent_a,
        response=CampaignResponse.objects.get(campaign=campaign, coop=coop_a),
        values={},
        submit=True,
    )
    data = user_export_data(user=referent_a)
    toolbox = data["toolbox"]
    assert toolbox["feedback"][0]["comment"] == "Très clair"
    assert toolbox["relays_sent"][0]["note"] == "À lire"
    assert toolbox["relays_sent"][0]["recipients"] == 1
    assert toolbox["uses"][0]["resource"] == "Guide AG"
    assert data["reports"]["projects_reported"][0]["title"] == "Jardin"
    assert len(data["reports"]["difficulties_and_needs_reported"]) == 1
    assert data["reports"]["campaign_answers_submitted"][0]["campaign"] == campaign.title
    received = user_export_data(user=manager_a)["toolbox"]["relays_received"]
    assert received[0]["note"] == "À lire" and received[0]["read_at"] is None
