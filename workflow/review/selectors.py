"""The bulk review list: the user's open `review` tasks with each plan's RHK count, cascade links and warnings,
counted in SQL in one query for the whole list."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from viewflow.workflow.models import Task

from ..flows import PlanFlow
from ..models import APPROVED_STAGES, OPEN_STATUSES, Plan, ResultKind
from ..selectors import NOT_CLOSED, PLAN_JOINS

MAIN = Q(results__kind=ResultKind.MAIN)
LINKED = Q(results__supports__isnull=False) | Q(results__supports_indicator__isnull=False)


@dataclass
class ReviewRow:
    plan: Plan
    task_id: int
    warnings: list[str] = field(default_factory=list)

    @property
    def bulk_approvable(self) -> bool:
        return not self.warnings


def warnings_for(plan: Plan) -> list[str]:
    """Reasons to open the plan before approving it, from the counts annotated by `review_rows`."""
    warnings = []
    if plan.rhk_count == 0:
        warnings.append(_("The plan has no RHK."))
    if plan.without_indicator:
        warnings.append(
            ngettext("%(n)s RHK has no indicator.", "%(n)s RHK have no indicator.", plan.without_indicator)
            % {"n": plan.without_indicator}
        )
    unlinked = plan.main_count - plan.linked_count
    if unlinked:
        warnings.append(
            ngettext("%(n)s main RHK is not linked.", "%(n)s main RHK are not linked.", unlinked) % {"n": unlinked}
        )
    if plan.unapproved_links:
        warnings.append(
            ngettext(
                "%(n)s RHK supports a plan that is not approved.",
                "%(n)s RHK support a plan that is not approved.",
                plan.unapproved_links,
            )
            % {"n": plan.unapproved_links}
        )
    if plan.revision:
        warnings.append(_("A revision of an approved plan: open it to see what changed."))
    return warnings


def review_rows(*, user, plan_ids=None) -> list[ReviewRow]:
    """The plans whose `review` task is the user's and open (only `plan_ids` when given), oldest submission first."""
    tasks = Task.objects.filter(
        NOT_CLOSED, owner=user, flow_task=PlanFlow.review, status__in=OPEN_STATUSES
    ).values_list("process__planprocess__plan_id", "pk")
    task_of = dict(tasks)
    if plan_ids is not None:
        task_of = {plan_id: task_id for plan_id, task_id in task_of.items() if plan_id in set(plan_ids)}
    plans = (
        Plan.objects.filter(pk__in=list(task_of))
        .select_related(*PLAN_JOINS)
        .annotate(
            rhk_count=Count("results", distinct=True),
            main_count=Count("results", filter=MAIN, distinct=True),
            linked_count=Count("results", filter=MAIN & LINKED, distinct=True),
            without_indicator=Count("results", filter=Q(results__indicators__isnull=True), distinct=True),
            unapproved_links=Count(
                "results",
                filter=Q(results__supports__isnull=False) & ~Q(results__supports__plan__stage__in=APPROVED_STAGES),
                distinct=True,
            ),
        )
        .order_by("submitted_at", "pk")
    )
    return [ReviewRow(plan=plan, task_id=task_of[plan.pk], warnings=warnings_for(plan)) for plan in plans]
