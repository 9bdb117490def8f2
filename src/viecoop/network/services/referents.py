"""Becoming a référent, the mandates' history, and référents' profiles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.core.mail import send_templated_email
from viecoop.organizations.models import Coop, CoopRole, FederationRole
from viecoop.organizations.selectors import roles_for
from viecoop.organizations.services import coop_role_grant, coop_role_revoke

from ..models import ProfileTheme, ReferentApplication, ReferentMandate, ReferentProfile
from ..photos import resize_photo
from ..themes import Theme

PROFILE_FIELDS = ("job_title", "expertise", "availability", "since", "bio")


# Recipients --------------------------------------------------------------------------
def coop_managers(coop: Coop, *, exclude=None) -> list:
    roles = CoopRole.objects.filter(coop=coop, role=CoopRole.Role.MANAGER).select_related("user")
    return [r.user for r in roles if r.user.is_active and (exclude is None or r.user != exclude)]


def federation_admins() -> list:
    roles = FederationRole.objects.filter(role=FederationRole.Role.ADMIN).select_related("user")
    return list({r.user.pk: r.user for r in roles if r.user.is_active}.values())


def _mail_each(
    people: Iterable,
    *,
    template: str,
    context: dict[str, Any],
    reply_to: list[str] | None = None,
) -> None:
    """One e-mail per person, in their own language."""
    for person in people:
        send_templated_email(
            template=template,
            to=[person.email],
            language=person.language,
            context={**context, "recipient": person},
            reply_to=reply_to,
        )


# Profiles ------------------------------------------------------------------------------
def profile_for(user, *, job_title: str = "") -> ReferentProfile:
    """The person's profile, created empty the first time (with their job title)."""
    profile = ReferentProfile.objects.filter(user=user).first()
    if profile is None:
        profile = ReferentProfile(user=user, job_title=job_title[:120])
        profile.search_text = profile.build_search_text()
        try:
            with transaction.atomic():
                profile.save()
        except IntegrityError:  # created meanwhile by a concurrent request
            profile = ReferentProfile.objects.get(user=user)
    return profile


@transaction.atomic
def profile_update(
    *,
    actor,
    profile: ReferentProfile,
    themes: Iterable[str] | None = None,
    photo=None,
    remove_photo: bool = False,
    **data: Any,
) -> ReferentProfile:
    """Save what the référent tells the network; a new photo is resized and re-encoded."""
    profile = ReferentProfile.objects.select_for_update().get(pk=profile.pk)
    changed = []
    for name in PROFILE_FIELDS:
        if name in data and getattr(profile, name) != data[name]:
            setattr(profile, name, data[name])
            changed.append(name)
    old_photo = profile.photo.name if profile.photo else ""
    if photo is not None:
        profile.photo.save("photo.jpg", resize_photo(photo), save=False)
        changed.append("photo")
    elif remove_photo and old_photo:
        profile.photo = ""
        changed.append("photo")
    profile.search_text = profile.build_search_text()
    profile.full_clean()
    profile.save()
    if themes is not None:
        wanted = {t for t in themes if t in Theme.values}
        current = set(profile.theme_rows.values_list("theme", flat=True))
        if wanted != current:
            profile.theme_rows.exclude(theme__in=wanted).delete()
            ProfileTheme.objects.bulk_create(
                [ProfileTheme(profile=profile, theme=t) for t in sorted(wanted - current)]
            )
            changed.append("themes")
    if "photo" in changed and old_photo:
        # Delete the replaced file only once the new state is committed.
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    if changed:
        audit_record(
            actor=actor, action="referent_profile.update", obj=profile, details={"fields": changed}
        )
    return profile


# Applications ("Devenir référent") -----------------------------------------------------
def volunteer_coops(user) -> list[Coop]:
    """Coops where ``user`` is staff and not référent yet: where they may volunteer."""
    roles = roles_for(user)
    return [
        coop
        for coop in roles.coops
        if roles.in_coop(coop) & CoopRole.STAFF_ROLES
        and CoopRole.Role.REFERENT not in roles.in_coop(coop)
    ]


@transaction.atomic
def application_submit(
    *, user, coop: Coop, motivation: str, time_available: str
) -> ReferentApplication:
    """A staff member volunteers; their coop's managers and the federation are told."""
    if coop not in volunteer_coops(user):
        raise ValidationError(
            _("You can volunteer only in a coop where you work and are not référent yet.")
        )
    application = ReferentApplication(
        user=user, coop=coop, motivation=motivation.strip(), time_available=time_available.strip()
    )
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:
        raise ValidationError(
            _("You have already volunteered in this coop: the federation will answer soon.")
        ) from error
    audit_record(
        actor=user,
        action="referent_application.submit",
        obj=application,
        details={"user_id": user.pk},
    )
    context = {"application": application, "coop": coop, "person": user}
    _mail_each(
        coop_managers(coop, exclude=user),
        template="network_application_manager",
        context=context,
    )
    _mail_each(federation_admins(), template="network_application_federation", context=context)
    return application


def _lock_pending(application: ReferentApplication) -> ReferentApplication:
    locked = (
        ReferentApplication.objects.select_for_update(of=("self",))
        .select_related("user", "coop")
        .get(pk=application.pk)
    )
    if locked.status != ReferentApplication.Status.PENDING:
        raise ValidationError(_("This application has already been answered."))
    return locked


@transaction.atomic
def application_withdraw(*, user, application: ReferentApplication) -> ReferentApplication:
    if application.user_id != user.pk:
        raise PermissionError
    locked = _lock_pending(application)
    locked.status = ReferentApplication.Status.WITHDRAWN
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_at"])
    audit_record(actor=user, action="referent_application.withdraw", obj=locked)
    return locked


@transaction.atomic
def application_accept(
    *, actor, application: ReferentApplication, message: str = "", meetings: list | None = None
) -> ReferentMandate:
    """Welcome a volunteer: the référent role in their coop, a mandate, a welcome e-mail.

    ``meetings`` are the next network meetings named in the e-mail (the view passes
    those the events app knows; none is fine).
    """
    locked = _lock_pending(application)
    staff_role = (
        CoopRole.objects.filter(user=locked.user, coop=locked.coop, role__in=CoopRole.STAFF_ROLES)
        .exclude(role=CoopRole.Role.REFERENT)
        .order_by("role")
        .first()
    )
    if (
        staff_role is None
        and not CoopRole.objects.filter(
            user=locked.user, coop=locked.coop, role=CoopRole.Role.REFERENT
        ).exists()
    ):
        raise ValidationError(
            _("This person no longer works for %(coop)s: the application cannot be accepted.")
            % {"coop": locked.coop}
        )
    job_title = staff_role.job_title if staff_role else ""
    locked.status = ReferentApplication.Status.ACCEPTED
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_message = message.strip()
    locked.save(update_fields=["status", "decided_at", "decided_by", "decision_message"])
    profile = profile_for(locked.user, job_title=job_title)
    if profile.since is None:
        profile.since = timezone.localdate()
        profile.save(update_fields=["since", "updated_at"])
    coop_role_grant(
        actor=actor,
        user=locked.user,
        coop=locked.coop,
        role=CoopRole.Role.REFERENT,
        job_title=job_title,
    )
    # The role hook opened the mandate (or it was already open): link it to this application.
    mandate = ReferentMandate.objects.get(user=locked.user, coop=locked.coop, ended_on__isnull=True)
    if mandate.application_id is None:
        mandate.application = locked
        mandate.save(update_fields=["application"])
    audit_record(
        actor=actor,
        action="referent_application.accept",
        obj=locked,
        details={"user_id": locked.user_id},
    )
    _mail_each(
        [locked.user],
        template="network_welcome",
        context={
            "application": locked,
            "coop": locked.coop,
            "welcomer": actor,
            "meetings": meetings or [],
        },
        reply_to=[actor.email] if getattr(actor, "email", "") else None,
    )
    return mandate


@transaction.atomic
def application_decline(
    *, actor, application: ReferentApplication, reason: str
) -> ReferentApplication:
    """Decline, always with a reason that the volunteer receives."""
    if not reason.strip():
        raise ValidationError({"decision_message": _("Say why, for the person who volunteered.")})
    locked = _lock_pending(application)
    locked.status = ReferentApplication.Status.DECLINED
    locked.decided_at = timezone.now()
    locked.decided_by = actor
    locked.decision_message = reason.strip()
    locked.save(update_fields=["status", "decided_at", "decided_by", "decision_message"])
    audit_record(
        actor=actor,
        action="referent_application.decline",
        obj=locked,
        details={"user_id": locked.user_id},
    )
    _mail_each(
        [locked.user],
        template="network_application_declined",
        context={"application": locked, "coop": locked.coop, "decider": actor},
        reply_to=[actor.email] if getattr(actor, "email", "") else None,
    )
    return locked


# Mandates -------------------------------------------------------------------------------
def _close_mandate(mandate: ReferentMandate, *, reason: str, note: str = "") -> None:
    mandate.ended_on = max(timezone.localdate(), mandate.started_on)
    mandate.end_reason = reason
    mandate.end_note = note.strip()
    mandate.save(update_fields=["ended_on", "end_reason", "end_note"])


def _end(*, actor, mandate: ReferentMandate, reason: str, note: str) -> ReferentMandate:
    locked = (
        ReferentMandate.objects.select_for_update(of=("self",))
        .select_related("user", "coop")
        .get(pk=mandate.pk)
    )
    if not locked.is_open:
        raise ValidationError(_("This mandate has already ended."))
    _close_mandate(locked, reason=reason, note=note)
    audit_record(
        actor=actor,
        action="referent_mandate.end",
        obj=locked,
        details={"user_id": locked.user_id, "reason": reason},
    )
    role = CoopRole.objects.filter(
        user=locked.user, coop=locked.coop, role=CoopRole.Role.REFERENT
    ).first()
    if role is not None:
        coop_role_revoke(actor=actor, coop_role=role)
    context = {"mandate": locked, "coop": locked.coop, "person": locked.user, "actor": actor}
    _mail_each(
        [p for p in federation_admins() if p != actor],
        template="network_mandate_ended",
        context=context,
    )
    _mail_each(
        coop_managers(locked.coop, exclude=locked.user),
        template="network_mandate_ended",
        context=context,
    )
    return locked


@transaction.atomic
def mandate_step_down(*, user, mandate: ReferentMandate, note: str = "") -> ReferentMandate:
    """A référent steps down: the role ends, the mandate's dates stay in the history."""
    if mandate.user_id != user.pk:
        raise PermissionError
    return _end(
        actor=user, mandate=mandate, reason=ReferentMandate.EndReason.STEPPED_DOWN, note=note
    )


@transaction.atomic
def mandate_end(*, actor, mandate: ReferentMandate, note: str) -> ReferentMandate:
    """The federation ends a mandate (the person left their coop…), saying why."""
    if not note.strip():
        raise ValidationError({"note": _("Say why the mandate ends.")})
    return _end(
        actor=actor,
        mandate=mandate,
        reason=ReferentMandate.EndReason.ENDED_BY_FEDERATION,
        note=note,
    )


# Hooks plugged into other apps -------------------------------------------------------
def on_coop_role_change(*, actor, coop_role: CoopRole, granted: bool) -> None:
    """Keep mandates in step with the référent role, whichever page changed it."""
    if coop_role.role != CoopRole.Role.REFERENT:
        return
    open_mandate = (
        ReferentMandate.objects.select_for_update()
        .filter(user_id=coop_role.user_id, coop_id=coop_role.coop_id, ended_on__isnull=True)
        .first()
    )
    if granted and open_mandate is None:
        ReferentMandate.objects.create(
            user_id=coop_role.user_id, coop_id=coop_role.coop_id, started_on=timezone.localdate()
        )
        profile_for(coop_role.user, job_title=coop_role.job_title)
    elif not granted and open_mandate is not None:
        _close_mandate(open_mandate, reason=ReferentMandate.EndReason.ROLE_WITHDRAWN)


def on_user_anonymise(*, user) -> None:
    """Erase what the network holds about a person whose account is deleted (RGPD)."""
    for mandate in ReferentMandate.objects.filter(user=user, ended_on__isnull=True):
        _close_mandate(mandate, reason=ReferentMandate.EndReason.ACCOUNT_CLOSED)
    applications = ReferentApplication.objects.filter(user=user)
    applications.filter(status=ReferentApplication.Status.PENDING).update(
        status=ReferentApplication.Status.WITHDRAWN, decided_at=timezone.now()
    )
    applications.update(motivation="", time_available="")
    profile = ReferentProfile.objects.filter(user=user).first()
    if profile is not None:
        if profile.photo:
            name, storage = profile.photo.name, profile.photo.storage
            transaction.on_commit(lambda: storage.delete(name))
        profile.delete()
