"""Real image bytes for upload tests (made with Pillow, so the thumbnail code decodes a genuine file)."""

import io

from PIL import Image


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (640, 480), colour=(11, 93, 138), **save_options) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, colour).save(output, format=fmt, **save_options)
    return output.getvalue()


def png_bytes(size: tuple[int, int] = (640, 480)) -> bytes:
    return image_bytes("PNG", size)
