"""The benchmark at a province's size (issue 17): 100,000 employees over 400 agencies, an even sample of plans with
contents, the opening's own target, and page query counts that must equal those at 10,000 employees."""

from bench import pages, report, seed
from workflow.models import ResultPlan

from .test_bench_data import plans  # noqa: F401 (fixture)


def test_a_province_has_one_agency_per_250_employees_and_a_kabupaten_at_least_fifty(monkeypatch):
    monkeypatch.delenv("BENCH_AGENCIES", raising=False)
    assert seed.agencies_for(10_000) == 50
    assert seed.agencies_for(100_000) == 400
    monkeypatch.setenv("BENCH_AGENCIES", "120")
    assert seed.agencies_for(100_000) == 120


def test_beyond_20000_plans_an_even_sample_gets_contents(monkeypatch):
    monkeypatch.delenv("BENCH_PLAN_CONTENTS_EVERY", raising=False)
    assert seed.contents_every(9_000) == 1
    assert seed.contents_every(20_000) == 1
    assert seed.contents_every(90_000) == 5


def test_the_sampled_plans_alone_get_rhk(plans, monkeypatch):  # noqa: F811
    period, made = plans
    monkeypatch.setenv("BENCH_PLAN_CONTENTS_EVERY", "3")
    counts = seed.seed_plan_contents(period)

    with_rhk = set(ResultPlan.objects.values_list("plan", flat=True))
    expected = {plan.pk for plan in sorted(made, key=lambda plan: plan.pk)[::3]}
    assert with_rhk == expected
    assert counts["plans_with_contents"] == len(expected)


def _page(name: str, queries: int) -> dict:
    return {"page": name, "p50_ms": 10.0, "p95_ms": 20.0, "queries": queries, "target_ms": 100.0, "max_queries": 15}


def test_a_page_whose_query_count_differs_from_the_one_at_10000_employees_misses():
    measured = [_page("inbox", 4), _page("team view", 7)]
    pages.compare_queries(measured, [_page("inbox", 4), _page("team view", 6)], log=lambda *args: None)

    rows = {row["figure"]: row for row in report.page_rows(measured, "postgresql")}
    assert rows["inbox queries (postgresql)"]["result"] == "pass"
    assert rows["inbox queries (postgresql)"]["target"] == "<= 15, = 4"
    assert rows["team view queries (postgresql)"]["result"] == "MISS"
    assert rows["team view queries (postgresql)"]["target"] == "<= 15, = 6"


def test_opening_a_province_has_20_seconds_and_a_kabupaten_10():
    assert report.opening_target(10_000) == 10.0
    assert report.opening_target(100_000) == 20.0
