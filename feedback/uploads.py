"""The one place complaint attachments are checked. It reuses the evidence validation of workflow (size, extension,
declared type, leading bytes); when the shared validator common/uploads.py lands, repoint `validate_attachment`."""

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from workflow.services.records import validate_evidence_file

ALLOWED_EXTENSIONS = ("jpg", "jpeg", "png", "pdf")
MAX_FILES = 5


def validate_attachment(upload) -> tuple[str, str]:
    """Photos (JPEG, PNG) or a PDF whose bytes match their name; returns (extension, content type) or raises."""
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Only photos (JPG, PNG) or a PDF can be attached: %(name)s is not one.") % {"name": upload.name}
        )
    return validate_evidence_file(upload)
