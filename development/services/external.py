"""Writes of external trainings: recorded by the employee with a certificate, verified by the supervisor."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Employee

from .. import permissions
from ..models import ExternalStatus, ExternalTraining
from ..uploads import validate_certificate


@transaction.atomic
def record_external(*, employee: Employee, by, certificate: UploadedFile, **fields) -> ExternalTraining:
    """An employee records a training taken elsewhere, with its certificate, for the supervisor to verify."""
    me = permissions.roles_for(by).employee
    if me is None or me.pk != employee.pk:
        raise PermissionDenied
    try:
        name = validate_certificate(certificate)
    except ValidationError as error:
        raise ValidationError({"certificate": error.messages}) from None
    external = ExternalTraining(employee=employee, certificate=certificate, certificate_name=name, **fields)
    external.full_clean()
    external.save()
    return external


@transaction.atomic
def verify_external(*, external: ExternalTraining, by, accept: bool, note: str = "") -> ExternalTraining:
    external = ExternalTraining.objects.select_for_update(of=("self",)).select_related("employee").get(pk=external.pk)
    permissions.check_verify_external(by, external)
    if external.status != ExternalStatus.SUBMITTED:
        raise ValidationError(_("This training was already verified."))
    if not accept and not note.strip():
        raise ValidationError({"note": [_("Say why the record is rejected.")]})
    external.status = ExternalStatus.VERIFIED if accept else ExternalStatus.REJECTED
    external.verified_by, external.verified_at, external.note = by, timezone.now(), note.strip()
    external.save(update_fields=["status", "verified_by", "verified_at", "note"])
    return external
