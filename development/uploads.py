"""Certificate files: the one place development checks an upload, through the shared check (common/uploads.py:
size, extension and the real content type), narrowed to the kinds a certificate comes in."""

import os

from django.core.files.uploadedfile import UploadedFile

from common.uploads import validate_upload

CERTIFICATE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")


def validate_certificate(upload: UploadedFile) -> str:
    """Raise ValidationError unless `upload` is a PDF or image certificate whose content matches; returns its name."""
    validate_upload(upload, extensions=CERTIFICATE_EXTENSIONS)
    return os.path.basename(upload.name)[:200]
