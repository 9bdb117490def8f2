"""Forms of the assemblies pages. Parsing only: the rules are in the services and the engine."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from viecoop.members.models import Member
from viecoop.organizations.models import Coop

from .models import (
    AdvanceVote,
    AgendaItem,
    Assembly,
    Choice,
    Election,
    GovernanceProfile,
    Mandate,
    Resolution,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AssemblyForm(forms.ModelForm):
    class Meta:
        model = Assembly
        fields = [
            "title",
            "kind",
            "notice",
            "first_meeting",
            "starts_at",
            "place",
            "remote_url",
            "introduction",
            "chair_name",
            "secretary_name",
            "tellers",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "notice": forms.RadioSelect,
            "starts_at": DATETIME_WIDGET,
            "introduction": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "place": _("Address of the room. Leave empty for a fully remote meeting."),
            "remote_url": _("Video-conference link, if members may join remotely."),
        }

    def __init__(self, *args, coop: Coop, **kwargs):
        super().__init__(*args, **kwargs)
        firsts = Assembly.objects.filter(coop=coop, notice=Assembly.Notice.FIRST)
        if self.instance.pk:
            firsts = firsts.exclude(pk=self.instance.pk)
        self.fields["first_meeting"].queryset = firsts.order_by("-starts_at")
        self.fields["first_meeting"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("remote_url"):
            self.add_error("place", _("Give a place, a remote link, or both."))
        return data


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = Resolution
        fields = ["title", "kind", "text", "explanatory_note", "board_backed"]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 8}),
            "explanatory_note": forms.Textarea(attrs={"rows": 5}),
        }


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), help_text=_("PDF preferably; 20 MB at most."))
    resolution = forms.ModelChoiceField(
        label=_("For the resolution"),
        queryset=Resolution.objects.none(),
        required=False,
        empty_label=_("The whole assembly"),
    )

    def __init__(self, *args, assembly: Assembly, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = assembly.resolutions.all()


class ElectionForm(forms.ModelForm):
    class Meta:
        model = Election
        fields = ["title", "seats", "max_choices", "mandate_years"]


class MemberNumberField(forms.CharField):
    """A member typed by their number (a select of 30,000 names would be unusable)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)


class CandidateForm(forms.Form):
    member_number = MemberNumberField(label=_("Member number of the candidate"))
    statement = forms.CharField(
        label=_("Statement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why they stand, in their own words. Markdown."),
    )

    def __init__(self, *args, coop: Coop, **kwargs):
        super().__init__(*args, **kwargs)
        self.coop = coop

    def clean_member_number(self):
        number = self.cleaned_data["member_number"].strip()
        member = Member.objects.filter(coop=self.coop, number=number).first()
        if member is None:
            raise forms.ValidationError(
                _("No member of this coop has the number %(number)s."), params={"number": number}
            )
        self.cleaned_data["member"] = member
        return number


class RecordDateForm(forms.Form):
    record_date = forms.DateField(
        label=_("Record date"),
        widget=DATE_WIDGET,
        help_text=_(
            "Members admitted by that date and holding at least one share vote, with the votes "
            "the register gives them that day."
        ),
    )


class GovernanceForm(forms.ModelForm):
    class Meta:
        model = GovernanceProfile
        fields = [
            "quorum_ordinary_first",
            "quorum_ordinary_second",
            "quorum_extraordinary_first",
            "quorum_extraordinary_second",
            "majority_ordinary",
            "majority_extraordinary",
            "investors_cap",
            "investors_cap_with_hlm",
            "empty_college",
            "proxy_cap",
            "blank_proxy",
            "remote_participation",
            "later_vote_replaces_proxy",
            "meeting_vote_replaces_postal",
            "postal_paper_days",
            "postal_electronic_days",
            "postal_electronic_time",
            "added_resolution_default",
            "notice_days_first",
            "notice_days_second",
            "second_meeting_max_months",
            "election_tie_break",
            "election_requires_majority",
        ]
        widgets = {
            "postal_electronic_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "empty_college": forms.RadioSelect,
            "blank_proxy": forms.RadioSelect,
            "added_resolution_default": forms.RadioSelect,
            "election_tie_break": forms.RadioSelect,
        }

    def __init__(self, *args, coop: Coop, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the fields that mean something for this legal form.
        if coop.legal_form == Coop.LegalForm.SCIC:
            del self.fields["investors_cap"]
            del self.fields["investors_cap_with_hlm"]
        else:
            del self.fields["empty_college"]


# Members' votes --------------------------------------------------------------------

VOTE_CHOICES = [
    (Choice.FOR.value, _("For")),
    (Choice.AGAINST.value, _("Against")),
    (Choice.ABSTAIN.value, _("Abstain")),
]


class VoteForm(forms.Form):
    """One radio group per resolution, and what to do with resolutions added in the meeting."""

    added_resolutions = forms.ChoiceField(
        label=_("If a resolution is added during the meeting, my vote is"),
        choices=AdvanceVote.AddedResolutions.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, resolutions, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.resolutions = list(resolutions)
        for resolution in self.resolutions:
            self.fields[f"r{resolution.pk}"] = forms.ChoiceField(
                label=f"{resolution.position}. {resolution.title}",
                choices=VOTE_CHOICES,
                widget=forms.RadioSelect,
                required=required,
                error_messages={"required": _("Choose for, against or abstain.")},
            )

    def resolution_fields(self):
        return [(resolution, self[f"r{resolution.pk}"]) for resolution in self.resolutions]

    def choices(self) -> dict[int, str]:
        return {
            resolution.pk: self.cleaned_data[f"r{resolution.pk}"]
            for resolution in self.resolutions
            if self.cleaned_data.get(f"r{resolution.pk}")
        }


class ProxyForm(forms.Form):
    to = forms.ChoiceField(
        label=_("I give my proxy"),
        choices=[
            ("chair", _("To the chair of the meeting (votes as the board proposes)")),
            ("member", _("To another member I name")),
        ],
        widget=forms.RadioSelect,
    )
    holder_number = MemberNumberField(
        label=_("Member number of the person who will vote for me"),
        required=False,
        help_text=_("Printed on their notice letter and in their space."),
    )

    def clean(self):
        data = super().clean()
        if data.get("to") == "member" and not (data.get("holder_number") or "").strip():
            self.add_error("holder_number", _("Give the member number of the person you choose."))
        return data


class ReceiptLookupForm(forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=30)


# Paper forms typed in by staff ------------------------------------------------------

PAPER_CHOICES = [
    ("", _("No choice")),
    (Choice.FOR.value, _("For")),
    (Choice.AGAINST.value, _("Against")),
    (Choice.ABSTAIN.value, _("Abstain")),
]


class PaperFormBase(forms.Form):
    voter_number = MemberNumberField(label=_("Member number on the form"))
    received_on = forms.DateField(label=_("Received on"), widget=DATE_WIDGET)

    def __init__(self, *args, assembly: Assembly, voter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.assembly = assembly
        if voter is not None:  # second entry: the form is the one on screen
            del self.fields["voter_number"]
            self.voter = voter

    def clean_voter_number(self):
        from .models import Voter

        number = self.cleaned_data["voter_number"].strip()
        self.voter = Voter.objects.filter(assembly=self.assembly, number=number).first()
        if self.voter is None:
            raise forms.ValidationError(
                _("No member with the number %(number)s is on the list of voters."),
                params={"number": number},
            )
        return number


class PostalPaperForm(PaperFormBase):
    added = forms.ChoiceField(
        label=_("Resolutions added during the meeting"),
        choices=AdvanceVote.AddedResolutions.choices,
        widget=forms.RadioSelect,
        initial=AdvanceVote.AddedResolutions.AGAINST,
    )

    def __init__(self, *args, assembly: Assembly, **kwargs):
        super().__init__(*args, assembly=assembly, **kwargs)
        self.resolutions = list(
            assembly.resolutions.filter(added_during_meeting=False).order_by("position")
        )
        for resolution in self.resolutions:
            self.fields[f"r{resolution.pk}"] = forms.ChoiceField(
                label=f"{resolution.position}. {resolution.title}",
                choices=PAPER_CHOICES,
                required=False,
                widget=forms.RadioSelect,
            )

    def data_for_service(self) -> dict:
        return {
            "received_on": self.cleaned_data["received_on"],
            "choices": {r.pk: self.cleaned_data.get(f"r{r.pk}") or "" for r in self.resolutions},
            "added": self.cleaned_data["added"],
        }


class ProxyPaperForm(PaperFormBase):
    to = forms.ChoiceField(
        label=_("Proxy given to"),
        choices=[("chair", _("The chair")), ("member", _("A named member"))],
        widget=forms.RadioSelect,
    )
    holder_number = MemberNumberField(label=_("Member number of the holder"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("to") == "member" and not (data.get("holder_number") or "").strip():
            self.add_error("holder_number", _("Give the member number of the holder."))
        return data

    def data_for_service(self) -> dict:
        return {
            "received_on": self.cleaned_data["received_on"],
            "holder": self.cleaned_data.get("holder_number", "")
            if self.cleaned_data["to"] == "member"
            else "",
        }


# The meeting ------------------------------------------------------------------------

ROOM_CHOICES = [
    ("", _("Not voting")),
    (Choice.FOR.value, _("For")),
    (Choice.AGAINST.value, _("Against")),
    (Choice.ABSTAIN.value, _("Abstain")),
    (Choice.BLANK.value, _("Blank")),
    (Choice.SPOILED.value, _("Spoiled")),
]
TALLY_COLUMNS = [
    ("for", _("For")),
    ("against", _("Against")),
    ("abstain", _("Abstentions")),
    ("blank", _("Blank")),
    ("spoiled", _("Spoiled")),
]


class AddedResolutionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    text = forms.CharField(
        label=_("Text of the resolution"), widget=forms.Textarea(attrs={"rows": 5})
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=Resolution.Kind.choices,
        widget=forms.RadioSelect,
        initial="ordinary",
    )
    board_backed = forms.BooleanField(label=_("Backed by the board"), required=False)


class RoomTallyForm(forms.Form):
    """One row per college: for, against, abstentions, blank, spoiled (votes, not heads)."""

    def __init__(self, *args, colleges: list[str], capacity: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.colleges, self.capacity = colleges, capacity
        for college in colleges:
            for key, label in TALLY_COLUMNS:
                self.fields[f"{college}__{key}"] = forms.IntegerField(
                    label=f"{label} — {college}", min_value=0, initial=0, required=False
                )

    @staticmethod
    def initial_from(tallies) -> dict:
        initial = {}
        for college, tally in tallies.items():
            initial.update(
                {
                    f"{college}__for": tally.votes_for,
                    f"{college}__against": tally.votes_against,
                    f"{college}__abstain": tally.votes_abstain,
                    f"{college}__blank": tally.votes_blank,
                    f"{college}__spoiled": tally.votes_spoiled,
                }
            )
        return initial

    def rows(self):
        return [
            (
                college,
                self.capacity.get(college, 0),
                [self[f"{college}__{key}"] for key, _l in TALLY_COLUMNS],
            )
            for college in self.colleges
        ]

    def tallies(self) -> dict[str, dict[str, int]]:
        return {
            college: {
                key: self.cleaned_data.get(f"{college}__{key}") or 0 for key, _l in TALLY_COLUMNS
            }
            for college in self.colleges
            if any(self.cleaned_data.get(f"{college}__{key}") for key, _l in TALLY_COLUMNS)
        }


class RoomBallotForm(forms.Form):
    """One choice per person checked in (ballots entered one by one)."""

    def __init__(self, *args, attendees, **kwargs):
        super().__init__(*args, **kwargs)
        self.attendees = list(attendees)
        for attendance in self.attendees:
            voter = attendance.voter
            self.fields[f"v{voter.pk}"] = forms.ChoiceField(
                label=f"{voter.name} (n°{voter.number})", choices=ROOM_CHOICES, required=False
            )

    def rows(self):
        return [(a, self[f"v{a.voter_id}"]) for a in self.attendees]

    def choices(self) -> dict[int, str]:
        return {a.voter_id: self.cleaned_data.get(f"v{a.voter_id}") or "" for a in self.attendees}


class RoomElectionBallotForm(forms.Form):
    college = forms.ChoiceField(label=_("College of the ballot"))
    weight = forms.IntegerField(label=_("Votes it carries"), min_value=1, initial=1)
    candidates = forms.MultipleChoiceField(
        label=_("Candidates ticked"), required=False, widget=forms.CheckboxSelectMultiple
    )
    spoiled = forms.BooleanField(
        label=_("Spoiled ballot (torn, signed, unreadable…)"), required=False
    )

    def __init__(self, *args, election: Election, colleges: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["college"].choices = [(c, c) for c in colleges]
        self.fields["candidates"].choices = [(str(c.pk), c.name) for c in election.candidates.all()]

    def service_data(self) -> dict:
        return {
            "college": self.cleaned_data["college"],
            "weight": self.cleaned_data["weight"],
            "choices": [int(pk) for pk in self.cleaned_data["candidates"]],
            "spoiled": self.cleaned_data["spoiled"],
        }


class ElectionVoteForm(forms.Form):
    candidates = forms.MultipleChoiceField(
        label=_("Your choice"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, election: Election, **kwargs):
        super().__init__(*args, **kwargs)
        self.election = election
        self.fields["candidates"].choices = [(str(c.pk), c.name) for c in election.candidates.all()]
        self.fields["candidates"].help_text = _(
            "Tick %(max)s candidates at most. Ticking none is a blank vote."
        ) % {"max": election.max_choices}

    def clean_candidates(self):
        chosen = self.cleaned_data["candidates"]
        if len(chosen) > self.election.max_choices:
            raise forms.ValidationError(
                _("Choose %(max)s candidates at most."), params={"max": self.election.max_choices}
            )
        return [int(pk) for pk in chosen]


# The board -------------------------------------------------------------------------


class MandateForm(forms.Form):
    member_number = MemberNumberField(label=_("Member number"))
    role = forms.ChoiceField(label=_("Role"), choices=Mandate.Role.choices)
    starts_on = forms.DateField(label=_("Since"), widget=DATE_WIDGET)
    planned_end = forms.DateField(label=_("Term ends"), widget=DATE_WIDGET, required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, coop: Coop, **kwargs):
        super().__init__(*args, **kwargs)
        self.coop = coop

    def clean_member_number(self):
        number = self.cleaned_data["member_number"].strip()
        self.cleaned_data["member"] = Member.objects.filter(coop=self.coop, number=number).first()
        if self.cleaned_data["member"] is None:
            raise forms.ValidationError(
                _("No member of this coop has the number %(number)s."), params={"number": number}
            )
        return number


class MandateEndForm(forms.Form):
    ends_on = forms.DateField(label=_("End of the mandate"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Why (optional)"), max_length=255, required=False)
