"""The community satisfaction index (IKM) exactly as PermenPANRB 14/2017 computes it; pure functions, no queries.

- NRR (nilai rata-rata) of an element = sum of its answers ÷ number of people who answered it.
- Weighted NRR = NRR × weight; the weight is 1/9 for nine elements. The regulation prints it as 0.111, which gives a
  different second decimal (all answers 3 → 75.00 exact, 74.93 rounded), so settings.KINERJA_IKM_WEIGHT chooses
  "exact" (1/9, the default) or "rounded" (0.111). Should an element have no answer at all, the answered elements
  share the weight (1/k, or 1/k rounded to three decimals).
- IKM unit value = Σ weighted NRR; IKM = IKM unit value × 25 (25–100), rounded half-up to two decimals.
- Grade (mutu pelayanan): A 88.31–100, B 76.61–88.30, C 65.00–76.60, D 25.00–64.99, on the rounded IKM.
- Minimum sample: the Krejcie–Morgan table the regulation's annex uses, for the population served in the period.
"""

import bisect
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

TWO_PLACES = Decimal("0.01")
WEIGHT_EXACT = "exact"
WEIGHT_ROUNDED = "rounded"


@dataclass(frozen=True)
class Grade:
    code: str
    label: object
    lower: Decimal  # the lowest IKM (two decimals) that earns this grade

    def __reduce__(self):
        return (grade_by_code, (self.code,))  # pickled as a reference to the constant (see Element.__reduce__)


# Highest first: the first band whose lower bound the IKM reaches is its grade.
GRADES = (
    Grade("A", _("Very good"), Decimal("88.31")),
    Grade("B", _("Good"), Decimal("76.61")),
    Grade("C", _("Less than good"), Decimal("65.00")),
    Grade("D", _("Not good"), Decimal("25.00")),
)

# Krejcie & Morgan (1970), as tabled in the annex of PermenPANRB 14/2017: (population N, sample S). For a population
# between two rows the next larger row applies (the safe side); from 1,000,000 up the sample is 384.
KREJCIE_MORGAN = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44), (55, 48), (60, 52),
    (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76), (100, 80), (110, 86), (120, 92),
    (130, 97), (140, 103), (150, 108), (160, 113), (170, 118), (180, 123), (190, 127), (200, 132), (210, 136),
    (220, 140), (230, 144), (240, 148), (250, 152), (260, 155), (270, 159), (280, 162), (290, 165), (300, 169),
    (320, 175), (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210), (480, 214),
    (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254), (800, 260), (850, 265), (900, 269),
    (950, 274), (1000, 278), (1100, 285), (1200, 291), (1300, 297), (1400, 302), (1500, 306), (1600, 310),
    (1700, 313), (1800, 317), (1900, 320), (2000, 322), (2200, 327), (2400, 331), (2600, 335), (2800, 338),
    (3000, 341), (3500, 346), (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364), (8000, 367),
    (9000, 368), (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381), (75000, 382),
    (1000000, 384),
)  # fmt: skip
_KM_POPULATIONS = [population for population, _sample in KREJCIE_MORGAN]


def minimum_sample(population: int | None) -> int | None:
    """The Krejcie–Morgan minimum number of respondents for `population` (None when the population is unknown)."""
    if population is None:
        return None
    if population <= 0:
        return 0
    index = bisect.bisect_left(_KM_POPULATIONS, population)
    sample = KREJCIE_MORGAN[min(index, len(KREJCIE_MORGAN) - 1)][1]
    return min(sample, population)


def period_population(annual_users: int | None, *, days: int, days_in_year: int) -> int | None:
    """The people a service serves in a period of `days` days, from its yearly figure (a quarter serves about a
    quarter of the year's users); rounded up, so the minimum sample never comes out too small."""
    if annual_users is None:
        return None
    if days >= days_in_year:
        return annual_users
    return math.ceil(annual_users * days / days_in_year)


def weight_mode() -> str:
    return WEIGHT_ROUNDED if getattr(settings, "KINERJA_IKM_WEIGHT", WEIGHT_EXACT) == WEIGHT_ROUNDED else WEIGHT_EXACT


def element_weight(answered_elements: int, mode: str | None = None) -> Decimal:
    mode = mode or weight_mode()
    weight = Decimal(1) / Decimal(answered_elements)
    return weight.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP) if mode == WEIGHT_ROUNDED else weight


def nrr(total: int | None, answered: int | None) -> Decimal | None:
    """Average of one element's answers, or None when nobody answered it."""
    if not answered:
        return None
    return Decimal(total) / Decimal(answered)


def ikm(nrrs, mode: str | None = None) -> Decimal | None:
    """IKM from the elements' NRR (None for an element nobody answered), two decimals; None with no answers."""
    answered = [value for value in nrrs if value is not None]
    if not answered:
        return None
    weight = element_weight(len(answered), mode)
    unit_value = sum((value * weight for value in answered), Decimal(0))
    return (unit_value * 25).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def grade_by_code(code: str) -> Grade:
    return next(each for each in GRADES if each.code == code)


def grade(index: Decimal | None) -> Grade | None:
    if index is None:
        return None
    index = Decimal(index).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    for band in GRADES:
        if index >= band.lower:
            return band
    return GRADES[-1]


def nrr_grade(value: Decimal | None) -> Grade | None:
    """The grade an element's NRR alone would earn (NRR × 25 on the same bands)."""
    return None if value is None else grade(value * 25)
