"""Template helpers for the shared navigation."""

from decimal import Decimal

from django import template
from django.utils import formats

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def open_task_count(context) -> int:
    """How many plan tasks wait for the signed-in user (the inbox badge)."""
    request = context.get("request")
    return selectors.open_task_count(user=request.user) if request is not None else 0


@register.filter
def quantity(value) -> str:
    """A target or realised amount in the reader's number format, without trailing zeros ("506,3", "1.200")."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return formats.number_format(number, force_grouping=True)
