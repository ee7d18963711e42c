"""Response hardening: the Content-Security-Policy header (project wiring; the rate limiter apps apply to their
views is `common.ratelimit`).

CSP: scripts only from our own origin (no inline script elements, no inline handlers, no `hx-on`, no eval), styles
likewise, nothing embeds the site.
"""

from django.conf import settings

DEFAULT_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def csp_header_value() -> str:
    policy = {**DEFAULT_CSP, **getattr(settings, "KINERJA_CSP", {})}
    return "; ".join(f"{directive} {sources}" for directive, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.value = csp_header_value()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.value)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
