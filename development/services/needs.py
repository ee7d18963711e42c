"""Writes of development needs: raised by the employee, their supervisor or whoever oversees the agency; agreed by
the supervisor."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Employee, Indicator, Unit

from .. import permissions
from ..models import DevelopmentNeed, NeedStatus


@transaction.atomic
def raise_need(
    *,
    by,
    competence: str,
    gap: str,
    source: str,
    employee: Employee | None = None,
    unit: Unit | None = None,
    indicator: Indicator | None = None,
    coaching=None,
    rated_plan=None,
    source_indicator: Indicator | None = None,
    source_reference: str = "",
) -> DevelopmentNeed:
    """Record a need; one the raiser may agree themself (a supervisor, the head, a coordinator) is agreed at once."""
    if employee is not None:
        permissions.check_raise_need_for(by, employee)
        agency_id = employee.agency_id
    elif unit is not None:
        if not permissions.can_raise_unit_need(by, unit.agency_id):
            raise PermissionDenied
        agency_id = unit.agency_id
    else:
        raise ValidationError({"employee": [_("Name the employee or the unit that needs the competence.")]})
    need = DevelopmentNeed(
        agency_id=agency_id,
        employee=employee,
        unit=unit,
        competence=" ".join(competence.split()),
        gap=gap.strip(),
        source=source,
        indicator=indicator,
        coaching=coaching,
        rated_plan=rated_plan,
        source_indicator=source_indicator,
        source_reference=source_reference.strip(),
        raised_by=by,
    )
    need.full_clean()
    if permissions.can_decide_need(by, need):
        need.status, need.decided_by, need.decided_at = NeedStatus.AGREED, by, timezone.now()
    need.save()
    return need


@transaction.atomic
def decide_need(*, need: DevelopmentNeed, by, agree: bool) -> DevelopmentNeed:
    """The supervisor agrees or declines a proposed need; deciding again is refused with a message."""
    need = DevelopmentNeed.objects.select_for_update(of=("self",)).select_related("employee").get(pk=need.pk)
    if not permissions.can_decide_need(by, need):
        raise PermissionDenied
    if need.status != NeedStatus.PROPOSED:
        raise ValidationError(_("This need was already decided."))
    need.status = NeedStatus.AGREED if agree else NeedStatus.DECLINED
    need.decided_by, need.decided_at = by, timezone.now()
    need.save(update_fields=["status", "decided_by", "decided_at"])
    return need
