"""`{% sent_once %}` in a form that adds something: a second sending of it does nothing more (common/sent_forms.py)."""

from django import template

from common.sent_forms import key_input

register = template.Library()


@register.simple_tag
def sent_once():
    return key_input()
