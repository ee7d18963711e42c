"""The survey phase of the benchmark runs end to end at a tiny size (bench/surveys.py)."""

from bench import surveys
from surveys.models import SurveyResponse
from tests.factories import AgencyFactory


def test_the_survey_bench_inserts_the_answers_and_times_every_scope(db, capsys):
    AgencyFactory.create_batch(3)
    result = surveys.measure(answers=500, runs=1)
    assert SurveyResponse.objects.count() == 500 and result["inserted"] == 500
    assert result["agencies"] == 3 and result["services"] == 3 * surveys.SERVICES_PER_AGENCY
    assert result["queries"] == 6 and result["pemda_ikm"] != "None"
    assert "IKM of every agency (3)" in capsys.readouterr().out
    assert surveys.measure(answers=500, runs=1)["inserted"] == 0  # already there: nothing added
