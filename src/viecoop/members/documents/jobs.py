"""Documents made in the background with a progress bar: activation letters (one member or a
mail-merge batch) and the legal register of a big coop. The same life as an import job:
created in a request, run by a ``django-tasks`` task after commit (small ones in the request
itself), the page polling its progress, the file kept privately for a while then deleted.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import IntegerField, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.organizations.models import Coop

from ..models import DocumentJob, ImportJob, Member, ShareOperation
from .letters import Letter, Sender, address_lines, letters_pdf

logger = logging.getLogger(__name__)

# Batches up to this size are made in the request (a letter takes a few milliseconds).
INLINE_LETTERS_MAX = 25
# A legal register of more rows (members + operations) than this is made in the background.
INLINE_REGISTER_MAX_ROWS = 5000
# How long the files stay: letters hold activation codes (valid 120 days) and are printed
# at once; registers are downloaded at once. The daily purge deletes them after that.
KEPT = {DocumentJob.Kind.LETTERS: timedelta(days=30), DocumentJob.Kind.REGISTER: timedelta(days=7)}
INVITATIONS_PER_TRANSACTION = 200
PROGRESS_EVERY = 50


class DocumentRefused(Exception):
    """A document the register cannot make, with a message for people."""


# ---------------------------------------------------------------------------------------------
# Activation letters
# ---------------------------------------------------------------------------------------------


def pending_letters(*, coop: Coop) -> QuerySet:
    """Member ids of the register's letters whose code still works (printed, not used yet)."""
    from viecoop.accounts.models import Invitation

    return (
        Invitation.objects.filter(
            coop=coop,
            channel=Invitation.Channel.LETTER,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            payload__has_key="member_id",  # no NULL in a NOT IN below
        )
        .annotate(member_id=Cast(KeyTextTransform("member_id", "payload"), IntegerField()))
        .values("member_id")
    )


def letter_candidates(
    *,
    coop: Coop,
    without_email: bool = True,
    status: str = Member.Status.ADMITTED,
    residence: int | None = None,
    category: int | None = None,
    skip_pending: bool = False,
) -> QuerySet[Member]:
    """Members who may get an activation letter: people, still members, with no account yet
    (and, with ``skip_pending``, no letter whose code still works).
    """
    members = Member.objects.filter(
        coop=coop, kind=Member.Kind.PERSON, user__isnull=True, anonymised_at__isnull=True
    ).exclude(status=Member.Status.LEFT)
    if status in (Member.Status.ADMITTED, Member.Status.CANDIDATE):
        members = members.filter(status=status)
    if without_email:
        members = members.filter(email="")
    if residence:
        members = members.filter(residence_id=residence)
    if category:
        members = members.filter(category_id=category)
    if skip_pending:
        members = members.exclude(pk__in=pending_letters(coop=coop))
    return members.order_by("last_name", "first_name", "pk")


HAS_POSTAL_ADDRESS = ~Q(address="") & ~Q(postal_code="") & ~Q(city="")


def letters_job_create(
    *, actor, coop: Coop, member_ids: list[int], description: str = ""
) -> DocumentJob:
    """Ask for the activation letters of ``member_ids`` (the codes are made with the PDF)."""
    members = Member.objects.filter(coop=coop, pk__in=member_ids)
    if members.count() != len(set(member_ids)):
        raise DocumentRefused(_("Some of these members are not in the coop's register."))
    if not member_ids:
        raise DocumentRefused(_("No member to write to."))
    refused = members.exclude(kind=Member.Kind.PERSON) | members.filter(
        Q(user__isnull=False) | Q(status=Member.Status.LEFT)
    )
    if refused.exists():
        raise DocumentRefused(
            _("A letter is for a member (a person) still in the coop and without an account.")
        )
    with transaction.atomic():
        job = DocumentJob.objects.create(
            coop=coop,
            kind=DocumentJob.Kind.LETTERS,
            created_by=actor,
            params={"member_ids": sorted(set(member_ids))},
            description=description[:255],
            total=2 * len(set(member_ids)),  # the codes, then the pages
            filename=f"courriers-activation-{coop.slug}-{timezone.localdate():%Y-%m-%d}.pdf",
        )
        _start(job)
    return _after_start(job)


def _start(job: DocumentJob) -> None:
    if job.kind == DocumentJob.Kind.LETTERS:
        inline = len(job.params["member_ids"]) <= INLINE_LETTERS_MAX
    else:
        inline = job.total <= INLINE_REGISTER_MAX_ROWS
    job.params = {**job.params, "inline": inline}
    job.save(update_fields=["params"])
    if not inline:
        from .tasks import build_document

        transaction.on_commit(lambda: build_document.enqueue(job_id=job.pk))


def _after_start(job: DocumentJob) -> DocumentJob:
    if job.params.get("inline"):
        run_document_job(job_id=job.pk)
        job.refresh_from_db()
    return job


def _progress(job: DocumentJob, done: int) -> None:
    DocumentJob.objects.filter(pk=job.pk).update(processed=min(done, job.total))


def _sender(coop: Coop) -> Sender:
    place = f"{coop.postal_code} {coop.city}".strip()
    return Sender(
        name=coop.name,
        address_lines=tuple(line for line in (coop.address, place) if line),
        email=coop.email,
        city=coop.city,
    )


def _letters(job: DocumentJob) -> None:
    from viecoop.accounts.models import Invitation
    from viecoop.accounts.services import invitation_create, invitation_revoke
    from viecoop.organizations.models import CoopRole

    coop, actor = job.coop, job.created_by
    ids = job.params["member_ids"]
    members = list(
        Member.objects.filter(coop=coop, pk__in=ids).order_by("last_name", "first_name", "pk")
    )
    activate_path = reverse("accounts:activate")
    site = settings.SITE_URL
    letters: list[Letter] = []
    # 1. One invitation per member, made by the accounts service (audited), in chunks so that
    #    the page shows the progress. They carry the job's id: if anything fails later, they
    #    are cancelled, and the members' earlier letters stay valid.
    for start in range(0, len(members), INVITATIONS_PER_TRANSACTION):
        with transaction.atomic():
            for member in members[start : start + INVITATIONS_PER_TRANSACTION]:
                invitation, code = invitation_create(
                    actor=actor,
                    channel=Invitation.Channel.LETTER,
                    coop=coop,
                    coop_role=CoopRole.Role.MEMBER,
                    first_name=member.first_name,
                    last_name=member.last_name,
                    language=member.language,
                    payload={"member_id": member.pk, "letter_job": job.pk},
                )
                letters.append(
                    Letter(
                        name=f"{member.first_name} {member.last_name}".strip(),
                        address_lines=address_lines(
                            name=f"{member.first_name} {member.last_name.upper()}".strip(),
                            address=member.address,
                            postal_code=member.postal_code,
                            city=member.city,
                        ),
                        code=code,
                        url=site + reverse("accounts:activate_code", kwargs={"code": code}),
                        activate_url=(site + activate_path).split("://", 1)[-1],
                        expires=timezone.localdate(invitation.expires_at),
                        language=member.language,
                    )
                )
        _progress(job, len(letters))
    # 2. The pages.
    pdf, pages = letters_pdf(
        sender=_sender(coop),
        letters=letters,
        today=timezone.localdate(),
        progress=lambda count: _progress(job, len(members) + count),
        every=PROGRESS_EVERY,
    )
    # 3. The file, then the earlier letters of these members stop working.
    job.file.save(job.filename, ContentFile(pdf), save=False)
    with transaction.atomic():
        earlier = Invitation.objects.filter(
            coop=coop,
            channel=Invitation.Channel.LETTER,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            payload__member_id__in=ids,
        ).select_related("coop")
        for invitation in earlier:
            # (Not an .exclude() on the JSON key: SQL would drop the rows that lack it.)
            if invitation.payload.get("letter_job") != job.pk:
                invitation_revoke(actor=actor, invitation=invitation)
        _done(job, pages=pages)
        audit_record(
            actor=actor,
            action="members.letters",
            obj=job,
            coop=coop,
            details={"letters": len(letters), "members": [m.number for m in members][:5000]},
        )


def _cancel_invitations(job: DocumentJob) -> None:
    from viecoop.accounts.models import Invitation

    Invitation.objects.filter(
        coop=job.coop, payload__letter_job=job.pk, accepted_at__isnull=True
    ).update(revoked_at=timezone.now())


# ---------------------------------------------------------------------------------------------
# The legal register of a big coop
# ---------------------------------------------------------------------------------------------


def register_rows(*, coop: Coop, on: date) -> int:
    members = (
        Member.objects.filter(coop=coop, admission_date__lte=on)
        .exclude(status=Member.Status.LEFT, exit_date__lte=on)
        .count()
    )
    operations = ShareOperation.objects.filter(coop=coop, effective_date__lte=on).count()
    return members + operations


def register_job_create(*, actor, coop: Coop, on: date, rows: int | None = None) -> DocumentJob:
    """Ask for the legal register at ``on`` as PDF (in the background for a big coop)."""
    with transaction.atomic():
        job = DocumentJob.objects.create(
            coop=coop,
            kind=DocumentJob.Kind.REGISTER,
            created_by=actor,
            params={"on": on.isoformat()},
            total=rows if rows is not None else register_rows(coop=coop, on=on),
            filename=f"registre-{coop.slug}-{on:%Y-%m-%d}.pdf",
        )
        _start(job)
    return _after_start(job)


def _register(job: DocumentJob) -> None:
    from .. import selectors
    from .register import build_register_pdf, legal_register_members

    coop = job.coop
    on = date.fromisoformat(job.params["on"])
    members = legal_register_members(coop=coop, on=on)
    operations = selectors.ledger(coop=coop).filter(effective_date__lte=on).order_by("sequence")
    pdf, pages = build_register_pdf(
        coop=coop,
        on=on,
        members=members,
        operations=operations.iterator(chunk_size=2000),
        capital=selectors.capital(coop=coop, on=on),
        progress=lambda rows: _progress(job, rows),
    )
    job.file.save(job.filename, ContentFile(pdf), save=False)
    with transaction.atomic():
        _done(job, pages=pages)


# ---------------------------------------------------------------------------------------------
# Running, failing, purging
# ---------------------------------------------------------------------------------------------


def _done(job: DocumentJob, *, pages: int) -> None:
    now = timezone.now()
    DocumentJob.objects.filter(pk=job.pk).update(
        status=DocumentJob.Status.DONE,
        file=job.file.name,
        pages=pages,
        processed=job.total,
        finished_at=now,
        expires_at=now + KEPT[job.kind],
    )


def run_document_job(*, job_id: int) -> None:
    """Make the document (task or request). A failure leaves a message, never half a result."""
    job = DocumentJob.objects.select_related("coop", "created_by").get(pk=job_id)
    if job.status != DocumentJob.Status.QUEUED:
        return
    DocumentJob.objects.filter(pk=job.pk).update(status=DocumentJob.Status.RUNNING)
    language = (job.created_by.language if job.created_by else "") or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            if job.kind == DocumentJob.Kind.LETTERS:
                _letters(job)
            else:
                _register(job)
        except Exception:
            logger.exception("Document job %s failed", job.pk)
            if job.kind == DocumentJob.Kind.LETTERS:
                _cancel_invitations(job)
            if job.file.name:
                job.file.delete(save=False)
            DocumentJob.objects.filter(pk=job.pk).update(
                status=DocumentJob.Status.FAILED,
                finished_at=timezone.now(),
                error_message=str(
                    _("The document could not be made. Try again, or contact support.")
                ),
            )


@transaction.atomic
def document_job_delete(*, actor, job: DocumentJob) -> None:
    """Delete a document's file before its time (letters printed, codes off the server)."""
    job = DocumentJob.objects.select_for_update().get(pk=job.pk)
    if job.file.name:
        job.file.delete(save=False)
    DocumentJob.objects.filter(pk=job.pk).update(status=DocumentJob.Status.EXPIRED, file="")
    audit_record(
        actor=actor,
        action="document.delete",
        obj=job,
        coop=job.coop,
        details={"kind": job.kind, "file": job.filename},
    )


def purge_expired_documents(*, now=None, import_days: int = 30) -> dict[str, int]:
    """Delete the files of documents past their time, and of imports finished long ago
    (they hold members' personal data). Run daily with the RGPD job.
    """
    now = now or timezone.now()
    counts = {"documents": 0, "imports": 0}
    for job in DocumentJob.objects.filter(
        status=DocumentJob.Status.DONE, expires_at__lte=now
    ).iterator():
        if job.file.name:
            job.file.delete(save=False)
        DocumentJob.objects.filter(pk=job.pk).update(status=DocumentJob.Status.EXPIRED, file="")
        counts["documents"] += 1
    old_imports = ImportJob.objects.filter(
        status__in=(ImportJob.Status.DONE, ImportJob.Status.FAILED),
        updated_at__lte=now - timedelta(days=import_days),
    ).exclude(file="")
    for job in old_imports.iterator():
        name = job.file.name
        default_storage.delete(name)
        default_storage.delete(f"{name}.rows.json")  # a dry run's rows, if still there
        ImportJob.objects.filter(pk=job.pk).update(file="")
        counts["imports"] += 1
    return counts
