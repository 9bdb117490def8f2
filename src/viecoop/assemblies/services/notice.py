"""Sending the notice: the rules are frozen into the assembly, then a background job e-mails the
members who consented and prints a letter (mail-merge PDF) for the others.

A voter without an account gets a one-time activation code (the accounts app's invitation
mechanism, letter channel: the code travels in the notice, never stored in clear) with its QR
code; accepting it creates the account and links it to the register entry, so they can vote.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from viecoop.audit.services import audit_record
from viecoop.core.mail import send_templated_email
from viecoop.members.models import Member

from .. import checks, engine
from ..consent import electronic_notice_consents
from ..governance import fingerprint, rules_from_profile
from ..models import Assembly, AssemblyJob, Voter
from . import AssemblyError
from .profile import governance_profile_for

logger = logging.getLogger(__name__)
CHUNK = 500


@transaction.atomic
def notice_send(*, actor, assembly: Assembly, acknowledge_warnings: bool = False) -> AssemblyJob:
    """Freeze the rules (``GovernanceRules.to_dict()`` and its SHA-256) and send the notice.

    Refused while a blocking gap remains (no list of voters…); the engine's warnings (notice
    period too short…) must be acknowledged by the person sending it.
    """
    assembly = Assembly.objects.select_for_update().select_related("coop").get(pk=assembly.pk)
    if assembly.status != Assembly.Status.DRAFT:
        raise AssemblyError(_("The notice of this assembly has already been sent."))
    loaded = (
        Assembly.objects.prefetch_related("resolutions__documents", "elections__candidates")
        .select_related("first_meeting", "coop")
        .get(pk=assembly.pk)
    )
    loaded.general_documents = list(loaded.documents.filter(resolution__isnull=True))
    problems = checks.assembly_warnings(assembly=loaded)
    blocking = [p for p in problems if p.level == "error"]
    if blocking:
        raise AssemblyError(" ".join(p.message for p in blocking))
    if problems and not acknowledge_warnings:
        raise AssemblyError(_("Read the warnings and confirm that the notice may go anyway."))
    if not assembly.voters.exists():
        raise AssemblyError(_("Nobody is on the list of voters."))
    rules = rules_from_profile(
        governance_profile_for(coop=assembly.coop), draw_seed=assembly.draw_seed
    )
    engine.ensure_valid(rules)
    assembly.rules = rules.to_dict()
    assembly.rules_hash = fingerprint(assembly.rules)
    assembly.status = Assembly.Status.CONVENED
    assembly.notice_sent_at = timezone.now()
    assembly.save(update_fields=["rules", "rules_hash", "status", "notice_sent_at", "updated_at"])
    audit_record(
        actor=actor,
        action="assembly.notice_send",
        obj=assembly,
        details={
            "rules_hash": assembly.rules_hash,
            "rules": assembly.rules,
            "warnings": [p.message for p in problems],
            "voters": assembly.voters.count(),
        },
    )
    return notice_job_start(actor=actor, assembly=assembly)


def notice_job_start(*, actor, assembly: Assembly) -> AssemblyJob:
    """Queue the notice job (e-mails and letters); the page follows its progress."""
    from ..tasks import run_assembly_job

    job = AssemblyJob.objects.create(
        assembly=assembly,
        kind=AssemblyJob.Kind.NOTICE,
        total=assembly.voters.count(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    transaction.on_commit(lambda: run_assembly_job.enqueue(job_id=job.pk))
    return job


@dataclass
class Letter:
    """What one printed letter carries."""

    voter: Voter
    member: Member
    code: str = ""  # activation code for online voting (members without an account)
    lines: list[str] = field(default_factory=list)


def _activation(member: Member, actor) -> str:
    from viecoop.accounts.services import invitation_create

    _invitation, code = invitation_create(
        actor=actor,
        channel="letter",
        coop=member.coop,
        coop_role="member",
        first_name=member.first_name,
        last_name=member.last_name,
        payload={"member_id": member.pk},
    )
    return code


def activation_url(code: str) -> str:
    return settings.SITE_URL + reverse("accounts:activate_code", kwargs={"code": code})


def assembly_url(assembly: Assembly) -> str:
    return settings.SITE_URL + assembly.get_absolute_url()


def run_notice_job(*, job: AssemblyJob) -> None:
    """E-mails to the consenting members, a letter to each of the others, by chunks of 500.

    Each chunk commits on its own (its invitations, e-mails and audit rows), and the progress
    is saved after it, so the page's bar moves and a crash loses one chunk at most.
    """
    from ..documents.letters import notice_letters_pdf

    assembly = Assembly.objects.select_related("coop").get(pk=job.assembly_id)
    actor = job.created_by
    voter_ids = list(assembly.voters.order_by("name", "number").values_list("pk", flat=True))
    consents = electronic_notice_consents(
        coop=assembly.coop,
        on=timezone.localdate(),
        member_ids=assembly.voters.values_list("member_id", flat=True),
    )
    letters: list[Letter] = []
    emails = 0
    for start in range(0, len(voter_ids), CHUNK):
        chunk = voter_ids[start : start + CHUNK]
        with transaction.atomic():
            voters = Voter.objects.filter(pk__in=chunk).select_related("member", "member__user")
            order = {pk: i for i, pk in enumerate(chunk)}
            for voter in sorted(voters, key=lambda v: order[v.pk]):
                member = voter.member
                needs_code = member.user_id is None and member.kind == Member.Kind.PERSON
                code = _activation(member, actor) if needs_code else ""
                if member.pk in consents and member.email:
                    _send_notice_email(assembly, voter, member, code)
                    emails += 1
                else:
                    letters.append(Letter(voter=voter, member=member, code=code))
            AssemblyJob.objects.filter(pk=job.pk).update(
                processed=min(start + len(chunk), job.total),
                emails_sent=emails,
                letters=len(letters),
                status=AssemblyJob.Status.RUNNING,
            )
    with override(settings.LANGUAGE_CODE):
        pdf = notice_letters_pdf(assembly=assembly, letters=letters) if letters else b""
    with transaction.atomic():
        job = AssemblyJob.objects.select_for_update().get(pk=job.pk)
        if pdf:
            job.file.save(f"convocations-{assembly.pk}.pdf", ContentFile(pdf), save=False)
        job.status = AssemblyJob.Status.DONE
        job.processed = job.total
        job.emails_sent, job.letters = emails, len(letters)
        job.finished_at = timezone.now()
        job.save()
        audit_record(
            actor=actor,
            action="assembly.notice_done",
            obj=assembly,
            details={"emails": emails, "letters": len(letters)},
        )


def _send_notice_email(assembly: Assembly, voter: Voter, member: Member, code: str) -> None:
    language = member.user.language if member.user_id else settings.LANGUAGE_CODE
    send_templated_email(
        template="assembly_notice",
        to=[member.email],
        language=language,
        context={
            "assembly": assembly,
            "coop": assembly.coop,
            "voter": voter,
            "member": member,
            "code": code,
            "activation_url": activation_url(code) if code else "",
            "url": assembly_url(assembly),
            "resolutions": list(assembly.resolutions.order_by("position")),
        },
    )
