"""The verification mark printed on a PDF: a QR code of the verification page's address, with the code in words."""

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

import qrcode
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, Table, TableStyle


@dataclass(frozen=True)
class Mark:
    code: str

    @property
    def url(self) -> str:
        # The site's own address, not the request's: the mark, and so the document's bytes, do not depend on the
        # host name a download came through.
        return settings.KINERJA_SITE_URL + reverse("workflow:verify", args=[self.code])


def qr_png(data: str) -> bytes:
    image = qrcode.make(data, border=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def mark_flowable(mark: Mark, *, style, width: float) -> Table:
    """A small block for the end of the document: the QR code beside the code and the address."""
    size = 22 * mm
    image = Image(io.BytesIO(qr_png(mark.url)), width=size, height=size)
    words = _(
        "Verify this document: scan the QR code or open %(url)s (verification code %(code)s). "
        "The page shows the owner, period, predikat and the document's SHA-256 hash; a changed copy does not verify."
    ) % {"url": mark.url, "code": mark.code}
    table = Table([[image, Paragraph(escape(words), style)]], colWidths=[size + 4 * mm, width - size - 4 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table
