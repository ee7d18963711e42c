"""Panels: how a higher app shows its data on a lower app's page without the lower app importing it.

A lower app's template names a slot and the object the page is about (`{% render_panels "workflow.coaching_close"
plan %}`); a higher app registers, in its AppConfig.ready(), a template and a context function for that slot. The
function gets the request and the object and returns the template's context, or None to show nothing (e.g. when
the viewer may not see that data). With nothing registered the slot renders empty.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable  # (request, obj) -> dict | None


_registry: dict[str, list[Panel]] = {}


def register_panel(slot: str, *, template: str, context: Callable) -> None:
    """Add a panel to `slot`; registering the same template twice (a reloaded app) keeps one."""
    panels = _registry.setdefault(slot, [])
    panels[:] = [panel for panel in panels if panel.template != template]
    panels.append(Panel(template=template, context=context))


def unregister_panel(slot: str, *, template: str) -> None:
    _registry[slot] = [panel for panel in _registry.get(slot, []) if panel.template != template]


def render_panels(slot: str, *, request, obj) -> SafeString:
    parts = []
    for panel in _registry.get(slot, []):
        context = panel.context(request, obj)
        if context is not None:
            parts.append(render_to_string(panel.template, context, request=request))
    return mark_safe("".join(parts))  # each part is an autoescaped template rendering
