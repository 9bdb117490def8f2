from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Coop, CoopRole, FederationRole, Residence
from .validators import validate_siren


class CoopForm(forms.ModelForm):
    class Meta:
        model = Coop
        fields = [
            "name",
            "legal_form",
            "region",
            "department",
            "address",
            "postal_code",
            "city",
            "siren",
            "email",
            "website",
            "logo",
        ]

    # Wider than the model's nine digits: people type « 732 829 320 » as printed on a Kbis.
    siren = forms.CharField(
        label=_("SIREN"), max_length=20, required=False, help_text=_("Nine digits, optional.")
    )

    def clean_siren(self) -> str:
        siren = "".join(self.cleaned_data["siren"].split())
        if siren:
            validate_siren(siren)
        return siren


class CoopCreateForm(CoopForm):
    manager_email = forms.EmailField(
        label=_("E-mail of the coop's first manager"),
        help_text=_("This person receives an invitation to manage the coop's space."),
    )

    class Meta(CoopForm.Meta):
        fields = ["name", "slug", *CoopForm.Meta.fields[1:]]


class ResidenceForm(forms.ModelForm):
    class Meta:
        model = Residence
        fields = ["name", "address", "postal_code", "city", "homes_count"]

    def __init__(self, *args, coop: Coop, **kwargs):
        super().__init__(*args, **kwargs)
        self.coop = coop
        self.instance.coop = coop


class InvitationForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How to send the invitation"),
        choices=[
            ("email", _("By e-mail")),
            ("letter", _("On a printed letter (for people without e-mail)")),
        ],
        initial="email",
        widget=forms.RadioSelect,
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    role = forms.ChoiceField(label=_("Role"))
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)

    def __init__(self, *args, roles: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles

    def clean(self):
        data = super().clean()
        if data.get("channel") == "email" and not data.get("email"):
            self.add_error("email", _("Enter the e-mail address the invitation goes to."))
        if data.get("channel") == "letter" and not (
            data.get("first_name") or data.get("last_name")
        ):
            self.add_error(
                "last_name", _("A letter needs the name of the person it is addressed to.")
            )
        return data


def coop_role_choices(*, can_manage_team: bool) -> list[tuple[str, str]]:
    if can_manage_team:
        return list(CoopRole.Role.choices)
    return [(CoopRole.Role.MEMBER.value, CoopRole.Role.MEMBER.label)]


class FederationInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=FederationRole.Role.choices)
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)
