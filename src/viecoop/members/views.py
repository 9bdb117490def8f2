"""The register pages of a coop's staff: members, admissions, exits and the share ledger."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.core.forms import add_service_errors
from viecoop.core.htmx import render_page
from viecoop.core.pdf import pdf_response, render_pdf
from viecoop.organizations.models import Coop, Residence
from viecoop.organizations.tenancy import coop_view, scoped_get

from . import selectors, services, voting
from .documents import register_pdf
from .forms import (
    AdmitForm,
    ConsentRecordForm,
    LeaveForm,
    MemberForm,
    MemberInviteForm,
    ShareOperationForm,
    VotingDateForm,
)
from .models import (
    Category,
    College,
    ConsentChannel,
    ConsentPurpose,
    ConsentText,
    ExitRequest,
    Member,
    RegisterSettings,
)

PAGE_SIZE = 50


def _number_order(member: Member) -> tuple:
    """Member numbers in natural order: 2 before 10, numbers before other codes."""
    return (0, int(member.number), "") if member.number.isdigit() else (1, 0, member.number)


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@coop_view("members.view_register")
def member_list(request, coop: Coop):
    filters = {
        "search": request.GET.get("q", "").strip()[:100],
        "status": request.GET.get("statut", "")
        if request.GET.get("statut") in Member.Status.values
        else "",
        "category": _int_or_none(request.GET.get("categorie")),
        "college": _int_or_none(request.GET.get("college")),
        "residence": _int_or_none(request.GET.get("residence")),
        "e_convocation": {"oui": True, "non": False}.get(request.GET.get("convocation", "")),
    }
    page = Paginator(selectors.member_list(coop=coop, **filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "members/member_list.html",
        {
            "coop": coop,
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "statuses": Member.Status.choices,
            "categories": Category.objects.filter(coop=coop),
            "colleges": College.objects.filter(coop=coop),
            "residences": Residence.objects.filter(coop=coop).only("pk", "name"),
            "can_manage": request.user.has_perm("members.manage_register", coop),
            "can_configure": request.user.has_perm("members.manage_register_settings", coop),
        },
    )


@coop_view("members.view_register")
def member_detail(request, coop: Coop, pk: int):
    member = scoped_get(
        Member.objects.select_related("category", "college", "residence", "user"), coop=coop, pk=pk
    )
    history, balance = selectors.member_history_with_balance(member=member)
    return render(
        request,
        "members/member_detail.html",
        {
            "coop": coop,
            "member": member,
            "history": history,
            "balance": balance,
            "can_manage": request.user.has_perm("members.manage_register", coop),
            "can_record": request.user.has_perm("members.manage_ledger", coop),
            "pending_exit": member.exit_requests.filter(status=ExitRequest.Status.PENDING).first(),
            "consents": consent_rows(member),
            "consent_history": list(selectors.consent_history(member=member)[:100]),
            "college_changes": list(
                member.college_changes.select_related("from_college", "to_college").order_by(
                    "-effective_date", "-pk"
                )
            ),
        },
    )


def consent_rows(member: Member) -> list[dict]:
    """Each purpose with the consent in force and the coop's current text (4 queries)."""
    state = selectors.consents_of(member=member)
    current = {
        text.purpose: text
        for text in ConsentText.objects.filter(coop_id=member.coop_id).order_by("version")
    }
    return [
        {
            "purpose": purpose,
            "label": label,
            "consent": state[purpose],
            "text": current.get(purpose),
            "outdated": bool(
                state[purpose]
                and current.get(purpose)
                and state[purpose].text_id != current[purpose].pk
            ),
        }
        for purpose, label in ConsentPurpose.choices
    ]


@coop_view("members.manage_register")
def member_consent(request, coop: Coop, pk: int):
    """Staff record a consent given or withdrawn outside the site (a signed paper form…)."""
    member = scoped_get(Member.objects, coop=coop, pk=pk)
    initial = {"on": timezone.localdate(), "channel": ConsentChannel.PAPER, "given": "1"}
    if request.GET.get("objet") in ConsentPurpose.values:
        initial["purpose"] = request.GET["objet"]
    form = ConsentRecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consent = services.consent_record(
                actor=request.user,
                member=member,
                purpose=data["purpose"],
                given=data["given"],
                channel=data["channel"],
                on=data["on"],
                note=data["note"],
            )
        except services.ConsentError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if consent is not None:
                messages.success(request, _("The consent is recorded in the member's history."))
            url = reverse("members:member_detail", kwargs={"coop_slug": coop.slug, "pk": member.pk})
            return redirect(f"{url}#consents")
    return render(
        request,
        "members/member_consent.html",
        {"coop": coop, "form": form, "member": member, "consents": consent_rows(member)},
    )


@coop_view("members.manage_register")
def member_create(request, coop: Coop):
    return _member_form(request, coop, None)


@coop_view("members.manage_register")
def member_update(request, coop: Coop, pk: int):
    return _member_form(request, coop, scoped_get(Member.objects, coop=coop, pk=pk))


def _member_form(request, coop: Coop, member: Member | None):
    form = MemberForm(request.POST or None, instance=member, coop=coop)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if member is None:
                member = services.member_create(actor=request.user, coop=coop, **data)
                messages.success(
                    request, _("%(name)s is registered as a candidate.") % {"name": member}
                )
            else:
                member = services.member_update(
                    actor=request.user,
                    member=Member.objects.get(pk=member.pk),
                    college_since=form.cleaned_data.get("college_since"),
                    **data,
                )
                messages.success(request, _("The member's details have been saved."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("members:member_detail", coop_slug=coop.slug, pk=member.pk)
    return render(
        request, "members/member_form.html", {"coop": coop, "form": form, "member": member}
    )


@coop_view("members.manage_register")
def member_admit(request, coop: Coop, pk: int):
    member = scoped_get(Member.objects, coop=coop, pk=pk)
    nominal = RegisterSettings.objects.get_or_create(coop=coop)[0].share_nominal
    form = AdmitForm(
        request.POST or None,
        initial={"admission_date": timezone.localdate(), "unit_price": nominal, "shares": 1},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.member_admit(actor=request.user, member=member, **form.cleaned_data)
        except services.LedgerError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is admitted.") % {"name": member})
            return redirect("members:member_detail", coop_slug=coop.slug, pk=member.pk)
    return render(
        request, "members/member_admit.html", {"coop": coop, "form": form, "member": member}
    )


@coop_view("members.manage_register")
def member_leave(request, coop: Coop, pk: int):
    member = scoped_get(Member.objects, coop=coop, pk=pk)
    form = LeaveForm(request.POST or None, initial={"exit_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.member_leave(actor=request.user, member=member, **form.cleaned_data)
        except services.LedgerError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The exit of %(name)s is recorded.") % {"name": member})
            return redirect("members:member_detail", coop_slug=coop.slug, pk=member.pk)
    return render(
        request, "members/member_leave.html", {"coop": coop, "form": form, "member": member}
    )


@coop_view("members.view_register")
def ledger(request, coop: Coop):
    page = Paginator(selectors.ledger(coop=coop), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/ledger.html",
        {
            "coop": coop,
            "page": page,
            "capital": selectors.capital(coop=coop),
            "can_record": request.user.has_perm("members.manage_ledger", coop),
        },
    )


@coop_view("members.manage_ledger")
def operation_create(request, coop: Coop):
    nominal = RegisterSettings.objects.get_or_create(coop=coop)[0].share_nominal
    initial = {
        "effective_date": timezone.localdate(),
        "unit_price": nominal,
        "kind": "subscription",
    }
    if request.GET.get("associe"):
        initial["member_number"] = request.GET["associe"][:30]
    form = ShareOperationForm(request.POST or None, coop=coop, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            operation = services.share_operation_record(
                actor=request.user,
                coop=coop,
                kind=data["kind"],
                member=data["member"],
                counterpart=data["counterpart"],
                shares=data["shares"],
                unit_price=data["unit_price"],
                effective_date=data["effective_date"],
                board_decision=data["board_decision"],
                board_decision_date=data["board_decision_date"],
                note=data["note"],
            )
        except services.LedgerError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Operation n°%(sequence)s is recorded in the ledger.")
                % {"sequence": operation.sequence},
            )
            return redirect("members:ledger", coop_slug=coop.slug)
    return render(request, "members/operation_form.html", {"coop": coop, "form": form})


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
    members = (
        Member.objects.filter(pk__in=rights.members)
        .select_related("college")
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
        writer.writerow(
            [
                member.number,
                member.display_name,
                member.college.name,
                rights.members[member.pk].votes,
            ]
        )
    return response


@coop_view("members.manage_register")
def member_invite(request, coop: Coop, pk: int):
    member = scoped_get(Member.objects, coop=coop, pk=pk)
    form = MemberInviteForm(
        request.POST or None,
        initial={"channel": "email" if member.email else "letter", "email": member.email},
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation, code = services.member_invite(
                actor=request.user,
                member=member,
                channel=form.cleaned_data["channel"],
                email=form.cleaned_data["email"] or "",
            )
        except services.LedgerError as error:
            form.add_error(None, str(error))
        else:
            if invitation.channel == "letter":
                # The clear code exists only now: the letter is printed from this page.
                return render(
                    request,
                    "organizations/invitation_letter.html",
                    {"coop": coop, "invitation": invitation, "code": code, "member": member},
                )
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("members:member_detail", coop_slug=coop.slug, pk=member.pk)
    return render(
        request, "members/member_invite.html", {"coop": coop, "form": form, "member": member}
    )


@coop_view("members.view_register")
def legal_register(request, coop: Coop):
    """The register of members and share movements at a date, as PDF or CSV (for auditors)."""
    form = VotingDateForm(request.GET or None)
    on = (
        form.cleaned_data["on"]
        if form.is_valid() and form.cleaned_data.get("on")
        else timezone.localdate()
    )
    members = sorted(
        Member.objects.filter(coop=coop, admission_date__lte=on)
        .exclude(status=Member.Status.LEFT, exit_date__lte=on)
        .select_related("college")
        .with_shares(on=on),
        key=_number_order,
    )
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
