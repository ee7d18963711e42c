"""The one check every uploaded file passes: size, extension, and the content's real type read from its bytes.

Limits live in settings (KINERJA_UPLOAD_MAX_BYTES per file, KINERJA_UPLOAD_MAX_REQUEST_BYTES for all files of a form,
KINERJA_UPLOAD_EXTENSIONS); a caller may narrow the extensions (an import takes only .csv and .xlsx) but never widen
them. The type a browser declares is ignored: it is whatever
the sender says. What the bytes are decides: a Windows program renamed `x.pdf` is refused everywhere.

Use `validate_upload(file)` in a service (it returns the checked name, extension and real content type),
`UploadValidator` on a form or model field, or `UploadField` / `MultipleUploadField` in a form.
"""

import codecs
import os
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class FileKind:
    content_type: str
    label: str  # shown in messages ("PDF", "Excel workbook")


PDF = FileKind("application/pdf", "PDF")
JPEG = FileKind("image/jpeg", "JPEG")
PNG = FileKind("image/png", "PNG")
GIF = FileKind("image/gif", "GIF")
WEBP = FileKind("image/webp", "WebP")
DOCX = FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (.docx)")
XLSX = FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (.xlsx)")
PPTX = FileKind("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint (.pptx)")
TEXT = FileKind("text/plain", "text")
CSV = FileKind("text/csv", "CSV")

# Every extension the project knows how to recognise; settings choose which of them are accepted.
KINDS = {
    "pdf": PDF,
    "jpg": JPEG,
    "jpeg": JPEG,
    "png": PNG,
    "gif": GIF,
    "webp": WEBP,
    "docx": DOCX,
    "xlsx": XLSX,
    "pptx": PPTX,
    "txt": TEXT,
    "csv": CSV,
}
# The folder inside an Office Open XML package that tells a document, a workbook and a presentation apart.
OOXML_PARTS = {DOCX: "word/", XLSX: "xl/", PPTX: "ppt/"}


@dataclass(frozen=True)
class CheckedUpload:
    name: str  # the file's own name, without any folder the browser sent
    extension: str
    content_type: str
    size: int


def allowed_extensions() -> list[str]:
    return [extension.lower().lstrip(".") for extension in settings.KINERJA_UPLOAD_EXTENSIONS]


def max_bytes() -> int:
    return settings.KINERJA_UPLOAD_MAX_BYTES


def max_request_bytes() -> int:
    return settings.KINERJA_UPLOAD_MAX_REQUEST_BYTES


TOO_LARGE = gettext_lazy("“%(name)s” is too large (%(size)s); the limit is %(limit)s.")
TOO_MUCH = gettext_lazy("Together the files come to %(size)s; at most %(limit)s can be sent at once.")


def too_large_message(*, name: str, size) -> str:
    """`size` in bytes, or a placeholder the browser fills in."""
    size = filesizeformat(size) if isinstance(size, int) else size
    return TOO_LARGE % {"name": name, "size": size, "limit": filesizeformat(max_bytes())}


def too_much_message(*, size) -> str:
    size = filesizeformat(size) if isinstance(size, int) else size
    return TOO_MUCH % {"size": size, "limit": filesizeformat(max_request_bytes())}


def limit_attrs(*, several: bool) -> dict[str, str]:
    """The limits and their messages on the file input, for static/js/kinerja.js to refuse a file as soon as it is
    chosen instead of after minutes of uploading it on a slow line; `{name}` and `{size}` are filled in there."""
    attrs = {"data-max-bytes": str(max_bytes()), "data-too-large": too_large_message(name="{name}", size="{size}")}
    if several:
        attrs["data-max-total-bytes"] = str(max_request_bytes())
        attrs["data-too-much"] = too_much_message(size="{size}")
    return attrs


def help_text(extensions=None, *, several: bool = False) -> str:
    """“Up to 5 MB each: pdf, jpg, …” for a form field; with `several`, also what all of them may come to."""
    types = ", ".join(_narrowed(extensions))
    if several:
        return _("Up to %(limit)s each, %(total)s together: %(types)s.") % {
            "limit": filesizeformat(max_bytes()),
            "total": filesizeformat(max_request_bytes()),
            "types": types,
        }
    return _("Up to %(limit)s each: %(types)s.") % {"limit": filesizeformat(max_bytes()), "types": types}


def _narrowed(extensions) -> list[str]:
    allowed = allowed_extensions()
    if extensions is None:
        return allowed
    return [extension for extension in (e.lower().lstrip(".") for e in extensions) if extension in allowed]


def validate_upload(upload, *, extensions=None) -> CheckedUpload:
    """Check one uploaded file (anything with name, size, seek and read) or raise ValidationError.

    `extensions` narrows the accepted extensions for this use (e.g. ("csv", "xlsx")); settings bound them.
    """
    name = os.path.basename((upload.name or "").replace("\\", "/"))
    accepted = _narrowed(extensions)
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension not in accepted or extension not in KINDS:
        raise ValidationError(
            _("“%(name)s”: files of this type are not accepted. Allowed: %(types)s.")
            % {"name": name, "types": ", ".join(accepted)},
            code="extension",
        )
    size = upload.size if upload.size is not None else _measure(upload)
    if size > max_bytes():
        raise ValidationError(too_large_message(name=name, size=size), code="size")
    kind = KINDS[extension]
    if not _content_is(kind, upload):
        raise ValidationError(
            _("“%(name)s” is not a real %(type)s file: its content does not match its name.")
            % {"name": name, "type": kind.label},
            code="content",
        )
    return CheckedUpload(name=name, extension=extension, content_type=kind.content_type, size=size)


def _measure(upload) -> int:
    upload.seek(0, os.SEEK_END)
    size = upload.tell()
    upload.seek(0)
    return size


def _content_is(kind: FileKind, upload) -> bool:
    upload.seek(0)
    try:
        head = upload.read(32)
        if kind is PDF:
            return head.startswith(b"%PDF-")
        if kind is JPEG:
            return head.startswith(b"\xff\xd8\xff")
        if kind is PNG:
            return head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR"
        if kind is GIF:
            return head[:6] in (b"GIF87a", b"GIF89a")
        if kind is WEBP:
            return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
        if kind in OOXML_PARTS:
            return head.startswith(b"PK\x03\x04") and _is_office_package(upload, OOXML_PARTS[kind])
        return _is_text(head, upload)
    finally:
        upload.seek(0)


def _is_office_package(upload, part: str) -> bool:
    """A zip holding [Content_Types].xml and the part's folder; only the directory is read, nothing inflated."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return "[Content_Types].xml" in names and any(name.startswith(part) for name in names)


def _is_text(head: bytes, upload) -> bool:
    """UTF-8 (with or without BOM), or the Windows code page Indonesian desktops save CSV in; never a NUL byte."""
    upload.seek(0)
    utf8 = codecs.getincrementaldecoder("utf-8")()
    ansi = codecs.getincrementaldecoder("cp1252")()
    utf8_ok = ansi_ok = True
    while chunk := upload.read(64 * 1024):
        if b"\x00" in chunk:
            return False
        if utf8_ok:
            try:
                utf8.decode(chunk)
            except UnicodeDecodeError:
                utf8_ok = False
        if ansi_ok:
            try:
                ansi.decode(chunk)
            except UnicodeDecodeError:
                ansi_ok = False
        if not (utf8_ok or ansi_ok):
            return False
    if utf8_ok:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False
    return utf8_ok or ansi_ok


@deconstructible
class UploadValidator:
    """The same check as a field validator (forms or models): `validators=[UploadValidator()]`."""

    def __init__(self, extensions=None):
        self.extensions = tuple(extensions) if extensions is not None else None

    def __call__(self, upload) -> None:
        validate_upload(upload, extensions=self.extensions)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and self.extensions == other.extensions


class UploadField(forms.FileField):
    """One file, checked by `validate_upload`; its help text states the limits."""

    def __init__(self, *args, extensions=None, **kwargs):
        self.extensions = extensions
        self.states_limits = not kwargs.get("help_text")
        super().__init__(*args, **kwargs)
        self.validators.append(UploadValidator(extensions))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = ",".join(f".{extension}" for extension in _narrowed(self.extensions))
        return attrs

    several = False

    def get_bound_field(self, form, field_name):
        if self.states_limits:  # read when rendered: settings may differ from those at import time
            self.help_text = help_text(self.extensions, several=self.several)
        self.widget.attrs.update(limit_attrs(several=self.several))  # the form's own copy of the widget
        return super().get_bound_field(form, field_name)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleUploadField(UploadField):
    """Several files in one input; every file is checked and every refusal reported, not just the first, and all of
    them together stay within what one request may carry."""

    several = True

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        cleaned, errors = [], []
        for item in files:
            try:
                cleaned.append(super().clean(item, initial))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        total = sum(item.size or 0 for item in cleaned)
        if total > max_request_bytes():
            raise ValidationError(too_much_message(size=total), code="total_size")
        return cleaned
