"""The SKP and the evaluation document as PDF, in the layout of the PermenPANRB 6/2022 annex.

Both documents share one frame: title and period, the two-column identity table (the employee and the rater), the
"work results" table numbered per RHK (main, then additional), the seven BerAKHLAK values with the supervisor's
expectations, and a signatures block. The evaluation document adds realisation and the supervisor's feedback per
RHK, the behaviour ratings, and the results rating, behaviour rating and predikat.

Labels are translatable (English msgids, the active language decides), so the document prints in Indonesian by
default. Each document reads the plan in a constant number of queries (see `selectors`).
"""

import functools
import io
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

import reportlab
from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from common.dates import long_date
from common.numbers import quantity

from ..models import CoreValue, Plan, ResultKind
from ..verification.marks import Mark, mark_flowable
from .regulation import CORE_VALUE_GUIDE
from .selectors import document_data

FONT = "KinerjaSans"
FONT_BOLD = "KinerjaSans-Bold"
# DejaVu where the system has it (wider coverage), else Bitstream Vera, which ships inside reportlab itself.
_FONT_CANDIDATES = (
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    (Path(reportlab.__file__).parent / "fonts" / "Vera.ttf", Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf"),
)

GRID = colors.HexColor("#555555")
HEAD_BG = colors.HexColor("#e6ebf0")
SECTION_BG = colors.HexColor("#f3f5f7")


class NotRated(Exception):
    """The evaluation document exists only once the supervisor has rated the plan."""


def is_rated(plan: Plan) -> bool:
    return bool(plan.predikat)


def skp_filename(plan: Plan) -> str:
    return f"SKP-{plan.employee.nip}-{slugify(plan.period.name) or plan.period.pk}.pdf"


def evaluation_filename(plan: Plan) -> str:
    return f"Evaluasi-{plan.employee.nip}-{slugify(plan.period.name) or plan.period.pk}.pdf"


def skp_pdf(plan: Plan) -> bytes:
    """The SKP (Sasaran Kinerja Pegawai) of `plan` as PDF bytes, without a verification mark (see `render_pdf`)."""
    return _Builder(plan, evaluation=False).build()


def evaluation_pdf(plan: Plan) -> bytes:
    """The evaluation document (Dokumen Evaluasi Kinerja Pegawai) of a rated plan as PDF bytes."""
    if not is_rated(plan):
        raise NotRated(_("The evaluation document is available once the supervisor has rated the plan."))
    return _Builder(plan, evaluation=True).build()


def render_pdf(plan: Plan, *, evaluation: bool, mark_for: Callable[[bytes], Mark]) -> bytes:
    """The document built once without a mark, then again with the mark `mark_for(unmarked bytes)` gives (the
    verification code depends on the content): the plan's data is read once for both."""
    if evaluation and not is_rated(plan):
        raise NotRated(_("The evaluation document is available once the supervisor has rated the plan."))
    builder = _Builder(plan, evaluation=evaluation)
    builder.mark = mark_for(builder.build())
    return builder.build()


# Fonts, styles and the page frame


@functools.cache
def _register_fonts() -> None:
    regular, bold = next(pair for pair in _FONT_CANDIDATES if pair[0].exists() and pair[1].exists())
    pdfmetrics.registerFont(TTFont(FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    _register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=8.5, leading=10.5, splitLongWords=True)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9, textColor=colors.HexColor("#333333")),
        "head": ParagraphStyle("head", parent=body, fontName=FONT_BOLD, alignment=TA_CENTER),
        "bold": ParagraphStyle("bold", parent=body, fontName=FONT_BOLD),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=13, leading=16, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=9.5, leading=12, alignment=TA_CENTER),
        "section": ParagraphStyle(
            "section", parent=body, fontName=FONT_BOLD, fontSize=10, leading=13, spaceBefore=8, spaceAfter=3
        ),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
    }


def _table_style(*commands) -> TableStyle:
    """Compact cells, top-aligned, plus the table's own commands."""
    padding = [("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    padding += [("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    return TableStyle([*padding, ("VALIGN", (0, 0), (-1, -1), "TOP"), *commands])


def _text(value, style: str = "body") -> Paragraph:
    """A wrapping paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(str(value or "")).replace("\n", "<br/>"), _styles()[style])


def _canvas_class(footer: str):
    """A canvas that knows the page count when it saves, for "Page x of y" on every page."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _height = self._pagesize
            self.saveState()
            self.setFont(FONT, 7)
            self.setFillColor(colors.HexColor("#555555"))
            self.drawString(15 * mm, 8 * mm, footer)
            label = _("Page %(page)s of %(pages)s") % {"page": self._pageNumber, "pages": total}
            self.drawRightString(width - 15 * mm, 8 * mm, label)
            self.restoreState()

    return NumberedCanvas


def _date(value) -> str:
    return long_date(value)


def _local_date(moment, plan: Plan):
    """The calendar day of an instant in the employee's agency's time zone."""
    return timezone.localtime(moment, ZoneInfo(plan.employee.agency.time_zone)).date() if moment else None


# Building


class _Builder:
    def __init__(self, plan: Plan, *, evaluation: bool, mark: Mark | None = None):
        self.plan = plan
        self.evaluation = evaluation
        self.mark = mark
        self.data = document_data(plan, evaluation=evaluation)
        self.pagesize = landscape(A4) if evaluation else A4
        self.width = self.pagesize[0] - 30 * mm

    @property
    def rater(self):
        """The pejabat penilai kinerja: who rated, else the reviewer snapshot, else the current direct supervisor."""
        plan = self.plan
        if self.evaluation and plan.rated_by_id:
            return plan.rated_by
        return plan.supervisor or plan.employee.supervisor

    def title(self) -> str:
        return _("Employee performance evaluation") if self.evaluation else _("Employee performance plan (SKP)")

    def build(self) -> bytes:
        plan = self.plan
        buffer = io.BytesIO()
        title = self.title()
        document = SimpleDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=14 * mm,
            bottomMargin=16 * mm,
            title=f"{title} — {plan.employee.full_name} — {plan.period}",
            author=plan.employee.full_name,
            subject=f"{title}: {plan.employee.nip}, {plan.period}",
            creator="Kinerja",
            keywords=["SKP", plan.employee.nip, str(plan.period)],
            lang=_language(),
            # Deterministic bytes (no creation time or random id): the same content is the same file, which is
            # what lets a verification code stand for one content hash (workflow/verification).
            invariant=1,
        )
        footer = f"{title} · {plan.employee.full_name} · {plan.employee.nip} · {plan.period}"
        story = [
            *self.heading(),
            self.identity(),
            _text(_("Work results").upper(), "section"),
            self.results_table(),
            _text(_("Work behaviour").upper(), "section"),
            self.behaviour_table(),
        ]
        if self.evaluation:
            if self.data.periodic_reviews:
                story += [_text(_("Periodic evaluations").upper(), "section"), self.periodic_table()]
            story.append(Spacer(1, 4 * mm))
            story.append(self.verdict_table())
        story.append(Spacer(1, 6 * mm))
        story.append(self.signatures())
        if self.mark is not None:
            story += [Spacer(1, 4 * mm), mark_flowable(self.mark, style=_styles()["small"], width=self.width)]
        document.build(story, canvasmaker=_canvas_class(footer))
        return buffer.getvalue()

    def heading(self) -> list:
        plan, period = self.plan, self.plan.period
        lines = [
            _text(self.title().upper(), "title"),
            _text(plan.employee.agency.name.upper(), "subtitle"),
            _text(
                _("Assessment period: %(start)s to %(end)s (%(name)s)")
                % {"start": _date(period.starts_on), "end": _date(period.ends_on), "name": period.name},
                "subtitle",
            ),
        ]
        if not self.evaluation and not plan.is_approved:
            lines.append(_text(_("Draft: not yet agreed by the supervisor."), "subtitle"))
        lines.append(Spacer(1, 4 * mm))
        return lines

    def identity(self) -> Table:
        employee, rater = self.plan.employee, self.rater
        rows = [
            [
                _text(pgettext("row number column", "No."), "head"),
                _text(_("Employee being assessed").upper(), "head"),
                "",
                _text(pgettext("row number column", "No."), "head"),
                _text(_("Performance rater").upper(), "head"),
                "",
            ]
        ]
        left, right = _person_rows(employee), _person_rows(rater)
        for number, ((label, value), (rater_label, rater_value)) in enumerate(zip(left, right, strict=True), start=1):
            rows.append(
                [
                    _text(number, "center"),
                    _text(label),
                    _text(value),
                    _text(number, "center"),
                    _text(rater_label),
                    _text(rater_value),
                ]
            )
        unit = self.width / 100
        table = Table(rows, colWidths=[5 * unit, 14 * unit, 31 * unit, 5 * unit, 14 * unit, 31 * unit], repeatRows=1)
        table.setStyle(
            _table_style(
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("SPAN", (1, 0), (2, 0)),
                ("SPAN", (4, 0), (5, 0)),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            )
        )
        return table

    def results_columns(self) -> tuple[list, list[float]]:
        headers = [
            pgettext("row number column", "No."),
            _("Supervisor's RHK supported"),
            _("Work result plan (RHK)"),
            _("Aspect"),
            _("Individual performance indicator"),
            _("Target"),
        ]
        widths = [6, 19, 22, 11, 27, 15]
        if self.evaluation:
            headers += [_("Realisation"), _("Feedback and rating")]
            widths = [4, 14, 16, 8, 16, 10, 16, 16]
        unit = self.width / sum(widths)
        return [_text(label, "head") for label in headers], [w * unit for w in widths]

    def results_table(self) -> Table:
        header, widths = self.results_columns()
        columns = len(header)
        rows, commands = [header], []
        groups = (
            (ResultKind.MAIN, _("A. Main work results")),
            (ResultKind.ADDITIONAL, _("B. Additional work results")),
        )
        for kind, label in groups:
            results = [result for result in self.data.results if result.kind == kind]
            row = len(rows)
            rows.append([_text(label, "bold")] + [""] * (columns - 1))
            commands += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), SECTION_BG)]
            commands.append(("LINEABOVE", (0, row), (-1, row), 0.5, GRID))
            if not results:
                row = len(rows)
                rows.append([_text(_("None."), "small")] + [""] * (columns - 1))
                commands += [("SPAN", (0, row), (-1, row)), ("LINEABOVE", (0, row), (-1, row), 0.5, GRID)]
            for number, result in enumerate(results, start=1):
                first = len(rows)
                rows += self.result_rows(number, result)
                # One RHK spans its indicator rows: lines between indicators only in the indicator columns.
                commands.append(("LINEABOVE", (0, first), (-1, first), 0.5, GRID))
                for row in range(first + 1, len(rows)):
                    commands.append(("LINEABOVE", (3, row), (6 if self.evaluation else 5, row), 0.25, GRID))
        table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=0, splitInRow=1)
        table.setStyle(
            _table_style(
                ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                ("INNERGRID", (0, 0), (-1, 0), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                *[("LINEAFTER", (col, 1), (col, -1), 0.5, GRID) for col in range(columns - 1)],
                *commands,
            )
        )
        return table

    def result_rows(self, number: int, result) -> list[list]:
        if result.supports_id:
            supports = result.supports.text
        elif result.supports_indicator_id:
            supports = _("IKU %(iku)s") % {"iku": result.supports_indicator}
        else:
            supports = "—"
        indicators = list(result.indicators.all()) or [None]
        rows = []
        for position, indicator in enumerate(indicators):
            first = position == 0
            row = [
                _text(number if first else "", "center"),
                _text(supports if first else ""),
                _text(result.text if first else ""),
                _text(indicator.get_aspect_display() if indicator else "—"),
                _text(indicator.description if indicator else _("No indicator.")),
                _text(indicator.target_display if indicator else "—"),
            ]
            if self.evaluation:
                row.append(_text(_realisation_text(indicator) if indicator else "—"))
                row.append(_result_feedback(result) if first else _text(""))
            rows.append(row)
        return rows

    def behaviour_table(self) -> Table:
        headers = [pgettext("row number column", "No."), _("Work behaviour"), _("Supervisor's specific expectations")]
        widths = [6, 47, 47]
        if self.evaluation:
            headers.append(_("Feedback and rating"))
            widths = [4, 40, 31, 25]
        unit = self.width / sum(widths)
        rows = [[_text(label, "head") for label in headers]]
        for number, value in enumerate(CoreValue, start=1):
            row = [
                _text(number, "center"),
                [_text(value.label, "bold"), _text(CORE_VALUE_GUIDE[value], "small")],
                _text(self.data.expectations.get(value.value) or "—"),
            ]
            if self.evaluation:
                rating = self.data.behaviour_ratings.get(value.value)
                row.append(_rating_cell(rating.get_rating_display(), rating.comment) if rating else _text("—"))
            rows.append(row)
        table = Table(rows, colWidths=[w * unit for w in widths], repeatRows=1, splitInRow=1)
        table.setStyle(
            _table_style(
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            )
        )
        return table

    def periodic_table(self) -> Table:
        """Each rated quarter (or month): the ratings and periodic predikat the year's rating was informed by."""
        headings = (_("Period"), _("Results rating"), _("Behaviour rating"), _("Predikat"))
        rows = [[_text(heading, "bold") for heading in headings]]
        for review in self.data.periodic_reviews:
            rows.append(
                [
                    _text(review.label),
                    _text(review.get_results_rating_display()),
                    _text(review.get_behaviour_rating_display()),
                    _text(review.get_predikat_display()),
                ]
            )
        table = Table(rows, colWidths=[0.3 * self.width] + [0.7 * self.width / 3] * 3, repeatRows=1)
        table.setStyle(_table_style(("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG)))
        return table

    def verdict_table(self) -> Table:
        plan = self.plan
        rows = [
            [
                _text(_("Results rating").upper(), "bold"),
                _rating_cell(plan.get_results_rating_display(), plan.results_comment),
            ],
            [
                _text(_("Behaviour rating").upper(), "bold"),
                _rating_cell(plan.get_behaviour_rating_display(), plan.behaviour_comment),
            ],
            [_text(_("Employee's performance predikat").upper(), "bold"), _text(plan.get_predikat_display(), "bold")],
        ]
        table = Table(rows, colWidths=[0.3 * self.width, 0.7 * self.width], splitInRow=1)
        table.setStyle(
            _table_style(
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (0, -1), HEAD_BG),
            )
        )
        return table

    def signatures(self) -> KeepTogether:
        plan, rater = self.plan, self.rater
        day = _local_date(plan.rated_at if self.evaluation else plan.approved_at, plan) or timezone.localdate()
        place = settings.KINERJA_DOCUMENT_PLACE or "…………………"
        rows = [
            ["", _text(f"{place}, {_date(day)}", "center")],
            [_text(_("Employee being assessed"), "center"), _text(_("Performance rater"), "center")],
            ["", ""],
            [_text(plan.employee.full_name, "head"), _text(rater.full_name if rater else "—", "head")],
            [_text(_nip_line(plan.employee), "center"), _text(_nip_line(rater) if rater else "", "center")],
        ]
        table = Table(rows, colWidths=[self.width / 2] * 2, rowHeights=[None, None, 18 * mm, None, None])
        table.setStyle(_table_style())
        return KeepTogether([table])


def _person_rows(person) -> list[tuple[str, str]]:
    """Identity rows of the regulation's form: name, NIP, position, unit (pangkat/golongan is not recorded)."""
    if person is None:
        return [(_("Name"), "—"), (_("NIP"), "—"), (_("Position"), "—"), (_("Work unit"), "—")]
    unit = ", ".join(str(part) for part in (person.unit, person.agency.name) if part)
    return [
        (_("Name"), person.full_name),
        (_id_label(person), person.nip),
        (_("Position"), person.position_title),
        (_("Work unit"), unit),
    ]


def _id_label(person) -> str:
    return _("NI PPPK") if person.employee_type == "PPPK" else _("NIP")


def _nip_line(person) -> str:
    return f"{_id_label(person)} {person.nip}"


def _realisation_text(indicator) -> str:
    """The latest reported realisation of an indicator (value with unit and/or description)."""
    realisations = list(indicator.realisations.all())
    if not realisations:
        return "—"
    latest = realisations[0]
    parts = []
    if latest.value is not None:
        parts.append(f"{quantity(latest.value)} {indicator.target_unit}".strip())
    if latest.description:
        parts.append(latest.description)
    if latest.obstacles:
        parts.append(_("Obstacles: %(obstacles)s") % {"obstacles": latest.obstacles})
    return "\n".join(parts)


def _result_feedback(result):
    rating = getattr(result, "rating", None)
    if rating is None:
        return _text("—")
    return _rating_cell(rating.get_rating_display(), rating.comment)


def _rating_cell(label: str, comment: str) -> list:
    cell = [_text(label or "—", "bold")]
    if comment:
        cell.append(_text(comment, "small"))
    return cell


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


# The same fonts, styles, cells and page frame for other apps' printed documents (e.g. development's attendance
# sheet), so every Kinerja PDF looks alike.
styles = _styles
text_cell = _text
table_style = _table_style
canvas_class = _canvas_class
