"""Consents (append-only, with the version of the text agreed to) and communication
preferences of members, written by the member online or by staff from a paper form.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.organizations.models import Coop

from ..models import (
    Consent,
    ConsentChannel,
    ConsentPurpose,
    ConsentText,
    ContactChannel,
    Member,
    Topic,
)

# Stored data, not interface text: the words members of a French coop agree to, version 1
# of every coop's texts (managers publish their own versions). Also in migration 0007.
DEFAULT_CONSENT_TEXTS = {
    ConsentPurpose.E_CONVOCATION: (
        "Convocation électronique aux assemblées générales",
        "J'accepte de recevoir par courrier électronique, à l'adresse que j'ai donnée à la "
        "coopérative, les convocations aux assemblées générales et les documents qui les "
        "accompagnent, au lieu d'un envoi par la poste (article R. 225-63 du code de commerce).\n\n"
        "Je peux à tout moment revenir à l'envoi par la poste, depuis mon espace associé ou en "
        "le demandant à la coopérative.",
    ),
    ConsentPurpose.NEWS: (
        "Informations de la coopérative par courriel",
        "J'accepte de recevoir par courrier électronique les informations et les lettres "
        "d'information de la coopérative : vie coopérative, projets, événements.\n\n"
        "Je peux me désinscrire à tout moment.",
    ),
    ConsentPurpose.PHOTOS: (
        "Photos et vidéos",
        "J'autorise la coopérative à utiliser, sans contrepartie, les photos et vidéos où "
        "j'apparais, prises lors de ses événements, dans ses publications (journal, site "
        "internet, réseaux sociaux).\n\n"
        "Je peux retirer mon accord à tout moment ; les publications à venir en tiendront compte.",
    ),
}


class ConsentError(Exception):
    """A consent the register refuses, with a message for people."""


def consent_texts_setup(*, coop: Coop) -> None:
    """Version 1 of every consent text for a new coop (idempotent)."""
    for purpose, (title, body) in DEFAULT_CONSENT_TEXTS.items():
        if not ConsentText.objects.filter(coop=coop, purpose=purpose).exists():
            ConsentText.objects.create(
                coop=coop, purpose=purpose, version=1, title=title, body=body
            )


def current_consent_text(*, coop: Coop, purpose: str) -> ConsentText:
    text = ConsentText.objects.filter(coop=coop, purpose=purpose).order_by("-version").first()
    if text is None:  # a coop created before the texts existed
        consent_texts_setup(coop=coop)
        text = ConsentText.objects.filter(coop=coop, purpose=purpose).order_by("-version").first()
    return text


@transaction.atomic
def consent_text_publish(*, actor, coop: Coop, purpose: str, title: str, body: str) -> ConsentText:
    """A new version of a consent text. Consents given to earlier versions stay valid and
    keep pointing to the words agreed to; members see that the text changed.
    """
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Unknown purpose.")})
    title, body = " ".join((title or "").split()), (body or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the text a title.")})
    if not body:
        raise ValidationError({"body": _("Write the text members agree to.")})
    # Lock the coop's texts of this purpose: two managers publishing at once get 2 and 3.
    list(ConsentText.objects.select_for_update().filter(coop=coop, purpose=purpose))
    current = ConsentText.objects.filter(coop=coop, purpose=purpose).order_by("-version").first()
    if current and current.title == title and current.body == body:
        return current
    last = ConsentText.objects.filter(coop=coop, purpose=purpose).aggregate(n=Max("version"))["n"]
    text = ConsentText.objects.create(
        coop=coop,
        purpose=purpose,
        version=(last or 0) + 1,
        title=title,
        body=body,
        published_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="consent_text.publish",
        obj=text,
        coop=coop,
        details={"purpose": purpose, "version": text.version},
    )
    return text


def _latest(member: Member, purpose: str) -> Consent | None:
    return (
        Consent.objects.filter(member=member, purpose=purpose)
        .select_related("text")
        .order_by("-date", "-pk")
        .first()
    )


@transaction.atomic
def consent_record(
    *,
    actor,
    member: Member,
    purpose: str,
    given: bool,
    channel: str,
    on: date | None = None,
    note: str = "",
    text: ConsentText | None = None,
) -> Consent | None:
    """Add a line to the member's consent history (``None`` when it would change nothing).

    ``on`` is the date of the consent (the date written on a paper form; today online).
    A consent is to the coop's current text unless ``text`` says which version was signed.
    E-mail notices need an e-mail address to send them to.
    """
    member = Member.objects.select_for_update().select_related("coop").get(pk=member.pk)
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Unknown purpose.")})
    if channel not in ConsentChannel.values:
        raise ValidationError({"channel": _("Choose how the member gave their answer.")})
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationError({"on": _("This date is in the future.")})
    if member.status == Member.Status.LEFT and given:
        raise ConsentError(_("A member who has left cannot give a consent."))
    if given and purpose == ConsentPurpose.E_CONVOCATION and not member.email:
        raise ConsentError(
            _(
                "Notices by e-mail need an e-mail address: add it to the member's contact "
                "details first."
            )
        )
    if text is None:
        text = current_consent_text(coop=member.coop, purpose=purpose)
    elif text.coop_id != member.coop_id or text.purpose != purpose:
        raise ValidationError({"text": _("This text is not the coop's text for this consent.")})
    latest = _latest(member, purpose)
    if (
        latest is not None
        and latest.date <= on
        and latest.given == given
        and latest.text_id == text.pk
        and channel == ConsentChannel.ONLINE
    ):
        return None  # the same answer again, online: nothing new to keep
    consent = Consent.objects.create(
        coop=member.coop,
        member=member,
        purpose=purpose,
        given=given,
        text=text,
        date=on,
        channel=channel,
        note=note.strip()[:255],
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="member.consent",
        obj=member,
        coop=member.coop,
        details={
            "purpose": purpose,
            "given": given,
            "channel": channel,
            "date": on,
            "text_version": text.version,
        },
    )
    return consent


PREFERENCE_FIELDS = ("preferred_channel", "language", "topics")


@transaction.atomic
def member_update_preferences(*, actor, member: Member, **data: Any) -> Member:
    """How and about what the member wants to hear (by the member, or by staff for them)."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if "preferred_channel" in data and data["preferred_channel"] not in ContactChannel.values:
        raise ValidationError({"preferred_channel": _("Choose e-mail or post.")})
    if "topics" in data:
        unknown = set(data["topics"]) - set(Topic.values)
        if unknown:
            raise ValidationError({"topics": _("Unknown topic.")})
        data["topics"] = [t for t in Topic.values if t in data["topics"]]  # a stable order
    if data.get("preferred_channel") == ContactChannel.EMAIL and not member.email:
        raise ValidationError(
            {"preferred_channel": _("To be contacted by e-mail, give an e-mail address.")}
        )
    changed = [
        name for name in PREFERENCE_FIELDS if name in data and getattr(member, name) != data[name]
    ]
    if not changed:
        return member
    for name in changed:
        setattr(member, name, data[name])
    member.full_clean()
    member.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        action="member.preferences",
        obj=member,
        coop=member.coop,
        details={"fields": changed},
    )
    return member
