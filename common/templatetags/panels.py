"""`{% render_panels "slot" obj %}`: what higher apps registered for this place of the page (common/panels.py)."""

from django import template

from common import panels

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panels(context, slot: str, obj):
    return panels.render_panels(slot, request=context.get("request"), obj=obj)
