"""Small previews of uploaded photos, made once on the server and kept beside the original in the same storage.

Only JPEG, PNG and WebP get a thumbnail (what a phone camera or a screenshot produces); everything else keeps its
type icon. The preview is derived data: it is written the first time someone who may see the file asks for it and
read back afterwards, so nothing has to be migrated and a deleted thumbnail is simply made again. Its name comes from
the original's (already random, non-public) name, so two files never share a preview.

A file that Pillow cannot read, or one whose pixel count would take too much memory to decode, has no thumbnail:
`thumbnail_for` returns None and the caller shows the icon instead. The served bytes are always re-encoded, so nothing
of the upload (EXIF location, embedded payloads) reaches the browser.
"""

import io
import logging
import os

from django.core.files.base import ContentFile, File
from django.db.models.fields.files import FieldFile
from PIL import Image, ImageOps

from .uploads import JPEG, PNG, WEBP

logger = logging.getLogger(__name__)

THUMBNAIL_TYPES = frozenset({JPEG.content_type, PNG.content_type, WEBP.content_type})
THUMBNAIL_CONTENT_TYPE = "image/webp"
THUMBNAIL_SIZE = 160  # px, longest side; shown at 80 px, so sharp on a phone's 2x screen
# A 5 MB PNG of one colour can declare a gigapixel; decoding it would take gigabytes. 40 Mpx covers any phone camera.
MAX_SOURCE_PIXELS = 40_000_000
FOLDER = "thumbnails"


def has_thumbnail(content_type: str) -> bool:
    return content_type in THUMBNAIL_TYPES


def thumbnail_name(source_name: str) -> str:
    folder, filename = os.path.split(source_name)
    return os.path.join(folder, FOLDER, f"{os.path.splitext(filename)[0]}-{THUMBNAIL_SIZE}.webp")


def thumbnail_for(source: FieldFile) -> File | None:
    """An open file with the source's thumbnail (made and stored on the first call), or None if it cannot be made."""
    storage, name = source.storage, thumbnail_name(source.name)
    if not storage.exists(name):
        data = _render(source)
        if data is None:
            return None
        if not storage.exists(name):  # a parallel request may have stored it meanwhile
            name = storage.save(name, ContentFile(data))
    return storage.open(name, "rb")


def _render(source: FieldFile) -> bytes | None:
    try:
        with source.open("rb") as stream, Image.open(stream) as image:
            if image.width * image.height > MAX_SOURCE_PIXELS:
                logger.warning("No thumbnail for %s: %sx%s pixels is too large", source.name, *image.size)
                return None
            image.draft("RGB", (THUMBNAIL_SIZE, THUMBNAIL_SIZE))  # JPEG decodes at a fraction of its size
            preview = ImageOps.exif_transpose(image)  # phone photos stand upright as taken
            preview.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
            if preview.mode not in ("RGB", "RGBA"):
                preview = preview.convert("RGBA" if "transparency" in preview.info or "A" in preview.mode else "RGB")
            output = io.BytesIO()
            preview.save(output, format="WEBP", quality=75)
    except Exception as error:  # noqa: BLE001 - Pillow's decoders raise many types (OSError, EOFError, KeyError,
        # struct.error...) on truncated or forged files; none of them may break the page: log it, show the icon.
        logger.warning("No thumbnail for %s: %s", source.name, error)
        return None
    return output.getvalue()
