"""Amounts in the reader's number format (id "1.200", "506,3"; en "1,200", "506.3"), without trailing zeros.

For numbers that arrive as text (meeting snapshots are JSON, so their figures are strings) as well as for Decimals:
Django localises a Decimal in a template on its own, but keeps its trailing zeros ("82,0000") and never groups
thousands; PDFs and charts drawn in Python need the same rule. Templates use it as `{{ value|quantity }}`
(`{% load numbers %}`).
"""

from decimal import Decimal, InvalidOperation

from django.utils import formats


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
