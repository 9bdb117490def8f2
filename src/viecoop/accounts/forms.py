from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .services import CODE_LENGTH, normalize_code


class ActivationCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Activation code"),
        max_length=32,
        help_text=_(
            "The 12 characters written in your letter or e-mail, for example ABCD-EFGH-JKMN."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if len(normalize_code(code)) != CODE_LENGTH:
            raise forms.ValidationError(
                _("An activation code has 12 letters and digits. Please check what you typed."),
                code="code_length",
            )
        return code


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class DeletionRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you want to leave? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account will be deleted and that I will no longer be able to log in."
        ),
        required=True,
    )


class DeletionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Delete the account")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Answer to the person"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when refusing: the person must know why."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not (data.get("answer") or "").strip():
            self.add_error("answer", _("Explain why the request is refused."))
        return data
