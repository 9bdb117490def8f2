"""What may be uploaded to the toolbox: a short allow-list, checked by content, not by name.

The extension says what the file claims to be; the first bytes (PDF), the archive's
manifest (OpenDocument, Office Open XML) or Pillow (images) say what it is. A file whose
content does not match its extension is refused. Written here rather than with
python-magic: five formats, no system library (libmagic) to install on every server.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

DEFAULT_MAX_SIZE = 25 * 1024 * 1024

OPENDOCUMENT = {
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".odg": "application/vnd.oasis.opendocument.graphics",
}
OFFICE_OPEN_XML = {
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "word/",
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ppt/",
    ),
}
IMAGES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
ALLOWED_EXTENSIONS = (".pdf", *OPENDOCUMENT, *OFFICE_OPEN_XML, *IMAGES)


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    size: int


def max_size() -> int:
    return getattr(settings, "TOOLBOX_MAX_FILE_SIZE", DEFAULT_MAX_SIZE)


def accept_attribute() -> str:
    return ",".join(ALLOWED_EXTENSIONS)


def _mismatch(extension: str) -> ValidationError:
    return ValidationError(
        _("This file is not a real %(type)s file: its content does not match its name.")
        % {"type": extension.lstrip(".").upper()},
        code="content_mismatch",
    )


def _check_zip(upload, extension: str) -> str:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if extension in OPENDOCUMENT:
                expected = OPENDOCUMENT[extension]
                if "mimetype" not in names:
                    raise _mismatch(extension)
                if archive.read("mimetype").decode("ascii", "replace").strip() != expected:
                    raise _mismatch(extension)
                return expected
            content_type, folder = OFFICE_OPEN_XML[extension]
            if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
                raise _mismatch(extension)
            return content_type
    except zipfile.BadZipFile as error:
        raise _mismatch(extension) from error


def _check_image(upload, extension: str) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(upload) as image:
            image.verify()
            found = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise _mismatch(extension) from error
    if found != IMAGES[extension]:
        raise _mismatch(extension)
    return IMAGE_TYPES[found]


def check_resource_file(upload) -> CheckedFile:
    """Validate an uploaded file for the toolbox; a translated ValidationError otherwise."""
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("This type of file is not accepted. Accepted: %(types)s.")
            % {"types": ", ".join(e.lstrip(".").upper() for e in ALLOWED_EXTENSIONS)},
            code="extension",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > max_size():
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_size())},
            code="too_large",
        )
    upload.seek(0)
    if extension == ".pdf":
        if not upload.read(5).startswith(b"%PDF-"):
            raise _mismatch(extension)
        content_type = "application/pdf"
    elif extension in IMAGES:
        content_type = _check_image(upload, extension)
    else:
        content_type = _check_zip(upload, extension)
    upload.seek(0)
    safe_name = get_valid_filename(name)[:150] or f"document{extension}"
    return CheckedFile(filename=safe_name, content_type=content_type, size=upload.size)
