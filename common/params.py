"""Whole numbers read from a query string or a raw form value. Anything else is simply absent (None), never an
error: "abc", an empty value, a Unicode digit that `str.isdigit` accepts but `int` refuses ("²"), or a number too
large for the database's ids, which a bare `int()` would pass on to the database to fail there."""

MAX_ID = 2**63 - 1  # ids are BigAutoField (settings.DEFAULT_AUTO_FIELD)
FIRST_YEAR, LAST_YEAR = 2000, 2100  # years a page may be asked for


def _whole(value) -> int | None:
    text = str(value if value is not None else "")
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    return int(text)


def parse_id(value) -> int | None:
    """A database id: a positive whole number within the id column's range."""
    number = _whole(value)
    return number if number is not None and 0 < number <= MAX_ID else None


def parse_ids(values) -> list[int]:
    """The ids among several raw values (a multiple choice as sent), others dropped, in their order."""
    return [number for number in map(parse_id, values) if number is not None]


def parse_year(value) -> int | None:
    """A calendar year the pages offer."""
    number = _whole(value)
    return number if number is not None and FIRST_YEAR <= number <= LAST_YEAR else None
