"""What is recorded on a running plan without moving it: realisation with evidence, and feedback."""

import os
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from audit import services as audit

from .. import permissions
from ..models import Action, Evidence, Feedback, Plan, Realisation, ResultIndicator
from ._engine import lock_plan, record_event

# Content types a browser may declare for each allowed extension, and the bytes such a file starts with.
CONTENT_TYPES = {
    "pdf": ({"application/pdf"}, (b"%PDF",)),
    "jpg": ({"image/jpeg", "image/pjpeg"}, (b"\xff\xd8\xff",)),
    "jpeg": ({"image/jpeg", "image/pjpeg"}, (b"\xff\xd8\xff",)),
    "png": ({"image/png"}, (b"\x89PNG\r\n\x1a\n",)),
    "xlsx": (
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream"},
        (b"PK\x03\x04",),
    ),
    "docx": (
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/octet-stream"},
        (b"PK\x03\x04",),
    ),
    "csv": ({"text/csv", "text/plain", "application/vnd.ms-excel"}, ()),
    "txt": ({"text/plain"}, ()),
}


def validate_evidence_file(upload: UploadedFile) -> tuple[str, str]:
    """Size, extension, declared type and leading bytes; returns (extension, content type) or raises."""
    limit = settings.KINERJA_EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    allowed = [ext.lower() for ext in settings.KINERJA_EVIDENCE_EXTENSIONS]
    if extension not in allowed or extension not in CONTENT_TYPES:
        raise ValidationError(
            _("Files of this type are not accepted. Allowed: %(types)s.") % {"types": ", ".join(allowed)}
        )
    declared = (upload.content_type or "").split(";")[0].strip().lower()
    types, signatures = CONTENT_TYPES[extension]
    if declared not in types:
        raise ValidationError(_("The file's content does not match its name."))
    if signatures:
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not any(head.startswith(signature) for signature in signatures):
            raise ValidationError(_("The file's content does not match its name."))
    return extension, declared


def _add_evidence(realisation: Realisation, by, *, file: UploadedFile | None = None, url: str = "") -> Evidence:
    evidence = Evidence(realisation=realisation, url=url.strip(), uploaded_by=by)
    if file is not None:
        _extension, content_type = validate_evidence_file(file)
        evidence.file = file
        evidence.original_name = os.path.basename(file.name)[:200]
        evidence.content_type, evidence.size = content_type, file.size
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def record_realisation(
    *,
    indicator: ResultIndicator,
    by,
    value: Decimal | None = None,
    description: str = "",
    obstacles: str = "",
    files: list[UploadedFile] = (),
    links: list[str] = (),
) -> Realisation:
    """A realisation report for one indicator, with its evidence files and links, all or nothing."""
    plan = lock_plan(indicator.result.plan)
    permissions.check_record_realisation(by, plan)
    for upload in files:  # all files checked before any is written, so a refusal leaves no stray file behind
        validate_evidence_file(upload)
    realisation = Realisation(
        indicator=indicator, value=value, description=description.strip(), obstacles=obstacles.strip(), reported_by=by
    )
    realisation.full_clean()
    realisation.save()
    for upload in files:
        _add_evidence(realisation, by, file=upload)
    for link in links:
        if link.strip():
            _add_evidence(realisation, by, url=link)
    record_event(plan=plan, actor=by, action=Action.REALISATION_RECORDED, comment=indicator.description[:200])
    return realisation


@transaction.atomic
def add_feedback(*, plan: Plan, by, text: str) -> Feedback:
    """Continuous feedback (dialog kinerja) between the employee and the supervisor, at any time before done."""
    plan = lock_plan(plan)
    permissions.check_give_feedback(by, plan)
    feedback = Feedback(plan=plan, author=by, text=text.strip())
    feedback.full_clean()
    feedback.save()
    record_event(plan=plan, actor=by, action=Action.FEEDBACK, comment=feedback.text)
    return feedback


def record_administrator_read(*, plan: Plan, by, request, what: str, **detail) -> None:
    """An administrator reading someone else's plan (page, PDF, evidence) is written to the audit log: support may
    read any SKP, and the people concerned may ask who did. Readers by role (owner, supervisor, head, coordinator)
    leave no event; the view calls this once per page or download, never for its fragments (the flow chart)."""
    if permissions.reads_as_administrator(by, plan):
        audit.record_event(
            kind=audit.AuditKind.PLAN_READ, actor=by, request=request, target=plan, plan=plan.pk, what=what, **detail
        )
