"""Forms of the toolbox. They parse; the services decide and validate the rest."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from viecoop.accounts.models import User
from viecoop.organizations.models import CoopRole

from .files import accept_attribute, max_size
from .models import Audience, Format, Language, Resource
from .themes import theme_groups


def _file_help() -> str:
    from django.template.defaultfilters import filesizeformat

    return _(
        "PDF, OpenDocument (ODT, ODS, ODP), Word, Excel, PowerPoint or image; at most %(size)s."
    ) % {"size": filesizeformat(max_size())}


class ResourceForm(forms.Form):
    """Describe a resource; at creation (or proposal), also its first file or link."""

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What the tool is for and how to use it. Markdown: **bold**, lists with -, [links](https://…)."
        ),
    )
    kind = forms.ChoiceField(
        label=_("It is"), choices=Resource.Kind.choices, widget=forms.RadioSelect, initial="file"
    )
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Address of the link"), required=False, max_length=500)
    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=theme_groups, widget=forms.CheckboxSelectMultiple
    )
    audiences = forms.MultipleChoiceField(
        label=_("For whom"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Every coop's staff can read published resources; members see only those meant for members."
        ),
    )
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial="fr")
    note = forms.CharField(label=_("Note on this version"), required=False, max_length=300)

    def __init__(self, *args, resource: Resource | None = None, **kwargs):
        if resource is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": resource.title,
                    "summary": resource.summary,
                    "themes": resource.theme_codes,
                    "audiences": [a for a in Audience.values if getattr(resource, f"for_{a}")],
                    "format": resource.format,
                    "language": resource.language,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _file_help()
        self.fields["file"].widget.attrs["accept"] = accept_attribute()
        if resource is not None:
            # The file or link changes through a new version, never by editing.
            for name in ("kind", "file", "url", "note"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Resource.Kind.FILE and "file" in self.fields and not data.get("file"):
            self.add_error("file", _("Choose the file to publish."))
        if kind == Resource.Kind.LINK and "url" in self.fields and not data.get("url"):
            self.add_error("url", _("Give the address of the link."))
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        result = {
            "title": data["title"],
            "summary": data["summary"],
            "themes": list(data["themes"]),
            "format": data["format"],
            "language": data["language"],
            **{f"for_{a}": a in data["audiences"] for a in Audience.values},
        }
        if "kind" in self.fields:
            result.update(
                kind=data["kind"],
                file=data.get("file") if data["kind"] == Resource.Kind.FILE else None,
                url=data.get("url", "") if data["kind"] == Resource.Kind.LINK else "",
                note=data.get("note", ""),
            )
        return result


class ProposeForm(ResourceForm):
    """A référent proposes a resource; with several coops, they say for which one."""

    coop = forms.TypedChoiceField(label=_("On behalf of"), coerce=int)

    def __init__(self, *args, coops=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].label = _("Message to the federation")
        self.fields["note"].help_text = _(
            "Where the tool comes from, who made it, what it was used for."
        )
        self.fields["coop"].choices = [(c.pk, c.name) for c in coops]
        if len(coops) <= 1:
            self.fields["coop"].widget = forms.HiddenInput()
            if coops:
                self.fields["coop"].initial = coops[0].pk


class VersionForm(forms.Form):
    file = forms.FileField(label=_("New file"), required=False)
    url = forms.URLField(label=_("New address of the link"), required=False, max_length=500)
    note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        help_text=_("Sent to those who used the resource."),
    )

    def __init__(self, *args, resource: Resource, **kwargs):
        super().__init__(*args, **kwargs)
        if resource.kind == Resource.Kind.FILE:
            del self.fields["url"]
            self.fields["file"].required = True
            self.fields["file"].help_text = _file_help()
            self.fields["file"].widget.attrs["accept"] = accept_attribute()
        else:
            del self.fields["file"]
            self.fields["url"].required = True


class StateForm(forms.Form):
    state = forms.ChoiceField(choices=Resource.State.choices)


class ReviewForm(forms.Form):
    DECISIONS = [
        ("publish", _("Accept and publish now")),
        ("draft", _("Accept as a draft (to complete before publishing)")),
        ("reject", _("Do not accept")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Message to the proposer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the resource is not accepted."),
    )


class RelayForm(forms.Form):
    """Pick colleagues and/or roles of the coop, and write a note."""

    coop = forms.TypedChoiceField(label=_("Coop"), coerce=int)
    users = forms.ModelMultipleChoiceField(
        label=_("Colleagues"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    roles = forms.MultipleChoiceField(
        label=_("Or everybody holding a role"),
        required=False,
        choices=[
            (CoopRole.Role.MANAGER, _("Managers")),
            (CoopRole.Role.REFERENT, _("Référents vie coopérative")),
            (CoopRole.Role.STAFF, _("Staff")),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why you pass it on, for whom it may be useful."),
    )

    def __init__(self, *args, coops, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coop"].choices = [(c.pk, c.name) for c in coops]
        if len(coops) == 1:
            self.fields["coop"].widget = forms.HiddenInput()
            self.fields["coop"].initial = coops[0].pk
        self.fields["users"].queryset = colleagues
        self.fields["users"].label_from_instance = lambda u: u.get_full_name() or u.email

    def clean(self):
        data = super().clean()
        if not data.get("users") and not data.get("roles"):
            raise forms.ValidationError(_("Choose at least one colleague or one role."))
        return data


class FeedbackForm(forms.Form):
    useful = forms.TypedChoiceField(
        label=_("Was this resource useful?"),
        choices=[("1", _("Yes")), ("0", _("No"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Read by the federation's team."),
    )
