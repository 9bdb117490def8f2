"""A person's part of the reports in their personal data export (RGPD)."""

from __future__ import annotations

from ..models import Answer, CampaignResponse, Concern, Project


def export_person(user) -> dict:
    """Reports the person wrote and campaign answers they saved or submitted.

    The reports belong to the coop; the person's part is having written them.
    """
    return {
        "projects_reported": [
            {"coop": p.coop.name, "title": p.title, "reported_at": p.created_at}
            for p in Project.objects.filter(created_by=user).select_related("coop")
        ],
        "difficulties_and_needs_reported": [
            {"coop": c.coop.name, "kind": c.kind, "title": c.title, "reported_on": c.reported_on}
            for c in Concern.objects.filter(created_by=user).select_related("coop")
        ],
        "campaign_answers_submitted": [
            {"coop": r.coop.name, "campaign": r.campaign.title, "submitted_at": r.submitted_at}
            for r in CampaignResponse.objects.filter(submitted_by=user).select_related(
                "coop", "campaign"
            )
        ],
        "campaign_answers_edited": Answer.objects.filter(updated_by=user).count(),
    }
