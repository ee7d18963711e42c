"""Opening a period after its plan deadline: every new draft would be late at once, so the coordinator is warned
before confirming and may extend the deadline in the same step (board; called from the opening view)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Period
from agencies.services import update_period

EXTEND, KEEP = "extend", "keep"


class LateOpeningForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("The plan deadline has passed"),
        choices=[
            (EXTEND, _("Extend the plan deadline to the date below")),
            (KEEP, _("Keep the deadline: the new plans are late at once")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to extend the plan deadline before opening.")},
    )
    plan_due = forms.DateField(
        label=_("New plan deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, period: Period, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.period, self.today = period, today
        self.fields["plan_due"].initial = min(today + datetime.timedelta(days=14), period.ends_on)

    def clean(self):
        data = super().clean()
        if data.get("decision") == EXTEND:
            due = data.get("plan_due")
            if due is None:
                self.add_error("plan_due", _("Give the new plan deadline."))
            elif due <= self.today:
                self.add_error("plan_due", _("The new plan deadline must be after today."))
            elif due > self.period.ends_on:
                self.add_error("plan_due", _("The plan deadline cannot be after the period ends."))
        return data


def late_opening_form(*, period: Period, data=None, today: datetime.date | None = None) -> LateOpeningForm | None:
    """The warning's form when the period's plan deadline is over, else None (nothing to ask)."""
    today = today or timezone.localdate()
    if period.plan_due >= today:
        return None
    return LateOpeningForm(data, period=period, today=today, prefix="late")


def apply_late_opening(*, period: Period, form: LateOpeningForm) -> Period:
    """Extend the deadline when the coordinator chose to (through the period service, with its checks)."""
    if form.cleaned_data["decision"] == EXTEND:
        return update_period(period=period, plan_due=form.cleaned_data["plan_due"])
    return period
