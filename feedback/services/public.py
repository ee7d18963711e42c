"""The public page's figures computed ahead of time: per period, agency and language, the agency's section drawn once
and its complaint figures kept for the open data (models.PublicSnapshot). The hourly housekeeping refreshes them; a
step of a complaint forgets its agency's, which are drawn again on the next visit; a missing one is computed once by
the first request that needs it. Public figures only: the section is what anyone may see on the page."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from agencies.models import Period

from .. import selectors
from ..models import PublicSnapshot


def _figures(row: selectors.PublicAgency) -> dict:
    figures, shown = row.figures, row.shows_figures
    return {
        "received": figures.received if figures else 0,
        "answered": figures.answered if figures else 0,
        "on_time_share": figures.on_time_share if shown else None,
        "median_days": figures.median_days if shown else None,
    }


def _draw(period: Period, rows: list[selectors.PublicAgency]) -> list[PublicSnapshot]:
    """Every row drawn in every language, with the numbers and dates localised as that language shows them."""
    now, context = timezone.now(), {"min_sample": settings.KINERJA_PUBLIC_MIN_SAMPLE}
    release = selectors.section_release()
    snapshots = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            snapshots.extend(
                PublicSnapshot(
                    period=period,
                    agency=row.agency,
                    language=language,
                    html=render_to_string(selectors.SECTION_TEMPLATE, context | {"row": row}),
                    figures=_figures(row),
                    computed_at=now,
                    drawn_with=release,
                )
                for row in rows
            )
    return snapshots


def compute_public_snapshots(*, period: Period, agency_ids: list[int]) -> list[PublicSnapshot]:
    """Compute the snapshots of these agencies for the period (those a request found missing, or drawn by an earlier
    release) and keep them in place of any older ones. Two requests computing the same agency at once both write
    the same figures; the later write stays."""
    snapshots = _draw(period, selectors.public_summary(period=period, agency_ids=agency_ids))
    PublicSnapshot.objects.bulk_create(
        snapshots,
        update_conflicts=True,
        unique_fields=["period", "language", "agency"],
        update_fields=["html", "figures", "computed_at", "drawn_with"],
    )
    return snapshots


def refresh_public_snapshots() -> int:
    """Recompute every agency's snapshots of the periods the public has looked at, and of the newest period (the
    page's default), replacing the old ones at once. Returns the number of periods refreshed."""
    period_ids = set(PublicSnapshot.objects.values_list("period_id", flat=True).distinct())
    newest = selectors.public_periods().values_list("pk", flat=True).first()
    if newest is not None:
        period_ids.add(newest)
    for period in Period.objects.filter(pk__in=period_ids):
        snapshots = _draw(period, selectors.public_summary(period=period))
        with transaction.atomic():
            PublicSnapshot.objects.filter(period=period).delete()
            PublicSnapshot.objects.bulk_create(snapshots)
    return len(period_ids)


def forget_public_snapshots(*, agency_id: int) -> None:
    """An agency's figures changed (a complaint verified, answered, closed or linked): its sections are drawn again,
    for every period, by the next request that shows them. Inside the caller's transaction, so a rolled-back step
    forgets nothing."""
    PublicSnapshot.objects.filter(agency_id=agency_id).delete()
