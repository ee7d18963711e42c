"""The complaint desk's page for categories' deadlines (working days to verify and to answer)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import permissions, selectors, services
from ..forms import CategoryDeadlinesForm


def category_list(request):
    if not permissions.is_desk(request.user):
        raise PermissionDenied(_("Only coordinators set complaint deadlines."))
    categories = selectors.categories_for_desk(user=request.user)
    return render(request, "feedback/category_list.html", {"categories": categories})


def category_deadlines(request, category_id):
    category = selectors.get_category_for_desk(user=request.user, category_id=category_id)
    initial = {"verify_days": category.verify_days, "answer_days": category.answer_days}
    form = CategoryDeadlinesForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_category_deadlines(category=category, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The deadlines of %(category)s are saved.") % {"category": category.name})
            return redirect("feedback:category_list")
    status = 400 if form.is_bound else 200
    return render(request, "feedback/category_deadlines.html", {"category": category, "form": form}, status=status)
