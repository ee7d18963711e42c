"""Django's authentication middleware, with the request's session made known to the authentication backend while
it loads the user, so the user and their roles come from the session's own cache read (agencies/identity.py)."""

from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.utils.functional import SimpleLazyObject

from .identity import for_session


def _get_user(request):
    if not hasattr(request, "_cached_user"):
        with for_session(request.session):
            request._cached_user = auth.get_user(request)
    return request._cached_user


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)  # checks the session middleware, sets request.auser
        request.user = SimpleLazyObject(lambda: _get_user(request))
