"""Certificate files: the one place development checks an upload.

Delegates to the evidence checks of workflow (size, extension, declared type, magic bytes) until the shared
validator (common/uploads.py) lands; then only this function is repointed.
"""

import os

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from workflow.services.records import validate_evidence_file

CERTIFICATE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")


def validate_certificate(upload: UploadedFile) -> str:
    """Raise ValidationError unless `upload` is a PDF or image certificate whose content matches; returns its name."""
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    if extension not in CERTIFICATE_EXTENSIONS:
        raise ValidationError(
            _("A certificate must be a PDF, JPG or PNG file."),
        )
    validate_evidence_file(upload)
    return os.path.basename(upload.name)[:200]
