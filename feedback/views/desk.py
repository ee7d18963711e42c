"""Pages of the complaint desk (coordinators) and of the agencies' complaint officers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.http import open_stored
from common.params import parse_id

from .. import permissions, selectors, services
from ..forms import AnswerForm, HandOverForm, LinkForm, OfficerForm, VerifyForm
from ..models import Status


def desk_list(request):
    permissions.check_use_complaints(request.user)
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    overdue = request.GET.get("overdue") == "1"
    complaints = selectors.complaints_for_user(user=request.user, status=status, overdue=overdue)
    page = selectors.KeysetPage(
        complaints, older=request.GET.get("older", ""), newer=request.GET.get("newer", ""), size=25
    )
    context = {
        "page": page,
        "status": status,
        "overdue": overdue,
        "statuses": Status.choices,
        "is_desk": permissions.is_desk(request.user),
        "agenda_categories": selectors.list_categories().filter(
            agency__in=selectors.agencies_for_desk(user=request.user)
        )
        if permissions.is_desk(request.user)
        else [],
    }
    return render(request, "feedback/complaint_list.html", context)


def _detail_context(request, complaint, **forms):
    user = request.user
    can_verify = permissions.can_verify(user, complaint)
    can_answer = permissions.can_answer(user, complaint)
    can_hand_over = permissions.can_hand_over(user, complaint)
    can_link = permissions.can_link(user, complaint)
    return {
        "complaint": complaint,
        "events": selectors.history(complaint=complaint, public=False),
        "files": list(complaint.files.all()),
        "can_see_contact": permissions.can_see_contact(user, complaint),
        "verify_form": forms.get("verify_form")
        or (
            VerifyForm(categories=_desk_categories(user), initial={"category": complaint.category_id})
            if can_verify
            else None
        ),
        "duplicates": selectors.possible_duplicates(complaint=complaint) if can_verify else [],
        "answer_form": forms.get("answer_form") or (AnswerForm() if can_answer else None),
        "hand_over_form": forms.get("hand_over_form")
        or (HandOverForm(agency_id=complaint.agency_id) if can_hand_over else None),
        "link_form": forms.get("link_form")
        or (
            LinkForm(
                agency_id=complaint.agency_id,
                initial={"indicator": complaint.indicator_id, "topic": complaint.topic_id},
            )
            if can_link
            else None
        ),
    }


def _desk_categories(user):
    return selectors.list_categories().filter(agency__in=selectors.agencies_for_desk(user=user))


def complaint_detail(request, complaint_id):
    complaint = selectors.get_complaint_for_user(user=request.user, complaint_id=complaint_id)
    return render(request, "feedback/complaint_detail.html", _detail_context(request, complaint))


def _step(request, complaint, form_name, form, run, check):
    """Check the person may take the step, then run its service. A second click, or the slower of two people acting
    at once, gets a notice (whether the step moved on before this request read the complaint or while it waited for
    the lock); someone without the right gets a 403; bad input re-renders the page with its errors."""
    try:
        check(request.user, complaint)
    except services.StepAlreadyHandled as done:
        messages.info(request, str(done))
        return redirect("feedback:complaint_detail", complaint_id=complaint.pk)
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except services.StepAlreadyHandled as done:
            messages.info(request, str(done))
            return redirect("feedback:complaint_detail", complaint_id=complaint.pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("feedback:complaint_detail", complaint_id=complaint.pk)
    return render(
        request, "feedback/complaint_detail.html", _detail_context(request, complaint, **{form_name: form}), status=400
    )


@require_POST
def verify(request, complaint_id):
    complaint = selectors.get_complaint_for_user(user=request.user, complaint_id=complaint_id)
    form = VerifyForm(request.POST, categories=_desk_categories(request.user))

    def run(data):
        original = None
        if data["decision"] == services.Decision.DUPLICATE:
            original = selectors.find_complaint_by_code(code=data["duplicate_of"] or "")
            if original is None and data["duplicate_of"]:
                raise ValidationError(_("No complaint has this tracking code."))
        services.verify_complaint(
            complaint=complaint,
            by=request.user,
            decision=data["decision"],
            note=data["note"],
            duplicate_of=original,
            category=data["category"],
        )

    return _step(request, complaint, "verify_form", form, run, permissions.check_verify)


@require_POST
def hand_over(request, complaint_id):
    complaint = selectors.get_complaint_for_user(user=request.user, complaint_id=complaint_id)
    form = HandOverForm(request.POST, agency_id=complaint.agency_id)

    def run(data):
        services.hand_over(complaint=complaint, by=request.user, **data)

    return _step(request, complaint, "hand_over_form", form, run, permissions.check_hand_over)


@require_POST
def answer(request, complaint_id):
    complaint = selectors.get_complaint_for_user(user=request.user, complaint_id=complaint_id)
    form = AnswerForm(request.POST)

    def run(data):
        services.answer_complaint(complaint=complaint, by=request.user, **data)

    return _step(request, complaint, "answer_form", form, run, permissions.check_answer)


@require_POST
def link(request, complaint_id):
    complaint = selectors.get_complaint_for_user(user=request.user, complaint_id=complaint_id)
    form = LinkForm(request.POST, agency_id=complaint.agency_id)
    return _step(
        request,
        complaint,
        "link_form",
        form,
        lambda data: services.link_complaint(complaint=complaint, by=request.user, **data),
        permissions.check_link,
    )


def contact(request, complaint_id):
    """The reporter's name and contact, for those the reporter allowed; a confidential reporter's is audited."""
    complaint = selectors.get_complaint_for_user(user=request.user, complaint_id=complaint_id)
    services.record_contact_view(complaint=complaint, by=request.user, request=request)
    response = render(request, "feedback/complaint_contact.html", {"complaint": complaint})
    response["Cache-Control"] = "private, no-store"
    return response


def attachment_download(request, complaint_id, attachment_id):
    complaint = selectors.get_complaint_for_user(user=request.user, complaint_id=complaint_id)
    attachment = selectors.get_attachment(complaint=complaint, attachment_id=attachment_id)
    return FileResponse(open_stored(attachment.file), as_attachment=True, filename=attachment.original_name)


@require_POST
def put_on_agenda(request):
    category = selectors.get_active_category(category_id=parse_id(request.POST.get("category")) or 0)
    try:
        item = services.put_on_agenda(category=category, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("feedback:desk_list")
    messages.success(request, _("Put on the agenda of %(meeting)s.") % {"meeting": item.meeting.title})
    return redirect("forums:meeting_detail", meeting_id=item.meeting_id)


def officer_list(request):
    """Complaint officers per agency, granted and withdrawn by coordinators."""
    if not permissions.is_desk(request.user):
        raise PermissionDenied(_("Only coordinators grant the complaint officer role."))
    agencies = selectors.agencies_for_desk(user=request.user)
    form = OfficerForm(request.POST if request.method == "POST" else None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        employee = form.cleaned_data["employee"]
        services.grant_officer(agency=employee.agency, user=employee.user, by=request.user)
        messages.success(request, _("%(name)s is now a complaint officer.") % {"name": employee.name})
        return redirect("feedback:officer_list")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "feedback/officer_list.html",
        {"officers": selectors.officers(user=request.user), "form": form},
        status=status,
    )


@require_POST
def officer_withdraw(request, officer_id):
    officer = selectors.get_officer_for_user(user=request.user, officer_id=officer_id)
    services.withdraw_officer(officer=officer, by=request.user)
    messages.success(request, _("The complaint officer role was withdrawn."))
    return redirect("feedback:officer_list")
