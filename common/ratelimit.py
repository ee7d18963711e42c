"""A small cache-based rate limiter for posting views: `@rate_limited("scope")`.

It counts POSTs per user (or per address when anonymous) in fixed windows in the default cache (Redis when
REDIS_URL is set, so all workers share the counts) and answers 429 with a page. The limits are settings:
KINERJA_RATE_LIMITS[scope] = (how many, per seconds).
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_key(request) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"addr:{request.META.get('REMOTE_ADDR', '')}"


def hit(*, scope: str, key: str, limit: int, window: int) -> bool:
    """Count one action; False when `key` has already done `limit` of them in the current `window` seconds."""
    bucket = int(time.time() // window)
    cache_key = f"ratelimit:{scope}:{key}:{bucket}"
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 1)
        count = 1
    return count <= limit


def rate_limited(scope: str):
    """Limit POSTs to a view by the user: KINERJA_RATE_LIMITS[scope] = (how many, per seconds)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST":
                limit, window = settings.KINERJA_RATE_LIMITS[scope]
                if not hit(scope=scope, key=client_key(request), limit=limit, window=window):
                    response = render(request, "429.html", {"window": window}, status=429)
                    response["Retry-After"] = str(window)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
