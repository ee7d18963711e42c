"""A monitoring review's minutes (notulen) as PDF: the agenda with its obstacles, root causes, actions and what went
to the Pemda forum. Read in the review page's constant number of queries (selectors.review_items)."""

import io
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from common.dates import long_date

TABLE_STYLE = TableStyle(
    [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#aab4c0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def minutes_filename(review) -> str:
    return f"notulen-{slugify(review.agency.short_name)}-{review.held_on:%Y-%m-%d}.pdf"


def minutes_pdf(*, review, items) -> bytes:
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=_("Minutes of the monitoring review"),
        author="Kinerja",
    )

    def text(value) -> Paragraph:
        return Paragraph(escape(str(value or "")).replace("\n", "<br/>"), body)

    story = [
        Paragraph(_("Minutes of the monitoring review"), styles["Title"]),
        text(
            _("%(agency)s, held on %(held)s, covering %(start)s to %(end)s.")
            % {
                "agency": review.agency.name,
                "held": long_date(review.held_on),
                "start": formats.date_format(review.covers_from, "F Y"),
                "end": formats.date_format(review.covers_to, "F Y"),
            }
        ),
        Spacer(1, 4 * mm),
    ]
    for number, item in enumerate(items, start=1):
        story.append(Paragraph(f"{number}. {escape(item.title)}", styles["Heading3"]))
        if item.detail:
            story.append(text(item.detail))
        rows = [[_("Obstacle"), _("Category"), _("Root cause"), _("Actions"), _("Status")]]
        for obstacle in item.obstacles.all():
            actions = "\n".join(
                f"• {action.text} — {action.owner.full_name}, {formats.date_format(action.due_on, 'j M Y')} "
                f"({action.get_status_display()})"
                for action in obstacle.actions.all()
            )
            status = obstacle.get_status_display()
            if obstacle.escalated_to_id:
                status += "\n" + obstacle.escalated_to.meeting.title
            rows.append(
                [
                    text(obstacle.description),
                    text(obstacle.get_category_display()),
                    text(obstacle.root_cause),
                    text(actions),
                    text(status),
                ]
            )
        if len(rows) > 1:
            story.append(LongTable(rows, colWidths=[45 * mm, 20 * mm, 40 * mm, 55 * mm, 20 * mm], style=TABLE_STYLE))
        else:
            story.append(text(_("No obstacle recorded.")))
    document.build(story)
    return buffer.getvalue()
