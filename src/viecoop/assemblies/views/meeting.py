"""The meeting, for staff on a tablet: open it, check people in, the quorum board, the projector,
votes in the room, resolutions added, paper election ballots, and the close."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from viecoop.organizations.models import Coop
from viecoop.organizations.tenancy import coop_view, scoped_get

from .. import selectors
from ..forms import AddedResolutionForm, RoomBallotForm, RoomTallyForm
from ..governance import rules_of
from ..models import Assembly, Attendance, Ballot, Election, Resolution, RoomTally, Voter
from ..services import AssemblyError, meeting
from ..services.elections import room_election_ballot_add
from ..services.results import live_attendance, meeting_close


def _assembly(coop: Coop, pk: int) -> Assembly:
    return scoped_get(Assembly.objects.select_related("coop"), coop=coop, pk=pk)


def _is_htmx(request) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


@coop_view("assemblies.run_meeting")
@require_POST
def meeting_open(request, coop: Coop, pk: int):
    assembly = _assembly(coop, pk)
    try:
        meeting.meeting_open(actor=request.user, assembly=assembly)
    except AssemblyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The meeting is open."))
    return redirect(assembly.get_absolute_url())


@coop_view("assemblies.run_meeting")
def close(request, coop: Coop, pk: int):
    assembly = _assembly(coop, pk)
    if request.method == "POST":
        try:
            meeting_close(actor=request.user, assembly=assembly)
        except AssemblyError as error:
            messages.error(request, str(error))
            return redirect(assembly.get_absolute_url())
        messages.success(request, _("The meeting is closed and every result computed."))
        return redirect("assemblies:results", coop_slug=coop.slug, pk=assembly.pk)
    return render(
        request,
        "assemblies/confirm.html",
        {
            "coop": coop,
            "assembly": assembly,
            "title": _("Close the meeting?"),
            "message": _(
                "Every vote of the room must be entered. The results are then computed from the "
                "stored votes, with the rules of the notice, and can no longer change."
            ),
            "submit": _("Close the meeting"),
        },
    )


# Check-in ---------------------------------------------------------------------------


@coop_view("assemblies.run_meeting")
def checkin(request, coop: Coop, pk: int):
    """Search by name or number, or scan the admission card (its QR code opens ?carte=…)."""
    assembly = _assembly(coop, pk)
    search = request.GET.get("q", "").strip()[:100]
    card = request.GET.get("carte", "").strip()
    if "carte=" in card:  # a hand scanner typed the whole URL of the card's QR code
        card = card.rsplit("carte=", 1)[1]
    card = card[:16]
    results = selectors.checkin_search(assembly=assembly, search=search, card=card)
    context = {
        "coop": coop,
        "assembly": assembly,
        "search": search,
        "card": card,
        "results": results,
        "counts": selectors.attendance_counts(assembly=assembly),
        "remote_allowed": rules_of(assembly).remote_participation,
        "open": assembly.status in (Assembly.Status.CONVENED, Assembly.Status.IN_SESSION),
    }
    template = "assemblies/checkin.html#results" if _is_htmx(request) else "assemblies/checkin.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@coop_view("assemblies.run_meeting")
@require_POST
def checkin_do(request, coop: Coop, pk: int, voter_pk: int):
    assembly = _assembly(coop, pk)
    voter = get_object_or_404(Voter, pk=voter_pk, assembly=assembly)
    action = request.POST.get("action", "present")
    try:
        if action == "cancel":
            meeting.check_in_cancel(actor=request.user, assembly=assembly, voter=voter)
            text, notes = _("Check-in of %(name)s undone.") % {"name": voter.name}, []
        else:
            mode = Attendance.Mode.REMOTE if action == "remote" else Attendance.Mode.PRESENT
            _attendance, notes = meeting.check_in(
                actor=request.user, assembly=assembly, voter=voter, mode=mode
            )
            text = _("%(name)s is checked in.") % {"name": voter.name}
        level = messages.SUCCESS
    except AssemblyError as error:
        text, notes, level = str(error), [], messages.ERROR
    if _is_htmx(request):
        results = selectors.checkin_search(assembly=assembly, card=voter.card_code)
        response = render(
            request,
            "assemblies/checkin.html#row",
            {
                "coop": coop,
                "assembly": assembly,
                "voter": results[0],
                "flash": text,
                "flash_level": level,
                "notes": notes,
                "remote_allowed": rules_of(assembly).remote_participation,
                "open": True,
            },
        )
        patch_vary_headers(response, ("HX-Request",))
        return response
    messages.add_message(request, level, " ".join([text, *notes]))
    return redirect(
        reverse("assemblies:checkin", kwargs={"coop_slug": coop.slug, "pk": assembly.pk})
        + f"?carte={voter.card_code}"
    )


# Quorum board and projector -------------------------------------------------------------


def _board_context(assembly: Assembly) -> dict:
    attendance, quorums = live_attendance(assembly)
    return {
        "attendance": attendance,
        "quorums": list(quorums.values()),
        "counts": selectors.attendance_counts(assembly=assembly),
    }


@coop_view("assemblies.run_meeting")
def quorum_board(request, coop: Coop, pk: int):
    assembly = _assembly(coop, pk)
    context = {"coop": coop, "assembly": assembly, **_board_context(assembly)}
    template = "assemblies/quorum.html#board" if _is_htmx(request) else "assemblies/quorum.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@coop_view("assemblies.run_meeting")
def projector(request, coop: Coop, pk: int):
    """For the room's screen: big numbers, no navigation, refreshed every few seconds."""
    assembly = _assembly(coop, pk)
    current = None
    resolution_pk = request.GET.get("resolution")
    if resolution_pk and resolution_pk.isdigit():
        current = Resolution.objects.filter(assembly=assembly, pk=resolution_pk).first()
    context = {"coop": coop, "assembly": assembly, "current": current, **_board_context(assembly)}
    template = (
        "assemblies/projector.html#screen" if _is_htmx(request) else "assemblies/projector.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


# Votes in the room ----------------------------------------------------------------------


@coop_view("assemblies.run_meeting")
def room_vote(request, coop: Coop, pk: int, resolution_pk: int):
    assembly = _assembly(coop, pk)
    resolution = get_object_or_404(Resolution, pk=resolution_pk, assembly=assembly)
    mode = request.GET.get("mode") or request.POST.get("mode") or resolution.room_mode
    rules = rules_of(assembly)
    colleges = [c.code for c in rules.colleges]
    capacity = meeting.room_capacity(assembly)
    people = list(selectors.attendees(assembly=assembly))
    remote = [a for a in people if a.mode == Attendance.Mode.REMOTE]
    current = dict(
        Ballot.objects.filter(resolution=resolution, channel__in=["room", "remote"]).values_list(
            "voter_id", "choice"
        )
    )
    listed = people if mode == Resolution.RoomMode.BALLOTS else remote
    tallies = {t.college: t for t in RoomTally.objects.filter(resolution=resolution)}
    tally_form = RoomTallyForm(
        request.POST if request.method == "POST" and mode == "totals" else None,
        colleges=colleges,
        capacity=capacity,
        initial=RoomTallyForm.initial_from(tallies),
    )
    ballot_form = RoomBallotForm(
        request.POST if request.method == "POST" else None,
        attendees=listed,
        initial={f"v{voter}": choice for voter, choice in current.items()},
    )
    if request.method == "POST":
        valid = ballot_form.is_valid() and (mode != "totals" or tally_form.is_valid())
        if valid:
            try:
                if mode == "totals":
                    meeting.room_tally_save(
                        actor=request.user, resolution=resolution, tallies=tally_form.tallies()
                    )
                    if remote:
                        meeting.room_ballots_save(
                            actor=request.user,
                            resolution=resolution,
                            choices=ballot_form.choices(),
                            totals_mode=True,
                        )
                else:
                    meeting.room_ballots_save(
                        actor=request.user, resolution=resolution, choices=ballot_form.choices()
                    )
            except AssemblyError as error:
                (tally_form if mode == "totals" else ballot_form).add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Votes on resolution %(number)s are saved.")
                    % {"number": resolution.position},
                )
                return redirect(assembly.get_absolute_url() + f"#resolution-{resolution.pk}")
    return render(
        request,
        "assemblies/room_vote.html",
        {
            "coop": coop,
            "assembly": assembly,
            "resolution": resolution,
            "mode": mode,
            "tally_form": tally_form,
            "ballot_form": ballot_form,
            "capacity": capacity,
            "listed": listed,
        },
    )


@coop_view("assemblies.run_meeting")
def resolution_add(request, coop: Coop, pk: int):
    assembly = _assembly(coop, pk)
    form = AddedResolutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            resolution = meeting.resolution_add_during_meeting(
                actor=request.user, assembly=assembly, **form.cleaned_data
            )
        except AssemblyError as error:
            form.add_error(None, str(error))
        else:
            return redirect(
                "assemblies:room_vote",
                coop_slug=coop.slug,
                pk=assembly.pk,
                resolution_pk=resolution.pk,
            )
    return render(
        request,
        "assemblies/form.html",
        {
            "coop": coop,
            "assembly": assembly,
            "form": form,
            "title": _("A resolution added during the meeting"),
            "intro": _(
                "Members who voted before the meeting follow the instruction of their form for "
                "it: against, or a proxy to the chair (the board's position)."
            ),
            "submit": _("Add"),
        },
    )


@coop_view("assemblies.run_meeting")
def election_room(request, coop: Coop, pk: int, election_pk: int):
    """The tellers enter each paper ballot of the room (secret: no name on it)."""
    from ..forms import RoomElectionBallotForm
    from ..models import ElectionBallot

    assembly = _assembly(coop, pk)
    election = get_object_or_404(
        Election.objects.prefetch_related("candidates"), pk=election_pk, assembly=assembly
    )
    colleges = [c.code for c in rules_of(assembly).colleges]
    form = RoomElectionBallotForm(request.POST or None, election=election, colleges=colleges)
    if request.method == "POST" and form.is_valid():
        try:
            room_election_ballot_add(actor=request.user, election=election, **form.service_data())
        except AssemblyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Ballot counted."))
            return redirect(request.path)
    return render(
        request,
        "assemblies/election_room.html",
        {
            "coop": coop,
            "assembly": assembly,
            "election": election,
            "form": form,
            "counted": ElectionBallot.objects.filter(election=election).count(),
        },
    )
