"""XLSX export of a period's survey for one agency, in the layout of the regulation's report (PermenPANRB 14/2017,
annex: "pengolahan data survei kepuasan masyarakat per responden dan per unsur pelayanan").

Sheet 1 "Results": per service, the number of respondents, minimum sample, NRR per element (U1–U9), the weighted
NRR sum, the IKM and its grade; then the agency's pooled row. Sheet 2 "Answers": one row per respondent with U1–U9,
the profile and the comment, followed by the regulation's closing rows: total per element, NRR per element, weighted
NRR per element, IKM unit value and IKM. Text that a spreadsheet could read as a formula is neutralised.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from common.spreadsheets import NUMBER_FORMATS

from . import ikm
from .elements import ELEMENTS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """A text cell starting like a formula gets a leading apostrophe, so a spreadsheet shows it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _number(value, places: int = 3):
    return None if value is None else round(float(value), places)


def build_workbook(*, agency, period, service_rows, agency_row, responses) -> bytes:
    workbook = Workbook()
    bold = Font(bold=True)
    results = workbook.active
    results.title = _("Results")
    results.append([safe(_("Community satisfaction index (IKM)")), safe(agency.name), safe(period.name)])
    results.append([_("Weight per element"), ikm.weight_mode()])
    header = [_("Service"), _("Respondents"), _("Minimum sample"), _("Under-sampled")]
    header += [f"U{element.number}" for element in ELEMENTS] + [_("IKM unit value"), _("IKM"), _("Grade")]
    results.append(header)
    for cell in results[3]:
        cell.font = bold
    for row in [*service_rows, agency_row]:
        name = row.service.name if row.service is not None else _("Agency (all services)")
        unit_value = None if row.ikm is None else row.ikm / 25
        results.append(
            [
                safe(name),
                row.responses,
                row.minimum_sample,
                _("yes") if row.under_sampled else _("no"),
                *[_number(each.nrr) for each in row.elements],
                _number(unit_value),
                _number(row.ikm, 2),
                row.grade.code if row.grade else None,
            ]
        )
    answers = workbook.create_sheet(_("Answers"))
    answers.append(
        [_("No."), _("Service"), _("Date")]
        + [f"U{element.number}" for element in ELEMENTS]
        + [_("Sex"), _("Age"), _("Education"), _("Occupation"), _("Comment")]
    )
    for cell in answers[1]:
        cell.font = bold
    for number, response in enumerate(responses, start=1):
        answers.append(
            [
                number,
                safe(response.service.name),
                response.submitted_on,
                *response.scores(),
                response.get_sex_display(),
                response.get_age_band_display(),
                response.get_education_display(),
                response.get_occupation_display(),
                safe(response.comment),
            ]
        )
    for (day,) in answers.iter_rows(min_row=2, min_col=3, max_col=3):
        day.number_format = NUMBER_FORMATS["date"]  # a real date, which a spreadsheet sorts and filters by
    weight = ikm.element_weight(len(ELEMENTS))
    answers.append([])
    answers.append(
        [_("Total per element"), "", ""]
        + [_number(e.nrr * e.answered if e.nrr else None, 0) for e in agency_row.elements]
    )
    answers.append([_("NRR per element"), "", ""] + [_number(e.nrr) for e in agency_row.elements])
    answers.append(
        [_("Weighted NRR per element"), "", ""]
        + [_number(e.nrr * weight if e.nrr else None) for e in agency_row.elements]
    )
    answers.append([_("IKM unit value"), "", "", _number(None if agency_row.ikm is None else agency_row.ikm / 25)])
    answers.append([_("IKM"), "", "", _number(agency_row.ikm, 2), agency_row.grade.code if agency_row.grade else ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
