"""The JP (lesson hours) ledger against the yearly duty, and the export of completed trainings.

An employee's JP in a year: the hours of completed Pemda trainings that ended in the year (a cancelled training counts
nothing) plus verified external ones. It is one SQL expression (`jp_expression`), so the per-agency summary is a
GROUP BY and the list orders and pages in the database: only the rows of one page become objects.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property

from agencies.models import Employee

from .. import permissions
from ..models import ExternalStatus, ExternalTraining, ParticipantStatus, Participation, TrainingStatus

__all__ = [
    "LEDGER_PAGE_SIZE",
    "Ledger",
    "completed_trainings",
    "counted_participations",
    "duty_expression",
    "duty_for",
    "employee_year_jp",
    "jp_expression",
    "ledger",
]

LEDGER_PAGE_SIZE = 50


def duty_for(employee_type: str) -> int:
    """The yearly JP duty of an employee type (settings.KINERJA_JP_DUTY; 20 JP when the type is not listed)."""
    return settings.KINERJA_JP_DUTY.get(employee_type, settings.KINERJA_JP_DUTY.get("default", 20))


def duty_expression():
    """`duty_for` as SQL over an Employee row."""
    whens = [When(employee_type=kind, then=Value(jp)) for kind, jp in settings.KINERJA_JP_DUTY.items()]
    return Case(*whens, default=Value(duty_for("")), output_field=IntegerField())


def counted_participations(*, year: int | None = None) -> QuerySet:
    """Participations whose JP count: completed, in a training that was not cancelled (ended in `year`)."""
    counted = Participation.objects.filter(status=ParticipantStatus.COMPLETED).exclude(
        training__status=TrainingStatus.CANCELLED
    )
    return counted.filter(training__ends_on__year=year) if year else counted


def jp_expression(year: int):
    """An Employee row's JP in `year`, as SQL: two correlated sums, each an index range on (employee, status)."""
    internal = (
        counted_participations(year=year)
        .filter(employee=OuterRef("pk"))
        .order_by()
        .values("employee")
        .annotate(total=Sum("training__jp"))
        .values("total")
    )
    external = (
        ExternalTraining.objects.filter(employee=OuterRef("pk"), status=ExternalStatus.VERIFIED, ends_on__year=year)
        .order_by()
        .values("employee")
        .annotate(total=Sum("jp"))
        .values("total")
    )
    return Coalesce(Subquery(internal), 0) + Coalesce(Subquery(external), 0)


class _CountedPaginator(Paginator):
    """A paginator told its count (the per-agency summary already knows it), so paging costs no COUNT query."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


@dataclass
class Ledger:
    agencies: list  # {agency_id, short_name, people, below, share_below, total_jp}
    page: Page  # Employee objects with .jp and .duty: fewest JP first within each agency
    matching: int


def ledger(
    *,
    user,
    year: int,
    agency_id: int | None = None,
    below_only: bool = False,
    page: int | str = 1,
    per_page: int = LEDGER_PAGE_SIZE,
) -> Ledger:
    """Everyone the user may read, per agency (how many are below their duty) and one page of the list."""
    people = Employee.objects.filter(permissions.ledger_employees_q(user), is_active=True).annotate(
        jp=jp_expression(year), duty=duty_expression()
    )
    agencies = list(
        people.order_by()
        .values("agency_id", short_name=F("agency__short_name"))
        .annotate(people=Count("pk"), below=Count("pk", filter=Q(jp__lt=F("duty"))), total_jp=Sum("jp"))
        .order_by("short_name", "agency_id")
    )
    for row in agencies:
        row["share_below"] = round(100 * row["below"] / row["people"])
    matching = sum(
        row["below" if below_only else "people"] for row in agencies if agency_id in (None, row["agency_id"])
    )
    listed = people.filter(agency_id=agency_id) if agency_id is not None else people
    if below_only:
        listed = listed.filter(jp__lt=F("duty"))
    listed = listed.select_related("agency", "unit").order_by("agency__short_name", "agency_id", "jp", "name", "pk")
    return Ledger(
        agencies=agencies,
        page=_CountedPaginator(listed, per_page, count=matching).get_page(page),
        matching=matching,
    )


def employee_year_jp(*, employee: Employee, year: int) -> dict:
    jp = Employee.objects.filter(pk=employee.pk).annotate(jp=jp_expression(year)).values_list("jp", flat=True)
    return {"jp": jp.first() or 0, "duty": duty_for(employee.employee_type)}


def completed_trainings(*, user, year: int | None) -> list[dict]:
    """Completed Pemda trainings and verified external ones, with the fields a national HR system asks for."""
    people = Employee.objects.filter(permissions.ledger_employees_q(user))
    internal = counted_participations(year=year).filter(employee__in=people)
    external = ExternalTraining.objects.filter(status=ExternalStatus.VERIFIED, employee__in=people)
    if year:
        external = external.filter(ends_on__year=year)
    columns = ("nip", "name", "kind", "training_name", "organiser", "starts_on", "ends_on", "jp", "certificate_number")
    internal_rows = internal.values_list(
        "employee__nip",
        "employee__name",
        "training__kind",
        "training__name",
        "training__organiser",
        "training__starts_on",
        "training__ends_on",
        "training__jp",
        "certificate_number",
    )
    external_rows = external.values_list(
        "employee__nip",
        "employee__name",
        "kind",
        "name",
        "organiser",
        "starts_on",
        "ends_on",
        "jp",
        "certificate_number",
    )
    combined = internal_rows.order_by().union(external_rows.order_by(), all=True)
    rows = [dict(zip(columns, row, strict=True)) for row in combined]
    return sorted(rows, key=lambda row: (row["nip"], row["starts_on"]))
