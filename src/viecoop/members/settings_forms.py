"""Forms of the register's settings pages (managers)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from viecoop.organizations.models import Coop

from .models import Category, College, CollegeKind, RegisterSettings


class RegisterSettingsForm(forms.ModelForm):
    class Meta:
        model = RegisterSettings
        fields = [
            "share_nominal",
            "retention_years",
            "next_number",
            "number_prefix",
            "number_width",
        ]
        help_texts = {
            "share_nominal": _(
                "Used for the operations recorded from now on; past operations keep their price."
            ),
            "retention_years": _(
                "After this many years, the personal data of members who left is erased; the "
                "share ledger keeps its amounts and dates."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["share_nominal"].localize = True  # « 15,25 » as French people write it
        self.fields["share_nominal"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["number_prefix"].widget.attrs["autocomplete"] = "off"


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    default_college = forms.ModelChoiceField(
        label=_("Default college"),
        queryset=College.objects.none(),
        required=False,
        empty_label=_("None: choose it for each member"),
        help_text=_("Given to members registered in this category from now on."),
    )

    def __init__(self, *args, coop: Coop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_college"].queryset = College.objects.filter(coop=coop)


class CategoryEditForm(CategoryForm):
    is_active = forms.BooleanField(
        label=_("Offered for new members"),
        required=False,
        help_text=_(
            "Untick to retire the category: the members who have it keep it, in the register "
            "and the exports; it is no longer given to others."
        ),
    )

    @classmethod
    def for_category(cls, category: Category, data=None) -> CategoryEditForm:
        return cls(
            data,
            coop=category.coop,
            initial={
                "name": category.name,
                "default_college": category.default_college_id,
                "is_active": category.is_active,
            },
        )


class CollegeForm(forms.Form):
    """One row of the colleges form; ``pk`` is empty for a college being added."""

    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=120, required=False)
    kind = forms.ChoiceField(
        label=_("Members"),
        choices=[
            (CollegeKind.USERS, _("Users")),
            (CollegeKind.EMPLOYEES, _("Employees")),
            (CollegeKind.AUTHORITIES, _("Public authorities")),
            (CollegeKind.OTHER, _("Other")),
        ],
        required=False,
    )
    weight = forms.DecimalField(
        label=_("Weight (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        required=False,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
    )
    position = forms.IntegerField(
        label=_("Order"),
        min_value=0,
        max_value=999,
        required=False,
        widget=forms.NumberInput(attrs={"size": 3}),
    )
    delete = forms.BooleanField(label=_("Delete"), required=False)


CollegeFormSet = forms.formset_factory(CollegeForm, extra=0, max_num=20, absolute_max=20)


class ConsentTextForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text members agree to"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=_(
            "Saving publishes a new version. Members who agreed to an earlier version keep "
            "their consent; their space shows them that the text changed."
        ),
    )
