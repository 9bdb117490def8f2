"""The network's panel on the federation dashboard (organizations.hooks.federation_dashboard_panels)."""

from __future__ import annotations

from .models import NewsPost, ReferentApplication
from .selectors import coops_without_referent


def network_panel(request) -> dict | None:
    if not request.user.has_perm("network.view_applications"):
        return None
    return {
        "order": 10,
        "template": "network/_dashboard_panel.html",
        "context": {
            "without_referent": coops_without_referent().count(),
            "pending_applications": ReferentApplication.objects.filter(
                status=ReferentApplication.Status.PENDING
            ).count(),
            "news_to_moderate": NewsPost.objects.filter(status=NewsPost.Status.SUBMITTED).count(),
        },
    }
