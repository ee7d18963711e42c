"""Reads for the API: querysets limited to the caller's reach, with everything the serializers show loaded in a
constant number of queries (select_related for single rows, prefetch for the nested lists)."""

from django.db.models import DateTimeField, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from agencies.models import Agency, Employee, Indicator, IndicatorRealisation, IndicatorTarget, Period, Unit
from feedback.models import AGENCY_STATUSES, Complaint
from workflow.models import Plan, PlanEvent, Realisation, ResultIndicator, ResultPlan, rhk_order
from workflow.permissions import visible_plans_q

from .scopes import EVERY_AGENCY, Scope, reach


def _in(ids: frozenset | None, field: str = "agency_id") -> Q:
    return Q() if ids is EVERY_AGENCY else Q(**{f"{field}__in": ids})


def agencies() -> QuerySet:
    return Agency.objects.order_by("code")


def periods() -> QuerySet:
    return Period.objects.order_by("-starts_on", "kind")


def units(*, token) -> QuerySet:
    ids = reach(token, Scope.PEOPLE_READ)
    return Unit.objects.filter(_in(ids)).select_related("agency", "parent").order_by("pk")


def employees(*, token) -> QuerySet:
    ids = reach(token, Scope.PEOPLE_READ)
    return Employee.objects.filter(_in(ids)).select_related("agency", "unit", "supervisor").order_by("pk")


def indicators(*, token) -> QuerySet:
    ids = reach(token, Scope.IKU_READ)
    return (
        Indicator.objects.filter(_in(ids))
        .select_related("agency")
        .prefetch_related(
            Prefetch("targets", IndicatorTarget.objects.order_by("year")),
            Prefetch("realisations", IndicatorRealisation.objects.order_by("period_id")),
        )
        .order_by("pk")
    )


def indicator_for_push(*, token, indicator_id: int) -> Indicator | None:
    ids = reach(token, Scope.IKU_WRITE)
    return Indicator.objects.filter(_in(ids), pk=indicator_id).select_related("agency").first()


def plans(*, token) -> QuerySet:
    """The plans the token reads: a service account its agencies' plans; a person what the site shows them (own,
    team, headed or coordinated agencies; every plan for an administrator). `changed_at`: the plan's last event."""
    if token.is_service:
        scope = _in(reach(token, Scope.PLANS_READ), "employee__agency_id")
    else:
        scope = visible_plans_q(token.user)
    last_event = PlanEvent.objects.filter(plan=OuterRef("pk")).order_by().values("plan").annotate(at=Max("created_at"))
    return (
        Plan.objects.filter(scope)
        .annotate(
            changed_at=Greatest(
                "created_at",
                Coalesce(Subquery(last_event.values("at"), output_field=DateTimeField()), "created_at"),
            )
        )
        .select_related("employee__agency", "period")
        .prefetch_related(
            Prefetch(
                "results",
                ResultPlan.objects.order_by("plan_id", *rhk_order()).prefetch_related(
                    Prefetch(
                        "indicators",
                        ResultIndicator.objects.order_by("order", "pk").prefetch_related(
                            Prefetch("realisations", Realisation.objects.order_by("-reported_at", "-pk"))
                        ),
                    )
                ),
            )
        )
        .order_by("pk")
    )


def complaints(*, token) -> tuple[QuerySet, frozenset | None]:
    """Complaints the agencies have (verified: spam and unverified reports never show), and the agency ids whose
    complaints the token reads in full (their words and answers)."""
    full = reach(token, Scope.COMPLAINTS_READ)
    rows = Complaint.objects.filter(status__in=AGENCY_STATUSES).select_related("category", "agency").order_by("-pk")
    return rows, full
