"""The data-quality score of each agency for a period: of the data entries due in it, the share entered on time,
verified, with evidence, and how many were changed after verification. One aggregate query for every agency in scope."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractQuarter

from ..models import DataCorrection, DataEntry, EntryStatus

HUNDRED = Decimal("100")


@dataclass(frozen=True)
class Quality:
    agency_id: int
    name: str
    due: int
    on_time: int
    verified: int
    with_evidence: int
    changed: int = 0  # figures reopened for correction after they were verified

    def _share(self, count: int) -> Decimal | None:
        return None if not self.due else (HUNDRED * count / self.due).quantize(Decimal("1"))

    @property
    def on_time_share(self):
        return self._share(self.on_time)

    @property
    def verified_share(self):
        return self._share(self.verified)

    @property
    def evidence_share(self):
        return self._share(self.with_evidence)

    @property
    def unchanged_share(self):
        return self._share(self.due - self.changed)

    @property
    def score(self):
        """The mean of the four shares (on time, verified, with evidence, not changed after verification): one number
        to sort the board by."""
        if not self.due:
            return None
        shares = (self.on_time_share, self.verified_share, self.evidence_share, self.unchanged_share)
        return (sum(shares) / len(shares)).quantize(Decimal("1"))

    @property
    def level(self) -> str:
        score = self.score
        return "none" if score is None else ("green" if score >= 90 else "amber" if score >= 70 else "red")


AGENCY = ("schedule__indicator__agency_id", "schedule__indicator__agency__name")
MEASURES = {
    "due": Count("pk"),
    "on_time": Count("pk", filter=Q(submitted_at__date__lte=F("due_on"))),
    "verified": Count("pk", filter=Q(status=EntryStatus.PUBLISHED)),
    "with_evidence": Count("pk", filter=~Q(evidence="") | ~Q(evidence_note="")),
    "changed": Count("pk", filter=Q(pk__in=DataCorrection.objects.values("entry_id"))),
}


def _quality(row: dict) -> Quality:
    return Quality(agency_id=row[AGENCY[0]], name=row[AGENCY[1]], **{measure: row[measure] for measure in MEASURES})


def _due(*, agencies: QuerySet, starts_on, ends_on, today) -> QuerySet:
    return DataEntry.objects.filter(
        schedule__indicator__agency__in=agencies, due_on__gte=starts_on, due_on__lte=min(ends_on, today)
    )


def data_quality(*, agencies: QuerySet, starts_on, ends_on, today) -> list[Quality]:
    """Entries due between `starts_on` and `ends_on` (and by `today`), per agency, worst score first."""
    rows = _due(agencies=agencies, starts_on=starts_on, ends_on=ends_on, today=today).values(*AGENCY)
    scores = [_quality(row) for row in rows.annotate(**MEASURES)]
    return sorted(scores, key=lambda quality: (quality.score, quality.name.lower()))


def data_quality_trend(*, agencies: QuerySet, year: int, today) -> dict[int, list[tuple[int, Quality | None]]]:
    """Per agency, its quality in each quarter of `year` by the due day of the figures (a quarter with nothing due
    yet is None), oldest first: one grouped query."""
    rows = (
        _due(agencies=agencies, starts_on=datetime.date(year, 1, 1), ends_on=datetime.date(year, 12, 31), today=today)
        .annotate(quarter=ExtractQuarter("due_on"))
        .values(*AGENCY, "quarter")
        .annotate(**MEASURES)
    )
    by_agency: dict[int, dict[int, Quality]] = {}
    for row in rows:
        by_agency.setdefault(row[AGENCY[0]], {})[row["quarter"]] = _quality(row)
    return {
        agency_id: [(quarter, quarters.get(quarter)) for quarter in range(1, 5)]
        for agency_id, quarters in by_agency.items()
    }
