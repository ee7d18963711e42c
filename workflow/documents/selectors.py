"""What the documents read: the plan with both people of its identity table, and its RHK, expectations and
ratings, in a constant number of queries (`document_plan` plus `document_data`)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from ..models import BehaviourRating, PeriodicReview, Plan, Realisation, ResultIndicator, rhk_order
from ..permissions import visible_plans_q
from ..selectors import PLAN_JOINS

# The plan with both people of the identity table and their units, in one query.
DOCUMENT_JOINS = (
    *PLAN_JOINS,
    "employee__supervisor__unit",
    "employee__supervisor__agency",
    "supervisor__unit",
    "supervisor__agency",
    "rated_by__unit",
    "rated_by__agency",
)


def document_plan(*, user, plan_id: int) -> Plan:
    """A plan `user` may read, with everything the documents' header needs joined in; else 404."""
    return get_object_or_404(Plan.objects.filter(visible_plans_q(user)).select_related(*DOCUMENT_JOINS), pk=plan_id)


@dataclass
class DocumentData:
    results: list = field(default_factory=list)
    expectations: dict = field(default_factory=dict)
    behaviour_ratings: dict = field(default_factory=dict)
    periodic_reviews: list = field(default_factory=list)


def document_data(plan: Plan, *, evaluation: bool) -> DocumentData:
    """RHK with indicators (and, for the evaluation, realisations, ratings and the rated periodic evaluations),
    expectations: 3–6 queries."""
    indicators = ResultIndicator.objects.order_by("order", "pk")
    if evaluation:
        latest_first = Realisation.objects.order_by("-reported_at", "-pk")
        indicators = indicators.prefetch_related(Prefetch("realisations", queryset=latest_first))
    results = plan.results.select_related("supports", "supports_indicator").prefetch_related(
        Prefetch("indicators", queryset=indicators)
    )
    if evaluation:
        results = results.select_related("rating")
    data = DocumentData(
        results=list(results.order_by(*rhk_order())),
        expectations={row.value: row.expectation for row in plan.expectations.all()},
    )
    if evaluation:
        data.behaviour_ratings = {row.value: row for row in BehaviourRating.objects.filter(plan=plan)}
        # The year's rating is the rater's judgement informed by the periods: the document shows them beside it.
        data.periodic_reviews = list(PeriodicReview.objects.filter(plan=plan).exclude(predikat="").order_by("number"))
        for review in data.periodic_reviews:
            review.plan = plan  # its label reads the period's frequency
    return data
