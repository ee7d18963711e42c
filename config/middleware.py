"""Project-wide middleware: the language choice, one more try for a request that lost its database connection, a
page for a browser that opens a form's address, and a 400 for a NUL character sent in the address or a form."""

import logging
import time

from django.conf import settings
from django.db import connection
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation

from common.db.postgresql.base import outage_lasted
from common.languages import chosen_language


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but ignores the browser's Accept-Language (`common.languages`)."""

    def process_request(self, request):
        translation.activate(chosen_language(request.COOKIES))
        request.LANGUAGE_CODE = translation.get_language()


logger = logging.getLogger(__name__)


class RetryLostConnectionMiddleware:
    """Run a request once more when its database connection was lost before it wrote anything.

    A PostgreSQL restart ends every open connection: a request that was half-way through then fails although the
    server is back a moment later. When the 503 (config/errors.py) came from a lost connection, the request runs
    again on a new connection, which waits for a restarting server (common/db/postgresql): a GET always (it is
    idempotent by HTTP's rules, e.g. a read marker written twice is the same marker), any other method only when it
    had executed no writing statement, so that nothing of it was saved. A statement cancelled by a
    timeout is not retried, and neither is anything while the database has been refusing connections for a while
    (the 503 must then come at once).
    """

    READING = ("SELECT", "SHOW", "SET", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        wrote = []

        def note_writes(execute, sql, params, many, context):
            if not wrote and not sql.lstrip()[:9].upper().startswith(self.READING):
                wrote.append(True)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(note_writes):
            response = self.get_response(request)
            safe = request.method in ("GET", "HEAD", "OPTIONS") or not wrote
            if not (getattr(response, "database_connection_lost", False) and safe and not outage_ongoing()):
                return response
            logger.warning(
                "Database connection lost before any write; running %s %s again", request.method, request.path
            )
            if not connection.in_atomic_block:  # a lost connection is replaced; inside a transaction it is kept
                connection.close()
            for upload in request.FILES.values():
                upload.seek(0)
            time.sleep(0.1)
            return self.get_response(request)


def outage_ongoing() -> bool:
    return outage_lasted() >= settings.KINERJA_DB_CONNECT_WAIT_SECONDS


class FormAddressPageMiddleware:
    """Answer a browser that opens a form's address (a 405: the view takes only POST) with a page, not a blank one.

    After a form is sent, the address bar shows where it went: a person who comes back to it from the history, a
    bookmark or a copied link gets a GET, which Django's `require_POST` answers with an empty 405. Only such empty
    answers to a page load are replaced (htmx requests and the API keep theirs); the status and Allow header stay.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not response.content
            and request.method in ("GET", "HEAD")
            and "HX-Request" not in request.headers
        ):
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class NulCharacterMiddleware:
    """A 400 page for an address, query or form value holding a NUL character ("%00"). PostgreSQL can neither store
    nor compare such text, so a search, a filter or a code given one would fail there as a server error; no person
    types one, so nothing is lost by refusing it before any view runs. Uploaded files' bytes are not looked at."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in text for text in self._texts(request)):
            return render(request, "400.html", status=400)
        return self.get_response(request)

    @staticmethod
    def _texts(request):
        yield request.path
        sent = [request.GET]
        if request.method == "POST" and request.content_type in FORM_TYPES:
            sent.append(request.POST)
        for values in sent:
            for name, items in values.lists():
                yield name
                yield from items
