"""The registry of IKU sources (agencies.indicator_sources): the contract higher apps write against."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from agencies import services
from agencies.indicator_sources import SourceResult, get_source, register_source, source_choices, unregister_source
from tests.factories import IndicatorFactory


@pytest.fixture
def counting_source():
    calls = []

    def compute(*, indicator, period, params):
        calls.append((indicator.pk, period.pk, params))
        return SourceResult(value=Decimal("12.345678"), sample_size=7, provenance={"complaints": [1, 2]})

    def validate(params):
        if "category" not in params:
            raise ValidationError("Name a category.")
        return {"category": params["category"].strip()}

    register_source(key="tests.count", label="Count of things", compute=compute, validate_params=validate)
    yield calls
    unregister_source("tests.count")


def test_a_registered_source_is_offered_and_validates_its_parameters(counting_source, agency):
    assert ("tests.count", "Count of things") in source_choices()
    indicator = IndicatorFactory(agency=agency)
    with pytest.raises(ValidationError, match="Name a category"):
        services.set_indicator_source(indicator=indicator, source="tests.count", params={})
    services.set_indicator_source(indicator=indicator, source="tests.count", params={"category": " ktp "})
    indicator.refresh_from_db()
    assert indicator.source == "tests.count" and indicator.source_params == {"category": "ktp"}


def test_the_computed_value_is_quantised_and_recorded_with_the_provenance(counting_source, agency, period, head):
    indicator = IndicatorFactory(agency=agency)
    services.set_indicator_source(indicator=indicator, source="tests.count", params={"category": "ktp"})
    outcome, realisation = services.record_computed_realisation(indicator=indicator, period=period, by=head.user)
    assert outcome == services.ComputeOutcome.RECORDED
    assert counting_source == [(indicator.pk, period.pk, {"category": "ktp"})]
    assert realisation.value == Decimal("12.3457") and realisation.sample_size == 7
    assert realisation.provenance == {"complaints": [1, 2], "source": "tests.count"}


def test_an_unknown_source_is_refused_not_guessed(agency, period):
    with pytest.raises(ValidationError, match="not available"):
        get_source("gone.away")
    indicator = IndicatorFactory(agency=agency, source="gone.away")
    assert services.compute_period_sources(period=period)["failed"] == 1
    assert not indicator.realisations.exists()


def test_clearing_the_source_clears_its_parameters(counting_source, agency):
    indicator = IndicatorFactory(agency=agency)
    services.set_indicator_source(indicator=indicator, source="tests.count", params={"category": "ktp"})
    services.set_indicator_source(indicator=indicator, source="", params={"category": "ktp"})
    assert indicator.source == "" and indicator.source_params == {}
