"""Reads for the satisfaction surveys: the index per service, per agency and Pemda-wide, and a service's detail.

Every scope is computed in SQL: one aggregate query (SUM and COUNT of each element's column) per scope, grouped by
service or agency, never a Python loop over answers. The public performance page uses the three documented
selectors below:

- `service_results(*, period, agency=None, services=None) -> list[ScopeResult]`: one row per active public service
  (of `agency`, or of the given services queryset), answered or not, ordered by agency and name; each row has
  `.service`, `.responses`, `.ikm` (Decimal, two places, or None without answers), `.grade` (regulation.Grade or None),
  `.minimum_sample` (Krejcie–Morgan for the service's population in the period, None when unknown) and
  `.under_sampled` (True when answers < minimum sample). Two queries.
- `agency_results(*, period, agencies=None) -> list[ScopeResult]`: the same per agency (`.agency`), pooling the
  answers of its services (every respondent counts once) with the population of its active services. Two queries.
- `pemda_result(*, period) -> ScopeResult`: the same for the whole Pemda. Two queries.
Each `ScopeResult` also carries `.elements` (per element: NRR, answers, grade) and `.weakest` (up to three elements
below grade A, lowest first, each with its suggested improvement action).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, Period, PublicService
from common.params import parse_id

from . import ikm as regulation
from .elements import ELEMENTS, Element
from .models import AgeBand, Education, Occupation, Sex, SurveyResponse

WEAKEST_SHOWN = 3


@dataclass
class ElementResult:
    element: Element
    nrr: Decimal | None
    answered: int

    @property
    def grade(self) -> regulation.Grade | None:
        return regulation.nrr_grade(self.nrr)


@dataclass
class ScopeResult:
    responses: int = 0
    elements: list[ElementResult] = field(default_factory=list)
    ikm: Decimal | None = None
    population: int | None = None
    minimum_sample: int | None = None
    service: PublicService | None = None
    agency: Agency | None = None

    @property
    def grade(self) -> regulation.Grade | None:
        return regulation.grade(self.ikm)

    @property
    def under_sampled(self) -> bool:
        return self.minimum_sample is not None and self.responses < self.minimum_sample

    @property
    def weakest(self) -> list[ElementResult]:
        scored = [row for row in self.elements if row.nrr is not None and row.grade.code != "A"]
        return sorted(scored, key=lambda row: (row.nrr, row.element.number))[:WEAKEST_SHOWN]


def element_annotations() -> dict:
    """SUM and COUNT of every element's column, and the number of respondents: the whole index in one SELECT."""
    annotations = {"responses": Count("*")}  # not COUNT(id): the covering index answers without the rows
    for element in ELEMENTS:
        annotations[f"{element.code}_sum"] = Sum(element.code)
        annotations[f"{element.code}_n"] = Count(element.code)
    return annotations


def responses_in(period: Period) -> QuerySet:
    return SurveyResponse.objects.filter(submitted_on__range=(period.starts_on, period.ends_on))


def _period_days(period: Period) -> tuple[int, int]:
    days = (period.ends_on - period.starts_on).days + 1
    year_days = (datetime.date(period.year + 1, 1, 1) - datetime.date(period.year, 1, 1)).days
    return days, year_days


def scope_result(row: dict | None, *, period: Period, annual_users: int | None, **scope) -> ScopeResult:
    """A ScopeResult from one aggregate row (`element_annotations`) and the scope's yearly population."""
    row = row or {}
    elements = [
        ElementResult(
            element,
            regulation.nrr(row.get(f"{element.code}_sum"), row.get(f"{element.code}_n")),
            row.get(f"{element.code}_n") or 0,
        )
        for element in ELEMENTS
    ]
    days, year_days = _period_days(period)
    population = regulation.period_population(annual_users, days=days, days_in_year=year_days)
    return ScopeResult(
        responses=row.get("responses") or 0,
        elements=elements,
        ikm=regulation.ikm([each.nrr for each in elements]),
        population=population,
        minimum_sample=regulation.minimum_sample(population),
        **scope,
    )


def service_results(*, period: Period, agency: Agency | None = None, services: QuerySet | None = None) -> list:
    """The index of each active service in `period` (see the module docstring). Two queries."""
    if services is None:
        services = PublicService.objects.filter(is_active=True)
    if agency is not None:
        services = services.filter(agency=agency)
    services = list(services.select_related("agency", "unit").order_by("agency__name", "name"))
    rows = (
        responses_in(period)
        .filter(service__in=[service.pk for service in services])
        .values("service")
        .annotate(**element_annotations())
        .order_by()
    )
    by_service = {row["service"]: row for row in rows} if services else {}
    return [
        scope_result(by_service.get(service.pk), period=period, annual_users=service.annual_users, service=service)
        for service in services
    ]


def agency_results(*, period: Period, agencies: QuerySet | None = None) -> list:
    """The index of each agency in `period`, pooling its services' answers. Two queries."""
    agencies = (agencies if agencies is not None else Agency.objects.all()).annotate(
        population=Sum("services__annual_users", filter=Q(services__is_active=True)),
        service_count=Count("services", filter=Q(services__is_active=True)),
    )
    agencies = [agency for agency in agencies.order_by("name") if agency.service_count]
    rows = (
        responses_in(period)
        .filter(service__agency__in=[agency.pk for agency in agencies])
        .values("service__agency")
        .annotate(**element_annotations())
        .order_by()
    )
    by_agency = {row["service__agency"]: row for row in rows} if agencies else {}
    return [
        scope_result(by_agency.get(agency.pk), period=period, annual_users=agency.population, agency=agency)
        for agency in agencies
    ]


def agency_result(*, period: Period, agency: Agency) -> ScopeResult:
    """One agency's pooled index (an agency without active services still gets a row, with no answers)."""
    rows = agency_results(period=period, agencies=Agency.objects.filter(pk=agency.pk))
    return rows[0] if rows else scope_result(None, period=period, annual_users=None, agency=agency)


def pemda_result(*, period: Period) -> ScopeResult:
    """The Pemda-wide index in `period`, pooling every answer. Two queries."""
    row = responses_in(period).aggregate(**element_annotations())
    population = PublicService.objects.filter(is_active=True).aggregate(total=Sum("annual_users"))["total"]
    return scope_result(row, period=period, annual_users=population)


def services_ikm(*, period: Period, service_ids: list[int]) -> tuple[ScopeResult, list[ScopeResult]]:
    """The pooled index of some services and each service's own: what an IKU fed by IKM records. Two queries."""
    per_service = service_results(period=period, services=PublicService.objects.filter(pk__in=service_ids))
    pooled_row = responses_in(period).filter(service__in=service_ids).aggregate(**element_annotations())
    population = sum(each.service.annual_users or 0 for each in per_service) or None
    return scope_result(pooled_row, period=period, annual_users=population), per_service


# ----------------------------------------------------------------------------------------------- pages


def get_public_service(*, slug: str) -> PublicService:
    """An active service by its address, for the public survey; 404 otherwise."""
    service = PublicService.objects.select_related("agency", "unit").filter(slug=slug, is_active=True).first()
    if service is None:
        raise Http404
    return service


def get_service(*, slug: str) -> PublicService:
    service = PublicService.objects.select_related("agency", "unit").filter(slug=slug).first()
    if service is None:
        raise Http404
    return service


def current_period(today: datetime.date | None = None) -> Period | None:
    """The survey period of a day: the shortest Kinerja period containing it (a quarter before its year)."""
    today = today or timezone.localdate()
    periods = Period.objects.filter(starts_on__lte=today, ends_on__gte=today).order_by("-starts_on", "ends_on")
    return min(periods, key=lambda period: period.ends_on - period.starts_on, default=None)


def result_periods() -> QuerySet:
    """Periods that have started, newest first: those a results page can show."""
    return Period.objects.filter(starts_on__lte=timezone.localdate()).order_by("-starts_on", "ends_on")


def pick_period(period_id: str | None) -> Period | None:
    periods = result_periods()
    if parse_id(period_id):
        chosen = periods.filter(pk=parse_id(period_id)).first()
        if chosen is not None:
            return chosen
    return current_period() or periods.first()


def service_comments(*, service: PublicService, period: Period, limit: int = 50) -> QuerySet:
    return (
        responses_in(period)
        .filter(service=service)
        .exclude(comment="")
        .only("submitted_at", "comment", "service_id")
        .order_by("-submitted_at")[:limit]
    )


def service_profile(*, service: PublicService, period: Period) -> list[tuple[str, list[tuple[str, int]]]]:
    """How many respondents gave each profile answer (sex, age, education, occupation). One query."""
    dimensions = {"sex": Sex, "age_band": AgeBand, "education": Education, "occupation": Occupation}
    annotations = {
        f"{name}__{value}": Count("pk", filter=Q(**{name: value}))
        for name, choices in dimensions.items()
        for value in choices.values
    }
    counts = responses_in(period).filter(service=service).aggregate(**annotations)
    titles = {"sex": _("Sex"), "age_band": _("Age"), "education": _("Education"), "occupation": _("Occupation")}
    return [
        (titles[name], [(choices(value).label, counts[f"{name}__{value}"]) for value in choices.values])
        for name, choices in dimensions.items()
    ]


def export_responses(*, period: Period, agency: Agency) -> QuerySet:
    return (
        responses_in(period)
        .filter(service__agency=agency)
        .select_related("service")
        .order_by("service__name", "submitted_at", "pk")
    )


def get_agency(*, agency_id: int) -> Agency:
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise Http404
    return agency


def get_period(*, period_id: int) -> Period:
    period = Period.objects.filter(pk=period_id).first()
    if period is None:
        raise Http404
    return period
