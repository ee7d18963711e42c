"""Development needs: the agency's list grouped by competence, raising a need, the supervisor's decision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import Indicator
from agencies.roles import roles_for
from common.params import parse_id
from workflow import selectors as plan_selectors

from .. import permissions, selectors, services
from ..forms import DecideForm, NeedForm, add_service_errors
from ..models import NeedSource


def need_list(request):
    permissions.check_see_agency_needs(request.user)
    context = {
        "needs": selectors.list_needs(user=request.user)[:200],
        "groups": selectors.needs_by_competence(user=request.user),
        "units": selectors.units_for_needs(user=request.user),
    }
    return render(request, "development/need_list.html", context)


UNIT_SOURCES = (NeedSource.RED_IKU, NeedSource.IKM_ELEMENT, NeedSource.SUPERVISOR)  # a unit has no plan or coaching


def need_create(request):
    unit_id = parse_id(request.GET.get("unit"))
    if unit_id:
        return _unit_need_create(request, selectors.get_unit_for_need(user=request.user, unit_id=unit_id))
    me = roles_for(request.user).employee
    employee_id = parse_id(request.GET.get("employee") or request.POST.get("employee"))
    plan_id = parse_id(request.GET.get("plan"))
    coaching = None
    if plan_id:
        plan = plan_selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
        coaching = getattr(plan, "coaching", None)
        person = plan.employee
    elif employee_id:
        person = selectors.employees_by_id(user=request.user, employee_id=employee_id)
    else:
        person = me
    if person is None:
        return redirect("development:my_development")
    permissions.check_raise_need_for(request.user, person)
    own = me is not None and person.pk == me.pk
    sources = [NeedSource.EMPLOYEE] if own else [s for s in NeedSource.values if s != NeedSource.EMPLOYEE]
    initial = {"source": NeedSource.COACHING if coaching else sources[0]}
    form = NeedForm(
        request.POST or None,
        initial=initial,
        indicators=Indicator.objects.filter(agency_id=person.agency_id, is_active=True),
        sources=sources,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.raise_need(
                by=request.user,
                employee=person,
                coaching=coaching if data["source"] == NeedSource.COACHING else None,
                rated_plan=coaching.plan if coaching and data["source"] == NeedSource.PREDIKAT else None,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The development need was recorded."))
            return redirect(request.POST.get("next") or "development:my_development")
    context = {
        "form": form,
        "person": person,
        "coaching": coaching,
        "competences": selectors.competences(user=request.user),
        "next": request.GET.get("next", ""),
    }
    return render(request, "development/need_form.html", context, status=400 if form.errors else 200)


@require_POST
def need_decide(request, need_id):
    need = selectors.get_need_for_user(user=request.user, need_id=need_id)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to agree or decline."))
    else:
        try:
            services.decide_need(need=need, by=request.user, agree=form.cleaned_data["decision"] == "agree")
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
        else:
            messages.success(request, _("Decision recorded."))
    return redirect("development:need_list")


def _unit_need_create(request, unit):
    """A competence a whole unit lacks, raised (and so agreed) by whoever oversees its agency."""
    form = NeedForm(
        request.POST or None,
        initial={"source": UNIT_SOURCES[0]},
        indicators=Indicator.objects.filter(agency_id=unit.agency_id, is_active=True),
        sources=UNIT_SOURCES,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.raise_need(by=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The development need was recorded."))
            return redirect("development:need_list")
    context = {"form": form, "unit": unit, "competences": selectors.competences(user=request.user), "next": ""}
    return render(request, "development/need_form.html", context, status=400 if form.errors else 200)
