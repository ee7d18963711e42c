"""`{% current_page request url %}`: marks the navigation link of the section being shown (aria-current="page")."""

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def current_page(request, url: str) -> SafeString:
    """Home only on itself; any other link for its own path and everything below it."""
    path = getattr(request, "path", "")
    here = path == url if url == "/" else path.startswith(url)
    return mark_safe(' aria-current="page"') if here else mark_safe("")
