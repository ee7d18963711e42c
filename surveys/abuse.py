"""Keeping the public survey honest without a third-party captcha.

- a honeypot field that people never see and bots fill in: such an answer is thanked and thrown away;
- a minimum fill time, carried in a signed token issued with the form: nobody reads nine questions in two seconds;
- rate limits per address and per service (settings.KINERJA_RATE_LIMITS "survey_address", "survey_service");
- a signed cookie per service and survey period: the same browser answering the same service twice in one period is
  refused with a clear message.
This is the one module of the app that uses the project's rate limiter.
"""

import datetime
import time

from django.conf import settings
from django.core import signing
from django.utils import timezone

from common.ratelimit import client_address, hit

FILL_SALT = "surveys.fill"
ANSWERED_SALT = "surveys.answered"
MAX_FORM_AGE = 24 * 3600  # a form left open overnight is issued again rather than trusted


def issue_fill_token(service) -> str:
    return signing.dumps({"s": service.pk, "t": time.time()}, salt=FILL_SALT)


def fill_seconds(token: str, service) -> float | None:
    """Seconds since the form was issued, or None when the token is missing, forged, stale or another service's."""
    try:
        data = signing.loads(token or "", salt=FILL_SALT, max_age=MAX_FORM_AGE)
    except signing.BadSignature:
        return None
    if data.get("s") != service.pk:
        return None
    return time.time() - float(data.get("t", 0))


def minimum_fill_seconds() -> int:
    return settings.KINERJA_SURVEY_MIN_SECONDS


def within_rate_limits(request, service) -> bool:
    """Count this submission against the address and the service; False when either is over its limit."""
    address = client_address(request)
    per_address, address_window = settings.KINERJA_RATE_LIMITS["survey_address"]
    per_service, service_window = settings.KINERJA_RATE_LIMITS["survey_service"]
    address_ok = hit(scope="survey_address", key=address, limit=per_address, window=address_window)
    service_ok = hit(scope="survey_service", key=str(service.pk), limit=per_service, window=service_window)
    return address_ok and service_ok


def rate_window() -> int:
    return settings.KINERJA_RATE_LIMITS["survey_address"][1]


def period_key(period) -> str:
    return f"p{period.pk}" if period is not None else f"y{timezone.localdate().year}"


def _cookie_name(service) -> str:
    return f"ikm_{service.pk}"


def already_answered(request, service, key: str) -> bool:
    value = request.get_signed_cookie(_cookie_name(service), default=None, salt=ANSWERED_SALT)
    return value == key


def mark_answered(response, service, key: str, period) -> None:
    """Remember in the browser, until the period ends, that it answered this service's survey."""
    ends_on = period.ends_on if period is not None else datetime.date(timezone.localdate().year, 12, 31)
    seconds = max(3600, int((ends_on - timezone.localdate()).days + 1) * 86400)
    response.set_signed_cookie(
        _cookie_name(service),
        key,
        salt=ANSWERED_SALT,
        max_age=seconds,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
