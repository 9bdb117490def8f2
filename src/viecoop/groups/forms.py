"""Forms of the working groups' pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Membership, WorkingGroup


class GroupForm(forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "purpose", "description", "policy"]
        widgets = {
            "purpose": forms.TextInput(),
            "description": forms.Textarea(attrs={"rows": 8}),
            "policy": forms.RadioSelect,
        }


class GroupUpdateForm(GroupForm):
    class Meta(GroupForm.Meta):
        fields = [*GroupForm.Meta.fields, "status"]
        widgets = {**GroupForm.Meta.widgets, "status": forms.RadioSelect}


class JoinForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why do you want to join? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NotifyForm(forms.Form):
    notify = forms.ChoiceField(
        label=_("E-mails about new messages"),
        choices=Membership.Notify.choices,
        widget=forms.RadioSelect,
    )


class DiscussionForm(forms.Form):
    title = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        max_length=20_000,
        help_text=_("Markdown: **bold**, *italics*, lists, links."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=20_000,
        help_text=_("Markdown: **bold**, *italics*, lists, links."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, office documents, images, text or zip; 20 MB at most.")
    )


class VersionForm(forms.Form):
    file = forms.FileField(
        label=_("New version"), help_text=_("The previous versions stay in the history.")
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class DeliverableForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        help_text=_("What it is, who it is for, how to use it (Markdown)."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("Optional; a new file replaces the previous one."),
    )
    final = forms.BooleanField(
        label=_("It is final"),
        required=False,
        help_text=_("A final deliverable can be proposed to the federation's tools."),
    )
