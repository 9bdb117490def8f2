from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from viecoop.events.models import Event
from viecoop.network.themes import grouped_theme_choices
from viecoop.organizations.models import CoopRole

from .models import Lesson, Milestone, Programme, Project, SessionDay

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _theme_field():
    return forms.ChoiceField(
        label=_("Theme"),
        required=False,
        choices=lambda: [("", "—"), *grouped_theme_choices()],
    )


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["title", "slug", "summary", "description", "starts_on", "ends_on", "status"]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {"slug": _("Used in the address: lower case letters, digits and dashes.")}


class SessionForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=99)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=DATETIME, help_text=_("A session may last several days.")
    )
    format = forms.ChoiceField(label=_("Format"), choices=Event.Format.choices)
    place_name = forms.CharField(label=_("Place"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    online_url = forms.URLField(label=_("Link to join remotely"), max_length=500, required=False)
    capacity = forms.IntegerField(
        label=_("Seats"), min_value=1, required=False, help_text=_("Empty for no limit.")
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("The session cannot end before it starts."))
        return data

    def event_data(self) -> dict:
        names = ("starts_at", "ends_at", "format", "place_name", "address", "postal_code", "city",
                 "online_url", "capacity")  # fmt: skip
        return {name: self.cleaned_data[name] for name in names}


class SessionDayForm(forms.ModelForm):
    class Meta:
        model = SessionDay
        fields = ["day", "title", "description", "place_name", "city"]
        widgets = {"day": DATE, "description": forms.Textarea(attrs={"rows": 3})}


class EnrolForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail of the participant"),
        help_text=_("A staff member of a coop of the network, with a viecoop account."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = (
            get_user_model()
            .objects.filter(
                email__iexact=email,
                is_active=True,
                coop_roles__role__in=CoopRole.STAFF_ROLES,
            )
            .first()
        )
        if user is None:
            raise forms.ValidationError(
                _("Nobody working for a coop of the network has this e-mail address.")
            )
        self.user = user
        return email


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "goal", "theme", "status", "started_on", "results"]
        widgets = {
            "started_on": DATE,
            "goal": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 6}),
        }

    theme = _theme_field()


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "status", "done_on", "note"]
        widgets = {"due_on": DATE, "done_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"done_on": _("Empty: today, when the milestone is done.")}


class MilestoneStatusForm(forms.Form):
    """The quick change of a milestone's status from the project's page."""

    status = forms.ChoiceField(label=_("Status"), choices=Milestone.Status.choices)


class LessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = ["programme", "project", "title", "theme", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    theme = _theme_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(
            sessions__participants__user=user
        ).distinct()
        self.fields["project"].queryset = Project.objects.filter(user=user)
        self.fields["project"].required = False
        if self.instance.pk:
            del self.fields["programme"]

    def clean(self):
        data = super().clean()
        programme = data.get("programme") or getattr(self.instance, "programme", None)
        project = data.get("project")
        if project is not None and programme is not None and project.programme_id != programme.pk:
            self.add_error("project", _("This project belongs to another programme."))
        return data


class ReviewForm(forms.Form):
    review_note = forms.CharField(
        label=_("What should the author change?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to send it back; the author receives it."),
    )
