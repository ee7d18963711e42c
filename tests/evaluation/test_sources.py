"""Figures no PIC types in (computed from a source, pushed through the API) appear in the agency's data calendar
with their verification state, linking to the IKU page where they are verified."""

from django.urls import reverse

from tests.factories import IndicatorFactory, IndicatorRealisationFactory, PeriodFactory, UserFactory

from .conftest import YEAR


def test_computed_and_pushed_figures_appear_in_the_calendar_with_their_verification(
    client_for, colleague, team, iku, agency
):
    period = PeriodFactory(year=YEAR)
    ikm = IndicatorFactory(agency=agency, code="IKU2", source="surveys.ikm")
    IndicatorRealisationFactory(indicator=ikm, period=period, value="82.5", source="surveys.ikm")
    IndicatorRealisationFactory(
        indicator=iku, period=period, value="91", provenance={"pushed": {"system": "SIAK"}}, verified_by=UserFactory()
    )
    manual = IndicatorFactory(agency=agency, code="IKU3")
    IndicatorRealisationFactory(indicator=manual, period=period, value="7")  # typed on the IKU page: not listed

    page = client_for(colleague).get(reverse("evaluation:calendar", args=[agency.pk]) + f"?year={YEAR}")

    sourced = page.content.decode()
    sourced = sourced[sourced.index('id="from-sources"') :]
    assert "82.5" in sourced and "computed from its source" in sourced and "Waiting for verification" in sourced
    assert "91" in sourced and ">API<" in sourced and ">Verified<" in sourced
    sourced = sourced[: sourced.index("</section>")]
    assert "IKU3" not in sourced
    assert reverse("agencies:iku_detail", args=[ikm.pk]) in sourced
