"""Predikat distribution per agency against the kurva distribusi of its organisation predikat."""

from dataclasses import dataclass

from agencies.models import Agency, Period
from workflow.predikat import Predikat

from ..guideline import RuleCheck, check_rules
from ..models import AgencyPredikat, DistributionOverride, DistributionRule, OrganisationPredikat
from .overview import OverviewRow, judged_agencies

__all__ = ["DistributionRow", "rules_for_year", "predikat_distribution"]


@dataclass
class DistributionRow:
    agency_id: int
    name: str
    by_predikat: dict[str, int]
    organisation_predikat: AgencyPredikat | None
    checks: list[RuleCheck]
    override: DistributionOverride | None

    @property
    def rated(self) -> int:
        return sum(self.by_predikat.values())

    @property
    def flagged(self) -> bool:
        """Over the guideline: some rule of the agency's organisation predikat is not met."""
        return any(not check.ok for check in self.checks)

    def share(self, code: str):
        return None if not self.rated else round(100 * self.by_predikat.get(code, 0) / self.rated, 1)

    @property
    def shares(self) -> list[tuple[str, str, int, float | None]]:
        return [(code, label, self.by_predikat.get(code, 0), self.share(code)) for code, label in Predikat.choices]


def rules_for_year(year: int) -> dict[str, list[DistributionRule]]:
    """{organisation predikat: [rule]} of the latest rule set that applies in `year` (one query)."""
    rules = list(DistributionRule.objects.filter(year__lte=year).order_by("-year", "organisation_predikat", "order"))
    if not rules:
        return {}
    latest = rules[0].year
    by_predikat: dict[str, list[DistributionRule]] = {}
    for rule in rules:
        if rule.year == latest:
            by_predikat.setdefault(rule.organisation_predikat, []).append(rule)
    # By rank, best first (Istimewa … Sangat Kurang), as the circular lists them; not by code.
    return {code: by_predikat[code] for code in OrganisationPredikat.values if code in by_predikat}


def predikat_distribution(
    *, period: Period, overview_rows: list[OverviewRow], rules: dict | None = None, judged=None
) -> list[DistributionRow]:
    """Each agency's rated plans by predikat (from the overview's SQL counts), checked against its guideline.

    Two queries: the rules (unless given, from `rules_for_year`), and the organisation predikats with the overrides
    (each unique per agency and period, so both come joined to the agencies' rows), unless the caller has read
    the agencies with them already (`judged`, from `judged_agencies`).
    """
    agency_ids = [row.agency_id for row in overview_rows]
    if rules is None:
        rules = rules_for_year(period.year)
    if judged is None:
        judged = judged_agencies(period=period, agencies=Agency.objects.filter(pk__in=agency_ids), judged_only=True)
    predikats, overrides = {}, {}
    for agency in judged:  # an agency without either row is given no attribute for it
        predikats[agency.pk] = getattr(agency, "period_predikat", None)
        overrides[agency.pk] = getattr(agency, "period_override", None)
    rows, codes = [], Predikat.values  # a list built anew on each read: once, not per agency
    for row in overview_rows:
        organisation = predikats.get(row.agency_id)
        by_predikat = {code: row.by_predikat.get(code, 0) for code in codes}
        checks = check_rules(rules.get(organisation.predikat, []), by_predikat=by_predikat) if organisation else []
        rows.append(
            DistributionRow(
                agency_id=row.agency_id,
                name=row.name,
                by_predikat=by_predikat,
                organisation_predikat=organisation,
                checks=checks,
                override=overrides.get(row.agency_id),
            )
        )
    return rows
