"""The one place complaint attachments are checked: the shared upload check (common/uploads.py: size, extension and
the real content type), narrowed to photos and PDFs."""

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from common.uploads import validate_upload

ALLOWED_EXTENSIONS = ("jpg", "jpeg", "png", "pdf")
MAX_FILES = 5


def validate_attachment(upload) -> tuple[str, str]:
    """Photos (JPEG, PNG) or a PDF whose bytes match their name; returns (extension, content type) or raises."""
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Only photos (JPG, PNG) or a PDF can be attached: %(name)s is not one.") % {"name": upload.name}
        )
    checked = validate_upload(upload, extensions=ALLOWED_EXTENSIONS)
    return checked.extension, checked.content_type
