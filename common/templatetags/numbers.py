"""`{{ value|quantity }}`: an amount in the reader's number format without trailing zeros (common/numbers.py)."""

from django import template

from common import numbers

register = template.Library()
register.filter("quantity", numbers.quantity)
