"""Moving a plan along its process: each function is one task of PlanFlow, completed through `complete_task`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from agencies.models import Agency, Employee
from agencies.roles import roles_for
from audit import services as audit

from .. import permissions
from ..event_comments import facts, step_key
from ..flows import PlanFlow
from ..models import (
    Action,
    BehaviourRating,
    CoachingPlan,
    CoachingSession,
    PeriodicCancelReason,
    Plan,
    PlanStep,
    ResultIndicator,
    ResultRating,
    SelfAssessment,
    Stage,
    rhk_order,
)
from ..periodic import services as periodic
from ..periodic.selectors import open_rater_tasks_of_plan
from ..predikat import Rating, needs_coaching, predikat_for
from ._engine import PlanProcess, StepAlreadyHandled, complete_task, lock_plan, open_task, record_event

# Tasks on the supervisor's side, which a coordinator may hand to someone else.
REASSIGNABLE_NODES = (PlanStep.REVIEW, PlanStep.RATING, PlanStep.COACHING, PlanStep.CLOSE_COACHING)


def is_agency_head(employee: Employee) -> bool:
    return Agency.objects.filter(head=employee).exists()


def submission_errors(plan: Plan, *, results: list | None = None, is_head: bool | None = None) -> list[str]:
    """Every reason the plan cannot be submitted yet, in words the employee can act on.

    `results`: the plan's RHK already read with their indicators and supported RHK's plans (the plan page's
    `selectors.plan_results`), so the page's checklist costs no further query for them; `is_head` likewise."""
    errors = []
    head = is_agency_head(plan.employee) if is_head is None else is_head
    if plan.employee.supervisor_id is None and not head:
        errors.append(_("No direct supervisor is recorded for you; ask your coordinator to set one."))
    if results is None:
        results = plan.results.select_related("supports__plan").prefetch_related("indicators").order_by(*rhk_order())
    results = list(results)
    if not results:
        return [*errors, _("The plan is empty: add at least one work result (RHK).")]
    for number, result in enumerate(results, start=1):
        label = _("RHK %(number)s “%(text)s”") % {"number": number, "text": result.text[:60]}
        if not result.indicators.all():
            errors.append(_("%(rhk)s has no indicator.") % {"rhk": label})
        if not result.is_main:
            continue
        if head:
            if result.supports_indicator_id is None:
                errors.append(_("%(rhk)s must support an IKU of your agency.") % {"rhk": label})
        elif result.supports_id is None:
            errors.append(_("%(rhk)s must support an RHK of your supervisor.") % {"rhk": label})
        elif not (result.supports.plan.is_approved and result.supports.plan.employee_id == plan.employee.supervisor_id):
            errors.append(
                _("%(rhk)s supports an RHK of a plan that is not approved; wait for your supervisor's approval.")
                % {"rhk": label}
            )
    return errors


@transaction.atomic
def submit_plan(*, plan: Plan, by) -> Plan:
    """Draft → review: validated, the current direct supervisor becomes the reviewer.

    An agency head without a recorded supervisor may submit too: the review then waits, unassigned, for a
    coordinator to assign a reviewer (see `reassign_task`).
    """

    def apply(plan):
        errors = submission_errors(plan)
        if errors:
            raise ValidationError(errors)
        plan.stage, plan.submitted_at = Stage.REVIEW, timezone.now()
        plan.supervisor_id = plan.employee.supervisor_id
        plan.save(update_fields=["stage", "submitted_at", "supervisor"])
        record_event(plan=plan, actor=by, action=Action.SUBMITTED)

    return complete_task(plan=plan, node=PlanFlow.draft, by=by, apply=apply)


@transaction.atomic
def approve_plan(*, plan: Plan, by, comment: str = "") -> Plan:
    """Review → realisation: the plan is frozen until a revision is requested."""

    def apply(plan):
        plan.stage, plan.approved_at = Stage.REALISATION, timezone.now()
        plan.save(update_fields=["stage", "approved_at"])
        record_event(plan=plan, actor=by, action=Action.APPROVED, comment=comment.strip())

    approved = complete_task(plan=plan, node=PlanFlow.review, by=by, apply=apply)
    # The window running now is evaluated from here on; later ones open with the daily job.
    periodic.open_periodic_reviews(plan_ids=[approved.pk])
    return approved


@transaction.atomic
def return_plan(*, plan: Plan, by, comment: str) -> Plan:
    """Review → draft, with the reviewer's comment for the employee."""
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should change: a comment is required to return a plan.")})

    def apply(plan):
        plan.stage = Stage.DRAFT
        plan.save(update_fields=["stage"])
        record_event(plan=plan, actor=by, action=Action.RETURNED, comment=comment.strip())

    return complete_task(plan=plan, node=PlanFlow.review, by=by, apply=apply)


@transaction.atomic
def request_revision(*, plan: Plan, by, reason: str) -> Plan:
    """Realisation → draft (revision) → review again: how an approved plan changes."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the plan must change.")})

    def apply(plan):
        plan.stage, plan.revision = Stage.DRAFT, plan.revision + 1
        plan.save(update_fields=["stage", "revision"])
        record_event(plan=plan, actor=by, action=Action.REVISION_REQUESTED, comment=reason.strip())

    return complete_task(plan=plan, node=PlanFlow.realisation, by=by, apply=apply)


@transaction.atomic
def finish_realisation(*, plan: Plan, by) -> Plan:
    """Realisation → self-assessment, once every indicator has a realisation."""

    def apply(plan):
        missing = ResultIndicator.objects.filter(result__plan=plan, realisations__isnull=True).count()
        if missing:
            raise ValidationError(
                _("Record a realisation for every indicator first (%(count)s missing).") % {"count": missing}
            )
        plan.stage, plan.realisation_finished_at = Stage.SELF_ASSESSMENT, timezone.now()
        plan.save(update_fields=["stage", "realisation_finished_at"])
        record_event(plan=plan, actor=by, action=Action.REALISATION_FINISHED)

    return complete_task(plan=plan, node=PlanFlow.realisation, by=by, apply=apply)


@transaction.atomic
def submit_self_assessment(*, plan: Plan, by, results_rating: str, summary: str) -> Plan:
    def apply(plan):
        assessment = SelfAssessment(plan=plan, results_rating=results_rating, summary=summary.strip())
        assessment.full_clean()
        assessment.save()
        plan.stage = Stage.RATING
        plan.save(update_fields=["stage"])
        record_event(plan=plan, actor=by, action=Action.SELF_ASSESSED)

    return complete_task(plan=plan, node=PlanFlow.self_assessment, by=by, apply=apply)


@transaction.atomic
def rate_plan(
    *,
    plan: Plan,
    by,
    results_rating: str,
    behaviour_rating: str,
    result_ratings: dict[int, tuple[str, str]],
    results_comment: str = "",
    behaviour_comment: str = "",
    behaviour_ratings: dict[str, tuple[str, str]] | None = None,
) -> Plan:
    """Rating → coaching or end: the predikat follows from the matrix, never typed in."""
    for rating in (results_rating, behaviour_rating):
        if rating not in Rating.values:
            raise ValidationError(_("Choose a rating for results and for behaviour."))

    def apply(plan):
        result_ids = set(plan.results.values_list("pk", flat=True))
        if set(result_ids) - set(result_ratings):
            raise ValidationError(_("Rate every work result (RHK)."))
        for result_id in result_ids:
            rating, comment = result_ratings[result_id]
            row = ResultRating(result_id=result_id, rating=rating, comment=comment.strip())
            row.full_clean()
            row.save()
        for value, (rating, comment) in (behaviour_ratings or {}).items():
            row = BehaviourRating(plan=plan, value=value, rating=rating, comment=comment.strip())
            row.full_clean()
            row.save()
        plan.results_rating, plan.behaviour_rating = results_rating, behaviour_rating
        plan.results_comment, plan.behaviour_comment = results_comment.strip(), behaviour_comment.strip()
        plan.predikat = predikat_for(results_rating, behaviour_rating)
        plan.rated_at, plan.rated_by = timezone.now(), roles_for(by).employee
        fields = ["results_rating", "behaviour_rating", "results_comment", "behaviour_comment", "predikat"]
        fields += ["rated_at", "rated_by", "stage"]
        if needs_coaching(plan.predikat):
            plan.stage = Stage.COACHING
        else:
            plan.stage, plan.finished_at = Stage.DONE, timezone.now()
            fields.append("finished_at")
        plan.save(update_fields=fields)
        if plan.stage == Stage.DONE:  # the year's rating closes what the periods left open
            periodic.cancel_open_reviews(plan=plan, by=by, reason=PeriodicCancelReason.RATED)
        record_event(plan=plan, actor=by, action=Action.RATED, comment=plan.predikat)

    return complete_task(plan=plan, node=PlanFlow.rating, by=by, apply=apply)


@transaction.atomic
def plan_coaching(*, plan: Plan, by, kind: str, problems: str, agreed_actions: str, due_on: datetime.date) -> Plan:
    def apply(plan):
        coaching = CoachingPlan(
            plan=plan,
            kind=kind,
            problems=problems.strip(),
            agreed_actions=agreed_actions.strip(),
            due_on=due_on,
            created_by=by,
        )
        coaching.full_clean()
        coaching.save()
        record_event(plan=plan, actor=by, action=Action.COACHING_PLANNED, comment=coaching.kind)

    return complete_task(plan=plan, node=PlanFlow.coaching, by=by, apply=apply)


@transaction.atomic
def acknowledge_coaching(*, plan: Plan, by, note: str = "") -> Plan:
    def apply(plan):
        coaching = plan.coaching
        coaching.acknowledged_at, coaching.employee_note = timezone.now(), note.strip()
        coaching.save(update_fields=["acknowledged_at", "employee_note"])
        record_event(plan=plan, actor=by, action=Action.ACKNOWLEDGED, comment=note.strip())

    return complete_task(plan=plan, node=PlanFlow.acknowledge, by=by, apply=apply)


@transaction.atomic
def add_coaching_session(*, plan: Plan, by, held_on: datetime.date, notes: str) -> CoachingSession:
    """A coaching session, recorded by the supervisor while coaching is open."""
    plan = lock_plan(plan)
    permissions.check_record_coaching_session(by, plan)
    coaching = CoachingPlan.objects.filter(plan=plan, closed_at__isnull=True).first()
    if coaching is None:
        raise ValidationError(_("Record the coaching plan first."))
    session = CoachingSession(coaching=coaching, held_on=held_on, notes=notes.strip())
    session.full_clean()
    session.save()
    record_event(plan=plan, actor=by, action=Action.COACHING_SESSION, comment=f"{held_on:%Y-%m-%d}")
    return session


@transaction.atomic
def close_coaching(*, plan: Plan, by, outcome: str) -> Plan:
    if not outcome.strip():
        raise ValidationError({"outcome": _("Record the outcome of the coaching.")})

    def apply(plan):
        coaching = plan.coaching
        coaching.closed_at, coaching.outcome = timezone.now(), outcome.strip()
        coaching.save(update_fields=["closed_at", "outcome"])
        plan.stage, plan.finished_at = Stage.DONE, timezone.now()
        plan.save(update_fields=["stage", "finished_at"])
        periodic.cancel_open_reviews(plan=plan, by=by, reason=PeriodicCancelReason.FINISHED)
        record_event(plan=plan, actor=by, action=Action.COACHING_CLOSED, comment=outcome.strip())

    return complete_task(plan=plan, node=PlanFlow.close_coaching, by=by, apply=apply)


@transaction.atomic
def reassign_task(*, plan: Plan, by, to: Employee, reason: str) -> Task:
    """A coordinator hands the supervisor's open task to someone else (absence, transfer); recorded with the reason.

    The new person becomes the plan's reviewer, so they can see it and act on later supervisor steps too; the open
    rating steps of the plan's periodic evaluations move with it (or are the only ones, during the realisation).
    """
    permissions.check_reassign(by, plan)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the reassignment.")})
    if not to.is_active or to.pk == plan.employee_id or not roles_for(by).coordinates(to.agency_id):
        raise ValidationError({"to": _("Choose an active employee of an agency you coordinate, not the plan's owner.")})
    process_pk = PlanProcess.objects.filter(plan_id=plan.pk).values_list("pk", flat=True).get()
    with PlanFlow.lock(process_pk):
        task = None
        for name in REASSIGNABLE_NODES:
            task = open_task(plan, getattr(PlanFlow, name))
            if task is not None:
                break
        tasks = [task] if task is not None else []
        tasks += list(open_rater_tasks_of_plan(plan_id=plan.pk))
        if not tasks:
            raise StepAlreadyHandled(_("There is no open supervisor task on this plan to reassign."))
        previous = tasks[0].owner
        fresh = lock_plan(plan)
        fresh.supervisor = to
        fresh.save(update_fields=["supervisor"])
        previous_name = getattr(getattr(previous, "employee", None), "full_name", None) or previous
        comment = facts(
            steps=[step_key(each) for each in tasks],
            old=str(previous_name) if previous_name else None,
            new=to.full_name,
            reason=reason.strip(),
        )
        # Recorded before the tasks change hands: the new owner's notification tells of this event.
        record_event(plan=fresh, actor=by, action=Action.REASSIGNED, comment=comment)
        for each in tasks:
            activation = each.flow_task.activation_class(each)
            if each.owner_id is None:
                activation.assign(to.user)
            else:
                activation.reassign(user=to.user)
        audit.record_event(kind=audit.AuditKind.REASSIGNED, actor=by, target=fresh, to=to.nip, reason=reason.strip())
    return tasks[0]
