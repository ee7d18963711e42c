"""IKU figures from a file (`manage.py import_iku_figures FILE --by USER`): each row an IKU's realisation for a
period, recorded through the same service as a typed figure and announced as imported (`arriving_figures`), so it
waits for the same verification (in the agency's data calendar when the IKU is scheduled there) and the person who
imported it never verifies it. All rows or none, as the people import.

Columns: `agency_code`, `iku_code`, `period` (the period's name), `value`, and optionally `evidence_note`.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from .. import arriving_figures
from ..models import Indicator, Period
from .reading import Column, FileProblem, RowError, is_blank, read_table

COLUMNS = (
    Column("agency_code", ("kode_opd", "opd")),
    Column("iku_code", ("kode_iku", "iku")),
    Column("period", ("periode",)),
    Column("value", ("nilai", "realisasi", "realisation")),
    Column("evidence_note", ("bukti", "evidence")),
)
REQUIRED = ("agency_code", "iku_code", "period", "value")


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


def import_iku_figures(*, content: bytes, filename: str, by, dry_run: bool = False) -> int:
    """Record every row's figure, or none (raises ImportFailed with each row's errors); returns how many rows."""
    from ..services import record_realisation  # services import this package's siblings

    try:
        table = read_table(content, filename, tuple(Column(c.name, c.aliases, c.name in REQUIRED) for c in COLUMNS))
    except FileProblem as problem:
        raise ImportFailed(problem.errors) from None
    indicators = {
        (agency_code, code): indicator
        for indicator, agency_code, code in (
            (indicator, indicator.agency.code, indicator.code)
            for indicator in Indicator.objects.select_related("agency").filter(is_active=True)
        )
    }
    periods = {period.name: period for period in Period.objects.all()}
    errors, rows = [], []
    for number, values in table.rows:
        text = {name: "" if is_blank(value) else str(value).strip() for name, value in values.items()}
        indicator = indicators.get((text.get("agency_code", ""), text.get("iku_code", "")))
        period = periods.get(text.get("period", ""))
        if indicator is None:
            errors.append(RowError(number, "iku_code", _("No active IKU with this code in this agency.")))
        if period is None:
            errors.append(RowError(number, "period", _("No period with this name.")))
        try:
            value = Decimal(text.get("value", "").replace(",", "."))
        except InvalidOperation:
            errors.append(RowError(number, "value", _("Give the value as a number.")))
            continue
        rows.append((number, indicator, period, value, text.get("evidence_note", "")))
    if errors:
        raise ImportFailed(errors)
    with translation.override(settings.LANGUAGE_CODE):  # stored text: in the Pemda's language
        who = by.get_full_name() or by.get_username()
        provenance = _("Imported by %(person)s from the file “%(file)s”, row %(row)s.")
        provenance = {number: provenance % {"person": who, "file": filename, "row": number} for number, *_r in rows}
    with transaction.atomic():
        for number, indicator, period, value, note in rows:
            try:
                realisation = record_realisation(
                    indicator=indicator,
                    period=period,
                    value=value,
                    evidence_note=note,
                    by=by,
                    reason=provenance[number],  # needed when it replaces a computed figure
                )
            except ValidationError as error:
                raise ImportFailed([RowError(number, "value", message) for message in error.messages]) from None
            arriving_figures.announce(
                arriving_figures.ArrivingFigure(
                    realisation=realisation,
                    origin=arriving_figures.FigureOrigin.IMPORTED,
                    recorded_by=by,
                    provenance=provenance[number],
                )
            )
        if dry_run:
            transaction.set_rollback(True)
    return len(rows)
