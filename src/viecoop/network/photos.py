"""Référents' photos: checked, turned upright, resized and re-encoded with Pillow.

Re-encoding to JPEG drops every metadata block (EXIF with GPS position, camera serial…)
and any payload hidden after the image data; the original upload is never stored.
"""

from __future__ import annotations

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # far above any phone photo, far below a decompression bomb
MIN_SIDE = 80
OUTPUT_SIDE = 480
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"


def validate_photo(upload) -> None:
    """Refuse, with a clear message, what is too big, not an image, or of another type."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This photo weighs %(size)s MB; the limit is %(max)s MB."),
            code="too_big",
            params={
                "size": f"{upload.size / 1024 / 1024:.1f}",
                "max": MAX_UPLOAD_BYTES // 1024 // 1024,
            },
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("This image is too large in pixels."), code="too_many")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("This file is not a photo we can read. Use a JPEG, PNG or WebP image."),
            code="invalid",
        ) from error
    finally:
        upload.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("Photos must be JPEG, PNG or WebP images."), code="format", params={}
        )
    if min(width, height) < MIN_SIDE:
        raise ValidationError(
            _("This photo is too small: at least %(min)s pixels on each side."),
            code="too_small",
            params={"min": MIN_SIDE},
        )


def resize_photo(upload) -> ContentFile:
    """A square JPEG of at most 480×480 pixels (centred crop), upright, without metadata."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "L"):
            # Transparent PNGs get a white background rather than a black one.
            background = Image.new("RGB", image.size, (255, 255, 255))
            rgba = image.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            image = background
        side = min(OUTPUT_SIDE, image.width, image.height)  # never enlarge a small photo
        image = ImageOps.fit(image.convert("RGB"), (side, side), method=Image.Resampling.LANCZOS)
        output = BytesIO()
        image.save(output, format="JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(output.getvalue(), name="photo.jpg")
