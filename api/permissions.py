"""The API's one permission rule: an operation's scope must be held by the token (`api.scopes`)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions

from .scopes import has_scope


class ScopePermission(permissions.BasePermission):
    """A view's `scope` must be held by the token (no scope: public). No token: 401; a token without it: 403.
    Which agencies the scope reaches is applied by the selectors: outside them a thing is simply not found."""

    def has_permission(self, request, view):
        scope = getattr(view, "scope", None)
        if scope is None:
            return True
        if request.auth is None:
            raise exceptions.NotAuthenticated
        if not has_scope(request.auth, scope):
            raise exceptions.PermissionDenied(_("This token does not hold the scope “%(scope)s”.") % {"scope": scope})
        return True
