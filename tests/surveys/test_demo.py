"""The demo tells the seeds' story: Dukcapil's IKM rises quarter by quarter, and an IKU is fed by it."""

from django.core.management import call_command

from agencies.models import IndicatorRealisation
from surveys.models import SurveyResponse


def test_the_demo_seeds_rising_ikm_and_an_iku_fed_by_it_idempotently(db):
    call_command("seed_demo", force=True, verbosity=0)
    answers = SurveyResponse.objects.count()
    figures = list(IndicatorRealisation.objects.filter(indicator__code="IKU-IKM").order_by("period__starts_on"))
    assert answers > 1000 and len(figures) >= 4
    values = [figure.value for figure in figures]
    assert values == sorted(values) and values[-1] - values[0] > 5
    assert all(figure.source == "surveys.ikm" and figure.provenance["services"] for figure in figures)
    assert {each["name"] for each in figures[0].provenance["services"]} == {
        "Penerbitan KTP-el",
        "Penerbitan Kartu Keluarga (KK)",
    }
    call_command("seed_demo", force=True, verbosity=0)
    assert SurveyResponse.objects.count() == answers
    assert list(IndicatorRealisation.objects.filter(indicator__code="IKU-IKM").order_by("period__starts_on")) == figures
