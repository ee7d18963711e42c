"""`{% icon "bell" %}`: an icon of the vendored Lucide set (static/vendor/lucide/, ISC licence), inlined as SVG.

Inline SVG takes its colour from the text (`currentColor`), needs no extra request and is allowed by the strict CSP
(attributes, no style). An icon beside a visible text is decorative and hidden from screen readers; an icon that
stands alone gets `label`, which becomes its accessible name:

    <a href="…">{% icon "bell" %} Notifications</a>
    <a href="…">{% icon "bell" label=_("Notifications") %}</a>

To add an icon, copy its SVG from the same lucide-static release (see static/vendor/lucide/README.md).
"""

import functools
import re

from django import template
from django.contrib.staticfiles import finders
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_OPENING_TAG = re.compile(r"<svg\b[^>]*>", re.S)
_LICENCE_COMMENT = re.compile(r"<!--.*?-->", re.S)


@functools.cache
def _shapes(name: str) -> str:
    """The drawing inside the icon's <svg> element (read once per process)."""
    path = finders.find(f"vendor/lucide/{name}.svg")
    if path is None:
        raise template.TemplateSyntaxError(f"no icon {name!r} in static/vendor/lucide/")
    with open(path, encoding="utf-8") as svg:
        source = _LICENCE_COMMENT.sub("", svg.read())
    return _OPENING_TAG.sub("", source, count=1).replace("</svg>", "").strip()


@register.simple_tag
def icon(name: str, *, label: str = "", size: int = 20, css_class: str = "") -> SafeString:
    naming = f'role="img" aria-label="{escape(label)}"' if label else 'aria-hidden="true" focusable="false"'
    classes = f"icon icon-{escape(name)} {escape(css_class)}".strip()
    return mark_safe(  # noqa: S308 - the drawing comes from a vendored file, every attribute is escaped
        f'<svg class="{classes}" {naming} xmlns="http://www.w3.org/2000/svg" width="{int(size)}" height="{int(size)}" '
        f'viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
        f'stroke-linejoin="round">{_shapes(name)}</svg>'
    )
