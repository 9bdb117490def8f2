"""Writes on the toolbox: transactional, audited, e-mails sent on commit.

Any app may propose a resource with ``resource_propose`` (the groups app does it for a
working group's deliverable); see docs/toolbox.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from viecoop.accounts.models import User
from viecoop.audit.services import audit_record
from viecoop.core.mail import send_templated_email
from viecoop.core.text import fold
from viecoop.organizations.models import Coop, CoopRole, Federation
from viecoop.organizations.selectors import current_federation

from . import hooks
from .files import check_resource_file
from .models import (
    Feedback,
    Relay,
    RelayRecipient,
    Resource,
    ResourceTheme,
    ResourceUse,
    ResourceVersion,
    ToolboxVisit,
)
from .themes import Theme

METADATA_FIELDS = (
    "title",
    "summary",
    "format",
    "language",
    "for_referents",
    "for_staff",
    "for_members",
)
# A visit starts a new "since my last visit" window after this much quiet time.
VISIT_GAP = timedelta(hours=1)
# A first visit shows what was published in the last month as new.
FIRST_VISIT_WINDOW = timedelta(days=30)

State = Resource.State
TRANSITIONS = {
    State.DRAFT: {State.PUBLISHED},
    State.PUBLISHED: {State.ARCHIVED, State.DRAFT},
    State.ARCHIVED: {State.PUBLISHED, State.DRAFT},
    State.REJECTED: {State.DRAFT},
    State.PROPOSED: set(),  # through resource_review only
}


# Indexing -------------------------------------------------------------------------
def _index(resource: Resource, themes: Iterable[str]) -> None:
    """Fill the search columns (folded, so accents and case never matter).

    Theme and format labels are indexed in the site's language (French), the language of
    the resources and of the full-text configuration, whatever the editor's language.
    """
    with translation.override(settings.LANGUAGE_CODE):
        labels = dict(Theme.choices)
        theme_words = " ".join(str(labels.get(code, code)) for code in themes)
        body = " ".join(
            [
                resource.summary,
                theme_words,
                str(resource.get_format_display()),
                resource.group_label,
            ]
        )
    resource.search_title = fold(resource.title)[:300]
    resource.search_body = fold(body)
    resource.search_text = f"{resource.search_title} {resource.search_body}"


def _check_fields(resource: Resource, themes: list[str]) -> None:
    errors: dict[str, Any] = {}
    if not themes:
        errors["themes"] = _("Choose at least one theme.")
    elif any(code not in Theme.values for code in themes):
        errors["themes"] = _("Unknown theme.")
    if not (resource.for_referents or resource.for_staff or resource.for_members):
        errors["for_referents"] = _("Choose at least one audience.")
    if errors:
        raise ValidationError(errors)


def _set_themes(resource: Resource, themes: list[str]) -> None:
    ResourceTheme.objects.filter(resource=resource).exclude(theme__in=themes).delete()
    existing = set(ResourceTheme.objects.filter(resource=resource).values_list("theme", flat=True))
    ResourceTheme.objects.bulk_create(
        [ResourceTheme(resource=resource, theme=code) for code in themes if code not in existing]
    )


def _store_version(
    *, actor, resource: Resource, number: int, file=None, url: str = "", note: str = ""
) -> ResourceVersion:
    version = ResourceVersion(
        resource=resource, number=number, note=note[:300], created_by=_person(actor)
    )
    if resource.kind == Resource.Kind.FILE:
        if file is None:
            raise ValidationError({"file": _("Choose the file to publish.")})
        try:
            checked = check_resource_file(file)
        except ValidationError as error:
            raise ValidationError({"file": error}) from error
        version.filename = checked.filename
        version.content_type = checked.content_type
        version.size = checked.size
        version.file.save(checked.filename, file, save=False)
    else:
        if not url:
            raise ValidationError({"url": _("Give the address of the link.")})
        version.url = url
    try:
        version.full_clean(exclude=["file"])
    except ValidationError:
        if version.file:
            version.file.delete(save=False)
        raise
    version.save()
    return version


def _person(actor) -> User | None:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


# Federation: create, edit, versions, states ------------------------------------------
@transaction.atomic
def resource_create(
    *,
    actor,
    federation: Federation,
    title: str,
    summary: str,
    kind: str,
    format: str,
    themes: list[str],
    language: str = "fr",
    for_referents: bool = True,
    for_staff: bool = False,
    for_members: bool = False,
    file=None,
    url: str = "",
    note: str = "",
) -> Resource:
    """A new resource of the federation, as a draft with its first version."""
    resource = Resource(
        federation=federation,
        title=title,
        summary=summary,
        kind=kind,
        format=format,
        language=language,
        for_referents=for_referents,
        for_staff=for_staff,
        for_members=for_members,
        state=Resource.State.DRAFT,
        origin=Resource.Origin.FEDERATION,
        created_by=_person(actor),
    )
    _check_fields(resource, themes)
    _index(resource, themes)
    resource.full_clean(exclude=["current_version"])
    resource.save()
    _set_themes(resource, themes)
    version = _store_version(
        actor=actor, resource=resource, number=1, file=file, url=url, note=note
    )
    resource.current_version = version
    resource.save(update_fields=["current_version"])
    audit_record(actor=actor, action="resource.create", obj=resource, coop=None)
    return resource


@transaction.atomic
def resource_update(
    *, actor, resource: Resource, themes: list[str] | None = None, **data
) -> Resource:
    """Change what describes a resource (title, summary, themes, audience…), not its file."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    changed = []
    for name in METADATA_FIELDS:
        if name in data and getattr(resource, name) != data[name]:
            setattr(resource, name, data[name])
            changed.append(name)
    current_themes = list(resource.themes.values_list("theme", flat=True))
    if themes is not None and set(themes) != set(current_themes):
        changed.append("themes")
    else:
        themes = current_themes
    if not changed:
        return resource
    _check_fields(resource, themes)
    _index(resource, themes)
    resource.full_clean(exclude=["current_version"])
    resource.save()
    _set_themes(resource, themes)
    audit_record(
        actor=actor, action="resource.update", obj=resource, coop=None, details={"fields": changed}
    )
    return resource


@transaction.atomic
def resource_add_version(
    *, actor, resource: Resource, file=None, url: str = "", note: str = ""
) -> ResourceVersion:
    """A new version: older ones stay downloadable; people who used the resource are told."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    number = (resource.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = _store_version(
        actor=actor, resource=resource, number=number, file=file, url=url, note=note
    )
    resource.current_version = version
    fields = ["current_version", "updated_at"]
    if resource.state == Resource.State.PUBLISHED:
        resource.changed_at = timezone.now()
        fields.append("changed_at")
        _notify_users_of_new_version(resource=resource, version=version)
    resource.save(update_fields=fields)
    audit_record(
        actor=actor,
        action="resource.new_version",
        obj=resource,
        coop=None,
        details={"version": number},
    )
    return version


def _notify_users_of_new_version(*, resource: Resource, version: ResourceVersion) -> int:
    users = (
        User.objects.filter(resource_uses__resource=resource, is_active=True)
        .exclude(email="")
        .distinct()
        .only("email", "language", "first_name", "last_name")
    )
    path = reverse("toolbox:resource_detail", kwargs={"pk": resource.pk})
    sent = 0
    for user in users:
        send_templated_email(
            template="toolbox_new_version",
            to=[user.email],
            context={"resource": resource, "version": version, "user": user, "path": path},
            language=user.language,
        )
        sent += 1
    return sent


@transaction.atomic
def resource_set_state(*, actor, resource: Resource, state: str) -> Resource:
    """Publish, archive or take back to draft (proposals go through ``resource_review``)."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if state not in TRANSITIONS.get(resource.state, set()):
        raise ValidationError(
            _("A resource cannot go from “%(old)s” to “%(new)s”.")
            % {"old": resource.get_state_display(), "new": Resource.State(state).label}
        )
    old = resource.state
    _apply_state(resource, state)
    resource.save()
    audit_record(
        actor=actor,
        action="resource.state",
        obj=resource,
        coop=None,
        details={"from": old, "to": state},
    )
    return resource


def _apply_state(resource: Resource, state: str) -> None:
    first_publication = state == Resource.State.PUBLISHED and resource.published_at is None
    resource.state = state
    if first_publication:
        now = timezone.now()
        resource.published_at = now
        resource.changed_at = now
        for hook in hooks.resource_published_hooks:
            hook(resource=resource)


# Proposals from référents and working groups -------------------------------------------
@transaction.atomic
def resource_propose(
    *,
    actor,
    title: str,
    summary: str,
    format: str,
    themes: list[str],
    kind: str = Resource.Kind.FILE,
    file=None,
    url: str = "",
    language: str = "fr",
    for_referents: bool = True,
    for_staff: bool = False,
    for_members: bool = False,
    coop: Coop | None = None,
    group_label: str = "",
    source_ref: str = "",
    source_url: str = "",
    note: str = "",
) -> Resource:
    """Propose a resource to the federation, which reviews it before anybody else sees it.

    Any app may call it: a référent's form does (``coop`` = their coop); the groups app does
    for a working group's deliverable (``group_label`` = the group's name, ``source_ref`` =
    its own reference such as ``"groups.deliverable:12"``, ``source_url`` = the deliverable's
    page; ``coop`` = the group's coop, or None for a network group). The federation's team
    is told by e-mail; ``hooks.proposal_reviewed_hooks`` report the decision back.
    """
    federation = coop.federation if coop is not None else current_federation()
    if federation is None:
        raise ValidationError(_("There is no federation to propose the resource to."))
    resource = Resource(
        federation=federation,
        title=title,
        summary=summary,
        kind=kind,
        format=format,
        language=language,
        for_referents=for_referents,
        for_staff=for_staff,
        for_members=for_members,
        state=Resource.State.PROPOSED,
        origin=Resource.Origin.GROUP if group_label else Resource.Origin.REFERENT,
        proposed_by=_person(actor),
        proposed_by_coop=coop,
        group_label=group_label[:200],
        source_ref=source_ref[:80],
        source_url=source_url[:300],
        created_by=_person(actor),
    )
    _check_fields(resource, themes)
    _index(resource, themes)
    resource.full_clean(exclude=["current_version"])
    resource.save()
    _set_themes(resource, themes)
    version = _store_version(
        actor=actor, resource=resource, number=1, file=file, url=url, note=note
    )
    resource.current_version = version
    resource.save(update_fields=["current_version"])
    audit_record(
        actor=actor,
        action="resource.propose",
        obj=resource,
        coop=coop,
        details={"group": group_label, "source": source_ref},
    )
    team = (
        User.objects.filter(federation_roles__federation=federation, is_active=True)
        .exclude(email="")
        .distinct()
    )
    path = reverse("toolbox:manage_detail", kwargs={"pk": resource.pk})
    for member in team:
        send_templated_email(
            template="toolbox_proposal_received",
            to=[member.email],
            context={"resource": resource, "proposer": _person(actor), "coop": coop, "path": path},
            language=member.language,
        )
    return resource


@transaction.atomic
def resource_review(
    *, actor, resource: Resource, accept: bool, publish: bool = False, message: str = ""
) -> Resource:
    """The federation's decision on a proposal: accepted (as a draft, or published) or not."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if resource.state != Resource.State.PROPOSED:
        raise ValidationError(_("This proposal has already been reviewed."))
    if not accept and not message.strip():
        raise ValidationError({"message": _("Tell the proposer why the resource is not accepted.")})
    resource.review_message = message
    resource.reviewed_by = _person(actor)
    resource.reviewed_at = timezone.now()
    if accept:
        _apply_state(resource, Resource.State.PUBLISHED if publish else Resource.State.DRAFT)
    else:
        resource.state = Resource.State.REJECTED
    resource.save()
    audit_record(
        actor=actor,
        action="resource.review",
        obj=resource,
        coop=None,
        details={"accepted": accept, "published": accept and publish},
    )
    for hook in hooks.proposal_reviewed_hooks:
        hook(resource=resource, accepted=accept)
    proposer = resource.proposed_by
    if proposer is not None and proposer.is_active and proposer.email:
        send_templated_email(
            template="toolbox_proposal_reviewed",
            to=[proposer.email],
            context={
                "resource": resource,
                "accepted": accept,
                "published": accept and publish,
                "message": message,
                "path": reverse("toolbox:my_proposals"),
            },
            language=proposer.language,
        )
    return resource


# Using, relaying, rating --------------------------------------------------------------
def resource_record_use(*, user, resource: Resource, coop: Coop | None) -> ResourceVersion | None:
    """Count one opening or download by ``user`` for ``coop`` (nothing for the federation).

    Not audited: it is frequent and says nothing sensitive; the rows themselves are the record.
    """
    version = resource.current_version
    number = version.number if version else 1
    if coop is None or not getattr(user, "is_authenticated", False):
        return version
    now = timezone.now()
    lookup = {"resource": resource, "user": user, "coop": coop}
    updated = ResourceUse.objects.filter(**lookup).update(
        count=F("count") + 1, last_version=number, last_used_at=now
    )
    if not updated:
        try:
            with transaction.atomic():
                ResourceUse.objects.create(**lookup, last_version=number, last_used_at=now)
        except IntegrityError:  # the same person, twice at once: count the second as an update
            ResourceUse.objects.filter(**lookup).update(
                count=F("count") + 1, last_version=number, last_used_at=now
            )
    return version


@transaction.atomic
def relay_create(
    *,
    actor,
    resource: Resource,
    coop: Coop,
    users: Iterable[User] = (),
    roles: Iterable[str] = (),
    note: str = "",
) -> Relay:
    """A référent passes a published resource to colleagues of ``coop`` (people and/or roles).

    People named must hold a staff role in the coop; a role reaches everybody who holds it
    there today. Each recipient gets an e-mail and finds it under "shared with me".
    """
    if resource.state != Resource.State.PUBLISHED:
        raise ValidationError(_("Only a published resource can be relayed."))
    roles = sorted(set(roles))
    if any(role not in CoopRole.STAFF_ROLES for role in roles):
        raise ValidationError({"roles": _("Choose roles of the coop's team.")})
    staff = CoopRole.objects.filter(coop=coop, role__in=CoopRole.STAFF_ROLES)
    chosen_ids = {user.pk for user in users}
    allowed_ids = set(staff.filter(user_id__in=chosen_ids).values_list("user_id", flat=True))
    if chosen_ids - allowed_ids:
        raise ValidationError({"users": _("Choose colleagues of your coop.")})
    recipient_ids = allowed_ids | set(
        staff.filter(role__in=roles).values_list("user_id", flat=True)
    )
    recipient_ids.discard(getattr(actor, "pk", None))
    recipients = list(
        User.objects.filter(pk__in=recipient_ids, is_active=True).order_by("last_name", "pk")
    )
    if not recipients:
        raise ValidationError(
            _("Choose at least one colleague, or a role that somebody other than you holds.")
        )
    relay = Relay.objects.create(
        resource=resource, coop=coop, sender=_person(actor), note=note.strip(), roles=roles
    )
    RelayRecipient.objects.bulk_create([RelayRecipient(relay=relay, user=u) for u in recipients])
    audit_record(
        actor=actor,
        action="resource.relay",
        obj=relay,
        coop=coop,
        details={"resource": resource.pk, "recipients": len(recipients), "roles": roles},
    )
    path = reverse("toolbox:resource_detail", kwargs={"pk": resource.pk})
    for user in recipients:
        if user.email:
            send_templated_email(
                template="toolbox_relay",
                to=[user.email],
                context={
                    "resource": resource,
                    "relay": relay,
                    "sender": actor,
                    "coop": coop,
                    "user": user,
                    "path": path,
                },
                language=user.language,
                reply_to=[actor.email] if getattr(actor, "email", "") else None,
            )
    return relay


def relays_mark_read(*, user, resource: Resource) -> int:
    """The person opened the resource: what was shared with them about it is now read."""
    return RelayRecipient.objects.filter(
        user=user, relay__resource=resource, read_at__isnull=True
    ).update(read_at=timezone.now())


@transaction.atomic
def feedback_give(
    *, actor, resource: Resource, coop: Coop, useful: bool, comment: str = ""
) -> Feedback:
    """ "Useful?" and an optional comment; giving it again replaces the person's previous one."""
    if resource.state != Resource.State.PUBLISHED:
        raise ValidationError(_("Only a published resource can be rated."))
    feedback, created = Feedback.objects.update_or_create(
        resource=resource,
        user=actor,
        defaults={"coop": coop, "useful": useful, "comment": comment.strip()[:2000]},
    )
    audit_record(
        actor=actor,
        action="resource.feedback",
        obj=resource,
        coop=coop,
        details={"useful": useful, "new": created},
    )
    return feedback


def toolbox_visit(*, user, now: datetime | None = None) -> datetime:
    """Record a visit to the toolbox; return the moment after which things count as new.

    The window moves only after an hour of quiet, so what was new at the start of a visit
    stays marked while the person browses.
    """
    now = now or timezone.now()
    visit = ToolboxVisit.objects.filter(user=user).first()
    if visit is None:
        try:
            with transaction.atomic():
                ToolboxVisit.objects.create(user=user, previous_at=None, last_at=now)
        except IntegrityError:
            pass
        return now - FIRST_VISIT_WINDOW
    if now - visit.last_at > VISIT_GAP:
        visit.previous_at = visit.last_at
    visit.last_at = now
    ToolboxVisit.objects.filter(pk=visit.pk).update(
        previous_at=visit.previous_at, last_at=visit.last_at
    )
    return visit.previous_at or (now - FIRST_VISIT_WINDOW)
