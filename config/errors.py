"""Error pages that need nothing: no database, no session, no template engine, no viewflow template.

`handler500` answers a database that is down, restarting, or that cancelled a statement (statement, lock or
idle-transaction timeout; settings.py) with 503 and Retry-After: the request can simply be tried again. Anything
else is a 500. Both pages are static files (static/errors/), bilingual, also served by nginx for 502/504 when no
application server answers (deploy/nginx.conf), so a user sees the same Kinerja page whatever failed.
"""

import sys
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse

ERRORS_DIR = Path(settings.BASE_DIR) / "static" / "errors"
RETRY_AFTER_SECONDS = 5


@cache
def page(name: str) -> bytes:
    return (ERRORS_DIR / name).read_bytes()


def database_error(exception: BaseException | None) -> OperationalError | InterfaceError | None:
    while exception is not None:
        if isinstance(exception, OperationalError | InterfaceError):
            return exception
        exception = exception.__cause__ or exception.__context__
    return None


def connection_lost(error: BaseException) -> bool:
    """The connection itself failed (refused, closed, the server shutting down or starting), as opposed to a
    statement cancelled by a timeout: only then may the whole request be tried again (config/middleware.py)."""
    sqlstate = getattr(error.__cause__, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(("08", "57P"))


def server_error(request, *args, **kwargs):
    error = database_error(sys.exc_info()[1])
    if error is not None:
        response = HttpResponse(page("503.html"), status=503, content_type="text/html; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response.database_connection_lost = connection_lost(error)
    else:
        response = HttpResponse(page("500.html"), status=500, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response
