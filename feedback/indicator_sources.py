"""Complaint figures as IKU realisation sources: compute(*, indicator, period, params) -> SourceResult | None.

Each source reads the selectors in feedback/selectors.py for the indicator's agency (params may narrow it to one
complaint category: {"category_id": 3}); None means there is nothing to report yet. Registered with
agencies.indicator_sources in FeedbackConfig.ready() (keys and labels in SOURCES), so an IKU can take its figure
from them.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.indicator_sources import SourceResult

from . import selectors


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


def validate_params(params: dict) -> dict:
    """Optional {"category_id": <id>} narrowing the figures to one complaint category."""
    category_id = params.get("category_id")
    if category_id in (None, ""):
        return {}
    try:
        category_id = int(category_id)
    except (TypeError, ValueError):
        raise ValidationError(_("category_id must be the number of a complaint category.")) from None
    if not selectors.category_exists(category_id):
        raise ValidationError(_("There is no complaint category %(id)s.") % {"id": category_id})
    return {"category_id": category_id}


# key -> (label, compute); keys are stored on Indicator.source.
SOURCES = {
    "feedback.complaints_received": (_("Number of complaints received"), received),
    "feedback.complaints_answered_on_time": (
        _("Share of complaints answered within the deadline (%)"),
        answered_on_time_share,
    ),
    "feedback.complaints_median_days": (_("Median working days to answer a complaint"), median_days_to_answer),
}
