"""IKU achievement (capaian): one place for the regulation's arithmetic.

- higher is better: realisation ÷ target × 100
- lower is better: (2 − realisation ÷ target) × 100, floored at 0 (default), or target ÷ realisation × 100
  (a realisation of 0 then counts as the display cap, since the ratio is unbounded)
- range targets: inside the range is 100 %; above it compare with the upper bound, below it with the lower bound
- the displayed value is capped (KINERJA_ACHIEVEMENT_CAP, default 120 %); the raw value is kept
- status bands per indicator: green from `green_from`, amber from `amber_from`, red below
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Direction, LowerIsBetterFormula

HUNDRED = Decimal("100")
TWO_PLACES = Decimal("0.01")

NO_DATA = "none"
STATUS_LABELS = {"green": _("On track"), "amber": _("Needs attention"), "red": _("Off track"), NO_DATA: _("No data")}


@dataclass(frozen=True)
class Achievement:
    raw: Decimal | None
    capped: Decimal | None
    status: str  # green / amber / red / none

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def has_data(self) -> bool:
        return self.status != NO_DATA


def _decimal(value) -> Decimal:
    # Floats go through str() so that 0.1 stays 0.1 rather than its binary approximation.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _ratio(realisation: Decimal, target: Decimal, *, direction: str, formula: str) -> Decimal | None:
    if direction == Direction.HIGHER:
        if target == 0:
            return None
        return realisation / target * HUNDRED
    if formula == LowerIsBetterFormula.TARGET_OVER_REALISATION:
        if realisation == 0:
            # Zero (no waiting, no delay) beats any target by an unbounded factor: count it as the display maximum.
            return None if target == 0 else _decimal(settings.KINERJA_ACHIEVEMENT_CAP)
        return target / realisation * HUNDRED
    if target == 0:
        return None
    return max(Decimal(0), (2 - realisation / target) * HUNDRED)


def raw_achievement(
    *,
    realisation: Decimal,
    target: Decimal,
    upper: Decimal | None = None,
    direction: str = Direction.HIGHER,
    formula: str = LowerIsBetterFormula.TWO_MINUS_RATIO,
) -> Decimal | None:
    """Uncapped achievement in percent, rounded half-up to two places; None where it is undefined."""
    realisation, target = _decimal(realisation), _decimal(target)
    if upper is not None:
        upper = _decimal(upper)
        if target <= realisation <= upper:
            value = HUNDRED
        elif realisation > upper:
            value = _ratio(realisation, upper, direction=direction, formula=formula)
        else:
            value = _ratio(realisation, target, direction=direction, formula=formula)
    else:
        value = _ratio(realisation, target, direction=direction, formula=formula)
    return None if value is None else value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def cap(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return min(value, _decimal(settings.KINERJA_ACHIEVEMENT_CAP).quantize(TWO_PLACES))


def status_for(value: Decimal | None, *, green_from: Decimal, amber_from: Decimal) -> str:
    if value is None:
        return NO_DATA
    if value >= green_from:
        return "green"
    if value >= amber_from:
        return "amber"
    return "red"


def achievement_for(indicator, *, realisation, target) -> Achievement:
    """Achievement of `indicator` for a realisation value against an IndicatorTarget (either may be None)."""
    if realisation is None or target is None:
        return Achievement(raw=None, capped=None, status=NO_DATA)
    raw = raw_achievement(
        realisation=realisation,
        target=target.value,
        upper=target.upper_value,
        direction=indicator.direction,
        formula=indicator.lower_is_better_formula,
    )
    return Achievement(
        raw=raw,
        capped=cap(raw),
        status=status_for(raw, green_from=indicator.green_from, amber_from=indicator.amber_from),
    )
