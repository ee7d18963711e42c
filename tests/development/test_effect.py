"""The effect view: the target IKU before and after, against agencies that did not take part, honestly."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from development import effects
from tests.development.factories import ParticipationFactory
from tests.factories import (
    AgencyFactory,
    IndicatorFactory,
    IndicatorRealisationFactory,
    IndicatorTargetFactory,
    PeriodFactory,
)

pytestmark = pytest.mark.django_db


def quarters():
    """Q3–Q4 2025 and Q1–Q3 2026 (the training sits in Q1 2026, 10–11 February)."""
    spans = [(2025, 7), (2025, 10), (2026, 1), (2026, 4), (2026, 7)]
    result = []
    for year, month in spans:
        ends = datetime.date(year + (month == 10), (month + 3) % 12 or 12, 1) - datetime.timedelta(days=1)
        result.append(
            PeriodFactory(
                kind="quarterly",
                year=year,
                name=f"TW {year}-{month}",
                starts_on=datetime.date(year, month, 1),
                ends_on=ends,
                plan_due=datetime.date(year, month, 1),
                evaluation_due=ends,
            )
        )
    return result


def measured(indicator, periods, values, targets=(10, 10)):
    for year, value in zip((2025, 2026), targets, strict=True):
        IndicatorTargetFactory(indicator=indicator, year=year, value=value)
    for period, value in zip(periods, values, strict=True):
        IndicatorRealisationFactory(indicator=indicator, period=period, value=value)


@pytest.fixture
def world(training, iku, employee):
    """Dukcapil's IKU (higher is better here) rises from 6 to 9 of 10; three other agencies' IKU stay level."""
    iku.direction = "higher"
    iku.save(update_fields=["direction"])
    periods = quarters()
    measured(iku, periods, [6, 6, 7, 9, 9])
    for _n in range(3):
        other = IndicatorFactory(agency=AgencyFactory(), direction="higher")
        measured(other, periods, [8, 8, 8, 8, 8])
    ParticipationFactory(training=training, employee=employee, status="completed")
    return periods


def test_the_difference_is_the_change_where_staff_took_part_minus_the_change_elsewhere(world, training):
    effect = effects.training_effect(training=training, months=6)
    row = effect.participants.rows[0]
    assert (row.before, row.after, row.periods_before, row.periods_after) == (6, 9, 2, 2)
    assert row.improved is True
    assert (effect.participants.before, effect.participants.after) == (60, 90)
    assert effect.comparison.change == 0 and len(effect.comparison.complete) == 3
    assert effect.difference == 30 and effect.conclusive


def test_a_narrow_window_counts_only_the_nearest_periods(world, training):
    row = effects.training_effect(training=training, months=3).participants.rows[0]
    assert (row.periods_before, row.periods_after) == (1, 1)


def test_too_few_comparison_figures_give_an_honest_note_instead_of_a_conclusion(settings, world, training):
    settings.KINERJA_EFFECT_MIN_COMPARISON = 4
    effect = effects.training_effect(training=training, months=6)
    assert not effect.conclusive
    assert any("Only 3 IKU" in note for note in effect.notes)


def test_without_participants_or_figures_nothing_is_concluded(training, iku):
    effect = effects.training_effect(training=training, months=6)
    assert effect.difference is None
    assert any("Nobody has taken part" in note for note in effect.notes)
    assert any("no figures on both sides" in note for note in effect.notes)


def test_a_lower_is_better_indicator_that_falls_has_improved(training, iku, employee):
    periods = quarters()
    measured(iku, periods, [5, 5, 4, 3, 3], targets=(5, 3))
    row = effects.training_effect(training=training, months=6).participants.rows[0]
    assert row.change == -2 and row.improved is True


def test_the_effect_page_shows_the_figures_and_the_window_choice(client_for, organiser, world, training):
    page = client_for(organiser).get(reverse("development:training_effect", args=[training.pk]) + "?months=12")
    text = page.content.decode()
    assert page.status_code == 200 and '<option value="12" selected>' in text
    assert "Difference: 30.0 percentage points" in text and "not proof" in text


def test_an_unknown_window_falls_back_to_the_setting(settings):
    settings.KINERJA_EFFECT_WINDOW_MONTHS = 6
    assert effects.window_months("7") == 6 and effects.window_months("abc") == 6 and effects.window_months("3") == 3


def test_the_effect_page_is_for_the_organiser(client_for, employee, outsider, training):
    url = reverse("development:training_effect", args=[training.pk])
    assert client_for(employee).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404


def test_the_effect_page_needs_as_many_queries_with_more_figures(client_for, organiser, world, training):
    client, url = client_for(organiser), reverse("development:training_effect", args=[training.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _n in range(12):
        measured(IndicatorFactory(agency=AgencyFactory(), direction="higher"), world, [7, 7, 7, 8, 8])
    client.get(url)  # new agencies make the next request reload the signed-in identity once (agencies/identity.py)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small) <= 15
