"""Photos of projects: checked, resized and stripped of their metadata by Pillow.

A phone photo is 4 to 12 MB with GPS coordinates in its EXIF block: the coop's members
must not be located through a report. Every photo is decoded (so only real images pass),
turned upright, shrunk to at most 1600 px, and re-encoded as a JPEG without metadata.
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UPLOAD = 15 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a 50-megapixel camera; beyond is a decompression bomb
MAX_SIDE = 1600
ACCEPTED = {"JPEG", "PNG", "WEBP"}


def process_photo(upload) -> ContentFile:
    """Validate an uploaded photo and return the re-encoded JPEG, or a translated error."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if upload.size > MAX_UPLOAD:
        raise ValidationError(
            _("The photo is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD)},
            code="too_large",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            if probe.format not in ACCEPTED:
                raise ValidationError(_("Send a photo in JPEG, PNG or WebP."), code="format")
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("The photo has too many pixels."), code="too_many_pixels")
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, (255, 255, 255))
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=85, optimize=True)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as error:
        raise ValidationError(
            _("This file is not a photo that can be read."), code="invalid"
        ) from error
    return ContentFile(buffer.getvalue(), name="photo.jpg")
