"""The network's home, the directory of coops and référents, a référent's page and photo."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control

from viecoop.core.htmx import render_page
from viecoop.organizations.models import CoopRole
from viecoop.organizations.selectors import roles_for
from viecoop.organizations.tenancy import space_view

from .. import extensions, selectors
from ..forms import DirectoryFilterForm
from ..models import ReferentApplication, ReferentMandate, ReferentProfile
from ..services.referents import volunteer_coops

COOPS_PER_PAGE = 12
REFERENTS_PER_PAGE = 24
HOME_NEWS = 5


def _query(values: dict[str, str], *names: str) -> str:
    return urlencode({name: values[name] for name in names if values.get(name)})


@space_view("network.view_directory")
def home(request):
    user = request.user
    roles = roles_for(user)
    referent_coops = [c for c in roles.coops if CoopRole.Role.REFERENT in roles.in_coop(c)]
    pending = list(
        ReferentApplication.objects.filter(
            user=user, status=ReferentApplication.Status.PENDING
        ).select_related("coop")
    )
    pending_coops = {application.coop_id for application in pending}
    can_volunteer = any(coop.pk not in pending_coops for coop in volunteer_coops(user))
    return render(
        request,
        "network/home.html",
        {
            "figures": selectors.network_figures(),
            "news": list(selectors.published_news()[:HOME_NEWS]),
            "meetings": extensions.upcoming_meetings(limit=3),
            "sections": extensions.sections(request),
            "referent_coops": referent_coops,
            "pending_applications": pending,
            "can_volunteer": can_volunteer,
            "my_profile": ReferentProfile.objects.filter(user=user).first()
            if referent_coops
            else None,
        },
    )


@space_view("network.view_directory")
def directory(request):
    form = DirectoryFilterForm(request.GET)
    values = form.values()
    coops = selectors.directory_coops(
        region=values["region"],
        theme=values["theme"],
        legal_form=values["forme"],
        search=values["q"],
    )
    page = Paginator(coops, COOPS_PER_PAGE).get_page(request.GET.get("page"))
    return render_page(
        request,
        "network/directory.html",
        {
            "form": form,
            "values": values,
            "page": page,
            "query": _query(values, "q", "region", "theme", "forme"),
            "filtered": any(values.values()),
            "map": selectors.regions_map(current=values["region"]),
            "theme": values["theme"],
        },
    )


@space_view("network.view_directory")
def referent_list(request):
    form = DirectoryFilterForm(request.GET)
    del form.fields["forme"]
    values = form.values()
    referents = selectors.directory_referents(
        region=values["region"], theme=values["theme"], search=values["q"]
    )
    page = Paginator(referents, REFERENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render_page(
        request,
        "network/referent_list.html",
        {
            "form": form,
            "values": values,
            "page": page,
            "query": _query(values, "q", "region", "theme"),
            "filtered": any(values.values()),
            "theme": values["theme"],
        },
    )


@space_view("network.view_directory")
def referent_detail(request, pk: int):
    try:
        profile = selectors.profile_detail(pk=pk)
    except ReferentProfile.DoesNotExist as error:
        raise Http404 from error
    mandates = list(selectors.mandates_of(user=profile.user))
    open_mandates = [m for m in mandates if m.is_open]
    is_self = profile.user_id == request.user.pk
    return render(
        request,
        "network/referent_detail.html",
        {
            "profile": profile,
            "person": profile.user,
            "mandates": mandates,
            "open_mandates": open_mandates,
            "is_self": is_self,
            "can_end": request.user.has_perm("network.end_mandate"),
            "ended_reasons": ReferentMandate.EndReason,
        },
    )


@space_view("network.view_directory")
def referent_photo(request, pk: int):
    """Photos are shown to the network only: served through this view, not from /media/."""
    profile = get_object_or_404(ReferentProfile.objects.exclude(photo=""), pk=pk)
    try:
        handle = profile.photo.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    patch_cache_control(response, private=True, max_age=86400)
    return response
