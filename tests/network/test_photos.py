"""Photos: refused when unusable, otherwise upright, square, small and without metadata."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from viecoop.network.photos import MAX_UPLOAD_BYTES, resize_photo, validate_photo


def image_file(fmt="JPEG", size=(1200, 900), mode="RGB", name="photo.jpg", exif=None, **save):
    buffer = BytesIO()
    image = Image.new(mode, size, (200, 30, 30, 0) if mode == "RGBA" else (200, 30, 30))
    if exif is not None:
        save["exif"] = exif
    image.save(buffer, format=fmt, **save)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def test_a_phone_photo_is_cropped_resized_and_stripped():
    exif = Image.Exif()
    exif[0x010F] = "Appareil de test"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° to stand upright
    upload = image_file(size=(1600, 1200), exif=exif)
    validate_photo(upload)
    result = Image.open(BytesIO(resize_photo(upload).read()))
    assert result.format == "JPEG" and result.size == (480, 480)
    assert not result.getexif()  # no camera, no position


def test_exif_orientation_is_applied():
    exif = Image.Exif()
    exif[0x0112] = 6
    # A wide image with a blue left half: once turned upright, blue is at the top.
    buffer = BytesIO()
    image = Image.new("RGB", (400, 200), (255, 255, 255))
    image.paste((0, 0, 255), (0, 0, 200, 200))
    image.save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("p.jpg", buffer.getvalue())
    result = Image.open(BytesIO(resize_photo(upload).read())).convert("RGB")
    top, bottom = result.getpixel((100, 10)), result.getpixel((100, 190))
    assert top[2] > 200 and top[0] < 80  # blue on top
    assert bottom[0] > 200  # white at the bottom


def test_transparent_png_gets_a_white_background():
    result = Image.open(BytesIO(resize_photo(image_file("PNG", (300, 300), "RGBA")).read()))
    assert result.getpixel((150, 150)) >= (250, 250, 250)


def test_small_photos_are_not_enlarged():
    result = Image.open(BytesIO(resize_photo(image_file(size=(200, 150))).read()))
    assert result.size == (150, 150)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("a.jpg", b"not an image at all"), "pas une photo"),
        (image_file("GIF", name="a.gif"), "JPEG, PNG ou WebP"),
        (image_file(size=(60, 60)), "trop petite"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(upload, message):
    with pytest.raises(ValidationError, match=message):
        validate_photo(upload)


def test_too_heavy_is_refused_before_opening():
    upload = SimpleUploadedFile("big.jpg", b"\xff" * (MAX_UPLOAD_BYTES + 1))
    with pytest.raises(ValidationError, match="la limite est de 5 Mo"):
        validate_photo(upload)


def test_webp_is_accepted():
    validate_photo(image_file("WEBP", name="p.webp"))
