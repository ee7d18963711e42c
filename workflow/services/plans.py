"""Opening a plan and editing its content (RHK, indicators, behaviour expectations) while it is a draft."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from agencies.models import Employee, Indicator, Period

from .. import permissions
from ..flows import PlanFlow
from ..models import (
    Action,
    BehaviourExpectation,
    CoreValue,
    Plan,
    ResultIndicator,
    ResultKind,
    ResultPlan,
    Stage,
    rhk_order,
)
from ._engine import lock_plan, record_event


@transaction.atomic
def start_plan(*, employee: Employee, period: Period, by=None, previous: Plan | None = None) -> Plan:
    """Open `employee`'s plan for `period` through the engine; idempotent (returns the existing plan).

    This is the single-plan reference for bulk period opening: one Plan in draft, one PlanProcess, a done start
    task and an ASSIGNED draft task owned by the employee's user, and a `started` history row. `previous`: the plan
    closed at a transfer to another agency that this one continues (see workflow/transfers.py).
    """
    running = Plan.objects.filter(employee=employee, period=period, ended_on__isnull=True)
    existing = running.first()
    if existing is not None:
        return existing
    plan = Plan(employee=employee, period=period, stage=Stage.DRAFT, previous_plan=previous)
    plan.full_clean()
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        return running.get()
    PlanFlow.start.run(plan=plan)
    record_event(plan=plan, actor=by, action=Action.STARTED)
    return plan


def start_my_plan(*, employee: Employee, period: Period, by) -> Plan:
    """An employee opens their own plan for a period that is still being planned or running."""
    if employee.user_id != by.pk:
        raise PermissionDenied
    if not period.accepts_plans:
        raise ValidationError(_("Plans for this period can no longer be opened."))
    return start_plan(employee=employee, period=period, by=by)


@transaction.atomic
def copy_plan(*, plan: Plan, source: Plan, by) -> Plan:
    """Fill an empty draft with the RHK, indicators and expectations of the employee's earlier plan.

    A cascading link is carried over when the supervisor's plan for the new period has an RHK with the same text;
    otherwise it is left empty to be chosen again (the old one belongs to the old period).
    """
    plan = lock_plan(plan)
    permissions.check_edit_plan(by, plan)
    if source.employee_id != plan.employee_id or source.pk == plan.pk:
        raise PermissionDenied
    if plan.results.exists():
        raise ValidationError(_("Copy into an empty plan only: this plan already has work results."))
    supervisor_rhk = {
        rhk.text: rhk
        for rhk in ResultPlan.objects.filter(
            plan__employee_id=plan.employee.supervisor_id, plan__period_id=plan.period_id
        ).order_by("-pk")
    }
    for old in source.results.select_related("supports").prefetch_related("indicators").order_by(*rhk_order()):
        new = ResultPlan(plan=plan, kind=old.kind, text=old.text, order=old.order)
        if old.supports_id and old.supports.text in supervisor_rhk:
            new.supports = supervisor_rhk[old.supports.text]
        if old.supports_indicator_id and old.supports_indicator.agency_id == plan.employee.agency_id:
            new.supports_indicator_id = old.supports_indicator_id
        new.full_clean()
        new.save()
        for indicator in old.indicators.all():
            copy = ResultIndicator(
                result=new,
                aspect=indicator.aspect,
                description=indicator.description,
                target_value=indicator.target_value,
                target_unit=indicator.target_unit,
                target_text=indicator.target_text,
                order=indicator.order,
            )
            copy.full_clean()
            copy.save()
    BehaviourExpectation.objects.bulk_create(
        [BehaviourExpectation(plan=plan, value=e.value, expectation=e.expectation) for e in source.expectations.all()],
        ignore_conflicts=True,
    )
    plan.copied_from = source
    plan.save(update_fields=["copied_from"])
    record_event(plan=plan, actor=by, action=Action.COPIED, comment=str(source.period))
    return plan


def _check_cascade(plan: Plan, supports: ResultPlan | None, supports_indicator: Indicator | None) -> None:
    if supports is not None and not (
        supports.plan.employee_id == plan.employee.supervisor_id and supports.plan.period_id == plan.period_id
    ):
        raise ValidationError({"supports": _("Choose an RHK of your direct supervisor's plan for this period.")})
    if supports_indicator is not None and supports_indicator.agency_id != plan.employee.agency_id:
        raise ValidationError({"supports_indicator": _("Choose an IKU of your own agency.")})


@transaction.atomic
def add_result(
    *,
    plan: Plan,
    by,
    text: str,
    kind: str = ResultKind.MAIN,
    supports: ResultPlan | None = None,
    supports_indicator: Indicator | None = None,
) -> ResultPlan:
    plan = lock_plan(plan)
    permissions.check_edit_plan(by, plan)
    _check_cascade(plan, supports, supports_indicator)
    order = plan.results.count() + 1
    result = ResultPlan(
        plan=plan, kind=kind, text=text.strip(), order=order, supports=supports, supports_indicator=supports_indicator
    )
    result.full_clean()
    result.save()
    return result


@transaction.atomic
def update_result(
    *,
    result: ResultPlan,
    by,
    text: str,
    kind: str,
    supports: ResultPlan | None = None,
    supports_indicator: Indicator | None = None,
) -> ResultPlan:
    plan = lock_plan(result.plan)
    permissions.check_edit_plan(by, plan)
    _check_cascade(plan, supports, supports_indicator)
    result.plan = plan
    result.text, result.kind = text.strip(), kind
    result.supports, result.supports_indicator = supports, supports_indicator
    result.full_clean()
    result.save(update_fields=["text", "kind", "supports", "supports_indicator"])
    return result


@transaction.atomic
def delete_result(*, result: ResultPlan, by) -> None:
    plan = lock_plan(result.plan)
    permissions.check_edit_plan(by, plan)
    if result.supported_by.exists():
        raise ValidationError(_("Your team's RHK support this one; they must change theirs first."))
    result.delete()


@transaction.atomic
def add_indicator(
    *,
    result: ResultPlan,
    by,
    description: str,
    aspect: str = "quantity",
    target_value: Decimal | None = None,
    target_unit: str = "",
    target_text: str = "",
) -> ResultIndicator:
    plan = lock_plan(result.plan)
    permissions.check_edit_plan(by, plan)
    indicator = ResultIndicator(
        result=result,
        aspect=aspect,
        description=description.strip(),
        target_value=target_value,
        target_unit=target_unit.strip(),
        target_text=target_text.strip(),
        order=result.indicators.count() + 1,
    )
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def update_indicator(
    *,
    indicator: ResultIndicator,
    by,
    description: str,
    aspect: str,
    target_value: Decimal | None = None,
    target_unit: str = "",
    target_text: str = "",
) -> ResultIndicator:
    plan = lock_plan(indicator.result.plan)
    permissions.check_edit_plan(by, plan)
    indicator.description, indicator.aspect = description.strip(), aspect
    indicator.target_value, indicator.target_unit, indicator.target_text = (
        target_value,
        target_unit.strip(),
        target_text.strip(),
    )
    indicator.full_clean()
    indicator.save(update_fields=["description", "aspect", "target_value", "target_unit", "target_text"])
    return indicator


@transaction.atomic
def delete_indicator(*, indicator: ResultIndicator, by) -> None:
    plan = lock_plan(indicator.result.plan)
    permissions.check_edit_plan(by, plan)
    indicator.delete()


@transaction.atomic
def add_result_with_indicators(
    *,
    plan: Plan,
    by,
    text: str,
    kind: str = ResultKind.MAIN,
    supports: ResultPlan | None = None,
    supports_indicator: Indicator | None = None,
    indicators: list[dict] = (),
) -> ResultPlan:
    """An RHK and its first indicators in one step (the drafting page's one-click add): all or nothing."""
    result = add_result(
        plan=plan, by=by, text=text, kind=kind, supports=supports, supports_indicator=supports_indicator
    )
    for indicator in indicators:
        add_indicator(result=result, by=by, **indicator)
    return result


def _swap_with_neighbour(rows: list, item, direction: str) -> bool:
    """Renumber `rows` (already in display order) 1..n with `item` moved one place up or down."""
    index = next(i for i, row in enumerate(rows) if row.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(rows):
        return False
    rows[index], rows[target] = rows[target], rows[index]
    for number, row in enumerate(rows, start=1):
        row.order = number
    return True


@transaction.atomic
def move_result(*, result: ResultPlan, by, direction: str) -> ResultPlan:
    """Move an RHK one place up or down among the RHK of its kind (main and additional RHK are listed apart)."""
    plan = lock_plan(result.plan)
    permissions.check_edit_plan(by, plan)
    rows = list(plan.results.filter(kind=result.kind).order_by(*rhk_order()))
    if _swap_with_neighbour(rows, result, direction):
        ResultPlan.objects.bulk_update(rows, ["order"])
    return result


@transaction.atomic
def move_indicator(*, indicator: ResultIndicator, by, direction: str) -> ResultIndicator:
    """Move an indicator one place up or down within its RHK."""
    plan = lock_plan(indicator.result.plan)
    permissions.check_edit_plan(by, plan)
    rows = list(ResultIndicator.objects.filter(result_id=indicator.result_id).order_by("order", "pk"))
    if _swap_with_neighbour(rows, indicator, direction):
        ResultIndicator.objects.bulk_update(rows, ["order"])
    return indicator


@transaction.atomic
def set_expectations(*, plan: Plan, by, expectations: dict[str, str]) -> Plan:
    """The supervisor's specific expectations per BerAKHLAK value, written while the plan is drafted or reviewed."""
    plan = lock_plan(plan)
    permissions.check_set_expectations(by, plan)
    unknown = set(expectations) - set(CoreValue.values)
    if unknown:
        raise ValidationError(_("Unknown core value."))
    for value, text in expectations.items():
        BehaviourExpectation.objects.update_or_create(plan=plan, value=value, defaults={"expectation": text.strip()})
    return plan
