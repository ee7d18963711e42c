"""HTTP helpers every app uses."""

import functools

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect


def post_only_back_to(viewname: str, *url_kwargs: str):
    """Like `require_POST` for a form's POST-only URL, but a GET sends the browser back to the form's page.

    A form that fails validation is shown again at the URL it was posted to; reloading it, or coming back to it from
    the history, then asks that URL for a GET. Instead of a bare 405 the visitor lands on `viewname` (built from the
    named URL arguments), whose own checks apply as usual:

        @post_only_back_to("workflow:plan_detail", "plan_id")
        def realisation_add(request, plan_id, indicator_id): ...
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in ("GET", "HEAD"):
                return redirect(viewname, **{name: kwargs[name] for name in url_kwargs})
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
