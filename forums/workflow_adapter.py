"""Adapter to the plan workflow: the one place forums reads plan figures and task links from it."""

from django.urls import reverse

from workflow.models import ObjectionProcess, PeriodicReviewProcess, PlanProcess, Stage, event_comment_label
from workflow.predikat import Predikat
from workflow.selectors import plan_progress_by_agency


def plan_progress(*, period, agency_ids) -> dict:
    """`{agency_id: {...}}` with counts by stage and predikat plus display rows (an agency without plans is
    missing: the agenda then says "no plan data yet")."""
    figures = plan_progress_by_agency(period=period, agency_ids=list(agency_ids))
    for data in figures.values():
        by_stage = data.get("by_stage", {})
        data["agreed"] = sum(n for stage, n in by_stage.items() if stage not in {Stage.DRAFT, Stage.REVIEW})
        data["done"] = by_stage.get(Stage.DONE, 0)
        data["stage_rows"] = [[str(label), by_stage.get(code, 0)] for code, label in Stage.choices]
        by_predikat = data.get("by_predikat", {})
        data["predikat_rows"] = [[str(label), by_predikat.get(code, 0)] for code, label in Predikat.choices]
    return figures


def task_url_for(*, plan_id, task_id) -> str:
    """The plan task page when the task belongs to a plan, else the inbox."""
    if plan_id:
        return reverse("workflow:task_detail", args=[plan_id, task_id])
    return reverse("workflow:inbox")


def task_urls_for(pairs) -> list[str]:
    """`task_url_for` of many (plan id, task id) pairs: the plan task page's path is reversed once and filled in,
    since reversing it for each of the 100,000 tasks of a province's opening took two seconds."""
    plan_mark, task_mark = 987654321, 123456789
    pattern = reverse("workflow:task_detail", args=[plan_mark, task_mark])
    pattern = pattern.replace(str(plan_mark), "{plan}", 1).replace(str(task_mark), "{task}", 1)
    inbox = reverse("workflow:inbox")
    return [pattern.format(plan=plan_id, task=task_id) if plan_id else inbox for plan_id, task_id in pairs]


def task_url(task) -> str:
    """The plan task page of a viewflow task (an objection's decision page for an objection's task, a periodic
    evaluation's page for its steps), else the inbox."""
    objection_id = ObjectionProcess.objects.filter(pk=task.process_id).values_list("objection_id", flat=True).first()
    if objection_id:
        return reverse("workflow:objection_decide", args=[objection_id])
    review_id = PeriodicReviewProcess.objects.filter(pk=task.process_id).values_list("review_id", flat=True).first()
    if review_id:
        return reverse("workflow:periodic_detail", args=[review_id])
    plan_id = PlanProcess.objects.filter(pk=task.process_id).values_list("plan_id", flat=True).first()
    return task_url_for(plan_id=plan_id, task_id=task.pk)


def task_notice(task) -> dict:
    """Whose plan a new task is on and the latest event on it (who did what, their comment), for the notification
    text; empty when the task is not a plan's."""
    from workflow.selectors import plan_task_notice

    return plan_task_notice(process_id=task.process_id) or {}


def quoted_comment(*, event: str, comment: str) -> str:
    """A plan event's comment as a notice quotes it, in the reader's language (a predikat or coaching kind is
    stored as its code: workflow.models.event_comment_label)."""
    return event_comment_label(event, comment)
