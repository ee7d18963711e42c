from django.http import Http404

from .models import IssuedDocument
from .services import normalise_code


def issued_document(*, code: str) -> IssuedDocument:
    """The issued document under `code` (as typed), else 404. Only its own snapshot is read: nothing of the plan."""
    record = IssuedDocument.objects.filter(code=normalise_code(code)).first()
    if record is None:
        raise Http404
    return record


def has_newer_version(record: IssuedDocument) -> bool:
    """Whether the same plan's document of the same kind was issued again later with another content (say after an
    objection changed the predikat): the page says so, without saying what changed."""
    later = IssuedDocument.objects.filter(plan_id=record.plan_id, kind=record.kind, issued_at__gt=record.issued_at)
    return later.exists()
