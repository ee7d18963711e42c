"""The period recap as PDF for the coordinator's report to the regional secretary (reportlab, charts drawn with
reportlab's own graphics, so nothing is fetched from anywhere)."""

import io
import textwrap
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from common.numbers import quantity

from . import dashboards

TABLE_STYLE = TableStyle(
    [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 7.5),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 7.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#aab4c0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def _text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return quantity(value)  # the reader's number format, without trailing zeros ("101,26", "5.200")
    return str(value)


def _chart_label(value) -> str:
    return "" if value is None else formats.number_format(value, decimal_pos=1)


def _table(table, *, max_rows: int | None = None):
    rows = table.rows[:max_rows] if max_rows else table.rows
    data = [[_header(column.label) for column in table.columns]]
    cell = _cell_style()
    data += [
        [Paragraph(escape(v), cell) if isinstance(v, str) and len(v) > 24 else _text(v) for v in row] for row in rows
    ]
    flowable = LongTable(data, repeatRows=1)
    style = TableStyle(TABLE_STYLE.getCommands())
    for index, column in enumerate(table.columns):
        if column.kind in ("int", "decimal"):
            style.add("ALIGN", (index, 1), (index, -1), "RIGHT")
    flowable.setStyle(style)
    return flowable


def _header(label) -> str:
    """A column heading broken between words only ("Butuh Perbaikan" never becomes "Butuh Per baikan"): plain
    text lines, which the table sizes its column to."""
    return "\n".join(textwrap.wrap(str(label), 14, break_long_words=False, break_on_hyphens=False)) or ""


def _person(user) -> str:
    """Who generated the recap, by full name (the username is a NIP in production)."""
    employee = getattr(user, "employee", None)
    return employee.full_name if employee is not None else (user.get_full_name() or user.get_username())


def _cell_style():
    style = getSampleStyleSheet()["BodyText"].clone("cell")
    style.fontSize, style.leading = 7, 8.5
    return style


def _achievement_chart(iku_rows) -> Drawing:
    rows = [row for row in iku_rows if row.achievement.capped is not None][:30]
    height = 40 + 14 * max(len(rows), 1)
    drawing = Drawing(170 * mm, height)
    drawing.add(String(0, height - 12, _("IKU achievement (capped), %"), fontName="Helvetica-Bold", fontSize=9))
    if not rows:
        drawing.add(String(0, height - 30, _("No IKU figures for this period."), fontSize=8))
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 140, 10, 300, height - 30
    chart.data = [[float(row.achievement.capped) for row in reversed(rows)]]
    chart.categoryAxis.categoryNames = [f"{row.agency_name} {row.indicator.code}"[:30] for row in reversed(rows)]
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin, chart.valueAxis.labels.fontSize = 0, 7
    chart.bars[0].fillColor = colors.HexColor("#0b5d8a")
    chart.barLabelFormat, chart.barLabels.fontSize, chart.barLabels.nudge = _chart_label, 6.5, 12
    drawing.add(chart)
    return drawing


def _trend_chart(periods, overall) -> Drawing:
    drawing = Drawing(170 * mm, 150)
    drawing.add(String(0, 138, _("Mean IKU achievement over periods, %"), fontName="Helvetica-Bold", fontSize=9))
    points = [float(value) if value is not None else None for value in overall]
    if not any(value is not None for value in points):
        drawing.add(String(0, 120, _("No IKU figures for these periods."), fontSize=8))
        return drawing
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 40, 25, 380, 100
    chart.data = [points]
    chart.categoryAxis.categoryNames = [str(period) for period in periods]
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.lines[0].strokeColor, chart.lines[0].strokeWidth = colors.HexColor("#0b5d8a"), 1.5
    chart.lineLabelFormat, chart.lineLabels.fontSize = _chart_label, 7
    drawing.add(chart)
    return drawing


def period_recap(*, period, agencies, user) -> bytes:
    """The recap: overview per agency, overdue tasks by owner, predikat distribution against the guideline (with
    flags and overrides), IKU achievement and its trend, each with the same numbers as the dashboards."""
    overview = dashboards.overview_data(agencies=agencies, period=period)
    distribution = dashboards.distribution_data(agencies=agencies, period=period, rows=overview["distribution_rows"])
    iku = dashboards.iku_data(agencies=agencies, period=period)
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=_("Performance recap %(period)s") % {"period": period},
        author="Kinerja",
    )
    totals = overview["overview"].totals
    story = [
        Paragraph(_("Performance recap: %(period)s") % {"period": period}, styles["Title"]),
        Paragraph(
            _(
                "%(agencies)d agencies, %(employees)d active employees, %(plans)d plans, %(overdue)d overdue tasks. "
                "Generated %(when)s by %(user)s."
            )
            % {
                "agencies": len(overview["overview"].rows),
                "employees": totals.employees,
                "plans": totals.plans,
                "overdue": totals.overdue,
                "when": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
                "user": _person(user),
            },
            styles["BodyText"],
        ),
        Paragraph(_("Plans per stage"), styles["Heading2"]),
        _table(overview["tables"]["overview"]()),
        Paragraph(_("Overdue tasks by owner"), styles["Heading2"]),
        _table(overview["tables"]["overdue"]()),
        Paragraph(_("Predikat distribution against the guideline"), styles["Heading2"]),
        Paragraph(
            _("Guideline: SE MenPANRB 3/2023, shares of rated plans; minimums rounded up, maximums rounded down.")
            + " "
            + ngettext(
                "%(flagged)d agency exceeds it.", "%(flagged)d agencies exceed it.", len(distribution["flagged"])
            )
            % {"flagged": len(distribution["flagged"])},
            styles["BodyText"],
        ),
        _table(distribution["tables"]["distribution"]()),
        Paragraph(_("IKU achievement"), styles["Heading2"]),
        Paragraph(
            _("Figures of %(shown)s, the latest recorded within %(period)s.")
            % {"shown": iku["figures_period"], "period": period},
            styles["BodyText"],
        ),
        _achievement_chart(iku["iku_rows"]),
        Spacer(1, 4 * mm),
        _table(iku["tables"]["iku"]()),
        _trend_chart(iku["trend_periods"], iku["overall"]),
        _table(iku["tables"]["trend"]()),
    ]
    document.build(story)
    return buffer.getvalue()
