"""Writes on objections: filing one (within the deadline) and deciding it (the `decide` task of ObjectionFlow).

Both run in one transaction; the decision is completed under the objection process's lock with its task's status
re-checked, so a second click or a second tab is a harmless `StepAlreadyHandled`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from common.uploads import validate_upload

from .. import permissions
from ..event_comments import facts
from ..models import Action, Plan
from ..predikat import Rating
from ..services._engine import StepAlreadyHandled, lock_plan, record_event
from . import selectors
from .flows import ObjectionFlow
from .models import UPHOLDING, Decision, Objection


def _decider_for(plan: Plan):
    """The rater's own supervisor (atasan pejabat penilai)."""
    rater = plan.rated_by or plan.supervisor
    return rater.supervisor if rater is not None else None


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


@transaction.atomic
def file_objection(*, plan: Plan, by, reasons: str, evidence=None) -> Objection:
    """The employee objects to the plan's final predikat, with reasons and an optional evidence file."""
    plan = lock_plan(plan)
    permissions.check_file_objection(by, plan)
    if Objection.objects.filter(plan=plan).exists():
        raise StepAlreadyHandled(_("An objection to this predikat was already filed."))
    deadline = selectors.filing_deadline(plan)
    if not selectors.is_within_deadline(plan):
        raise ValidationError(
            _("The deadline for objecting to this predikat passed on %(deadline)s.") % {"deadline": _when(deadline)}
        )
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for your objection.")})
    decider = _decider_for(plan)
    if decider is None or not decider.is_active:
        raise ValidationError(
            _("No supervisor of your rater is recorded to decide an objection; ask your coordinator to set one.")
        )
    now = timezone.now()
    objection = Objection(
        plan=plan,
        decider=decider,
        reasons=reasons.strip(),
        filed_at=now,
        decision_due=selectors.decision_due(now),
        previous_results_rating=plan.results_rating,
        previous_behaviour_rating=plan.behaviour_rating,
        previous_predikat=plan.predikat,
    )
    if evidence:
        checked = validate_upload(evidence)
        objection.evidence, objection.evidence_name = evidence, checked.name
        objection.evidence_type = checked.content_type
    objection.full_clean(exclude=["evidence"])
    objection.save()
    # Recorded before the decision task exists: the decider's notification tells of this event.
    record_event(plan=plan, actor=by, action=Action.OBJECTION_FILED, comment=objection.reasons)
    ObjectionFlow.start.run(objection=objection)
    return objection


def _check_decision(decision: str, reasons: str, results_rating: str, behaviour_rating: str, objection) -> None:
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Choose a decision.")})
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for your decision.")})
    if decision not in UPHOLDING:
        return
    if results_rating not in Rating.values or behaviour_rating not in Rating.values:
        raise ValidationError(_("An accepted objection sets new ratings: choose them for results and behaviour."))
    unchanged = (results_rating, behaviour_rating) == (
        objection.previous_results_rating,
        objection.previous_behaviour_rating,
    )
    if unchanged:
        raise ValidationError(_("The new ratings are the same as before: change them, or reject the objection."))


@transaction.atomic
def decide_objection(
    *, objection: Objection, by, decision: str, reasons: str, results_rating: str = "", behaviour_rating: str = ""
) -> Objection:
    """The decider rejects, partly accepts or accepts; an upheld objection re-grades the plan (the `regrade` node)."""
    permissions.check_decide_objection(by, objection)
    _check_decision(decision, reasons, results_rating, behaviour_rating, objection)
    process_pk = objection.process.pk
    with ObjectionFlow.lock(process_pk):
        task = selectors.open_decision_task(objection=objection)
        if task is None:
            raise StepAlreadyHandled()
        if task.owner_id != by.pk:
            raise PermissionDenied(_("This step is assigned to someone else."))
        fresh = Objection.objects.select_for_update(of=("self",)).select_related("plan").get(pk=objection.pk)
        fresh.decision, fresh.decision_reasons = decision, reasons.strip()
        if decision in UPHOLDING:
            fresh.new_results_rating, fresh.new_behaviour_rating = results_rating, behaviour_rating
        fresh.decided_at, fresh.decided_by = timezone.now(), by
        fresh.save()
        comment = facts(decision=fresh.decision, reasons=fresh.decision_reasons)
        record_event(plan=fresh.plan, actor=by, action=Action.OBJECTION_DECIDED, comment=comment)
        activation = ObjectionFlow.decide.activation_class(task)
        activation.start(None)
        activation.execute()  # → is_upheld → regrade (workflow/objections/regrade.py) → end
    fresh.refresh_from_db()
    return fresh
