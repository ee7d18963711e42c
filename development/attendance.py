"""Attendance import (CSV or XLSX, all or nothing) and the printable attendance sheet (PDF).

Import columns (Indonesian or English header names, any order, extra columns ignored):
nip* · date|tanggal* (YYYY-MM-DD, or a date cell) · present|hadir (ya/tidak, yes/no, 1/0; default ya).
Every row is checked first; with any error nothing is written and every problem is listed by row.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from agencies.importing.reading import Column, FileProblem, RowError, cell_text, is_blank, read_table
from common.dates import long_date
from workflow.documents import layout as pdf

from . import services
from .models import ParticipantStatus, Training

COLUMNS = (
    Column("nip", ("NIP",), required=True),
    Column("date", ("tanggal", "hari", "day"), required=True),
    Column("present", ("hadir", "attended")),
)
YES = {"", "ya", "y", "yes", "1", "hadir", "true", "benar"}
NO = {"tidak", "t", "no", "n", "0", "absen", "false", "salah"}


@dataclass
class AttendanceImport:
    rows: int = 0
    saved: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _day(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    for parse in (datetime.date.fromisoformat, lambda t: datetime.datetime.strptime(t, "%d/%m/%Y").date()):
        try:
            return parse(text)
        except ValueError:
            continue
    return None


def import_attendance(*, training: Training, by, content: bytes, filename: str) -> AttendanceImport:
    """Check every row, then save them all in one transaction, or nothing."""
    result = AttendanceImport()
    try:
        table = read_table(content, filename, COLUMNS)
    except FileProblem as problem:
        result.errors = problem.errors
        return result
    participants = {
        p.employee.nip: p
        for p in training.participants.select_related("employee").exclude(status=ParticipantStatus.DECLINED)
    }
    days = set(training.days)
    rows, seen = [], set()
    for number, values in table.rows:
        result.rows += 1
        nip = cell_text(values.get("nip")).replace(" ", "")
        participation = participants.get(nip)
        if participation is None:
            result.errors.append(
                RowError(number, "nip", _("No participant of this training has NIP %(nip)s.") % {"nip": nip or "—"})
            )
        day = _day(values.get("date"))
        if day is None:
            result.errors.append(RowError(number, "date", _("Write the date as YYYY-MM-DD.")))
        elif day not in days:
            result.errors.append(
                RowError(number, "date", _("%(day)s is not a day of this training.") % {"day": long_date(day)})
            )
        raw = "" if is_blank(values.get("present")) else cell_text(values.get("present")).lower()
        if raw not in YES | NO:
            result.errors.append(RowError(number, "present", _("Write “ya” or “tidak”.")))
        if participation is not None and day is not None:
            if (nip, day) in seen:
                result.errors.append(RowError(number, "nip", _("This participant and day appear twice in the file.")))
            seen.add((nip, day))
            rows.append((participation, day, raw in YES))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            result.saved = services.save_attendance(training=training, by=by, rows=rows)
    except ValidationError as error:  # e.g. the training was cancelled meanwhile
        result.errors = [RowError(None, "", message) for message in error.messages]
    return result


def attendance_sheet_pdf(*, training: Training, participants) -> bytes:
    """A sheet to sign: one row per registered participant, one signature column per day (at most the first 5)."""
    styles = pdf.styles()
    buffer = io.BytesIO()
    title = _("Attendance sheet")
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=f"{title} — {training.name}",
        creator="Kinerja",
    )
    days = training.days[:5]
    dates = f"{formats.date_format(training.starts_on, 'j F Y')} – {formats.date_format(training.ends_on, 'j F Y')}"
    place = training.place or training.link
    story = [
        Paragraph(title.upper(), styles["title"]),
        Paragraph(pdf.text_cell(training.name).text, styles["subtitle"]),
        Paragraph(
            pdf.text_cell(f"{training.organiser} · {dates} · {place} · {training.jp} JP").text, styles["subtitle"]
        ),
        Spacer(1, 5 * mm),
    ]
    header = [pdf.text_cell(_("No."), "head"), pdf.text_cell(_("Name / NIP"), "head"), pdf.text_cell(_("Unit"), "head")]
    header += [pdf.text_cell(formats.date_format(day, "j M"), "head") for day in days]
    data = [header]
    for number, participation in enumerate(participants, start=1):
        person = participation.employee
        data.append(
            [
                pdf.text_cell(number),
                pdf.text_cell(f"{person.full_name}\n{person.nip}"),
                pdf.text_cell(person.unit.name if person.unit_id else person.agency.short_name, "small"),
                *["" for _day in days],
            ]
        )
    width = A4[0] - 30 * mm
    day_width = 22 * mm
    columns = [10 * mm, width - 10 * mm - 40 * mm - day_width * len(days), 40 * mm] + [day_width] * len(days)
    table = Table(data, colWidths=columns, repeatRows=1)
    table.setStyle(
        pdf.table_style(
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
            ("ROWHEIGHT", (0, 1), (-1, -1), 12 * mm),
        )
    )
    story.append(table)
    footer = f"{title} · {training.name}"
    document.build(story, canvasmaker=pdf.canvas_class(footer))
    return buffer.getvalue()
