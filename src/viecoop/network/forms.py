from django import forms
from django.utils.translation import gettext_lazy as _

from viecoop.organizations.models import Coop, Region

from .models import NewsComment, NewsPost, ReferentApplication, ReferentProfile
from .photos import ACCEPT_ATTRIBUTE, validate_photo
from .services.referents import PROFILE_FIELDS
from .themes import Theme, grouped_theme_choices


class DirectoryFilterForm(forms.Form):
    """The directory's filters: invalid values are simply ignored (a shared link never 500s)."""

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    theme = forms.ChoiceField(label=_("Theme of interest"), required=False)
    forme = forms.ChoiceField(label=_("Legal form"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *Region.choices]
        self.fields["theme"].choices = [("", _("All themes")), *grouped_theme_choices()]
        self.fields["forme"].choices = [("", _("All legal forms")), *Coop.LegalForm.choices]

    def values(self) -> dict[str, str]:
        """The valid filters (empty strings for anything missing or invalid)."""
        values = {}
        for name in self.fields:
            value = (self.data.get(name) or "").strip()
            field = self.fields[name]
            if isinstance(field, forms.ChoiceField) and not field.valid_value(value):
                value = ""
            values[name] = value[:100]
        return values


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = ReferentApplication
        fields = ["coop", "motivation", "time_available"]
        labels = {"motivation": _("Why do you want to become a référent?")}
        help_texts = {
            "motivation": _(
                "What draws you to the cooperative life, what you would like to do in your coop "
                "and in the network. A few lines are enough."
            ),
            "time_available": _(
                "For example: two hours a week, half a day a month, the thematic meetings."
            ),
        }
        widgets = {"motivation": forms.Textarea(attrs={"rows": 6})}

    coop = forms.ModelChoiceField(label=_("Your coop"), queryset=Coop.objects.none())

    def __init__(self, *args, coops: list[Coop], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coop"].queryset = Coop.objects.filter(pk__in=[c.pk for c in coops])
        if len(coops) == 1:
            self.fields["coop"].initial = coops[0].pk
            self.fields["coop"].widget = forms.HiddenInput()


class AcceptForm(forms.Form):
    message = forms.CharField(
        label=_("A word of welcome (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Added to the welcome e-mail, above the first steps."),
    )


class DeclineForm(forms.Form):
    decision_message = forms.CharField(
        label=_("Why do you decline?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The person receives this message. Suggest what they could do instead."),
    )


class EndMandateForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, note_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if note_required:
            self.fields["note"].required = True
            self.fields["note"].label = _("Why does the mandate end?")
        else:
            self.fields["note"].label = _("A word for the federation (optional)")


class ProfileForm(forms.ModelForm):
    class Meta:
        model = ReferentProfile
        fields = ["photo", "job_title", "themes", "expertise", "availability", "since", "bio"]
        widgets = {
            "since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expertise": forms.Textarea(attrs={"rows": 4}),
            "bio": forms.Textarea(attrs={"rows": 8}),
        }

    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        help_text=_(
            "JPEG, PNG or WebP, up to 5 MB. It is cropped to a square and resized; "
            "its hidden data (place, camera) is removed."
        ),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    themes = forms.MultipleChoiceField(
        label=_("Themes of interest"),
        choices=grouped_theme_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The principles of the charter and the topics you like to work on."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["themes"] = [t.value for t in self.instance.themes]
            self.initial["photo"] = None  # the current photo is shown beside the field
        if not (self.instance.pk and self.instance.photo):
            del self.fields["remove_photo"]
        self.order_fields(["photo", "remove_photo"])

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            validate_photo(photo)
        return photo

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in PROFILE_FIELDS}
        data["themes"] = [t for t in self.cleaned_data["themes"] if t in Theme.values]
        data["photo"] = self.cleaned_data.get("photo") or None
        data["remove_photo"] = self.cleaned_data.get("remove_photo", False)
        return data


class NewsForm(forms.ModelForm):
    class Meta:
        model = NewsPost
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}


class RejectForm(forms.Form):
    review_note = forms.CharField(
        label=_("Why is it not published?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The author receives this note and can edit the post."),
    )


class CommentForm(forms.ModelForm):
    class Meta:
        model = NewsComment
        fields = ["body"]
        labels = {"body": _("Your comment")}
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class HideCommentForm(forms.Form):
    reason = forms.CharField(
        label=_("Why hide this comment?"),
        max_length=300,
        help_text=_("Its author receives this reason."),
    )
