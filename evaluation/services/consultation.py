"""Staff comments on next year's IKU targets: the head opens the window, staff comment, the head answers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.roles import roles_for

from .. import permissions
from ..models import TargetComment, TargetConsultation


@transaction.atomic
def open_consultation(*, agency, by, year: int, opens_on, closes_on) -> TargetConsultation:
    """Open (or move the window of) the agency's consultation on the targets of `year`."""
    permissions.check_open_consultation(by, agency.pk)
    consultation = TargetConsultation.objects.filter(agency=agency, year=year).first() or TargetConsultation(
        agency=agency, year=year, opened_by=by
    )
    consultation.opens_on, consultation.closes_on = opens_on, closes_on
    consultation.full_clean()
    consultation.save()
    return consultation


@transaction.atomic
def add_comment(*, consultation: TargetConsultation, by, indicator, text: str, proposed_value=None) -> TargetComment:
    permissions.check_comment(by, consultation)
    if indicator.agency_id != consultation.agency_id:
        raise ValidationError({"indicator": _("Comment on an IKU of your own agency.")})
    comment = TargetComment(
        consultation=consultation,
        indicator=indicator,
        author=roles_for(by).employee,
        text=text.strip(),
        proposed_value=proposed_value,
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def answer_comment(*, comment: TargetComment, by, answer: str) -> TargetComment:
    permissions.check_answer(by, comment)
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    comment.answer, comment.answered_at = answer.strip(), timezone.now()
    comment.save(update_fields=["answer", "answered_at"])
    return comment
