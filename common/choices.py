"""Choice labels of model fields read from a mapping built once per field.

Django's `get_<field>_display` rebuilds a dictionary of all the field's choices on every call, hashing each label,
and a lazy label's hash translates it: a list of 20 plan events with 28 possible actions made 560 translations to
show 20 labels (about 7 % of the plan page's time). The mapping here keeps the labels lazy, so each is translated
when it is shown, in the language of that request; it holds nobody's data.
"""

import functools

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


@functools.cache
def _labels(field) -> dict:
    return {make_hashable(value): label for value, label in field.flatchoices}


class ChoiceLabels:
    """Put first among a model's bases: its fields' `get_<field>_display` then read `_labels`."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)
