"""What staff read out of the register: voting rights at a date, the legal register (PDF or
CSV), a member's certificate of shares."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.core.pdf import pdf_response, render_pdf
from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, scoped_get

from . import selectors, services, voting
from .documents import jobs, register_pdf
from .documents.register import legal_register_members
from .forms import (
    VotingDateForm,
)
from .models import (
    Member,
    RegisterSettings,
)

PAGE_SIZE = 50


@coop_view("members.view_register")
def voting_rights(request, coop: Coop):
    """Voting rights at a date: per college, with the rule applied, and per member as CSV."""
    form = VotingDateForm(request.GET or None, initial={"on": timezone.localdate()})
    on = (
        form.cleaned_data["on"]
        if form.is_valid() and form.cleaned_data.get("on")
        else timezone.localdate()
    )
    try:
        rights = selectors.voting_rights_at(coop=coop, on=on)
        problems = []
    except voting.ProfileError as error:
        rights, problems = None, list(error.messages)
    if rights is not None and request.GET.get("format") == "csv":
        return _voting_rights_csv(coop, on, rights)
    # Percentages for display and for the bars' widths only; results stay exact Fractions.
    colleges = [
        {"result": college, "percent": round(float(college.weight * 100), 1)}
        for college in (rights.colleges if rights else ())
    ]
    return render(
        request,
        "members/voting_rights.html",
        {
            "coop": coop,
            "form": form,
            "on": on,
            "rights": rights,
            "colleges": colleges,
            "problems": problems,
        },
    )


def _voting_rights_csv(coop: Coop, on, rights) -> HttpResponse:
    # Each voter in the college they had on that date (their college history), by its name.
    names = {college.code: college.name for college in rights.colleges}
    members = (
        Member.objects.filter(coop=coop)  # not « pk in (30,000 ids) »: SQLite caps parameters
        .only("pk", "number", "kind", "first_name", "last_name", "legal_name")
        .order_by("last_name", "first_name", "legal_name")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="droits-de-vote-{coop.slug}-{on:%Y-%m-%d}.csv"'
    )
    response.write("\ufeff")  # so that Excel reads UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Member number"), _("Name"), _("College"), _("Votes")])
    for member in members.iterator(chunk_size=2000):
        if member.pk not in rights.members:
            continue
        writer.writerow(
            [
                member.number,
                member.display_name,
                names[rights.members[member.pk].college],
                rights.members[member.pk].votes,
            ]
        )
    return response


@coop_view("members.view_register")
def legal_register(request, coop: Coop):
    """The register of members and share movements at a date, as PDF or CSV (for auditors).

    A big coop's PDF (thousands of pages) is made in the background, with a progress bar.
    """
    form = VotingDateForm(request.GET or None)
    on = (
        form.cleaned_data["on"]
        if form.is_valid() and form.cleaned_data.get("on")
        else timezone.localdate()
    )
    if request.GET.get("format") != "csv":
        rows = jobs.register_rows(coop=coop, on=on)
        if rows > jobs.INLINE_REGISTER_MAX_ROWS:
            job = jobs.register_job_create(actor=request.user, coop=coop, on=on, rows=rows)
            return redirect(job.get_absolute_url())
    members = legal_register_members(coop=coop, on=on)
    operations = selectors.ledger(coop=coop).filter(effective_date__lte=on).order_by("sequence")
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="registre-{coop.slug}-{on:%Y-%m-%d}.csv"'
        )
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
                _("Member number"),
                _("Name"),
                _("Address"),
                _("Postal code"),
                _("City"),
                _("College"),
                _("Admission date"),
                _("Shares"),
            ]
        )
        for m in members:
            writer.writerow(
                [
                    m.number,
                    m.display_name,
                    m.address,
                    m.postal_code,
                    m.city,
                    m.college.name,
                    f"{m.admission_date:%d/%m/%Y}",
                    m.shares,
                ]
            )
        writer.writerow([])
        writer.writerow(
            [
                _("N°"),
                _("Date"),
                _("Operation"),
                _("Member number"),
                _("Receiving member"),
                _("Shares"),
                _("Unit price"),
                _("Board decision"),
            ]
        )
        for op in operations.iterator(chunk_size=2000):
            writer.writerow(
                [
                    op.sequence,
                    f"{op.effective_date:%d/%m/%Y}",
                    op.get_kind_display(),
                    op.member.number,
                    op.counterpart.number if op.counterpart_id else "",
                    op.shares,
                    str(op.unit_price).replace(".", ","),
                    op.board_decision,
                ]
            )
        return response
    pdf = register_pdf(
        coop=coop,
        on=on,
        members=members,
        operations=operations.iterator(chunk_size=2000),
        capital=selectors.capital(coop=coop, on=on),
    )
    return pdf_response(pdf, f"registre-{coop.slug}-{on:%Y-%m-%d}.pdf")


def certificate_pdf(request, coop: Coop, member: Member):
    on = timezone.localdate()
    shares = services.member_balance(member=member, on=on)
    nominal = RegisterSettings.objects.get_or_create(coop=coop)[0].share_nominal
    pdf = render_pdf(
        "members/pdf_certificate.html",
        {
            "coop": coop,
            "member": member,
            "on": on,
            "today": on,
            "shares": shares,
            "nominal": nominal,
            "amount": shares * nominal,
        },
        request=request,
    )
    return pdf_response(pdf, f"attestation-parts-{coop.slug}-{member.number}.pdf")


@coop_view("members.view_register")
def member_certificate(request, coop: Coop, pk: int):
    member = scoped_get(Member.objects.select_related("college"), coop=coop, pk=pk)
    return certificate_pdf(request, coop, member)
