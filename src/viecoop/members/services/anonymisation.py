"""RGPD: departed members' personal data erased after the coop's retention period."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.audit.services import audit_record
from viecoop.organizations.models import Coop

from ..models import ContactChannel, Member, RegisterSettings
from .common import LedgerError

# Stored data, not interface text: the same in every language the register is read in.
ANONYMISED_NAME = "Associé anonymisé"


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February of a leap year
        return day.replace(year=day.year - years, day=28)


def members_due_for_anonymisation(*, coop: Coop, today: date):
    """Departed members whose coop's retention period is over and whose data is still there."""
    retention = RegisterSettings.objects.get_or_create(coop=coop)[0].retention_years
    return Member.objects.filter(
        coop=coop,
        status=Member.Status.LEFT,
        exit_date__lte=_years_before(today, retention),
        anonymised_at__isnull=True,
    )


@transaction.atomic
def member_anonymise(*, actor, member: Member) -> Member:
    """Erase a departed member's personal data; the ledger keeps its amounts and dates.

    The entry stays (its number is what the ledger lines and the legal register refer
    to) but says nothing about the person any more. A legal entity keeps its legal name
    (not personal data) and loses its representative's name.
    """
    member = Member.objects.select_for_update().get(pk=member.pk)
    if member.status != Member.Status.LEFT:
        raise LedgerError(_("Only a member who has left can be anonymised."))
    if member.anonymised_at is not None:
        return member
    if member.kind == Member.Kind.PERSON:
        member.first_name = ""
        member.last_name = ANONYMISED_NAME
    member.representative = ""
    member.birth_date = None
    member.email = member.phone = member.address = member.postal_code = member.city = ""
    member.residence = None
    member.user = None
    # Consents and preferences said how to reach a person who is no longer there.
    member.consents.all().delete()
    member.preferred_channel = ContactChannel.POST
    member.topics = []
    member.anonymised_at = timezone.now()
    member.search_text = member.build_search_text()
    member.save()
    member.exit_requests.update(message="")
    audit_record(
        actor=actor, action="member.anonymise", obj=member, details={"number": member.number}
    )
    return member


def anonymise_departed_members(*, today: date, dry_run: bool = False) -> dict[str, int]:
    """Apply every coop's retention period (run daily by the scheduler). Returns counts per coop."""
    counts = {}
    for coop in Coop.objects.order_by("slug"):
        due = list(members_due_for_anonymisation(coop=coop, today=today))
        if due and not dry_run:
            for member in due:
                member_anonymise(actor=None, member=member)
        if due:
            counts[coop.slug] = len(due)
    return counts
