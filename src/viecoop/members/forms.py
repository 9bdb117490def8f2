from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from viecoop.organizations.models import Coop, Residence

from .models import (
    Category,
    College,
    ConsentChannel,
    ConsentPurpose,
    ContactChannel,
    Member,
    ShareOperation,
    Topic,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = [
            "kind",
            "number",
            "first_name",
            "last_name",
            "legal_name",
            "representative",
            "birth_date",
            "category",
            "college",
            "residence",
            "email",
            "phone",
            "address",
            "postal_code",
            "city",
            "application_date",
        ]
        widgets = {
            "birth_date": DATE_WIDGET,
            "application_date": DATE_WIDGET,
            "kind": forms.RadioSelect,
        }
        help_texts = {
            "number": _("Leave empty to give the next free number."),
            "college": _("Leave empty to use the category's college."),
        }

    college_since = forms.DateField(
        label=_("New college from"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_(
            "Only when you change the college: the date of the change (today if empty). "
            "Voting rights before that date keep the former college."
        ),
    )

    def __init__(self, *args, coop: Coop, **kwargs):
        super().__init__(*args, **kwargs)
        self.coop = coop
        self.fields["number"].required = False
        self.fields["college"].required = False
        # Retired categories are not given any more, but a member keeps theirs.
        current = self.instance.category_id if self.instance.pk else None
        self.fields["category"].queryset = Category.objects.filter(coop=coop).filter(
            Q(is_active=True) | Q(pk=current)
        )
        if not self.instance.pk:
            del self.fields["college_since"]
        self.fields["college"].queryset = College.objects.filter(coop=coop)
        self.fields["residence"].queryset = Residence.objects.filter(coop=coop)

    def clean(self):
        data = super().clean()
        if data.get("kind") == Member.Kind.PERSON and not data.get("last_name"):
            self.add_error("last_name", _("A person needs a last name."))
        if data.get("kind") == Member.Kind.ENTITY and not data.get("legal_name"):
            self.add_error("legal_name", _("A legal entity needs its legal name."))
        number = data.get("number")
        if number:
            others = Member.objects.filter(coop=self.coop, number=number)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("number", _("Another member already has this number."))
        if (
            not data.get("college")
            and data.get("category")
            and not data["category"].default_college_id
        ):
            self.add_error("college", _("Choose the member's college."))
        return data


class AdmitForm(forms.Form):
    admission_date = forms.DateField(label=_("Date of the board's decision"), widget=DATE_WIDGET)
    board_decision = forms.CharField(
        label=_("Board decision reference"),
        max_length=120,
        help_text=_("For example: CA du 12/03/2026, délibération 4."),
    )
    shares = forms.IntegerField(label=_("Shares subscribed"), min_value=1, initial=1)
    unit_price = forms.DecimalField(
        label=_("Unit price (€)"),
        min_value=Decimal("0.01"),
        decimal_places=2,
        max_digits=10,
        localize=True,  # « 15,25 » as French people write it
    )


class LeaveForm(forms.Form):
    exit_date = forms.DateField(label=_("Exit date"), widget=DATE_WIDGET)
    reason = forms.ChoiceField(
        label=_("Reason"), choices=Member.ExitReason.choices, widget=forms.RadioSelect
    )
    board_decision = forms.CharField(
        label=_("Board decision reference (if any)"), max_length=120, required=False
    )


class ShareOperationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Operation"), choices=ShareOperation.Kind.choices, widget=forms.RadioSelect
    )
    member_number = forms.CharField(label=_("Member number"), max_length=30)
    counterpart_number = forms.CharField(
        label=_("Number of the member who receives the shares"),
        max_length=30,
        required=False,
        help_text=_("Transfers only."),
    )
    shares = forms.IntegerField(label=_("Number of shares"), min_value=1)
    unit_price = forms.DecimalField(
        label=_("Unit price (€)"),
        min_value=Decimal("0.01"),
        decimal_places=2,
        max_digits=10,
        localize=True,  # « 15,25 » as French people write it
    )
    effective_date = forms.DateField(label=_("Effective date"), widget=DATE_WIDGET)
    board_decision = forms.CharField(
        label=_("Board decision reference"), max_length=120, required=False
    )
    board_decision_date = forms.DateField(
        label=_("Board decision date"), widget=DATE_WIDGET, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args, coop: Coop, **kwargs):
        super().__init__(*args, **kwargs)
        self.coop = coop

    def _member(self, field: str) -> Member | None:
        number = (self.cleaned_data.get(field) or "").strip()
        if not number:
            return None
        member = Member.objects.filter(coop=self.coop, number=number).first()
        if member is None:
            self.add_error(
                field, _("No member of this coop has the number %(number)s.") % {"number": number}
            )
        return member

    def clean(self):
        data = super().clean()
        data["member"] = self._member("member_number")
        data["counterpart"] = self._member("counterpart_number")
        if data.get("kind") == ShareOperation.Kind.TRANSFER and not data.get("counterpart_number"):
            self.add_error(
                "counterpart_number", _("A transfer needs the member who receives the shares.")
            )
        if data.get("kind") == ShareOperation.Kind.SUBSCRIPTION:
            if not data.get("board_decision"):
                self.add_error("board_decision", _("A subscription must be approved by the board."))
            if not data.get("board_decision_date"):
                self.add_error("board_decision_date", _("Give the date of the board's decision."))
        return data


class VotingDateForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)


class OwnDetailsForm(forms.ModelForm):
    """What a member may correct themselves: how to reach them."""

    class Meta:
        model = Member
        fields = ["email", "phone", "address", "postal_code", "city"]


class ExitRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the coop (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I ask to leave the coop. I understand that my shares will be redeemed as the statutes provide."
        ),
        required=True,
    )


class MemberInviteForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How to send the invitation"),
        choices=[
            ("email", _("By e-mail")),
            ("letter", _("On a printed letter (for people without e-mail)")),
        ],
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(label=_("E-mail address"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("channel") == "email" and not data.get("email"):
            self.add_error("email", _("Enter the e-mail address the invitation goes to."))
        return data


class ConsentRecordForm(forms.Form):
    """Staff record a member's answer, usually from a signed paper form."""

    purpose = forms.ChoiceField(label=_("Consent"), choices=ConsentPurpose.choices)
    given = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("1", _("Given")), ("0", _("Withdrawn"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    on = forms.DateField(
        label=_("Date of the answer"),
        widget=DATE_WIDGET,
        help_text=_("The date written on the form, or the day the member said it."),
    )
    channel = forms.ChoiceField(
        label=_("How the member answered"),
        choices=[c for c in ConsentChannel.choices if c[0] != ConsentChannel.ONLINE],
        initial=ConsentChannel.PAPER,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=255,
        required=False,
        help_text=_("For example where the signed form is filed."),
    )


class PreferencesForm(forms.Form):
    preferred_channel = forms.ChoiceField(
        label=_("How do you prefer the coop to contact you?"),
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(label=_("Language of letters and e-mails"), choices=[])
    topics = forms.MultipleChoiceField(
        label=_("What would you like to hear about?"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES


class OwnConsentsForm(forms.Form):
    """One tick box per consent, on the member's own page (the texts are shown beside)."""

    def __init__(self, *args, texts: dict, state: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for purpose, text in texts.items():
            consent = state.get(purpose)
            self.fields[purpose] = forms.BooleanField(
                label=text.title,
                required=False,
                initial=bool(consent and consent.given),
            )
