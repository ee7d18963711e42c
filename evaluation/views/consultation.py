"""Staff comments on next year's IKU targets: one page per agency and year."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from common.http import post_only_back_to

from .. import permissions, selectors, services
from ..forms import AnswerForm, CommentForm, ConsultationForm


def consultation_detail(request, agency_id, year, *, open_form=None, comment_form=None, status=200):
    agency = selectors.get_agency_for_staff(user=request.user, agency_id=agency_id)
    consultation = selectors.consultation_of(agency=agency, year=year)
    indicators = selectors.indicators_for_consultation(agency=agency, year=year, consultation=consultation)
    is_head = permissions.is_head_of(request.user, agency.pk)
    can_comment = consultation is not None and permissions.can_comment(request.user, consultation)
    context = {
        "agency": agency,
        "year": year,
        "consultation": consultation,
        "indicators": indicators,
        "is_head": is_head,
        "open_form": open_form or (ConsultationForm(initial={"year": year}) if is_head else None),
        "comment_form": comment_form or (CommentForm(indicators=indicators) if can_comment else None),
        "today": timezone.localdate(),
    }
    return render(request, "evaluation/consultation.html", context, status=status)


@post_only_back_to("evaluation:consultation", "agency_id", "year")
def consultation_open(request, agency_id, year):
    agency = selectors.get_agency_for_staff(user=request.user, agency_id=agency_id)
    permissions.check_open_consultation(request.user, agency.pk)
    form = ConsultationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.open_consultation(
            agency=agency, by=request.user, year=data["year"], opens_on=data["opens_on"], closes_on=data["closes_on"]
        )
        messages.success(request, _("The targets are open for comments."))
        return redirect("evaluation:consultation", agency.pk, data["year"])
    return consultation_detail(request, agency_id, year, open_form=form, status=400)


@post_only_back_to("evaluation:consultation", "agency_id", "year")
def comment_add(request, agency_id, year):
    agency = selectors.get_agency_for_staff(user=request.user, agency_id=agency_id)
    consultation = selectors.consultation_of(agency=agency, year=year)
    if consultation is None:
        raise Http404
    permissions.check_comment(request.user, consultation)
    indicators = selectors.indicators_for_consultation(agency=agency, year=year, consultation=None)
    form = CommentForm(request.POST, indicators=indicators)
    if form.is_valid():
        data = form.cleaned_data
        services.add_comment(
            consultation=consultation,
            by=request.user,
            indicator=form.indicators[data["indicator"]],
            text=data["text"],
            proposed_value=data["proposed_value"],
        )
        messages.success(request, _("Your comment is recorded."))
        return redirect("evaluation:consultation", agency.pk, year)
    return consultation_detail(request, agency_id, year, comment_form=form, status=400)


@post_only_back_to("evaluation:consultation", "agency_id", "year")
def comment_answer(request, agency_id, year, comment_id):
    comment = selectors.get_comment_for_user(user=request.user, comment_id=comment_id)
    if comment.consultation.agency_id != agency_id:
        raise Http404
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write the answer."))
        services.answer_comment(comment=comment, by=request.user, answer=form.cleaned_data["answer"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The answer is recorded."))
    return redirect("evaluation:consultation", agency_id, year)
