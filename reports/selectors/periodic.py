"""The boards per periodic window (a quarter or a month of an annual period): each agency's periodic evaluations by
step and by periodic predikat, from one SQL aggregation (workflow.periodic.selectors.periodic_progress_by_agency)."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agencies.models import Period
from agencies.review_windows import ReviewWindow
from workflow.periodic.models import ReviewStep
from workflow.periodic.selectors import chosen_window, periodic_progress_by_agency

from .overview import OverviewRow

__all__ = ["PeriodicBoardRow", "chosen_window", "periodic_board", "periodic_predikat_counts", "window_choices"]

# The board's columns: where each window's evaluations stand.
PERIODIC_COLUMNS = (
    (_("To report"), (ReviewStep.REPORT,)),
    (_("To rate"), (ReviewStep.RATE,)),
    (_("In coaching"), (ReviewStep.COACHING, ReviewStep.ACKNOWLEDGE)),
    (_("Done"), (ReviewStep.DONE,)),
)


@dataclass
class PeriodicBoardRow:
    agency_id: int
    name: str
    reviews: int
    late: int
    cells: list[int]

    @property
    def level(self) -> str:
        return "red" if self.late else "green"


def window_choices(period: Period) -> list[ReviewWindow]:
    """The windows a board may show for `period` (none for a period that is not annual)."""
    from agencies.models import PeriodKind

    return period.review_windows() if period.kind == PeriodKind.ANNUAL else []


def _agencies(agencies: QuerySet) -> list[tuple[int, str]]:
    return list(agencies.order_by("short_name", "pk").values_list("pk", "short_name"))


def periodic_predikat_counts(*, period: Period, window: ReviewWindow, agencies: QuerySet) -> list[OverviewRow]:
    """Per agency, its periodic predikat of `window`, shaped like `predikat_counts` for the distribution page: two
    queries (the agencies, the aggregation)."""
    names = _agencies(agencies)
    progress = periodic_progress_by_agency(period=period, number=window.number, agency_ids=[pk for pk, _ in names])
    rows = [
        OverviewRow(
            agency_id=pk,
            name=name,
            employees=0,
            plans=progress[pk]["reviews"],
            counts={},
            overdue=progress[pk]["late"],
            by_predikat=progress[pk]["by_predikat"],
        )
        for pk, name in names
    ]
    return sorted(rows, key=lambda row: row.name.lower())


def periodic_board(*, period: Period, window: ReviewWindow, agencies: QuerySet) -> dict:
    """Per agency and for all: the window's evaluations by step and how many are late. Two queries."""
    names = _agencies(agencies)
    progress = periodic_progress_by_agency(period=period, number=window.number, agency_ids=[pk for pk, _ in names])
    rows = []
    for pk, name in names:
        data = progress[pk]
        cells = [sum(data["by_step"][step] for step in steps) for _label, steps in PERIODIC_COLUMNS]
        rows.append(PeriodicBoardRow(agency_id=pk, name=name, reviews=data["reviews"], late=data["late"], cells=cells))
    rows.sort(key=lambda row: (-row.late, row.name.lower()))
    totals = PeriodicBoardRow(
        agency_id=0,
        name=str(_("All agencies")),
        reviews=sum(row.reviews for row in rows),
        late=sum(row.late for row in rows),
        cells=[sum(row.cells[index] for row in rows) for index in range(len(PERIODIC_COLUMNS))],
    )
    return {"rows": rows, "totals": totals, "columns": [label for label, _steps in PERIODIC_COLUMNS]}
