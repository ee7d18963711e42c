"""Approving several plans at once: each through `approve_plan`, in its own transaction under its own process lock,
so each is a recorded PlanFlow transition and a second submission of the same list approves nothing twice."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ..services import StepAlreadyHandled, approve_plan
from .selectors import review_rows


@dataclass
class BulkOutcome:
    approved: list = field(default_factory=list)
    needs_opening: list = field(default_factory=list)  # plans with warnings: never approved unseen
    not_waiting: int = 0  # already handled (a second click, another tab) or not the user's to review


def approve_many(*, plan_ids, by) -> BulkOutcome:
    """Approve the listed plans whose review is the user's and open, except those with warnings."""
    plan_ids = {int(plan_id) for plan_id in plan_ids}
    outcome = BulkOutcome()
    rows = review_rows(user=by, plan_ids=plan_ids)
    outcome.not_waiting = len(plan_ids) - len(rows)
    comment = _("Approved in a bulk review.")
    for row in rows:
        if not row.bulk_approvable:
            outcome.needs_opening.append(row.plan)
            continue
        try:
            outcome.approved.append(approve_plan(plan=row.plan, by=by, comment=comment))
        except (StepAlreadyHandled, PermissionDenied):
            outcome.not_waiting += 1
    return outcome
