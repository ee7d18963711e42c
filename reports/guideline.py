"""The kurva distribusi of SE MenPANRB No. 3 Tahun 2023 and the rounding policy for checking it.

`SE_3_2023` seeds `DistributionRule` (data migration); admins edit the rules there, and a later year gets its own
rows. The check is pure arithmetic on counts so the page, the exports and the PDF agree:

- shares are taken over the plans of the agency that already have a predikat;
- rounding for small units: a minimum is rounded up (ceil), a maximum down (floor), so "at most 10 %" of 5 people
  allows 0 and "at least 10 %" of 5 people asks for 1;
- "some" asks for at least one as soon as anybody is rated.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

SE_3_2023 = {
    # organisation predikat: [(employee predikat codes, bound, percent), …]
    "ISTIMEWA": [("SANGAT_BAIK", "at_most", 70)],
    "BAIK": [("BAIK", "at_most", 70), ("BUTUH_PERBAIKAN,KURANG", "some", 0)],
    "BUTUH_PERBAIKAN": [("BUTUH_PERBAIKAN", "at_least", 60), ("SANGAT_BAIK", "at_most", 10)],
    "KURANG": [("KURANG", "at_least", 60), ("BUTUH_PERBAIKAN", "at_least", 10), ("SANGAT_BAIK", "at_most", 10)],
    "SANGAT_KURANG": [
        ("SANGAT_KURANG", "at_least", 60),
        ("KURANG,BUTUH_PERBAIKAN", "at_least", 10),
        ("SANGAT_BAIK", "at_most", 0),
    ],
}
SE_3_2023_YEAR = 2023


def allowed_count(*, bound: str, percent, rated: int) -> int:
    """The count the rule allows (at most) or asks for (at least) among `rated` people, rounded by the policy."""
    exact = Decimal(rated) * Decimal(percent) / Decimal(100)
    if bound == "at_most":
        return math.floor(exact)
    if bound == "at_least":
        return math.ceil(exact)
    return 1 if rated else 0


@dataclass(frozen=True)
class RuleCheck:
    """One guideline line checked against an agency's actual counts."""

    description: str
    bound: str
    percent: Decimal
    actual: int
    allowed: int
    rated: int

    @property
    def ok(self) -> bool:
        if self.rated == 0:
            return True
        return self.actual <= self.allowed if self.bound == "at_most" else self.actual >= self.allowed

    @property
    def actual_percent(self) -> Decimal | None:
        """The agency's actual share in this line, drawn against the guideline's band on the distribution chart."""
        if not self.rated:
            return None
        return (Decimal(self.actual) * 100 / self.rated).quantize(Decimal("0.1"))


def check_rules(rules, *, by_predikat: dict[str, int]) -> list[RuleCheck]:
    """Check each rule (a DistributionRule or anything with predikat_codes/bound/percent/describe) on the counts."""
    rated = sum(by_predikat.values())
    checks = []
    for rule in rules:
        actual = sum(by_predikat.get(code, 0) for code in rule.predikat_codes)
        checks.append(
            RuleCheck(
                description=rule.describe(),
                bound=rule.bound,
                percent=Decimal(rule.percent),
                actual=actual,
                allowed=allowed_count(bound=rule.bound, percent=rule.percent, rated=rated),
                rated=rated,
            )
        )
    return checks
