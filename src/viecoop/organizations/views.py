"""Coop space (home, residences, team) and federation dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.accounts import services as account_services
from viecoop.accounts.models import Invitation
from viecoop.core.forms import add_service_errors
from viecoop.core.htmx import render_page

from . import selectors, services
from .forms import (
    CoopCreateForm,
    CoopForm,
    FederationInvitationForm,
    InvitationForm,
    ResidenceForm,
    coop_role_choices,
)
from .hooks import dashboard_panels
from .models import Coop, CoopRole, Residence
from .selectors import roles_for
from .tenancy import coop_view, scoped_get, space_view

PAGE_SIZE = 25


# Coop space ---------------------------------------------------------------------
@coop_view("organizations.view_coop")
def coop_home(request, coop: Coop):
    counts = Residence.objects.filter(coop=coop).aggregate(
        residences=Count("pk"), homes=Sum("homes_count")
    )
    team = CoopRole.objects.filter(coop=coop).values("role").annotate(n=Count("pk"))
    return render(
        request,
        "organizations/coop_home.html",
        {
            "coop": coop,
            "counts": counts,
            "team_counts": {row["role"]: row["n"] for row in team},
            "my_roles": [
                CoopRole.Role(r).label for r in sorted(roles_for(request.user).in_coop(coop))
            ],
        },
    )


@coop_view("organizations.change_coop")
def coop_settings(request, coop: Coop):
    form = CoopForm(
        request.POST or None, request.FILES or None, instance=Coop.objects.get(pk=coop.pk)
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.coop_update(actor=request.user, coop=coop, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The coop's details have been saved."))
            return redirect("organizations:coop_settings", coop_slug=coop.slug)
    return render(request, "organizations/coop_settings.html", {"coop": coop, "form": form})


@coop_view("organizations.view_residences")
def residence_list(request, coop: Coop):
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.coop_residences(coop=coop, search=search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render_page(
        request, "organizations/residence_list.html", {"coop": coop, "page": page, "search": search}
    )


@coop_view("organizations.manage_residences")
def residence_create(request, coop: Coop):
    return _residence_form(request, coop, None)


@coop_view("organizations.manage_residences")
def residence_update(request, coop: Coop, pk: int):
    return _residence_form(request, coop, scoped_get(Residence.objects, coop=coop, pk=pk))


def _residence_form(request, coop: Coop, residence: Residence | None):
    form = ResidenceForm(request.POST or None, instance=residence, coop=coop)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if residence is None:
                services.residence_create(actor=request.user, coop=coop, **data)
            else:
                services.residence_update(
                    actor=request.user, residence=Residence.objects.get(pk=residence.pk), **data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The residence has been saved."))
            return redirect("organizations:residence_list", coop_slug=coop.slug)
    return render(
        request,
        "organizations/residence_form.html",
        {"coop": coop, "form": form, "residence": residence},
    )


@coop_view("organizations.manage_residences")
@require_POST
def residence_delete(request, coop: Coop, pk: int):
    residence = scoped_get(Residence.objects, coop=coop, pk=pk)
    services.residence_delete(actor=request.user, residence=residence)
    messages.success(
        request, _("The residence “%(name)s” has been deleted.") % {"name": residence.name}
    )
    return redirect("organizations:residence_list", coop_slug=coop.slug)


@coop_view("organizations.view_team")
def team(request, coop: Coop):
    can_manage = request.user.has_perm("organizations.manage_team", coop)
    invitations = (
        Invitation.objects.filter(coop=coop, accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("created_by")
        .order_by("-created_at")
    )
    if not can_manage:
        invitations = invitations.filter(coop_role=CoopRole.Role.MEMBER)
    return render(
        request,
        "organizations/team.html",
        {
            "coop": coop,
            "roles": selectors.coop_team(coop=coop),
            "invitations": invitations[:100],
            "can_manage": can_manage,
        },
    )


@coop_view("organizations.invite_members")
def invite(request, coop: Coop):
    can_manage = request.user.has_perm("organizations.manage_team", coop)
    form = InvitationForm(request.POST or None, roles=coop_role_choices(can_manage_team=can_manage))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation, code = account_services.invitation_create(
            actor=request.user,
            channel=data["channel"],
            coop=coop,
            coop_role=data["role"],
            email=data["email"] or "",
            first_name=data["first_name"],
            last_name=data["last_name"],
            job_title=data["job_title"],
        )
        if invitation.channel == Invitation.Channel.LETTER:
            # The clear code exists only now: show it once, on a printable letter.
            return render(
                request,
                "organizations/invitation_letter.html",
                {"coop": coop, "invitation": invitation, "code": code},
            )
        messages.success(
            request, _("An invitation has been sent to %(email)s.") % {"email": invitation.email}
        )
        return redirect("organizations:team", coop_slug=coop.slug)
    return render(request, "organizations/invite.html", {"coop": coop, "form": form})


@coop_view("organizations.invite_members")
@require_POST
def invitation_action(request, coop: Coop, pk: int, action: str):
    invitation = scoped_get(Invitation.objects, coop=coop, pk=pk)
    if invitation.coop_role != CoopRole.Role.MEMBER and not request.user.has_perm(
        "organizations.manage_team", coop
    ):
        return redirect("organizations:team", coop_slug=coop.slug)
    try:
        if action == "renvoyer":
            account_services.invitation_resend(actor=request.user, invitation=invitation)
            messages.success(request, _("The invitation has been sent again."))
        elif action == "annuler":
            account_services.invitation_revoke(actor=request.user, invitation=invitation)
            messages.success(request, _("The invitation has been cancelled."))
    except account_services.InvitationError:
        messages.error(request, _("This invitation can no longer be changed."))
    return redirect("organizations:team", coop_slug=coop.slug)


@coop_view("organizations.manage_team")
@require_POST
def role_revoke(request, coop: Coop, pk: int):
    coop_role = scoped_get(CoopRole.objects.select_related("user"), coop=coop, pk=pk)
    try:
        services.coop_role_revoke(actor=request.user, coop_role=coop_role)
    except services.LastManagerError:
        messages.error(request, _("A coop must keep at least one manager."))
    else:
        messages.success(
            request,
            _("%(person)s no longer has the role “%(role)s”.")
            % {"person": coop_role.user, "role": coop_role.get_role_display()},
        )
    return redirect("organizations:team", coop_slug=coop.slug)


# Federation space -----------------------------------------------------------------
@space_view("organizations.view_federation")
def federation_home(request):
    by_form = dict(
        Coop.objects.active().values_list("legal_form").annotate(n=Count("pk")).order_by()
    )
    return render(
        request,
        "organizations/federation_home.html",
        {
            "coops_count": sum(by_form.values()),
            "by_form": [(label, by_form.get(value, 0)) for value, label in Coop.LegalForm.choices],
            # Other apps' panels (the network: coops without a référent, applications…).
            "panels": dashboard_panels(request),
            "team": selectors.federation_team(federation=selectors.current_federation()),
        },
    )


@space_view("organizations.manage_federation")
def coop_create(request):
    form = CoopCreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in CoopForm.Meta.fields}
        try:
            coop = services.coop_create(
                actor=request.user,
                federation=selectors.current_federation(),
                slug=form.cleaned_data["slug"],
                **data,
            )
            account_services.invitation_create(
                actor=request.user,
                channel=Invitation.Channel.EMAIL,
                coop=coop,
                coop_role=CoopRole.Role.MANAGER,
                email=form.cleaned_data["manager_email"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The coop “%(name)s” has been created and its manager invited.")
                % {"name": coop.name},
            )
            return redirect("organizations:federation_home")
    return render(request, "organizations/coop_create.html", {"form": form})


@space_view("organizations.manage_federation")
def federation_invite(request):
    form = FederationInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account_services.invitation_create(
            actor=request.user,
            channel=Invitation.Channel.EMAIL,
            federation_role=data["role"],
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            job_title=data["job_title"],
        )
        messages.success(
            request, _("An invitation has been sent to %(email)s.") % {"email": data["email"]}
        )
        return redirect("organizations:federation_home")
    return render(request, "organizations/federation_invite.html", {"form": form})
