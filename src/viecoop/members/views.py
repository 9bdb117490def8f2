"""The register pages of a coop's staff: members, admissions, exits and the share ledger."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from viecoop.core.forms import add_service_errors
from viecoop.core.htmx import render_page
from viecoop.organizations.models import Coop, Residence
from viecoop.organizations.tenancy import coop_view, scoped_get

from . import selectors, services
from .consent_views import consent_rows
from .documents import jobs
from .forms import (
    AdmitForm,
    LeaveForm,
    MemberForm,
    MemberInviteForm,
    ShareOperationForm,
)
from .models import (
    Category,
    College,
    ExitRequest,
    Member,
    RegisterSettings,
)
from .pagination import DeferredJoinPaginator

PAGE_SIZE = 50


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
    page = DeferredJoinPaginator(
        selectors.member_list(coop=coop, with_shares=False, **filters), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    page.object_list = selectors.attach_shares(list(page.object_list))
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


@coop_view("members.manage_register")
def member_invite(request, coop: Coop, pk: int):
    member = scoped_get(Member.objects, coop=coop, pk=pk)
    form = MemberInviteForm(
        request.POST or None,
        initial={"channel": "email" if member.email else "letter", "email": member.email},
    )
    if request.method == "POST" and form.is_valid() and form.cleaned_data["channel"] == "letter":
        # The code is made with the letter's PDF: it exists in clear only in that file.
        try:
            job = jobs.letters_job_create(
                actor=request.user,
                coop=coop,
                member_ids=[member.pk],
                description=member.display_name,
            )
        except jobs.DocumentRefused as error:
            form.add_error(None, str(error))
        else:
            return redirect(job.get_absolute_url())
    elif request.method == "POST" and form.is_valid():
        try:
            invitation, _code = services.member_invite(
                actor=request.user,
                member=member,
                channel=form.cleaned_data["channel"],
                email=form.cleaned_data["email"] or "",
            )
        except services.LedgerError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("members:member_detail", coop_slug=coop.slug, pk=member.pk)
    return render(
        request, "members/member_invite.html", {"coop": coop, "form": form, "member": member}
    )
