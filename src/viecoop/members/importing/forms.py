"""Forms of the import pages: they parse input, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .fields import FIELDS
from .parsing import MAX_FILE_SIZE
from .services import mapping_problems


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Register file"),
        help_text=_(
            "CSV (separated by « ; » or « , », UTF-8 or Windows-1252) or Excel (.xlsx, first "
            "sheet). The first row holds the column titles. 20 MB at most."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(
                _("This file is too large (%(size)s MB): the limit is 20 MB.")
                % {"size": round(upload.size / 1024 / 1024, 1)}
            )
        return upload


class MappingForm(forms.Form):
    """One choice per register field: which column of the file holds it."""

    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = [("", _("— not in the file —"))] + [
            (str(index), header or _("Column %(n)s") % {"n": index + 1})
            for index, header in enumerate(headers)
        ]
        for field in FIELDS:
            self.fields[field.key] = forms.ChoiceField(
                label=field.label, choices=choices, required=False
            )

    def clean(self):
        data = super().clean()
        mapping = {key: int(value) for key, value in data.items() if value not in ("", None)}
        for problem in mapping_problems(mapping, self.headers):
            self.add_error(None, problem)
        data["mapping"] = mapping
        return data


class ConfirmForm(forms.Form):
    valid_rows_only = forms.BooleanField(
        label=_("Import the valid rows only"),
        required=False,
        help_text=_(
            "The rejected rows will not be in the register: you will have to correct and "
            "import them later, or enter them by hand."
        ),
    )
