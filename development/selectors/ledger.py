"""The JP (lesson hours) ledger against the yearly duty, and the export of completed trainings.

An employee's JP in a year: the hours of completed Pemda trainings that ended in the year (a cancelled training counts
nothing) plus verified external ones. The per-agency summary is a GROUP BY and the list orders and pages in the
database: only the rows of one page become objects.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

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


@dataclass
class Ledger:
    agencies: list  # {agency_id, short_name, people, below, share_below, total_jp}
    page: Page  # Employee objects with .jp and .duty: fewest JP first within each agency
    matching: int


def _ledger_rows(*, user, year: int) -> tuple[str, tuple]:
    """SQL of one row per employee in the user's ledger: id, agency_id, agency_name, name, duty, jp.

    The JP are summed once per table in two grouped derived tables joined to the employees; Django's ORM has no
    derived tables, so its own compiled SQL is composed here (a correlated sum per employee had to be evaluated
    again in every aggregate that used it and was several times slower at 10,000 employees)."""
    people = (
        Employee.objects.filter(permissions.ledger_employees_q(user), is_active=True)
        .order_by()
        .annotate(duty=duty_expression(), agency_name=F("agency__short_name"))
        .values("id", "agency_id", "agency_name", "name", "duty")
    )
    internal = (
        counted_participations(year=year)
        .order_by()
        .values("employee_id")
        .annotate(total=Sum("training__jp"))
        .values("employee_id", "total")
    )
    external = (
        ExternalTraining.objects.filter(status=ExternalStatus.VERIFIED, ends_on__year=year)
        .order_by()
        .values("employee_id")
        .annotate(total=Sum("jp"))
        .values("employee_id", "total")
    )
    (people_sql, people_params), (internal_sql, internal_params), (external_sql, external_params) = (
        query.query.sql_with_params() for query in (people, internal, external)
    )
    sql = (
        "SELECT e.id, e.agency_id, e.agency_name, e.name, e.duty, COALESCE(i.total, 0) + COALESCE(x.total, 0) AS jp "
        f"FROM ({people_sql}) e LEFT JOIN ({internal_sql}) i ON i.employee_id = e.id "
        f"LEFT JOIN ({external_sql}) x ON x.employee_id = e.id"
    )
    return sql, (*people_params, *internal_params, *external_params)


ORDER = "l.agency_name, l.agency_id, l.jp, l.name, l.id"  # fewest JP first within each agency


def _filters(*, agency_id: int | None, below_only: bool) -> tuple[str, list]:
    conditions, params = ["1 = 1"], []
    if agency_id is not None:
        conditions.append("l.agency_id = %s")
        params.append(agency_id)
    if below_only:
        conditions.append("l.jp < l.duty")
    return " AND ".join(conditions), params


def _employees(rows) -> list:
    """Employee objects, with .jp and .duty, for the (id, jp, duty) rows of one page, in their order."""
    people = Employee.objects.select_related("agency", "unit").in_bulk([pk for pk, _jp, _duty in rows])
    listed = []
    for pk, jp, duty in rows:
        person = people[pk]
        person.jp, person.duty = jp, duty
        listed.append(person)
    return listed


class _LedgerPage:
    """What the paginator slices: only the rows of the asked page are read, and only they become Employee objects.
    The page asked for was read together with the per-agency sums; another page (one past the end) is read here."""

    def __init__(self, rows_sql: str, params: tuple, *, where: str, where_params: list, count: int, first: tuple):
        self.sql = f"SELECT l.id, l.jp, l.duty FROM ({rows_sql}) l WHERE {where} ORDER BY {ORDER} LIMIT %s OFFSET %s"
        self.params = [*params, *where_params]
        self._count, self._first = count, first

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, window: slice) -> list:
        offset, rows = self._first
        if window.start != offset:
            with connection.cursor() as cursor:
                cursor.execute(self.sql, [*self.params, window.stop - window.start, window.start])
                rows = cursor.fetchall()
        return _employees(rows)


def _page_number(value) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


def ledger(
    *,
    user,
    year: int,
    agency_id: int | None = None,
    below_only: bool = False,
    page: int | str = 1,
    per_page: int = LEDGER_PAGE_SIZE,
) -> Ledger:
    """Everyone the user may read, per agency (how many are below their duty) and one page of the list.

    One query computes every employee's JP once (a CTE used twice, which SQLite and PostgreSQL materialise) and
    answers both the per-agency sums and the asked page's rows; one more reads those rows' employees."""
    rows_sql, params = _ledger_rows(user=user, year=year)
    where, where_params = _filters(agency_id=agency_id, below_only=below_only)
    offset = (_page_number(page) - 1) * per_page
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH l AS ({rows_sql}) "
            "SELECT 0, l.agency_id, l.agency_name, COUNT(*), SUM(CASE WHEN l.jp < l.duty THEN 1 ELSE 0 END), "
            "SUM(l.jp) FROM l GROUP BY l.agency_id, l.agency_name "
            # A union keeps no order: each listed row carries its place.
            f"UNION ALL SELECT * FROM (SELECT 1, l.id, NULL, l.jp, l.duty, ROW_NUMBER() OVER (ORDER BY {ORDER}) "
            f"FROM l WHERE {where} "
            f"ORDER BY {ORDER} LIMIT %s OFFSET %s) listed",
            [*params, *where_params, per_page, offset],
        )
        rows = cursor.fetchall()
    agencies = sorted(
        (
            {
                "agency_id": agency,
                "short_name": name,
                "people": people,
                "below": below,
                "total_jp": total,
                "share_below": round(100 * below / people),
            }
            for listed, agency, name, people, below, total in rows
            if listed == 0
        ),
        key=lambda row: (row["short_name"], row["agency_id"]),
    )
    placed = sorted((place, pk, jp, duty) for listed, pk, _name, jp, duty, place in rows if listed == 1)
    first = (offset, [(pk, jp, duty) for _place, pk, jp, duty in placed])
    matching = sum(
        row["below" if below_only else "people"] for row in agencies if agency_id in (None, row["agency_id"])
    )
    listed = _LedgerPage(rows_sql, params, where=where, where_params=where_params, count=matching, first=first)
    return Ledger(agencies=agencies, page=Paginator(listed, per_page).get_page(page), matching=matching)


def employee_year_jp(*, employee: Employee, year: int) -> dict:
    """The person's JP in `year`, their duty, and how many JP they are short of it (0 once met)."""
    jp = Employee.objects.filter(pk=employee.pk).annotate(jp=jp_expression(year)).values_list("jp", flat=True)
    done, duty = jp.first() or 0, duty_for(employee.employee_type)
    return {"jp": done, "duty": duty, "short": max(duty - done, 0)}


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
