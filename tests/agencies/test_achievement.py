"""IKU achievement (capaian): direction, both lower-is-better formulas, range targets, cap, rounding and bands."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agencies.achievement import achievement_for, cap, raw_achievement, status_for
from agencies.models import Direction, IndicatorTarget, LowerIsBetterFormula
from tests.factories import IndicatorFactory

D = Decimal


def test_higher_is_better_divides_realisation_by_target():
    assert raw_achievement(realisation=90, target=100) == D("90.00")
    assert raw_achievement(realisation=150, target=100) == D("150.00")


def test_lower_is_better_default_formula_is_two_minus_the_ratio():
    assert raw_achievement(realisation=8, target=10, direction=Direction.LOWER) == D("120.00")
    assert raw_achievement(realisation=12, target=10, direction=Direction.LOWER) == D("80.00")


def test_lower_is_better_two_minus_formula_never_goes_below_zero():
    assert raw_achievement(realisation=35, target=10, direction=Direction.LOWER) == D("0.00")


def test_lower_is_better_target_over_realisation_formula():
    kwargs = {"direction": Direction.LOWER, "formula": LowerIsBetterFormula.TARGET_OVER_REALISATION}
    assert raw_achievement(realisation=8, target=10, **kwargs) == D("125.00")
    assert raw_achievement(realisation=20, target=10, **kwargs) == D("50.00")
    assert raw_achievement(realisation=0, target=10, **kwargs) == D("120.00")  # unbounded: the display cap


def test_a_zero_target_gives_no_achievement_rather_than_a_crash():
    assert raw_achievement(realisation=5, target=0) is None
    assert raw_achievement(realisation=5, target=0, direction=Direction.LOWER) is None


@pytest.mark.parametrize(
    ("realisation", "expected"),
    [(80, "100.00"), (85, "100.00"), (90, "100.00"), (99, "110.00"), (60, "75.00")],
)
def test_range_target_is_full_inside_and_compares_with_the_nearer_bound_outside(realisation, expected):
    assert raw_achievement(realisation=realisation, target=80, upper=90) == D(expected)


def test_range_target_for_lower_is_better_rewards_being_below_the_range():
    assert raw_achievement(realisation=8, target=10, upper=15, direction=Direction.LOWER) == D("120.00")
    assert raw_achievement(realisation=18, target=10, upper=15, direction=Direction.LOWER) == D("80.00")


def test_rounding_is_half_up_to_two_places():
    assert raw_achievement(realisation=D("1.00005"), target=1) == D("100.01")
    assert raw_achievement(realisation=1, target=3) == D("33.33")
    assert raw_achievement(realisation=2, target=3) == D("66.67")


def test_floats_are_taken_at_face_value():
    assert raw_achievement(realisation=0.3, target=0.1) == D("300.00")


def test_cap_limits_the_displayed_value_and_follows_the_setting(settings):
    assert cap(D("150.00")) == D("120.00")
    assert cap(D("95.00")) == D("95.00")
    assert cap(None) is None
    settings.KINERJA_ACHIEVEMENT_CAP = 110
    assert cap(D("150.00")) == D("110.00")


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (D("100"), "green"),
        (D("130"), "green"),
        (D("99.99"), "amber"),
        (D("75"), "amber"),
        (D("74.99"), "red"),
        (None, "none"),
    ],
)
def test_status_bands_default_to_green_from_100_and_amber_from_75(value, status):
    assert status_for(value, green_from=D("100"), amber_from=D("75")) == status


@pytest.mark.django_db
def test_achievement_keeps_the_raw_value_when_capping_and_uses_the_indicators_own_bands():
    indicator = IndicatorFactory(green_from=D("90"), amber_from=D("60"))
    target = IndicatorTarget(indicator=indicator, year=2026, value=D("10"))
    high = achievement_for(indicator, realisation=D("15"), target=target)
    assert (high.raw, high.capped, high.status) == (D("150.00"), D("120.00"), "green")
    assert achievement_for(indicator, realisation=D("9.2"), target=target).status == "green"
    assert achievement_for(indicator, realisation=D("6"), target=target).status == "amber"
    assert achievement_for(indicator, realisation=D("5"), target=target).status == "red"


@pytest.mark.django_db
def test_achievement_without_a_target_or_realisation_is_no_data():
    indicator = IndicatorFactory()
    result = achievement_for(indicator, realisation=None, target=None)
    assert (result.raw, result.capped, result.status) == (None, None, "none")
    assert str(result.status_label) == "No data"


amounts = st.decimals(min_value=D("0"), max_value=D("100000"), places=2, allow_nan=False, allow_infinity=False)
targets = st.decimals(min_value=D("0.01"), max_value=D("100000"), places=2, allow_nan=False, allow_infinity=False)


@given(realisation=amounts, target=targets)
def test_higher_is_better_grows_with_the_realisation_and_is_never_negative(realisation, target):
    value = raw_achievement(realisation=realisation, target=target)
    assert value >= 0
    assert raw_achievement(realisation=realisation + 1, target=target) >= value


@given(realisation=amounts, target=targets, formula=st.sampled_from(LowerIsBetterFormula.values))
def test_lower_is_better_falls_as_the_realisation_grows_and_is_never_negative(realisation, target, formula):
    kwargs = {"target": target, "direction": Direction.LOWER, "formula": formula}
    value = raw_achievement(realisation=realisation, **kwargs)
    assert value >= 0
    assert cap(raw_achievement(realisation=realisation + 1, **kwargs)) <= cap(value)
    if realisation > 0:
        assert raw_achievement(realisation=realisation + 1, **kwargs) <= value


@pytest.mark.parametrize("target", [D("0.5"), D("5"), D("500")])
def test_a_zero_realisation_is_never_worse_than_a_small_one_when_lower_is_better(target):
    kwargs = {"target": target, "direction": Direction.LOWER, "formula": LowerIsBetterFormula.TARGET_OVER_REALISATION}
    assert cap(raw_achievement(realisation=0, **kwargs)) >= cap(raw_achievement(realisation=D("0.01"), **kwargs))


@given(realisation=amounts, low=targets, width=amounts, direction=st.sampled_from(Direction.values))
def test_a_range_target_gives_exactly_100_inside_and_never_crashes(realisation, low, width, direction):
    high = low + width
    value = raw_achievement(realisation=realisation, target=low, upper=high, direction=direction)
    if low <= realisation <= high:
        assert value == D("100.00")
    else:
        assert value is not None and value >= 0


@given(value=st.decimals(min_value=D("0"), max_value=D("1000"), places=2))
def test_the_displayed_value_never_exceeds_the_cap(value):
    assert cap(value) <= D("120") and cap(value) <= value
