"""The network's part of a person's data export (RGPD art. 15 and 20)."""

from __future__ import annotations

from typing import Any

from .models import NewsComment, NewsPost, ReferentApplication, ReferentMandate, ReferentProfile


def export_network(user) -> dict[str, Any]:
    profile = ReferentProfile.objects.filter(user=user).prefetch_related("theme_rows").first()
    return {
        "referent_profile": (
            {
                "job_title": profile.job_title,
                "themes": [t.value for t in profile.themes],
                "expertise": profile.expertise,
                "availability": profile.availability,
                "since": profile.since,
                "bio": profile.bio,
                "has_photo": bool(profile.photo),
                "updated_at": profile.updated_at,
            }
            if profile
            else None
        ),
        "referent_mandates": [
            {
                "coop": m.coop.name,
                "started_on": m.started_on,
                "ended_on": m.ended_on,
                "end_reason": m.end_reason,
                "end_note": m.end_note,
            }
            for m in ReferentMandate.objects.filter(user=user).select_related("coop")
        ],
        "referent_applications": [
            {
                "coop": a.coop.name,
                "sent_at": a.created_at,
                "motivation": a.motivation,
                "time_available": a.time_available,
                "status": a.status,
                "decided_at": a.decided_at,
                "decision_message": a.decision_message,
            }
            for a in ReferentApplication.objects.filter(user=user).select_related("coop")
        ],
        "news_posts": [
            {
                "title": p.title,
                "body": p.body,
                "status": p.status,
                "created_at": p.created_at,
                "published_at": p.published_at,
            }
            for p in NewsPost.objects.filter(author=user)
        ],
        "news_comments": [
            {
                "post": c.post.title,
                "body": c.body,
                "created_at": c.created_at,
                "hidden": c.is_hidden,
            }
            for c in NewsComment.objects.filter(author=user).select_related("post")
        ],
    }
