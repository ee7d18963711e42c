"""The printable A4 poster of a service's survey: its name, a large QR code to the survey and the address in words.

The QR code is drawn as vector squares (from the `qrcode` package's matrix), so it prints sharp at any size; the
address is printed under it for people whose phone does not scan. Labels follow the active language.
"""

import io

import qrcode
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

QR_SIZE = 120 * mm


def qr_matrix(url: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def _centred_lines(pdf, text: str, *, y: float, font: str, size: float, width: float, leading: float) -> float:
    """Draw `text` centred, wrapped to `width`; returns the y below the last line."""
    words, line = text.split(), ""
    lines = []
    for word in words:
        candidate = f"{line} {word}".strip()
        if pdf.stringWidth(candidate, font, size) > width and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    pdf.setFont(font, size)
    for each in lines:
        pdf.drawCentredString(A4[0] / 2, y, each)
        y -= leading
    return y


def build_poster(*, service, url: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    pdf.setTitle(_("Satisfaction survey: %(service)s") % {"service": service.name})
    width, height = A4
    text_width = width - 40 * mm
    pdf.setFillColor(colors.HexColor("#0b5394"))
    pdf.rect(0, height - 45 * mm, width, 45 * mm, stroke=0, fill=1)
    pdf.setFillColor(colors.white)
    y = _centred_lines(
        pdf,
        _("Community satisfaction survey"),
        y=height - 22 * mm,
        font="Helvetica-Bold",
        size=26,
        width=text_width,
        leading=30,
    )
    _centred_lines(pdf, service.agency.name, y=y - 2, font="Helvetica", size=13, width=text_width, leading=16)
    pdf.setFillColor(colors.black)
    y = _centred_lines(
        pdf, service.name, y=height - 62 * mm, font="Helvetica-Bold", size=22, width=text_width, leading=26
    )
    y = _centred_lines(
        pdf,
        _("How was our service today? Tell us in three minutes: scan the code with your phone's camera."),
        y=y - 4 * mm,
        font="Helvetica",
        size=14,
        width=text_width,
        leading=18,
    )
    matrix = qr_matrix(url)
    module = QR_SIZE / len(matrix)
    left, top = (width - QR_SIZE) / 2, y - 6 * mm
    for row_index, row in enumerate(matrix):
        for column_index, dark in enumerate(row):
            if dark:
                pdf.rect(left + column_index * module, top - (row_index + 1) * module, module, module, stroke=0, fill=1)
    y = top - QR_SIZE - 10 * mm
    pdf.setFont("Helvetica-Bold", 13)
    pdf.drawCentredString(width / 2, y, url)
    _centred_lines(
        pdf,
        _("Your answers are anonymous: no name, no phone number. They help us improve the service."),
        y=y - 12 * mm,
        font="Helvetica",
        size=12,
        width=text_width,
        leading=16,
    )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
