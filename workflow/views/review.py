"""The bulk review page: the supervisor's submitted plans with counts and warnings, approved several at once."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.params import parse_ids

from .. import permissions
from ..review import selectors, services


def bulk_review(request):
    permissions.check_see_team(request.user)
    if request.method == "POST":
        chosen = parse_ids(request.POST.getlist("plans"))
        if not chosen:
            messages.warning(request, _("Choose the plans to approve."))
            return redirect("workflow:bulk_review")
        outcome = services.approve_many(plan_ids=chosen, by=request.user)
        _report(request, outcome)
        return redirect("workflow:bulk_review")
    return render(request, "workflow/bulk_review.html", {"rows": selectors.review_rows(user=request.user)})


def _report(request, outcome) -> None:
    if outcome.approved:
        count = len(outcome.approved)
        messages.success(request, ngettext("%(n)s plan approved.", "%(n)s plans approved.", count) % {"n": count})
    for plan in outcome.needs_opening:
        messages.warning(
            request, _("%(name)s: the plan has warnings; open it to review.") % {"name": plan.employee.full_name}
        )
    if outcome.not_waiting:
        count = outcome.not_waiting
        messages.info(
            request,
            ngettext(
                "%(n)s plan was no longer waiting for your review.",
                "%(n)s plans were no longer waiting for your review.",
                count,
            )
            % {"n": count},
        )
