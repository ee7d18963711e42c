"""Plans of a team or an agency as an Excel workbook: one sheet of plans, one of their RHK indicators.

Built with openpyxl in write-only mode from two streamed queries (`.values()` with SQL subqueries for counts and
latest realisations), so the query count is constant and 10,000 plans stay cheap in memory.
"""

from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook

from agencies.models import Agency, Period
from common.spreadsheets import SheetColumn, XlsxSheet, new_workbook, workbook_bytes

from .models import Aspect, Plan, Realisation, ResultIndicator, ResultKind, ResultPlan, Stage, rhk_order
from .predikat import Predikat, Rating

CHUNK = 2000


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


def plans_workbook(plans: QuerySet) -> bytes:
    """An .xlsx of `plans` (a Plan queryset the caller may see): sheet "Plans" and sheet "Indicators"."""
    workbook = new_workbook()
    _write_plans(workbook, plans)
    _write_indicators(workbook, plans)
    return workbook_bytes(workbook)


def _write_plans(workbook: Workbook, plans: QuerySet) -> None:
    sheet = XlsxSheet(
        workbook,
        _("Plans"),
        [
            SheetColumn(_("NIP"), "code", width=21),
            SheetColumn(_("Name"), width=30),
            SheetColumn(_("Position"), width=30),
            SheetColumn(_("Unit"), width=24),
            SheetColumn(_("Agency"), width=30),
            SheetColumn(_("Reviewer"), width=26),
            SheetColumn(_("Period"), width=16),
            SheetColumn(_("Period starts"), "date", width=12),
            SheetColumn(_("Period ends"), "date", width=12),
            SheetColumn(_("Stage"), width=16),
            SheetColumn(_("Submitted"), "datetime", width=17),
            SheetColumn(_("Approved"), "datetime", width=17),
            SheetColumn(_("Number of RHK"), width=10),
            SheetColumn(_("Indicators"), width=10),
            SheetColumn(_("Indicators realised"), width=11),
            SheetColumn(_("Realisation progress"), "percent", width=11),
            SheetColumn(_("Results rating"), width=20),
            SheetColumn(_("Behaviour rating"), width=20),
            SheetColumn(_("Predikat"), width=20),
            SheetColumn(_("Rated"), "datetime", width=17),
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
    sheet = XlsxSheet(
        workbook,
        _("Indicators"),
        [
            SheetColumn(_("NIP"), "code", width=21),
            SheetColumn(_("Name"), width=26),
            SheetColumn(_("Period"), width=16),
            SheetColumn(_("RHK no."), width=7),
            SheetColumn(_("Kind"), width=11),
            SheetColumn(_("Work result (RHK)"), width=45),
            SheetColumn(_("Supports"), width=35),
            SheetColumn(_("Aspect"), width=11),
            SheetColumn(_("Indicator"), width=40),
            SheetColumn(_("Target"), width=10),
            SheetColumn(_("Unit"), width=12),
            SheetColumn(_("Described target"), width=25),
            SheetColumn(_("Latest realisation"), width=12),
            SheetColumn(_("What was achieved"), width=35),
            SheetColumn(_("Reports"), width=8),
            SheetColumn(_("RHK rating"), width=20),
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
