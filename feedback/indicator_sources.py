"""Complaint figures as IKU realisation sources: compute(*, indicator, period, params) -> SourceResult | None.

Each source reads the selectors in feedback/selectors.py for the indicator's agency (params may narrow it to one
complaint category: {"category_id": 3}); None means there is nothing to report yet. The lead registers them with
agencies.indicator_sources at merge (names in SOURCES).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from . import selectors

try:
    from agencies.indicator_sources import SourceResult
except ImportError:  # the registry arrives with the surveys branch; same fields, so the sources work before and after

    @dataclass(frozen=True)
    class SourceResult:
        value: Decimal
        sample_size: int
        provenance: dict


def _figures(indicator, period, params):
    category_id = (params or {}).get("category_id")
    return selectors.complaint_figures(
        period=period, agency_id=indicator.agency_id, category_id=int(category_id) if category_id else None
    )


def _provenance(source: str, indicator, period, params, **extra) -> dict:
    return {
        "source": source,
        "agency_id": indicator.agency_id,
        "period_id": period.pk,
        "params": dict(params or {}),
        "computed_at": timezone.now().isoformat(),
        **extra,
    }


def received(*, indicator, period, params) -> SourceResult:
    """Number of verified complaints received in the period."""
    figures = _figures(indicator, period, params)
    return SourceResult(
        value=Decimal(figures.received),
        sample_size=figures.received,
        provenance=_provenance("complaints_received", indicator, period, params),
    )


def answered_on_time_share(*, indicator, period, params) -> SourceResult | None:
    """Percent of answered complaints answered within their deadline."""
    figures = _figures(indicator, period, params)
    if not figures.answered:
        return None
    return SourceResult(
        value=Decimal(str(figures.on_time_share)),
        sample_size=figures.answered,
        provenance=_provenance(
            "complaints_answered_on_time", indicator, period, params, answered_on_time=figures.answered_on_time
        ),
    )


def median_days_to_answer(*, indicator, period, params) -> SourceResult | None:
    """Median working days from the desk's disposition to the agency's first answer."""
    figures = _figures(indicator, period, params)
    if figures.median_days is None:
        return None
    return SourceResult(
        value=Decimal(str(figures.median_days)),
        sample_size=figures.answered,
        provenance=_provenance("complaints_median_days", indicator, period, params),
    )


SOURCES = {
    "complaints_received": received,
    "complaints_answered_on_time": answered_on_time_share,
    "complaints_median_days": median_days_to_answer,
}
