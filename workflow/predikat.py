"""The regulation's predikat matrix (PermenPANRB 6/2022): results rating × behaviour rating → predikat.

The matrix is data, not `if` chains: change `MATRIX` (or pass another table) and every caller follows.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    """A supervisor's judgement of results or behaviour (no numeric formula, no weighting)."""

    ABOVE = "ABOVE", _("Above expectations")
    AS_EXPECTED = "AS_EXPECTED", _("As expected")
    BELOW = "BELOW", _("Below expectations")


class Predikat(models.TextChoices):
    SANGAT_BAIK = "SANGAT_BAIK", _("Very good")
    BAIK = "BAIK", _("Good")
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN", _("Needs improvement")
    KURANG = "KURANG", _("Poor / misconduct")
    SANGAT_KURANG = "SANGAT_KURANG", _("Very poor")


# (results, behaviour) -> predikat, as tabled in the annex of PermenPANRB 6/2022.
MATRIX: dict[tuple[str, str], str] = {
    (Rating.ABOVE, Rating.ABOVE): Predikat.SANGAT_BAIK,
    (Rating.ABOVE, Rating.AS_EXPECTED): Predikat.BAIK,
    (Rating.ABOVE, Rating.BELOW): Predikat.KURANG,
    (Rating.AS_EXPECTED, Rating.ABOVE): Predikat.BAIK,
    (Rating.AS_EXPECTED, Rating.AS_EXPECTED): Predikat.BAIK,
    (Rating.AS_EXPECTED, Rating.BELOW): Predikat.KURANG,
    (Rating.BELOW, Rating.ABOVE): Predikat.BUTUH_PERBAIKAN,
    (Rating.BELOW, Rating.AS_EXPECTED): Predikat.BUTUH_PERBAIKAN,
    (Rating.BELOW, Rating.BELOW): Predikat.SANGAT_KURANG,
}

# Predikat that require a coaching follow-up (bimbingan or konseling).
NEEDS_COACHING: frozenset[str] = frozenset({Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG})


def predikat_for(results: str, behaviour: str, *, matrix: dict | None = None) -> str:
    """The predikat code for a results and a behaviour rating; raises ValueError for unknown ratings."""
    table = MATRIX if matrix is None else matrix
    try:
        return table[(Rating(results), Rating(behaviour))]
    except (KeyError, ValueError) as error:
        raise ValueError(f"No predikat for results={results!r}, behaviour={behaviour!r}") from error


def needs_coaching(predikat: str) -> bool:
    return predikat in NEEDS_COACHING


@dataclass(frozen=True)
class Outcome:
    """What a pair of overall ratings leads to: the predikat and whether coaching follows."""

    predikat: str
    needs_coaching: bool

    @property
    def label(self) -> str:
        return Predikat(self.predikat).label


def outcome_for(results: str, behaviour: str) -> Outcome | None:
    """The outcome of the matrix for two ratings, or None while either is missing or unknown (a preview)."""
    try:
        predikat = predikat_for(results, behaviour)
    except ValueError:
        return None
    return Outcome(predikat=predikat, needs_coaching=needs_coaching(predikat))
