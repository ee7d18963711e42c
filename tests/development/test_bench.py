"""The benchmark's development phase on a small dataset: the timed pages answer, in the same number of queries
whatever the size (at most 15), so `make bench` measures what the tests pin."""

import pytest
from django.core.management import call_command

from bench import development, pages

pytestmark = pytest.mark.django_db


class _Null:
    def write(self, *_):
        pass

    def flush(self):
        pass


def _phase(employees: int) -> dict:
    call_command("seed_demo", employees=employees, agencies=3, force=True, verbosity=0, stdout=_Null())
    return development.run_phase(requests=2, log=lambda *_: None)


def test_the_ledger_and_the_effect_view_need_as_many_queries_on_five_times_the_data():
    small, large = _phase(60), _phase(300)
    assert large["participations"] == 5 * (large["participations"] // 5) > small["participations"]
    small_queries = {row["page"]: row["queries"] for row in small["pages"]}
    large_queries = {row["page"]: row["queries"] for row in large["pages"]}
    assert small_queries == large_queries
    assert max(large_queries.values()) <= pages.MAX_QUERIES
    assert [row["result"] for row in development.figures({"development": large})][1::2] == ["pass", "pass"]
