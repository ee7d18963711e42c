"""Reads of objections: one objection for a user who may see it, deadlines, and the decisions waiting for a user."""

import datetime

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from viewflow.workflow.models import Task

from .. import permissions
from ..models import OPEN_STATUSES, Plan
from .flows import ObjectionFlow
from .models import Objection

OBJECTION_JOINS = ("plan__employee__agency", "plan__period", "plan__supervisor", "plan__rated_by", "decider")


def filing_deadline(plan: Plan) -> datetime.datetime | None:
    """The last moment an objection to the plan's predikat may be filed (None while the plan is not rated)."""
    if plan.rated_at is None:
        return None
    return plan.rated_at + datetime.timedelta(days=settings.KINERJA_OBJECTION_DAYS)


def decision_due(filed_at: datetime.datetime) -> datetime.datetime:
    return filed_at + datetime.timedelta(days=settings.KINERJA_OBJECTION_DECISION_DAYS)


def is_within_deadline(plan: Plan, *, now=None) -> bool:
    deadline = filing_deadline(plan)
    return deadline is not None and (now or timezone.now()) <= deadline


def get_objection_for_user(*, user, objection_id: int) -> Objection:
    """The objection if the user may see it, else 404 (its existence does not leak)."""
    objection = Objection.objects.select_related(*OBJECTION_JOINS).filter(pk=objection_id).first()
    if objection is None:
        raise Http404
    permissions.check_view_objection(user, objection)
    return objection


def objection_of_plan(*, user, plan: Plan) -> Objection | None:
    """The plan's objection for its page, when the user may see it."""
    objection = Objection.objects.select_related(*OBJECTION_JOINS).filter(plan_id=plan.pk).first()
    if objection is None or not permissions.can_view_objection(user, objection):
        return None
    return objection


def open_decision_task(*, objection: Objection) -> Task | None:
    return (
        Task.objects.filter(
            process__objectionprocess__objection_id=objection.pk,
            flow_task=ObjectionFlow.decide,
            status__in=OPEN_STATUSES,
        )
        .order_by("-pk")
        .first()
    )


def decisions_waiting_for(*, user) -> list[Objection]:
    """Objections whose decision task is the user's and still open, soonest due first (the inbox lists them)."""
    if not user.is_authenticated:
        return []
    return list(
        Objection.objects.filter(
            process__task__owner=user,
            process__task__flow_task=ObjectionFlow.decide,
            process__task__status__in=OPEN_STATUSES,
        )
        .select_related(*OBJECTION_JOINS)
        .order_by("decision_due", "pk")
    )
