"""The data-quality score of each agency for a period: of the data entries due in it, the share entered on time,
verified, and with evidence. One aggregate query for every agency in scope."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet

from ..models import DataEntry, EntryStatus

HUNDRED = Decimal("100")


@dataclass(frozen=True)
class Quality:
    agency_id: int
    name: str
    due: int
    on_time: int
    verified: int
    with_evidence: int

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
    def score(self):
        """The mean of the three shares: one number to sort the board by."""
        if not self.due:
            return None
        return ((self.on_time_share + self.verified_share + self.evidence_share) / 3).quantize(Decimal("1"))

    @property
    def level(self) -> str:
        score = self.score
        return "none" if score is None else ("green" if score >= 90 else "amber" if score >= 70 else "red")


def data_quality(*, agencies: QuerySet, starts_on, ends_on, today) -> list[Quality]:
    """Entries due between `starts_on` and `ends_on` (and by `today`), per agency, worst score first."""
    rows = (
        DataEntry.objects.filter(
            schedule__indicator__agency__in=agencies, due_on__gte=starts_on, due_on__lte=min(ends_on, today)
        )
        .values("schedule__indicator__agency_id", "schedule__indicator__agency__name")
        .annotate(
            due=Count("pk"),
            on_time=Count("pk", filter=Q(submitted_at__date__lte=F("due_on"))),
            verified=Count("pk", filter=Q(status=EntryStatus.PUBLISHED)),
            with_evidence=Count("pk", filter=~Q(evidence="") | ~Q(evidence_note="")),
        )
    )
    scores = [
        Quality(
            agency_id=row["schedule__indicator__agency_id"],
            name=row["schedule__indicator__agency__name"],
            due=row["due"],
            on_time=row["on_time"],
            verified=row["verified"],
            with_evidence=row["with_evidence"],
        )
        for row in rows
    ]
    return sorted(scores, key=lambda quality: (quality.score, quality.name.lower()))
