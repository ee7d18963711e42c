"""Plans of a team or an agency as an Excel workbook: one sheet of plans, one of their RHK indicators.

Built with openpyxl in write-only mode from two streamed queries (`.values()` with SQL subqueries for counts and
latest realisations), so the query count is constant and 10,000 plans stay cheap in memory.
"""

import io
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from agencies.models import Agency, Period

from .models import Aspect, Plan, Realisation, ResultIndicator, ResultKind, ResultPlan, Stage, rhk_order
from .predikat import Predikat, Rating

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0%"
TEXT_FORMAT = "@"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E6EBF0")
CHUNK = 2000

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def agency_plans_for_export(*, agency: Agency, period: Period | None) -> QuerySet:
    """Every plan of the agency in the period (the caller has checked `permissions.check_export_agency_plans`)."""
    if period is None:
        return Plan.objects.none()
    return Plan.objects.filter(employee__agency=agency, period=period)


# The workbook


def _count_of(queryset: QuerySet, column: str = "pk"):
    """A correlated COUNT subquery that is 0, not NULL, when there are no rows."""
    counted = queryset.order_by().values(column).annotate(n=Count("pk", distinct=True)).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _plan_rows(plans: QuerySet):
    """One dict per plan, with RHK and indicator counts computed in SQL, streamed in chunks."""
    plan_ref = OuterRef("pk")
    indicators = ResultIndicator.objects.filter(result__plan=plan_ref)
    return (
        Plan.objects.filter(pk__in=plans.values("pk"))
        .annotate(
            rhk_count=_count_of(ResultPlan.objects.filter(plan=plan_ref), "plan"),
            indicator_count=_count_of(indicators, "result__plan"),
            realised_count=_count_of(indicators.filter(Q(realisations__isnull=False)), "result__plan"),
        )
        .order_by("employee__agency__name", "employee__unit__name", "employee__name", "period__starts_on", "pk")
        .values(
            "pk",
            "employee__nip",
            "employee__front_title",
            "employee__name",
            "employee__back_title",
            "employee__position_title",
            "employee__unit__name",
            "employee__agency__name",
            "employee__agency__time_zone",
            "supervisor__name",
            "employee__supervisor__name",
            "period__name",
            "period__starts_on",
            "period__ends_on",
            "stage",
            "submitted_at",
            "approved_at",
            "rated_at",
            "results_rating",
            "behaviour_rating",
            "predikat",
            "rhk_count",
            "indicator_count",
            "realised_count",
        )
        .iterator(chunk_size=CHUNK)
    )


def _indicator_rows(plans: QuerySet):
    """One dict per RHK indicator of the plans, in document order, with its latest realisation."""
    realisations = Realisation.objects.filter(indicator=OuterRef("pk")).order_by("-reported_at", "-pk")
    return (
        ResultIndicator.objects.filter(result__plan__in=plans.values("pk"))
        .annotate(
            latest_value=Subquery(realisations.values("value")[:1]),
            latest_description=Subquery(realisations.values("description")[:1]),
            report_count=_count_of(Realisation.objects.filter(indicator=OuterRef("pk")), "indicator"),
        )
        .order_by(
            "result__plan__employee__agency__name",
            "result__plan__employee__unit__name",
            "result__plan__employee__name",
            "result__plan__period__starts_on",
            "result__plan_id",
            *rhk_order("result__"),
            "order",
            "pk",
        )
        .values(
            "pk",
            "result_id",
            "result__plan_id",
            "result__plan__employee__nip",
            "result__plan__employee__name",
            "result__plan__period__name",
            "result__kind",
            "result__text",
            "result__supports__text",
            "result__supports_indicator__code",
            "result__rating__rating",
            "aspect",
            "description",
            "target_value",
            "target_unit",
            "target_text",
            "latest_value",
            "latest_description",
            "report_count",
        )
        .iterator(chunk_size=CHUNK)
    )


def _labels(*choices) -> dict:
    """Display labels in the active language, translated once per export rather than once per cell."""
    return {enum: {code: str(label) for code, label in enum.choices} for enum in choices}


def _number(value):
    """Decimals as Excel numbers: integers stay integers."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _local(moment, zone: str):
    """An aware instant as the naive local time of the agency (Excel has no time zones)."""
    if moment is None:
        return None
    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


class _Sheet:
    """A write-only sheet with a bold frozen header, autofilter, column widths and per-column number formats."""

    def __init__(self, workbook: Workbook, title: str, columns: list[tuple[str, int, str | None]]):
        self.sheet = workbook.create_sheet(title=title[:31])
        self.formats = [number_format for _label, _width, number_format in columns]
        for index, (_label_text, width, _format) in enumerate(columns, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.sheet.freeze_panes = "A2"
        self.rows = 0
        header = []
        for label, _width, _format in columns:
            cell = WriteOnlyCell(self.sheet, value=label)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            header.append(cell)
        self.sheet.append(header)

    def append(self, values: list) -> None:
        row = []
        for value, number_format in zip(values, self.formats, strict=True):
            if value is None or value == "":
                row.append(None)
            elif isinstance(value, str) and value.startswith("="):
                # Typed text such as an RHK "=HYPERLINK(…)" stays text: openpyxl would write it as a formula.
                cell = WriteOnlyCell(self.sheet, value=value)
                cell.data_type = "s"
                row.append(cell)
            elif number_format is None:
                row.append(value)
            else:
                cell = WriteOnlyCell(self.sheet, value=value)
                cell.number_format = number_format
                row.append(cell)
        self.sheet.append(row)
        self.rows += 1

    def finish(self) -> None:
        last = get_column_letter(len(self.formats))
        self.sheet.auto_filter.ref = f"A1:{last}{self.rows + 1}"


def plans_workbook(plans: QuerySet) -> bytes:
    """An .xlsx of `plans` (a Plan queryset the caller may see): sheet "Plans" and sheet "Indicators"."""
    workbook = Workbook(write_only=True)
    _write_plans(workbook, plans)
    _write_indicators(workbook, plans)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_plans(workbook: Workbook, plans: QuerySet) -> None:
    sheet = _Sheet(
        workbook,
        _("Plans"),
        [
            (_("NIP"), 21, TEXT_FORMAT),
            (_("Name"), 30, None),
            (_("Position"), 30, None),
            (_("Unit"), 24, None),
            (_("Agency"), 30, None),
            (_("Reviewer"), 26, None),
            (_("Period"), 16, None),
            (_("Period starts"), 12, DATE_FORMAT),
            (_("Period ends"), 12, DATE_FORMAT),
            (_("Stage"), 16, None),
            (_("Submitted"), 17, DATETIME_FORMAT),
            (_("Approved"), 17, DATETIME_FORMAT),
            (_("Number of RHK"), 10, None),
            (_("Indicators"), 10, None),
            (_("Indicators realised"), 11, None),
            (_("Realisation progress"), 11, PERCENT_FORMAT),
            (_("Results rating"), 20, None),
            (_("Behaviour rating"), 20, None),
            (_("Predikat"), 20, None),
            (_("Rated"), 17, DATETIME_FORMAT),
        ],
    )
    labels = _labels(Stage, Rating, Predikat)
    for row in _plan_rows(plans):
        zone = row["employee__agency__time_zone"]
        name = " ".join(part for part in (row["employee__front_title"], row["employee__name"]) if part)
        if row["employee__back_title"]:
            name = f"{name}, {row['employee__back_title']}"
        progress = row["realised_count"] / row["indicator_count"] if row["indicator_count"] else None
        sheet.append(
            [
                row["employee__nip"],
                name,
                row["employee__position_title"],
                row["employee__unit__name"] or "",
                row["employee__agency__name"],
                row["supervisor__name"] or row["employee__supervisor__name"] or "",
                row["period__name"],
                row["period__starts_on"],
                row["period__ends_on"],
                labels[Stage].get(row["stage"], ""),
                _local(row["submitted_at"], zone),
                _local(row["approved_at"], zone),
                row["rhk_count"],
                row["indicator_count"],
                row["realised_count"],
                progress,
                labels[Rating].get(row["results_rating"], ""),
                labels[Rating].get(row["behaviour_rating"], ""),
                labels[Predikat].get(row["predikat"], ""),
                _local(row["rated_at"], zone),
            ]
        )
    sheet.finish()


def _write_indicators(workbook: Workbook, plans: QuerySet) -> None:
    sheet = _Sheet(
        workbook,
        _("Indicators"),
        [
            (_("NIP"), 21, TEXT_FORMAT),
            (_("Name"), 26, None),
            (_("Period"), 16, None),
            (_("RHK no."), 7, None),
            (_("Kind"), 11, None),
            (_("Work result (RHK)"), 45, None),
            (_("Supports"), 35, None),
            (_("Aspect"), 11, None),
            (_("Indicator"), 40, None),
            (_("Target"), 10, None),
            (_("Unit"), 12, None),
            (_("Described target"), 25, None),
            (_("Latest realisation"), 12, None),
            (_("What was achieved"), 35, None),
            (_("Reports"), 8, None),
            (_("RHK rating"), 20, None),
        ],
    )
    # RHK are numbered per plan and kind, as in the SKP document (main 1…n, additional 1…m).
    labels = _labels(ResultKind, Aspect, Rating)
    group, result_id, number = None, None, 0
    for row in _indicator_rows(plans):
        if (row["result__plan_id"], row["result__kind"]) != group:
            group, result_id, number = (row["result__plan_id"], row["result__kind"]), None, 0
        if row["result_id"] != result_id:
            result_id, number = row["result_id"], number + 1
        supports = row["result__supports__text"] or (
            _("IKU %(iku)s") % {"iku": row["result__supports_indicator__code"]}
            if row["result__supports_indicator__code"]
            else ""
        )
        sheet.append(
            [
                row["result__plan__employee__nip"],
                row["result__plan__employee__name"],
                row["result__plan__period__name"],
                number,
                labels[ResultKind].get(row["result__kind"], ""),
                row["result__text"],
                supports,
                labels[Aspect].get(row["aspect"], ""),
                row["description"],
                _number(row["target_value"]),
                row["target_unit"],
                row["target_text"],
                _number(row["latest_value"]),
                row["latest_description"] or "",
                row["report_count"],
                labels[Rating].get(row["result__rating__rating"], ""),
            ]
        )
    sheet.finish()


def workbook_filename(*, scope: str, period: Period | None) -> str:
    suffix = slugify(period.name) if period is not None else timezone.localdate().isoformat()
    return f"SKP-{slugify(scope)}-{suffix}.xlsx"
