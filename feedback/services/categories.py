"""Complaint categories' deadlines, set by the coordinator over the category's agency (the complaint desk)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit import services as audit
from audit.models import AuditKind

from .. import permissions
from ..models import Category

MAX_WORKING_DAYS = 60  # beyond a working quarter a "deadline" would promise citizens nothing


@transaction.atomic
def set_category_deadlines(*, category: Category, verify_days: int, answer_days: int, by, request=None) -> Category:
    """Change the working days the desk has to verify and the agency to answer complaints of `category`. Applies to
    steps that start from now on; deadlines already running keep their date. Audited; the same values again change
    nothing and leave no entry."""
    permissions.check_manage_categories(by, category.agency_id)
    category = Category.objects.select_for_update(of=("self",)).select_related("agency").get(pk=category.pk)
    for field, value in (("verify_days", verify_days), ("answer_days", answer_days)):
        if not 1 <= value <= MAX_WORKING_DAYS:
            raise ValidationError({field: _("Give between 1 and %(most)d working days.") % {"most": MAX_WORKING_DAYS}})
    before = (category.verify_days, category.answer_days)
    if before == (verify_days, answer_days):
        return category
    category.verify_days, category.answer_days = verify_days, answer_days
    category.full_clean()
    category.save(update_fields=["verify_days", "answer_days"])
    audit.record_event(
        kind=AuditKind.COMPLAINT_DEADLINES,
        actor=by,
        request=request,
        target=f"{category.agency.short_name or category.agency.name}: {category.name}",
        verify_days_before=before[0],
        answer_days_before=before[1],
        verify_days=verify_days,
        answer_days=answer_days,
    )
    return category
