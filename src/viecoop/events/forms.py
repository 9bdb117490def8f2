"""Forms of the events pages. Rules live in the services; forms parse and explain."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .audiences import audience_options, parse_option
from .models import Event, Registration

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M:%S"]


def _datetime_field(label, *, required=True, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class EventForm(forms.ModelForm):
    audience_choice = forms.ChoiceField(
        label=_("Audience"), help_text=_("Who may see it and register.")
    )
    starts_at = _datetime_field(_("Starts"), help_text=_("Date and time, Paris time."))
    ends_at = _datetime_field(
        _("Ends"), help_text=_("For an event over several days, the last day's end.")
    )
    registration_closes_at = _datetime_field(
        _("Registration closes"), required=False, help_text=_("Empty: until it starts.")
    )
    publish = forms.BooleanField(
        label=_("Publish now"),
        required=False,
        initial=True,
        help_text=_("Unticked: a draft only the organisers see."),
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "summary",
            "format",
            "starts_at",
            "ends_at",
            "place_name",
            "address",
            "postal_code",
            "city",
            "region",
            "online_url",
            "online_details",
            "capacity",
            "waitlist_enabled",
            "registration_open",
            "registration_closes_at",
            "agenda",
        ]
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 10}),
            "format": forms.RadioSelect,
            "summary": forms.TextInput(),
        }

    def __init__(self, *args, user, coop=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = audience_options(user=user, coop=coop)
        choices = [(option.value, option.label) for option in self.options]
        field = self.fields["audience_choice"]
        field.choices = choices
        order = list(self.fields)
        order.remove("audience_choice")
        order.insert(order.index("format"), "audience_choice")
        if self.instance.pk:
            del self.fields["publish"]
            current = f"{self.instance.audience}" + (
                f":{self.instance.audience_target}" if self.instance.audience_target else ""
            )
            field.initial = current
            if current not in dict(choices):
                # The audience was set elsewhere (a group's page): keep it, do not offer others.
                field.choices = [(current, _("Unchanged"))]
            if self.instance.registrations.exclude(status=Registration.Status.CANCELLED).exists():
                field.disabled = True
                field.help_text = _("People are registered: the audience can no longer change.")
        elif len(choices) == 1:
            field.initial = choices[0][0]
        self.order_fields(order)
        self.fields["capacity"].widget.attrs["min"] = 1
        self.fields["region"].help_text = _("Where it takes place; empty for remote events.")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        return data

    def audience(self) -> tuple[str, int | None]:
        return parse_option(self.cleaned_data["audience_choice"])

    def event_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RegisterForm(forms.Form):
    comment = forms.CharField(
        label=_("A word for the organisers (optional)"),
        required=False,
        max_length=500,
        help_text=_("Access needs, diet, arriving late…"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        max_length=2000,
        help_text=_("Sent to the people registered and shown on the event's page."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        help_text=_(
            "What was said and decided, in Markdown. Shown to everyone who sees the event."
        ),
        widget=forms.Textarea(attrs={"rows": 14}),
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, office documents, images or text; 20 MB at most."),
    )


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), max_length=100, required=False)
