"""Référents, applications and news, made through the real services where it matters."""

from __future__ import annotations

import datetime

from django.db import transaction

from tests.accounts.factories import UserFactory
from tests.organizations.factories import CoopRoleFactory
from viecoop.network import services
from viecoop.network.models import NewsPost, ProfileTheme, ReferentMandate, ReferentProfile
from viecoop.organizations.models import CoopRole
from viecoop.organizations.services import coop_role_grant


@transaction.atomic
def make_referent(
    coop,
    *,
    user=None,
    themes=(),
    expertise: str = "",
    job_title: str = "Chargée de gestion sociale",
    since: datetime.date | None = None,
    **user_fields,
):
    """A staff member made référent by the real role service (so a mandate opens)."""
    user = user or UserFactory(**user_fields)
    if not CoopRole.objects.filter(user=user, coop=coop).exists():
        CoopRoleFactory(user=user, coop=coop, role=CoopRole.Role.STAFF, job_title=job_title)
    coop_role_grant(actor=None, user=user, coop=coop, role=CoopRole.Role.REFERENT)
    profile = ReferentProfile.objects.get(user=user)
    profile.job_title, profile.expertise, profile.since = job_title, expertise, since
    profile.search_text = profile.build_search_text()
    profile.save()
    ProfileTheme.objects.bulk_create([ProfileTheme(profile=profile, theme=t) for t in themes])
    if since:
        ReferentMandate.objects.filter(user=user, coop=coop).update(started_on=since)
    return user


def make_staff(coop, *, role=CoopRole.Role.STAFF, **user_fields):
    user = UserFactory(**user_fields)
    CoopRoleFactory(user=user, coop=coop, role=role, job_title="Gestionnaire locatif")
    return user


def apply(user, coop, **kwargs):
    return services.application_submit(
        user=user,
        coop=coop,
        motivation=kwargs.get("motivation", "Je veux faire vivre la coopérative."),
        time_available=kwargs.get("time_available", "Une demi-journée par mois"),
    )


def published_post(author, *, title="Rencontre de printemps", body="Un **beau** programme."):
    post = services.news_create(author=author, title=title, body=body, publish=True)
    assert post.status == NewsPost.Status.PUBLISHED
    return post
