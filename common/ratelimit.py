"""A small cache-based rate limiter for posting views: `@rate_limited("scope")`.

It counts POSTs per user (or per address when anonymous) in fixed windows in the default cache (Redis when
REDIS_URL is set, so all workers share the counts) and answers 429 with a page. The limits are settings:
KINERJA_RATE_LIMITS[scope] = (how many, per seconds).

When the shared cache is unreachable the count cannot be shared between processes: signed-in people are then not
limited at all, anyone else (anonymous visitors, sign-in attempts) is counted in this process only, so a flood
from one address is still slowed while Redis is away. Either way the request is answered, never with a 500.
"""

import functools
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

logger = logging.getLogger(__name__)


def client_address(request) -> str:
    """The visitor's address. Behind nginx (KINERJA_BEHIND_PROXY) the proxy's own address is the same for everyone,
    so the X-Real-IP header it sets (deploy/nginx.conf) is used; never trust that header without a proxy."""
    if settings.KINERJA_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def client_key(request) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"addr:{client_address(request)}"


def hit(*, scope: str, key: str, limit: int, window: int, fail_open: bool = False) -> bool:
    """Count one action; False when `key` has already done `limit` of them in the current `window` seconds.
    `fail_open`: let it through when the shared cache is down (signed-in people), instead of counting per process."""
    bucket = int(time.time() // window)
    cache_key = f"ratelimit:{scope}:{key}:{bucket}"
    try:
        cache.add(cache_key, 0, timeout=window + 1)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=window + 1)
            count = 1
    except Exception:
        logger.warning("Rate limit cache unavailable; %s", "not limiting" if fail_open else "counting per process")
        if fail_open:
            return True
        return _hit_in_this_process(cache_key) <= limit
    return count <= limit


_process_counts: dict[str, int] = {}
_process_lock = threading.Lock()


def _hit_in_this_process(cache_key: str) -> int:
    with _process_lock:
        if len(_process_counts) > 10_000:  # old windows: a bounded map, not a leak while Redis is away
            _process_counts.clear()
        _process_counts[cache_key] = _process_counts.get(cache_key, 0) + 1
        return _process_counts[cache_key]


def rate_limited(scope: str):
    """Limit POSTs to a view by the user: KINERJA_RATE_LIMITS[scope] = (how many, per seconds)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST":
                limit, window = settings.KINERJA_RATE_LIMITS[scope]
                signed_in = request.user.is_authenticated
                if not hit(scope=scope, key=client_key(request), limit=limit, window=window, fail_open=signed_in):
                    response = render(request, "429.html", {"window": window}, status=429)
                    response["Retry-After"] = str(window)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
