"""Checking and preparing uploaded photos and files: by content, never by name.

Photos are decoded with Pillow (refusing decompression bombs before decoding), turned upright,
shrunk to fit a phone screen and re-encoded as JPEG, which also drops their metadata (location).
Other files are accepted only when their first bytes say they are one of the known kinds.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A phone photo is 12–50 megapixels; anything far beyond is a bomb, not a photo.
MAX_PIXELS = 60_000_000
PHOTO_MAX_SIDE = 1600
PHOTO_QUALITY = 80
# What a list of work shows (a few tens of KB on a slow link); the full photo opens on a tap.
PREVIEW_MAX_SIDE = 480
PREVIEW_QUALITY = 70
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}


class UploadRejected(Exception):
    """A file we will not keep; ``message`` says why, in the user's language."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.message = message


@dataclass
class PreparedFile:
    content: ContentFile
    extension: str
    content_type: str
    width: int | None = None
    height: int | None = None
    preview: ContentFile | None = None


def max_upload_bytes() -> int:
    return int(getattr(settings, "LEARNING_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def _check_size(upload) -> None:
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise UploadRejected(
            upload.name,
            _("“%(name)s” is too big (%(size)s). The limit is %(limit)s a file.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
        )


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read(max_upload_bytes() + 1)
    if len(data) > max_upload_bytes():
        _check_size(type("Sized", (), {"name": upload.name, "size": len(data)})())
    return data


def prepare_photo(upload) -> PreparedFile:
    """A photo shrunk to at most 1600 px a side and re-encoded as JPEG."""
    _check_size(upload)
    data = _read(upload)
    not_a_photo = _("“%(name)s” is not a photo we can read (JPEG, PNG or WebP).") % {
        "name": upload.name
    }
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in PHOTO_FORMATS:
                raise UploadRejected(upload.name, not_a_photo)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise Image.DecompressionBombError("too many pixels")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRejected(
            upload.name,
            _("“%(name)s” is too large an image to open (too many pixels).")
            % {"name": upload.name},
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UploadRejected(upload.name, not_a_photo) from None
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=PHOTO_QUALITY, optimize=True, progressive=True)
    small = image.copy()
    small.thumbnail((PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE), Image.Resampling.LANCZOS)
    preview = io.BytesIO()
    small.save(preview, "JPEG", quality=PREVIEW_QUALITY, optimize=True, progressive=True)
    return PreparedFile(
        content=ContentFile(out.getvalue()),
        extension="jpg",
        content_type="image/jpeg",
        width=image.width,
        height=image.height,
        preview=ContentFile(preview.getvalue()),
    )


OFFICE_KINDS = {
    "word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
TEXT_EXTENSIONS = {"txt": "text/plain", "csv": "text/csv"}


def sniff(data: bytes, name: str) -> tuple[str, str] | None:
    """(extension, content type) of a file we accept, judged by its bytes."""
    if data.startswith(b"%PDF-"):
        return "pdf", "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg", "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp", "image/webp"
    if data.startswith(b"ID3") or data[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "mp3", "audio/mpeg"
    if data.startswith(b"OggS"):
        return "ogg", "audio/ogg"
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand.startswith(b"M4A"):
            return "m4a", "audio/mp4"
        return "mp4", "video/mp4"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            for prefix, kind in OFFICE_KINDS.items():
                if any(n.startswith(prefix) for n in names):
                    return kind
        return None
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in TEXT_EXTENSIONS and b"\x00" not in data:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return extension, TEXT_EXTENSIONS[extension]
    return None


def prepare_file(upload) -> PreparedFile:
    """A document, audio or image file whose content is one of the kinds we accept."""
    _check_size(upload)
    data = _read(upload)
    kind = sniff(data, upload.name or "")
    if kind is None:
        raise UploadRejected(
            upload.name,
            _(
                "“%(name)s” is not a kind of file we accept (PDF, Word, Excel, PowerPoint, "
                "photos, audio or plain text)."
            )
            % {"name": upload.name},
        )
    extension, content_type = kind
    if content_type.startswith("image/"):
        # Images sent as files are still decoded, so a bomb or a broken image is refused.
        return prepare_photo(upload)
    return PreparedFile(content=ContentFile(data), extension=extension, content_type=content_type)
