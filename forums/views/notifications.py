"""The user's notification stream and the unread badge."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from .. import selectors, services


@vary_on_headers("HX-Request")
def notification_list(request):
    page = Paginator(selectors.list_notifications(user=request.user), 30).get_page(request.GET.get("page"))
    context = {"page": page, "unread": selectors.unread_count(user=request.user)}
    template = "forums/notification_list.html#notification-list" if request.htmx else "forums/notification_list.html"
    return render(request, template, context)


def notification_badge(request):
    return render(request, "forums/notification_list.html#badge", {"unread": selectors.unread_count(user=request.user)})


@require_POST
def notification_open(request, notification_id):
    notification = get_object_or_404(selectors.list_notifications(user=request.user), pk=notification_id)
    services.mark_notification_read(notification=notification, user=request.user)
    target = notification.target_url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "forums:notification_list"
    return redirect(target)


@require_POST
def notification_read_all(request):
    services.mark_all_notifications_read(user=request.user)
    return redirect("forums:notification_list")
