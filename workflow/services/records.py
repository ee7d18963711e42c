"""What is recorded on a running plan without moving it: realisation with evidence, and feedback."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from audit import services as audit
from common.uploads import CheckedUpload, validate_upload

from .. import permissions
from ..models import Action, Evidence, Feedback, Plan, Realisation, ResultIndicator
from ._engine import lock_plan, record_event


def validate_evidence_file(upload: UploadedFile) -> CheckedUpload:
    """The shared upload check (size, extension, real content type): the same for evidence as for every upload."""
    return validate_upload(upload)


def _add_evidence(realisation: Realisation, by, *, file: UploadedFile | None = None, url: str = "") -> Evidence:
    evidence = Evidence(realisation=realisation, url=url.strip(), uploaded_by=by)
    if file is not None:
        checked = validate_evidence_file(file)
        evidence.file = file
        evidence.original_name = checked.name[:200]
        evidence.content_type, evidence.size = checked.content_type, checked.size
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
    periodic_review=None,
) -> Realisation:
    """A realisation report for one indicator, with its evidence files and links, all or nothing.

    `periodic_review`: the quarter or month it reports (recorded from that evaluation's page while its report is
    open); without one, the year's realisation of a running plan."""
    plan = lock_plan(indicator.result.plan)
    if periodic_review is None:
        permissions.check_record_realisation(by, plan)
    else:
        if periodic_review.plan_id != plan.pk:
            raise PermissionDenied
        periodic_review.plan = plan  # the locked, fresh plan: its period decides whether it still accepts changes
        permissions.check_record_periodic_realisation(by, periodic_review)
    for upload in files:  # all files checked before any is written, so a refusal leaves no stray file behind
        validate_evidence_file(upload)
    realisation = Realisation(
        indicator=indicator,
        value=value,
        description=description.strip(),
        obstacles=obstacles.strip(),
        reported_by=by,
        periodic_review=periodic_review,
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
