from django.utils.functional import SimpleLazyObject

from .roles import roles_for


def roles(request):
    """Expose the current user's roles to templates as `roles` (menus only; views enforce access)."""
    return {"roles": SimpleLazyObject(lambda: roles_for(getattr(request, "user", None)))}
