"""Did the training change the indicator it was meant to change?

For a training that targets IKU: the indicator before and after the training (periods ending in the window before its
first day, periods starting in the window after its last day; annual periods are left out so a year does not count
twice next to its quarters), against the IKU of agencies none of whose people took part. IKU are measured per agency,
so "units" here are agencies. Indicators differ in units and direction, so the two groups are compared on
achievement (capaian, % of target, agencies/achievement.py), and the effect is the difference of the two changes in
percentage points (a difference in differences). With too few figures the page says so rather than conclude.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from agencies.achievement import achievement_for
from agencies.models import Direction, Indicator, IndicatorRealisation, IndicatorTarget, PeriodKind

from .models import ParticipantStatus, Training

WINDOW_CHOICES = (3, 6, 12)
# What agencies/achievement.py reads of an indicator.
RULE = ("direction", "lower_is_better_formula", "green_from", "amber_from")
TOOK_PART = (ParticipantStatus.REGISTERED, ParticipantStatus.COMPLETED)


def shift_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (earlier when negative), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return min(
        day.replace(year=year, month=month, day=1) + datetime.timedelta(days=day.day - 1),
        following - datetime.timedelta(days=1),
    )


def _mean(values):
    values = [value for value in values if value is not None]
    return (sum(values) / len(values)).quantize(Decimal("0.01")) if values else None


@dataclass
class IndicatorRow:
    indicator: Indicator
    before: Decimal | None  # mean realisation in the window before
    after: Decimal | None
    before_achievement: Decimal | None
    after_achievement: Decimal | None
    periods_before: int = 0
    periods_after: int = 0

    @property
    def change(self):
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def improved(self) -> bool | None:
        if self.change is None or self.change == 0:
            return None
        return (self.change < 0) if self.indicator.direction == Direction.LOWER else (self.change > 0)


@dataclass
class Group:
    """Mean achievement of a group of indicators before and after; only indicators with figures on both sides count."""

    rows: list = field(default_factory=list)

    @property
    def complete(self) -> list:
        return [r for r in self.rows if r.before_achievement is not None and r.after_achievement is not None]

    @property
    def before(self):
        return _mean([r.before_achievement for r in self.complete])

    @property
    def after(self):
        return _mean([r.after_achievement for r in self.complete])

    @property
    def change(self):
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass
class Effect:
    training: Training
    months: int
    before_from: datetime.date
    after_to: datetime.date
    participants: Group
    comparison: Group
    participating_agencies: int
    notes: list = field(default_factory=list)

    @property
    def difference(self):
        if self.participants.change is None or self.comparison.change is None:
            return None
        return self.participants.change - self.comparison.change

    @property
    def conclusive(self) -> bool:
        return self.difference is not None and not self.notes


def window_months(value) -> int:
    default = settings.KINERJA_EFFECT_WINDOW_MONTHS
    try:
        months = int(value)
    except (TypeError, ValueError):
        return default
    return months if months in WINDOW_CHOICES else default


def training_effect(*, training: Training, months: int) -> Effect:
    """The effect of `training` on its target IKU in a window of `months` each side; a constant number of queries."""
    before_from = shift_months(training.starts_on, -months)
    after_to = shift_months(training.ends_on, months)
    if training.is_cancelled:
        effect = Effect(training, months, before_from, after_to, Group(), Group(), participating_agencies=0)
        effect.notes = _honesty_notes(effect, has_targets=False)
        return effect
    targets = list(training.indicators.select_related("agency"))
    target_ids = {indicator.pk for indicator in targets}
    took_part = set(
        training.participants.filter(status__in=TOOK_PART)
        .order_by()
        .values_list("employee__agency_id", flat=True)
        .distinct()
    )
    comparison_q = (
        Q(indicator__is_active=True) & ~Q(indicator__agency_id__in=took_part) & ~Q(indicator_id__in=target_ids)
    )
    window = Q(period__ends_on__gt=before_from, period__ends_on__lt=training.starts_on) | Q(
        period__starts_on__gt=training.ends_on, period__starts_on__lte=after_to
    )
    # Plain rows, not model instances: the comparison group is every other agency's IKU, and building hundreds of
    # objects would cost more than the query.
    realisations = list(
        IndicatorRealisation.objects.filter(window, Q(indicator_id__in=target_ids) | comparison_q)
        .exclude(period__kind=PeriodKind.ANNUAL)
        .order_by()
        .values_list("indicator_id", "value", "period__ends_on", "period__year", *(f"indicator__{f}" for f in RULE))
    )
    indicators = {row[0]: SimpleNamespace(pk=row[0], **dict(zip(RULE, row[4:], strict=True))) for row in realisations}
    indicators |= {indicator.pk: indicator for indicator in targets}
    yearly = {
        (t.indicator_id, t.year): t
        for t in IndicatorTarget.objects.filter(
            indicator_id__in=list(indicators), year__in={row[3] for row in realisations}
        ).only("indicator_id", "year", "value", "upper_value")
    }
    sides = defaultdict(lambda: {"before": [], "after": [], "before_ach": [], "after_ach": []})
    for indicator_id, value, ends_on, year, *_rule in realisations:
        side = "before" if ends_on < training.starts_on else "after"
        achievement = achievement_for(
            indicators[indicator_id], realisation=value, target=yearly.get((indicator_id, year))
        )
        sides[indicator_id][side].append(value)
        sides[indicator_id][f"{side}_ach"].append(achievement.raw)
    participants, comparison = Group(), Group()
    for pk, indicator in indicators.items():
        data = sides[pk]
        row = IndicatorRow(
            indicator=indicator,
            before=_mean(data["before"]),
            after=_mean(data["after"]),
            before_achievement=_mean(data["before_ach"]),
            after_achievement=_mean(data["after_ach"]),
            periods_before=len(data["before"]),
            periods_after=len(data["after"]),
        )
        (participants if pk in target_ids else comparison).rows.append(row)
    participating = len(took_part)
    effect = Effect(
        training=training,
        months=months,
        before_from=before_from,
        after_to=after_to,
        participants=participants,
        comparison=comparison,
        participating_agencies=participating,
    )
    effect.notes = _honesty_notes(effect, has_targets=bool(targets))
    return effect


def _honesty_notes(effect: Effect, *, has_targets: bool) -> list[str]:
    minimum = settings.KINERJA_EFFECT_MIN_COMPARISON
    notes = []
    if effect.training.is_cancelled:
        notes.append(_("The training was cancelled, so it has no effect to measure."))
        return notes
    if not has_targets:
        notes.append(_("The training names no IKU to improve, so there is nothing to measure."))
        return notes
    if effect.participating_agencies == 0:
        notes.append(_("Nobody has taken part yet."))
    if not effect.participants.complete:
        notes.append(
            _(
                "The target IKU has no figures on both sides of the training in this window; "
                "widen it or wait for the next figures."
            )
        )
    compared = len(effect.comparison.complete)
    if compared < minimum:
        notes.append(
            _(
                "Only %(count)s IKU of agencies that did not take part have figures on both sides "
                "(at least %(minimum)s are needed to compare)."
            )
            % {"count": compared, "minimum": minimum}
        )
    return notes
