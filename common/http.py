"""HTTP helpers every app uses."""

import functools
import logging

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def open_stored(field_file):
    """A stored upload opened for a download; a file missing from the storage (a lost disk, a restore without the
    media) is a 404 with a message, logged for the operators, not a server error."""
    try:
        return field_file.open("rb")
    except FileNotFoundError:
        logger.error("Stored file missing: %s", field_file.name)
        raise Http404(_("This file is no longer available.")) from None


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
