"""What this app shows on lower apps' pages, through common.panels (workflow never imports it): the complaints
waiting for the person, on the home page (how many, how many late) and in the inbox (the soonest due); and, after a
citizen's survey, the way to the agency's public results and to a complaint about the service."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from common.panels import register_panel

from . import selectors
from .models import Status

HOME_SLOT = "home"
INBOX_SLOT = "inbox"
SURVEY_THANKS_SLOT = "surveys.thanks"
INBOX_ROWS = 10  # the soonest due; the complaint list has them all
# What a complaint waiting in a status asks of the person (complaints_waiting_for returns only these statuses).
STEPS = {
    Status.SUBMITTED: _("Verify the complaint"),
    Status.WITH_AGENCY: _("Answer the complaint"),
    Status.REOPENED: _("Answer again"),
}


def home_context(request, _obj):
    counts = (
        selectors.complaints_waiting_for(user=request.user)
        .order_by()
        .aggregate(waiting=Count("pk"), overdue=Count("pk", filter=Q(is_overdue=True)))
    )
    return counts if counts["waiting"] else None


def inbox_context(request, _obj):
    rows = list(selectors.complaints_waiting_for(user=request.user)[: INBOX_ROWS + 1])
    if not rows:
        return None
    for complaint in rows:
        complaint.step = STEPS[complaint.status]
    return {"complaints": rows[:INBOX_ROWS], "more": len(rows) > INBOX_ROWS}


def survey_thanks_context(request, service) -> dict:
    """After a survey: where the citizen sees the agency's results, and how to complain about the same service."""
    return {"service": service}


def register() -> None:
    register_panel(HOME_SLOT, template="feedback/_home_panel.html", context=home_context)
    register_panel(SURVEY_THANKS_SLOT, template="feedback/_survey_thanks_panel.html", context=survey_thanks_context)
    register_panel(
        INBOX_SLOT,
        template="feedback/_inbox_panel.html",
        context=inbox_context,
        items=selectors.waiting_complaints,
    )
