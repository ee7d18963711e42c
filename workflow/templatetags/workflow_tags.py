"""Template helpers for the shared navigation."""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def open_task_count(context) -> int:
    """How many things wait for the signed-in user: the inbox badge."""
    request = context.get("request")
    return selectors.open_task_count(user=request.user) if request is not None else 0
