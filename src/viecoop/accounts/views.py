from __future__ import annotations

import json

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from viecoop.organizations.tenancy import space_view

from . import services
from .adapter import SESSION_INVITATION_KEY
from .forms import ActivationCodeForm, DeletionDecisionForm, DeletionRequestForm, ProfileForm
from .models import DeletionRequest, Invitation, User


@ratelimit(key="ip", rate="30/h", method=["GET", "POST"], block=True)
def activate(request, code: str = ""):
    """Redeem an invitation or activation code (from an e-mail link or typed from a letter)."""
    form = ActivationCodeForm(request.POST or None, initial={"code": code})
    invitation = None
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            invitation = services.invitation_lookup(code)
        except services.InvitationError:
            form.add_error(
                "code",
                _(
                    "This code is not valid: it may have expired, been used already or been mistyped."
                ),
            )
    elif request.method == "GET" and code:
        try:
            invitation = services.invitation_lookup(code)
        except services.InvitationError:
            form = ActivationCodeForm(data={"code": code})
            form.is_valid()
            form.add_error(
                "code",
                _(
                    "This code is not valid: it may have expired, been used already or been mistyped."
                ),
            )
    if invitation is None:
        return render(request, "accounts/activate.html", {"form": form})

    if request.user.is_authenticated:
        request.session[SESSION_INVITATION_KEY] = code
        return redirect("accounts:activate_confirm")
    request.session[SESSION_INVITATION_KEY] = code
    if invitation.email and User.objects.filter(email__iexact=invitation.email).exists():
        messages.info(request, _("You already have an account: log in to accept the invitation."))
        return redirect(
            reverse("account_login")
            + "?"
            + urlencode({"next": reverse("accounts:activate_confirm")})
        )
    if invitation.channel == Invitation.Channel.EMAIL:
        # The link came to this address: no need to verify it again.
        get_adapter(request).stash_verified_email(request, invitation.email)
    query = {"email": invitation.email} if invitation.email else {}
    return redirect(reverse("account_signup") + ("?" + urlencode(query) if query else ""))


@login_required
def activate_confirm(request):
    code = request.session.get(SESSION_INVITATION_KEY, "")
    try:
        invitation = services.invitation_lookup(code)
    except services.InvitationError:
        request.session.pop(SESSION_INVITATION_KEY, None)
        messages.error(request, _("This invitation is no longer valid."))
        return redirect("accounts:activate")
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except services.InvitationError:
            messages.error(request, _("This invitation is no longer valid."))
            return redirect("accounts:activate")
        request.session.pop(SESSION_INVITATION_KEY, None)
        messages.success(request, _("Welcome! Your new role is active."))
        if invitation.coop_id:
            return redirect(invitation.coop.get_absolute_url())
        return redirect("home")
    return render(request, "accounts/activate_confirm.html", {"invitation": invitation})


@login_required
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=user, **form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        )
        return response
    pending_deletion = user.deletion_requests.filter(status=DeletionRequest.Status.PENDING).first()
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "pending_deletion": pending_deletion,
            "has_totp": user.authenticator_set.filter(type="totp").exists(),
        },
    )


@login_required
@require_POST
def export_data(request):
    data = services.user_export_data(user=request.user)
    services.user_record_export(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="viecoop-mes-donnees-{stamp}.json"'
    return response


@login_required
def deletion_request(request):
    form = DeletionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.deletion_request_create(user=request.user, reason=form.cleaned_data["reason"])
        except services.DeletionAlreadyRequested:
            messages.info(request, _("Your request is already being processed."))
        else:
            messages.success(
                request,
                _(
                    "Your request has been sent. You will receive an e-mail once it has been processed."
                ),
            )
        return redirect("accounts:profile")
    return render(request, "accounts/deletion_request.html", {"form": form})


@space_view("accounts.process_deletion_requests")
def deletion_requests(request):
    status = request.GET.get("statut", DeletionRequest.Status.PENDING)
    if status not in DeletionRequest.Status.values:
        status = DeletionRequest.Status.PENDING
    qs = DeletionRequest.objects.filter(status=status).select_related("user", "processed_by")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/deletion_requests.html",
        {"page": page, "status": status, "statuses": DeletionRequest.Status.choices},
    )


@space_view("accounts.process_deletion_requests")
def deletion_request_detail(request, pk: int):
    dr = get_object_or_404(DeletionRequest.objects.select_related("user"), pk=pk)
    form = DeletionDecisionForm(request.POST or None)
    if request.method == "POST" and dr.status == DeletionRequest.Status.PENDING and form.is_valid():
        services.deletion_request_process(
            actor=request.user,
            deletion_request=dr,
            approve=form.cleaned_data["decision"] == "approve",
            answer=form.cleaned_data["answer"],
        )
        messages.success(request, _("The request has been processed."))
        return redirect("accounts:deletion_requests")
    return render(request, "accounts/deletion_request_detail.html", {"dr": dr, "form": form})
