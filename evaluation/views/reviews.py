"""Monitoring reviews: the agency's list and open actions, one review's page with its obstacles and actions,
escalation to the Pemda forum, and the minutes PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.http import post_only_back_to

from .. import documents, permissions, selectors, services
from ..forms import ActionForm, ActionUpdateForm, ItemForm, ObstacleForm, ReviewForm


def review_list(request, agency_id, *, form=None, status=200):
    agency = selectors.get_agency_for_user(user=request.user, agency_id=agency_id)
    reviews = list(selectors.reviews_of(agency=agency))
    suggested = selectors.suggested_review_dates(reviews=reviews, today=timezone.localdate())
    context = {
        "agency": agency,
        "reviews": reviews,
        "actions": selectors.open_actions(agency=agency),
        "form": form or ReviewForm(initial=suggested),
        "statuses": ActionUpdateForm.base_fields["status"].choices,
    }
    return render(request, "evaluation/review_list.html", context, status=status)


@post_only_back_to("evaluation:review_list", "agency_id")
def review_open(request, agency_id):
    agency = selectors.get_agency_for_user(user=request.user, agency_id=agency_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        review = services.open_review(agency=agency, by=request.user, **form.cleaned_data)
        messages.success(request, _("The review is open; its agenda is filled from the agency's data."))
        return redirect("evaluation:review_detail", review.pk)
    return review_list(request, agency_id, form=form, status=400)


def review_detail(request, review_id, *, invalid=None, status=200):
    """`invalid` is (form key, object id, bound form) of a form that failed, shown again where it was."""
    review = selectors.get_review_for_user(user=request.user, review_id=review_id)
    owners = selectors.agency_employees(agency_id=review.agency_id)
    context = {
        "review": review,
        "items": selectors.review_items(review=review),
        "owners": owners,
        "categories": ObstacleForm.base_fields["category"].choices,
        "statuses": ActionUpdateForm.base_fields["status"].choices,
        "invalid": invalid,
        "can_run": permissions.can_run_review(request.user, review.agency_id),
    }
    return render(request, "evaluation/review_detail.html", context, status=status)


def _back(review_id, anchor=""):
    response = redirect("evaluation:review_detail", review_id)
    response["Location"] += anchor
    return response


@post_only_back_to("evaluation:review_detail", "review_id")
def item_add(request, review_id):
    review = selectors.get_review_for_user(user=request.user, review_id=review_id)
    form = ItemForm(request.POST)
    if not form.is_valid():
        return review_detail(request, review_id, invalid=("item", review.pk, form), status=400)
    item = services.add_item(review=review, by=request.user, title=form.cleaned_data["title"])
    return _back(review.pk, f"#item-{item.pk}")


@require_POST
def obstacle_add(request, item_id):
    item = selectors.get_item_for_user(user=request.user, item_id=item_id)
    form = ObstacleForm(request.POST)
    if not form.is_valid():
        return review_detail(request, item.review_id, invalid=("obstacle", item.pk, form), status=400)
    services.add_obstacle(item=item, by=request.user, **form.cleaned_data)
    return _back(item.review_id, f"#item-{item.pk}")


@require_POST
def action_add(request, obstacle_id):
    obstacle = selectors.get_obstacle_for_user(user=request.user, obstacle_id=obstacle_id)
    form = ActionForm(request.POST, owners=selectors.agency_employees(agency_id=obstacle.agency_id))
    if not form.is_valid():
        return review_detail(request, obstacle.item.review_id, invalid=("action", obstacle.pk, form), status=400)
    data = form.cleaned_data
    services.add_action(
        obstacle=obstacle, by=request.user, owner=form.owners[data["owner"]], text=data["text"], due_on=data["due_on"]
    )
    return _back(obstacle.item.review_id, f"#obstacle-{obstacle.pk}")


@require_POST
def obstacle_escalate(request, obstacle_id):
    obstacle = selectors.get_obstacle_for_user(user=request.user, obstacle_id=obstacle_id)
    try:
        item = services.escalate_obstacle(obstacle=obstacle, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("On the agenda of %(meeting)s.") % {"meeting": item.meeting.title})
    return _back(obstacle.item.review_id, f"#obstacle-{obstacle.pk}")


@require_POST
def obstacle_resolve(request, obstacle_id):
    obstacle = selectors.get_obstacle_for_user(user=request.user, obstacle_id=obstacle_id)
    services.resolve_obstacle(obstacle=obstacle, by=request.user)
    return _back(obstacle.item.review_id, f"#obstacle-{obstacle.pk}")


@require_POST
def action_update(request, action_id):
    action = selectors.get_action_for_user(user=request.user, action_id=action_id)
    form = ActionUpdateForm(request.POST)
    if form.is_valid():
        services.update_action(action=action, by=request.user, **form.cleaned_data)
        messages.success(request, _("The action is updated."))
    else:
        messages.error(request, _("Choose a status."))
    return redirect("evaluation:review_list", action.agency_id)


def minutes_pdf(request, review_id):
    review = selectors.get_review_for_user(user=request.user, review_id=review_id)
    content = documents.minutes_pdf(review=review, items=selectors.review_items(review=review))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.minutes_filename(review)}"'
    return response
