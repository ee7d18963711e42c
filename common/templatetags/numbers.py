"""`{{ value|quantity }}`: an amount in the reader's number format (id "1.200", "506,3"; en "1,200", "506.3").

For numbers that reach a template as text (meeting snapshots are JSON, so their figures are strings) as well as
for Decimals: Django localises a Decimal on its own, but keeps its trailing zeros and never groups thousands.
"""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def quantity(value) -> str:
    """A target or realised amount in the reader's number format, without trailing zeros ("506,3", "1.200")."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value)).normalize()
    except InvalidOperation:
        return str(value)  # not a number (a described target): shown as it is
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return formats.number_format(number, force_grouping=True)
