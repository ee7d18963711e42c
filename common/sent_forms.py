"""A form that adds something (a realisation with its evidence, a forum post, an external training, a citizen's
complaint or survey answer) is sent once, even when it is sent twice.

On a slow intranet a 1 MB evidence upload can take longer than kinerja.js holds back a second click, and without
JavaScript nothing holds it back. A browser may also send the form again after a timeout. Each sending then added the
same thing twice, and complaints and survey answers, which become IKU figures, counted twice.

Such a form carries a random key of its rendering (`{% sent_once %}`, below). The middleware lets its first sending
through and remembers where the answer sent the person (a redirect is a success). A later sending of the same key
goes there too, with a message, and nothing is added: a citizen whose first answer never arrived gets the first
complaint's private page (its follow-up address is kept in the shared cache, under a key only that rendering of the
form knows, for KEEP_SECONDS). A sending that arrives while the first is still running waits for it. An answer that
is not a redirect (a form shown again with its errors, a refusal, a failure) releases the key, so the corrected form
is sent anew. Only whole-page POSTs are concerned: htmx requests answer with fragments, and their forms are held back
by htmx itself. With the cache down, forms are sent as they always were.
"""

import hashlib
import logging
import secrets
import time

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

FIELD = "sent_form_key"
KEEP_SECONDS = 30 * 60  # a person retries within minutes
WAIT_SECONDS = 30  # a second sending waits this long for the first (a slow upload)
PENDING = "pending"


def key_input() -> str:
    """The hidden input carrying a new random key (the `{% sent_once %}` tag)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, secrets.token_urlsafe(16))


def _cache_key(request, form_key: str) -> str:
    who = f"user:{request.user.pk}" if request.user.is_authenticated else f"session:{request.session.session_key}"
    return "sent-form:" + hashlib.sha256(f"{who}:{form_key}".encode()).hexdigest()


class SentOnceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        whole_page_post = request.method == "POST" and "HX-Request" not in request.headers
        form_key = request.POST.get(FIELD, "") if whole_page_post else ""
        if not form_key:
            return self.get_response(request)
        key = _cache_key(request, form_key)
        try:
            earlier = self._claim(key)
        except Exception:
            logger.warning("Cache unavailable: a form sent twice is not recognised")
            return self.get_response(request)
        if earlier is not None:
            messages.info(request, _("This form was sent already: here is what it did."))
            return redirect(earlier)
        response = self.get_response(request)
        try:
            if 300 <= response.status_code < 400 and response.get("Location"):
                cache.set(key, response["Location"], timeout=KEEP_SECONDS)
            else:
                cache.delete(key)
        except Exception:
            logger.warning("Cache unavailable: a sent form is not remembered")
        return response

    @staticmethod
    def _claim(key: str) -> str | None:
        """None when this sending is the first (the key is now claimed), else where the first one led."""
        deadline = time.monotonic() + WAIT_SECONDS
        while not cache.add(key, PENDING, timeout=KEEP_SECONDS):
            earlier = cache.get(key)
            if earlier not in (None, PENDING):
                return earlier
            if time.monotonic() > deadline:
                return None  # the first sending is stuck: this one goes through
            time.sleep(0.25)
        return None
