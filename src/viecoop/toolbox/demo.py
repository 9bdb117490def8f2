"""Demo toolbox: ~30 published resources with real files, versions, proposals, uses, relays, feedback.

Everything goes through the real services (audit entries included). Idempotent: nothing is
done if the toolbox already has resources.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from . import services
from .demo_content import (
    ARCHIVED,
    DRAFT,
    FEEDBACK_COMMENTS,
    GROUP_PROPOSAL,
    PROPOSALS,
    RELAY_NOTES,
    RESOURCES,
    DemoResource,
)
from .demo_files import odt_bytes, pdf_bytes, png_bytes, xlsx_bytes
from .models import Resource, ResourceVersion, ToolboxVisit

FOOTER = "Document fictif créé pour la démonstration de viecoop."


def _file_for(spec: DemoResource, *, edition: int = 1) -> ContentFile | None:
    if spec.file.startswith("https://"):
        return None
    name = slugify(spec.title)[:60] or "document"
    intro = spec.summary.split("\n\n")[0]
    points = list(spec.points)
    if edition > 1:
        points.append(f"Version {edition} : {spec.new_version}")
    if spec.file == "pdf":
        data = pdf_bytes(spec.title, intro, points, footer=FOOTER)
    elif spec.file == "odt":
        data = odt_bytes(spec.title, intro, points)
    elif spec.file == "xlsx":
        header = ["Indicateur", "Année N-1", "Année N", "Évolution"]
        data = xlsx_bytes(spec.title, header, [[p, "", "", ""] for p in points])
    else:
        data = png_bytes(points[0] if points else spec.title, points[1] if len(points) > 1 else "")
    return ContentFile(data, name=f"{name}.{spec.file}")


def _create(spec: DemoResource, *, actor, federation) -> Resource:
    is_link = spec.file.startswith("https://")
    return services.resource_create(
        actor=actor,
        federation=federation,
        title=spec.title,
        summary=spec.summary,
        kind=Resource.Kind.LINK if is_link else Resource.Kind.FILE,
        format=spec.format,
        themes=list(spec.themes),
        for_referents="r" in spec.audiences,
        for_staff="s" in spec.audiences,
        for_members="m" in spec.audiences,
        file=_file_for(spec),
        url=spec.file if is_link else "",
    )


def _backdate(resource: Resource, when) -> None:
    Resource.objects.filter(pk=resource.pk).update(published_at=when, changed_at=when)
    ResourceVersion.objects.filter(resource=resource).update(created_at=when)


def build_toolbox(*, log, rng: random.Random, federation, coops) -> None:
    from viecoop.accounts.models import User
    from viecoop.demo.world import demo_email
    from viecoop.organizations.models import CoopRole

    if Resource.objects.exists():
        return
    admin = User.objects.get(email=demo_email("claire.morel"))
    now = timezone.now()
    rng = random.Random(2026)  # noqa: S311 — a repeatable demo, not security

    published: list[tuple[DemoResource, Resource]] = []
    for spec in RESOURCES:
        resource = _create(spec, actor=admin, federation=federation)
        resource = services.resource_set_state(actor=admin, resource=resource, state="published")
        _backdate(resource, now - timedelta(days=30 * spec.months_ago + rng.randint(0, 20)))
        published.append((spec, resource))
    archived = _create(ARCHIVED, actor=admin, federation=federation)
    services.resource_set_state(actor=admin, resource=archived, state="published")
    services.resource_set_state(actor=admin, resource=archived, state="archived")
    _backdate(archived, now - timedelta(days=30 * ARCHIVED.months_ago))
    _create(DRAFT, actor=admin, federation=federation)

    # People of every coop open resources, relay some, say what was useful.
    staff_roles = {}
    for role in CoopRole.objects.filter(coop__in=coops.values()).select_related("user", "coop"):
        staff_roles.setdefault(role.coop_id, []).append(role)
    for coop in coops.values():
        roles = staff_roles.get(coop.pk, [])
        staff = [r.user for r in roles if r.role in CoopRole.STAFF_ROLES]
        referents = [r.user for r in roles if r.role in ("referent", "manager")]
        members = [r.user for r in roles if r.role == "member"]
        for user in staff:
            for _spec, resource in rng.sample(published, k=rng.randint(3, 12)):
                for _ in range(rng.randint(1, 3)):
                    services.resource_record_use(user=user, resource=resource, coop=coop)
        for user in members[:8]:
            for spec, resource in published:
                if "m" in spec.audiences and rng.random() < 0.3:
                    services.resource_record_use(user=user, resource=resource, coop=coop)
        for user in referents:
            for _spec, resource in rng.sample(published, k=rng.randint(2, 5)):
                services.resource_record_use(user=user, resource=resource, coop=coop)
                services.feedback_give(
                    actor=user,
                    resource=resource,
                    coop=coop,
                    useful=rng.random() < 0.8,
                    comment=rng.choice(FEEDBACK_COMMENTS),
                )
            colleagues = [u for u in staff if u not in referents]
            for _spec, resource in rng.sample(published[:20], k=rng.randint(1, 3)):
                if not colleagues:
                    break
                if rng.random() < 0.5:
                    services.relay_create(
                        actor=user,
                        resource=resource,
                        coop=coop,
                        roles=["staff"],
                        note=rng.choice(RELAY_NOTES),
                    )
                else:
                    services.relay_create(
                        actor=user,
                        resource=resource,
                        coop=coop,
                        users=rng.sample(colleagues, k=min(2, len(colleagues))),
                        note=rng.choice(RELAY_NOTES),
                    )

    # New versions after those uses: their users are told, and see "updated" badges.
    gwenaelle = User.objects.get(email=demo_email("gwenaelle.le-goff"))
    bretagne = coops["coop-habitat-bretagne"]
    for spec, resource in published:
        if spec.new_version:
            services.resource_record_use(user=gwenaelle, resource=resource, coop=bretagne)
            services.resource_add_version(
                actor=admin,
                resource=resource,
                file=_file_for(spec, edition=2),
                note=spec.new_version,
            )
    # "New since my last visit" has something to show to the demo référent.
    ToolboxVisit.objects.update_or_create(
        user=gwenaelle,
        defaults={"previous_at": now - timedelta(days=75), "last_at": now - timedelta(days=45)},
    )

    # Proposals: one waiting, one refused, one from a working group.
    for local, title, themes, fmt, summary, points, decision in PROPOSALS:
        person = User.objects.get(email=demo_email(local))
        coop = next(
            c for c in coops.values() if CoopRole.objects.filter(user=person, coop=c).exists()
        )
        spec = DemoResource(title, themes, fmt, "rs", "pdf", summary, points, 0)
        proposal = services.resource_propose(
            actor=person,
            coop=coop,
            title=title,
            summary=summary,
            format=fmt,
            themes=list(themes),
            file=_file_for(spec),
            note="Proposé après une rencontre thématique du réseau.",
        )
        if decision == "reject":
            services.resource_review(
                actor=admin,
                resource=proposal,
                accept=False,
                message="Merci ! Un bail relève du conseil juridique de chaque coopérative : "
                "nous ne pouvons pas le diffuser comme modèle commun.",
            )
    group, title, themes, fmt, summary, points = GROUP_PROPOSAL
    spec = DemoResource(title, themes, fmt, "rsm", "pdf", summary, points, 0)
    services.resource_propose(
        actor=User.objects.get(email=demo_email("marc.fontaine")),
        title=title,
        summary=summary,
        format=fmt,
        themes=list(themes),
        for_members=True,
        file=_file_for(spec),
        group_label=group,
        source_ref="demo.group:transition",
    )
    log(
        f"  toolbox: {Resource.objects.published().count()} published resources, "
        f"{Resource.objects.filter(state='proposed').count()} proposals to review"
    )
