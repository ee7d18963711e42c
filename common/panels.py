"""Panels: how a higher app shows its data on a lower app's page without the lower app importing it.

A lower app's template names a slot and the object the page is about (`{% render_panels "workflow.coaching_close"
plan %}`); a higher app registers, in its AppConfig.ready(), a template and a context function for that slot. The
function gets the request and the object and returns the template's context, or None to show nothing (e.g. when
the viewer may not see that data). With nothing registered the slot renders empty.

A panel that lists things waiting for the person may also give `items`: a function of the user returning the queryset
of those things, so that the lower app can count them with its own (the inbox badge counts the complaints and IKU
figures that the inbox's panels list, beside the plan tasks, in one query: `workflow.selectors.open_task_count`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable  # (request, obj) -> dict | None
    items: Callable | None = None  # (*, user) -> QuerySet of what waits for the person, for the slot's count


_registry: dict[str, list[Panel]] = {}


def register_panel(slot: str, *, template: str, context: Callable, items: Callable | None = None) -> None:
    """Add a panel to `slot`; registering the same template twice (a reloaded app) keeps one."""
    panels = _registry.setdefault(slot, [])
    panels[:] = [panel for panel in panels if panel.template != template]
    panels.append(Panel(template=template, context=context, items=items))


def waiting_items(slot: str, *, user) -> list:
    """The querysets of what the slot's panels list as waiting for `user` (those that gave `items`)."""
    return [panel.items(user=user) for panel in _registry.get(slot, []) if panel.items is not None]


def unregister_panel(slot: str, *, template: str) -> None:
    _registry[slot] = [panel for panel in _registry.get(slot, []) if panel.template != template]


def render_panels(slot: str, *, request, obj) -> SafeString:
    parts = []
    for panel in _registry.get(slot, []):
        context = panel.context(request, obj)
        if context is not None:
            parts.append(render_to_string(panel.template, context, request=request))
    return mark_safe("".join(parts))  # each part is an autoescaped template rendering
