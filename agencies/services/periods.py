"""Performance periods and their deadlines; periods of one kind never overlap."""

import datetime
import zlib

from django.core.exceptions import ValidationError
from django.db import connection, transaction

from ..closing import closing_problems
from ..models import Period, PeriodKind, PeriodStatus, ReviewFrequency
from ..period_years import propose_year
from ._common import _apply

PERIOD_FIELDS = frozenset(
    {"name", "year", "kind", "starts_on", "ends_on", "plan_due", "evaluation_due", "status"}
    | {"review_frequency", "review_due_days"}
)


@transaction.atomic
def create_period(
    *,
    name: str,
    year: int,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    plan_due: datetime.date,
    evaluation_due: datetime.date,
    status: str = PeriodStatus.PLANNING,
    review_frequency: str = ReviewFrequency.QUARTERLY,
    review_due_days: int = 10,
) -> Period:
    """Create a period; a period overlapping another of the same kind is refused."""
    _lock_periods_of_kind(kind)
    period = Period(
        name=name,
        year=year,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        plan_due=plan_due,
        evaluation_due=evaluation_due,
        status=status,
        review_frequency=review_frequency,
        review_due_days=review_due_days,
    )
    period.full_clean()
    period.save()
    if status == PeriodStatus.CLOSED:  # created closed (e.g. an earlier year entered afterwards): checked all the same
        check_period_may_close(period)
    return period


@transaction.atomic
def update_period(*, period: Period, **changes) -> Period:
    """Change a period's dates, deadlines or status; the overlap rule excludes the period itself."""
    _lock_periods_of_kind(changes.get("kind", period.kind))
    was_closed = period.pk and Period.objects.filter(pk=period.pk, status=PeriodStatus.CLOSED).exists()
    fields = _apply(period, changes, PERIOD_FIELDS)
    period.full_clean()
    if period.status == PeriodStatus.CLOSED and not was_closed:
        check_period_may_close(period)
    if fields:
        period.save(update_fields=fields)
    return period


@transaction.atomic
def prepare_year(*, year: int) -> list[Period]:
    """Create the periods `year` is missing, following the year before (agencies/period_years.py), all or none.
    Periods already there are left as they are, so a second click, or two coordinators at once, add nothing twice."""
    for kind in sorted(PeriodKind.values):
        _lock_periods_of_kind(kind)
    created = []
    for period in propose_year(year).missing:
        period.full_clean()
        period.save()
        created.append(period)
    return created


@transaction.atomic
def close_period(*, period: Period) -> Period:
    """Close the period (its plans freeze), once every closing check passes (see agencies/closing.py)."""
    return update_period(period=period, status=PeriodStatus.CLOSED)


def check_period_may_close(period: Period) -> None:
    """Raise ValidationError on `status` with every reason the period may not close yet (registered checks)."""
    problems = closing_problems(period)
    if problems:
        raise ValidationError({"status": problems}, code="closing_refused")


# The first key of PostgreSQL's two-key advisory locks that Kinerja takes on periods; the second is the kind.
_PERIOD_LOCK_SPACE = 4101


def _lock_periods_of_kind(kind: str) -> None:
    """Serialise writers of periods of one kind until the transaction ends, so two overlapping periods cannot both
    pass the check. A row lock alone would not do: the first period of a kind has no row to lock yet. SQLite needs
    nothing here: its transactions begin IMMEDIATE (settings.py), so writers already take turns."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_PERIOD_LOCK_SPACE, zlib.crc32(kind.encode()) >> 1])
