"""Objection (keberatan) pages: filing one from a rated plan, reading it, deciding it, and its evidence file."""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common import held_uploads
from common.http import open_stored
from common.ratelimit import rate_limited

from .. import permissions, selectors
from ..objections import forms
from ..objections import selectors as objection_selectors
from ..objections import services as objection_services
from ..services import StepAlreadyHandled
from ._context import posted, refuses_closed_plan


@rate_limited("upload")
@refuses_closed_plan
def objection_file(request, plan_id):
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    existing = objection_selectors.objection_of_plan(user=request.user, plan=plan)
    if existing is not None:
        messages.info(request, _("An objection to this predikat was already filed."))
        return redirect("workflow:objection_detail", objection_id=existing.pk)
    permissions.check_file_objection(request.user, plan)
    form = forms.ObjectionForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            objection = objection_services.file_objection(plan=plan, by=request.user, **form.cleaned_data)
        except StepAlreadyHandled as error:
            messages.info(request, str(error))
            return redirect("workflow:plan_detail", plan_id=plan.pk)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            transaction.on_commit(functools.partial(held_uploads.release, form.cleaned_data["evidence"]))
            messages.success(request, _("Your objection was sent to your rater's supervisor."))
            return redirect("workflow:objection_detail", objection_id=objection.pk)
    if form.is_bound:
        form.keep_files()
    context = {
        "plan": plan,
        "form": form,
        "deadline": objection_selectors.filing_deadline(plan),
        "in_time": objection_selectors.is_within_deadline(plan),
    }
    return render(request, "workflow/objections/file.html", context)


def objection_detail(request, objection_id):
    objection = objection_selectors.get_objection_for_user(user=request.user, objection_id=objection_id)
    context = {
        "objection": objection,
        "plan": objection.plan,
        "can_decide": permissions.can_decide_objection(request.user, objection),
    }
    return render(request, "workflow/objections/detail.html", context)


def objection_decide(request, objection_id):
    objection = objection_selectors.get_objection_for_user(user=request.user, objection_id=objection_id)
    permissions.check_decide_objection(request.user, objection)
    if objection.is_decided:
        messages.info(request, _("This step was already handled."))
        return redirect("workflow:objection_detail", objection_id=objection.pk)
    form = forms.DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            decided = objection_services.decide_objection(objection=objection, by=request.user, **form.cleaned_data)
        except StepAlreadyHandled as error:
            messages.info(request, str(error))
            return redirect("workflow:objection_detail", objection_id=objection.pk)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            message = _("Decision recorded: %(decision)s.") % {"decision": decided.get_decision_display()}
            messages.success(request, message)
            return redirect("workflow:objection_detail", objection_id=objection.pk)
    context = {"objection": objection, "plan": objection.plan, "form": form}
    return render(request, "workflow/objections/decide.html", context)


def objection_evidence(request, objection_id):
    objection = objection_selectors.get_objection_for_user(user=request.user, objection_id=objection_id)
    if not objection.evidence:
        raise Http404
    response = FileResponse(
        open_stored(objection.evidence),
        as_attachment=True,
        filename=objection.evidence_name or "evidence",
        content_type=objection.evidence_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


__all__ = ["objection_decide", "objection_detail", "objection_evidence", "objection_file"]
