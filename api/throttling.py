"""Rate limits per token (per address without one), through the project's one limiter (common.ratelimit)."""

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from common.ratelimit import client_address, hit


class TokenRateThrottle(BaseThrottle):
    """KINERJA_RATE_LIMITS["api"] requests per window for each token; ["api_anonymous"] for each address."""

    def allow_request(self, request, view):
        token = request.auth
        scope = "api" if token is not None else "api_anonymous"
        self.window = settings.KINERJA_RATE_LIMITS[scope][1]
        limit = settings.KINERJA_RATE_LIMITS[scope][0]
        key = f"token:{token.prefix}" if token is not None else f"addr:{client_address(request)}"
        return hit(scope=scope, key=key, limit=limit, window=self.window, fail_open=token is not None)

    def wait(self):
        return self.window
