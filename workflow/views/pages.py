"""Read pages: home, my plans, plan page and its flow chart, inbox, team."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import selectors as agency_selectors
from agencies.permissions import can_manage_periods
from agencies.roles import roles_for

from .. import forms, permissions, selectors, services
from ..deadlines import late_count, late_stages
from ..flow_chart import plan_chart_svg
from ..flows import PlanFlow
from ..models import Stage
from ..objections import selectors as objection_selectors
from ..objections.flows import ObjectionFlow
from ..periodic import selectors as periodic_selectors
from ..periodic.flows import PeriodicReviewFlow
from ..services._engine import process_pk_for
from ._context import plan_context


def home(request):
    """The landing page: what the signed-in person has to do, by role."""
    roles = roles_for(request.user)
    period = selectors.current_period()
    context = {"period": period, "tasks": selectors.inbox(user=request.user)[:10]}
    if roles.employee is not None:
        my_plans = selectors.with_due_dates(selectors.my_plans_from(user=request.user, period=period))
        context.update(my_plans=my_plans, has_plan_now=any(plan.period_id == period.pk for plan in my_plans))
    if roles.is_supervisor:
        context["team"] = selectors.with_due_dates(selectors.team_plans(user=request.user, period=period))
    if roles.is_head and period is not None:
        progress = selectors.plan_progress_by_agency(period=period, agency_ids=[roles.headed_agency.pk])
        context["agency_progress"] = progress.get(roles.headed_agency.pk)
        late = late_stages(period=period, time_zone=roles.headed_agency.time_zone)
        context["agency_late"] = late_count(context["agency_progress"], late=late)
        context["agency_stages"] = [
            (stage, Stage(stage).label, n) for stage, n in context["agency_progress"]["by_stage"].items() if n
        ]
    if roles.is_coordinator and period is not None:
        context["overview"] = _agency_overview(roles, period)
        context["stages"] = list(Stage)
    if can_manage_periods(request.user):  # the year's turn: the coming year's periods, from the home page too
        context["next_year"] = agency_selectors.year_to_remind(today=timezone.localdate())
    return render(request, "home.html", context)


def _agency_overview(roles, period):
    """Per agency the coordinator covers: employees, plans, how many are late and plans per stage (`cells`: (stage,
    count) in `Stage` order)."""
    progress = selectors.plan_progress_by_agency(
        period=period, agency_ids=roles.coordinated_agency_ids(), extra={"zone": F("time_zone")}
    )
    # The late stages once per time zone (a province's 400 agencies share three), not once per agency.
    late_in_zone = {zone: late_stages(period=period, time_zone=zone) for zone in {r["zone"] for r in progress.values()}}
    rows = [
        {
            "agency_id": agency_id,
            "cells": [(stage, row["by_stage"][stage]) for stage in Stage],
            "late": late_count(row, late=late_in_zone[row["zone"]]),
            **row,
        }
        for agency_id, row in progress.items()
    ]
    return sorted(rows, key=lambda row: row["name"])


def plan_list(request):
    roles = roles_for(request.user)
    periods = list(selectors.openable_periods_for(employee=roles.employee)) if roles.employee else []
    plans = selectors.with_due_dates(selectors.plans_for_user(user=request.user))
    start_form = None
    if periods:
        suggested = selectors.chosen_period(periods=periods, chosen=None)  # the running annual one, from the list
        start_form = forms.StartPlanForm(periods=periods, suggested=suggested, can_copy=bool(plans))
    context = {"plans": plans, "start_form": start_form}
    return render(request, "workflow/plan_list.html", context)


@require_POST
def plan_start(request):
    roles = roles_for(request.user)
    if roles.employee is None:
        raise PermissionDenied
    form = forms.StartPlanForm(request.POST, periods=list(selectors.openable_periods_for(employee=roles.employee)))
    if not form.is_valid():
        messages.error(request, _("Choose a period that is open for planning."))
        return redirect("workflow:plan_list")
    try:
        plan = services.start_my_plan(employee=roles.employee, period=form.cleaned_data["period"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workflow:plan_list")
    previous = selectors.previous_plan(plan=plan)
    if form.cleaned_data.get("copy_previous") and previous is not None:
        services.copy_plan(plan=plan, source=previous, by=request.user)
        messages.success(request, _("Your plan was started from a copy of %(period)s.") % {"period": previous.period})
    return redirect("workflow:plan_detail", plan_id=plan.pk)


def plan_detail(request, plan_id):
    """The plan page; an htmx request gets its results section (leaving an inline edit without saving)."""
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    services.record_administrator_read(plan=plan, by=request.user, request=request, what="page")
    template = "workflow/plan_detail.html#results-table" if request.htmx else "workflow/plan_detail.html"
    return render(request, template, plan_context(request, plan))


def plan_process(request, plan_id):
    """The process diagram at a legible size, with the stepper's summary of where the plan stands."""
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    open_tasks = [] if plan.is_frozen else list(selectors.open_tasks_of_plan(plan=plan))
    context = {"plan": plan, "stepper": selectors.plan_stepper(plan=plan, open_tasks=open_tasks)}
    return render(request, "workflow/plan_process.html", context)


def plan_chart(request, plan_id):
    """The flow diagram with this plan's current step marked (viewflow's layout, behind our permission check)."""
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    response = HttpResponse(plan_chart_svg(process_pk=process_pk_for(plan)), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


def inbox(request):
    archive = request.GET.get("tab") == "archive"
    if archive:
        items, unassigned, objections, periodic = selectors.archive(user=request.user), [], [], []
    else:
        # One grouped count says which lists can have anything: most people have only plan tasks, and the
        # objection and periodic lists are two of the page's costliest queries.
        counts = selectors.open_task_counts(user=request.user)
        items = selectors.inbox(user=request.user) if counts.get(PlanFlow) else []
        unassigned = selectors.unassigned_tasks(user=request.user)
        objections = objection_selectors.decisions_waiting_for(user=request.user) if counts.get(ObjectionFlow) else []
        periodic = periodic_selectors.waiting_for(user=request.user) if counts.get(PeriodicReviewFlow) else []
    context = {"items": items, "archive": archive, "unassigned": unassigned, "objections": objections}
    context["periodic"] = periodic
    template = "workflow/inbox.html#task-list" if request.htmx else "workflow/inbox.html"
    return render(request, template, context)


def team(request):
    permissions.check_see_team(request.user)
    periods = list(selectors.list_periods())
    period = selectors.chosen_period(periods=periods, chosen=request.GET.get("period"))
    context = {
        "period": period,
        "periods": periods,
        "plans": selectors.with_due_dates(selectors.team_plans(user=request.user, period=period)),
        "without_plan": selectors.team_members_without_plan(user=request.user, period=period),
        "agency_plans": selectors.with_due_dates(selectors.agency_plans(user=request.user, period=period)),
    }
    return render(request, "workflow/team.html", context)
