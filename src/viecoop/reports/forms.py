"""Forms of the reports. They parse; the services validate and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from viecoop.organizations.models import Residence
from viecoop.toolbox.themes import theme_groups

from .answers import AnswerError, clean_value, display_value
from .categories import CATEGORIES_BY_KIND, ConcernCategory, ConcernKind, Urgency
from .models import Campaign, Project, Question
from .prefill import all_providers


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "theme",
            "status",
            "start_date",
            "end_date",
            "residence",
            "description",
            "people_involved",
            "members_reached",
            "budget",
            "partners",
            "results",
            "lessons",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "results": forms.Textarea(attrs={"rows": 3}),
            "lessons": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, coop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "---------"), *theme_groups()]
        self.fields["residence"].queryset = Residence.objects.filter(coop=coop).order_by("name")
        self.fields["residence"].required = False
        self.fields["budget"].localize = True
        self.fields["budget"].widget.is_localized = True


class PhotoForm(forms.Form):
    image = forms.ImageField(
        label=_("Photo"),
        help_text=_(
            "JPEG, PNG or WebP. It is resized and its hidden data (such as GPS position) removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("What the photo shows"),
        max_length=250,
        help_text=_("For people who cannot see it, e.g. “Residents planting the shared garden”."),
    )


class ConcernForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("It is"), choices=ConcernKind.choices, widget=forms.RadioSelect
    )
    category = forms.ChoiceField(label=_("Category"), choices=ConcernCategory.choices)
    title = forms.CharField(label=_("In a few words"), max_length=200)
    description = forms.CharField(
        label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial="medium")
    theme = forms.ChoiceField(label=_("Theme (optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "---------"), *theme_groups()]
        difficulty = [(c.value, c.label) for c in CATEGORIES_BY_KIND[ConcernKind.DIFFICULTY]]
        need = [(c.value, c.label) for c in CATEGORIES_BY_KIND[ConcernKind.NEED]]
        self.fields["category"].choices = [
            (str(ConcernKind.DIFFICULTY.label), difficulty),
            (str(ConcernKind.NEED.label), need),
        ]

    def clean(self):
        data = super().clean()
        kind, category = data.get("kind"), data.get("category")
        if kind and category and category not in CATEGORIES_BY_KIND[kind]:
            self.add_error("category", _("Choose a category that fits this kind."))
        return data


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["title", "description", "period_start", "period_end", "deadline"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "deadline": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class SocietariatForm(forms.Form):
    year = forms.IntegerField(label=_("Year surveyed"), min_value=2000, max_value=2100)
    deadline = forms.DateField(label=_("Answer by"), widget=DateInput())


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Choices, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For questions with one or several choices."),
    )
    prefill = forms.ChoiceField(label=_("Pre-filled from the platform"), required=False)

    class Meta:
        model = Question
        fields = [
            "section",
            "label",
            "help_text",
            "kind",
            "required",
            "unit",
            "scale_min",
            "scale_max",
            "scale_min_label",
            "scale_max_label",
            "position",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["choices_text"] = "\n".join(self.instance.choices)
            if self.instance.prefill_key:
                self.initial["prefill"] = (
                    f"{self.instance.prefill_key}|{self.instance.prefill_param}"
                )
        options = [("", _("Nothing: the coop answers"))]
        for provider in all_providers():
            if provider.params:
                options += [
                    (f"{provider.key}|{code}", f"{provider.label} — {label}")
                    for code, label in provider.params
                ]
            else:
                options.append((f"{provider.key}|", str(provider.label)))
        self.fields["prefill"].choices = options
        self.fields["position"].required = False
        self.fields["position"].help_text = _("Leave empty to put it last.")

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if not data.get("position"):
            data.pop("position")
        data["choices"] = [
            line.strip() for line in self.cleaned_data["choices_text"].splitlines() if line.strip()
        ]
        key, _sep, param = (self.cleaned_data.get("prefill") or "").partition("|")
        data["prefill_key"], data["prefill_param"] = key, param
        return data


def _field_for(question: Question) -> forms.Field:
    common = {"label": question.label, "required": False, "help_text": question.help_text}
    if question.kind == Question.Kind.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, **common)
    if question.kind == Question.Kind.NUMBER:
        field = forms.CharField(max_length=30, **common)
        field.widget.attrs.update(inputmode="decimal", autocomplete="off")
        return field
    if question.kind == Question.Kind.CHOICE:
        return forms.ChoiceField(
            choices=[(c, c) for c in question.choices], widget=forms.RadioSelect, **common
        )
    if question.kind == Question.Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=[(c, c) for c in question.choices],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if question.kind == Question.Kind.YES_NO:
        return forms.ChoiceField(
            choices=[("1", _("Yes")), ("0", _("No"))], widget=forms.RadioSelect, **common
        )
    labels = {
        question.scale_min: question.scale_min_label,
        question.scale_max: question.scale_max_label,
    }
    choices = [
        (str(n), f"{n} — {labels[n]}" if labels.get(n) else str(n))
        for n in range(question.scale_min, question.scale_max + 1)
    ]
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)


def _initial(question: Question, value) -> object:
    if value is None:
        return None
    if question.kind == Question.Kind.YES_NO:
        return "1" if value else "0"
    if question.kind == Question.Kind.NUMBER:
        return display_value(question, value).removesuffix(question.unit).strip()
    if question.kind == Question.Kind.SCALE:
        return str(value)
    return value


class AnswerForm(forms.Form):
    """The campaign's questions as fields, pre-filled with the answer or the platform's figure."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            question = item.question
            name = f"q{question.pk}"
            self.fields[name] = _field_for(question)
            if question.required:
                # In the help text, so screen readers hear it with the question.
                help_text = f"{question.help_text} {_('Required to submit.')}".strip()
                self.fields[name].help_text = help_text
            start = item.value if item.value is not None else item.prefilled
            self.initial[name] = _initial(question, start)
            item.field_name = name

    def values(self) -> dict[int, object]:
        """Raw answers by question id; the service checks them (errors keyed ``q<id>``)."""
        result = {}
        for item in self.items:
            raw = self.cleaned_data.get(item.field_name)
            if item.question.kind == Question.Kind.YES_NO and raw in ("1", "0"):
                raw = raw == "1"
            result[item.question.pk] = raw
        return result

    def clean(self):
        data = super().clean()
        for item in self.items:
            try:
                clean_value(item.question, self._raw(item, data))
            except AnswerError as error:
                self.add_error(item.field_name, str(error))
        return data

    @staticmethod
    def _raw(item, data):
        raw = data.get(item.field_name)
        if item.question.kind == Question.Kind.YES_NO and raw in ("1", "0"):
            return raw == "1"
        return raw


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (sent to the coop)"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
