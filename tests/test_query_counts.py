"""SQL queries per page do not grow with the data: the pages the benchmark times (bench/pages.py) are requested
on a small dataset and again after it has grown five-fold (employees, plans, realisations, forum posts), and must
need the same number of queries both times, at most 15 (bench.pages.MAX_QUERIES).

The data is built with the benchmark's own seeders: seed_demo --employees N, bulk plans in every stage with
realisations, and forum posts (a topic of 20 posts, then one of 100).
"""

import pytest
from django.conf import settings
from django.core.management import call_command

from bench import pages, seed

SMALL, LARGE = 60, 300  # employees
AGENCIES = 3
PAGE_NAMES = [
    "inbox",
    "my plan",
    "plan detail",
    "team view",
    "coordinator overview",
    "forum topic, 500 posts",
    "search",
    "compliance board",  # board
    "compliance people",  # board
]


class _Null:
    def write(self, *_):
        pass

    def flush(self):
        pass


def _grow_to(employees: int, *, topic_posts: int) -> dict:
    call_command("seed_demo", employees=employees, agencies=AGENCIES, force=True, verbosity=0, stdout=_Null())
    plans = seed.seed_plans(log=lambda *_: None)
    forum = seed.seed_forum(posts=topic_posts * 2, big_topic_posts=topic_posts, log=lambda *_: None)
    people = pages.personas(period_id=plans["period_id"], big_topic_id=forum["big_topic_id"])
    counts = {}
    for page in pages.pages_for(people):
        client = pages.client_for(page.username)
        client.get(page.url)  # count the second request of a session, as every later one
        status, queries = pages.count_queries(client, page.url)
        counts[page.name] = {"status": status, "queries": queries}
    return {"counts": counts, "plans": plans, "forum": forum}


@pytest.mark.django_db
def test_the_benchmarked_pages_need_as_many_queries_on_five_times_the_data_and_at_most_fifteen():
    small = _grow_to(SMALL, topic_posts=20)
    large = _grow_to(LARGE, topic_posts=100)

    assert large["plans"]["plans"] >= 3 * small["plans"]["plans"]  # added on top of the small dataset's plans
    assert large["plans"]["realisations"] > small["plans"]["realisations"]
    assert large["forum"]["posts"] == 5 * small["forum"]["posts"]
    assert sorted(small["counts"]) == sorted(large["counts"]) == sorted(PAGE_NAMES)
    for page in PAGE_NAMES:
        assert small["counts"][page]["status"] == large["counts"][page]["status"] == 200, page
    assert {page: large["counts"][page]["queries"] for page in PAGE_NAMES} == {
        page: small["counts"][page]["queries"] for page in PAGE_NAMES
    }
    over = {page: c["queries"] for page, c in large["counts"].items() if c["queries"] > pages.MAX_QUERIES}
    assert not over, over


# --- development --- the JP ledger (two queries of its own whatever the number of employees: the per-agency sums
# with the page's rows, the page's employees) and the effect view, timed by bench/development.py.
# Without the session's own read, which is a database query only when there is no Redis (with Redis the session
# and the signed-in identity come in one cache round trip: agencies/identity.py).
DEVELOPMENT_QUERIES = {"JP ledger, whole Pemda": 4, "training effect view": 7}


@pytest.mark.django_db
def test_the_development_pages_need_a_pinned_number_of_queries_on_five_times_the_data():
    from bench import development

    counts = []
    for employees in (SMALL, LARGE):
        call_command("seed_demo", employees=employees, agencies=AGENCIES, force=True, verbosity=0, stdout=_Null())
        result = development.run_phase(requests=2, log=lambda *_: None)
        counts.append({row["page"]: row["queries"] for row in result["pages"]})
    session_read = 0 if settings.REDIS_URL else 1
    assert counts[0] == counts[1] == {page: n + session_read for page, n in DEVELOPMENT_QUERIES.items()}


# --- end development ---


# --- periodic evaluation --- a quarter's page (its realisation with evidence, the rater's step) and the boards per
# window need as many queries whatever the number of realisations and evaluations, and at most the page budget.
@pytest.mark.django_db
def test_the_periodic_pages_need_as_many_queries_as_realisations_and_evaluations_grow(
    employee, colleague, supervisor, period, coordinator, client_for
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tests.factories import PlanFactory, ResultIndicatorFactory, ResultPlanFactory
    from workflow import services
    from workflow.models import PeriodicReview
    from workflow.periodic import services as periodic

    boss = PlanFactory(employee=supervisor, period=period, stage="realisation", supervisor=supervisor.supervisor)
    boss_rhk = ResultPlanFactory(plan=boss, text="Meningkatnya layanan")
    ResultIndicatorFactory(result=boss_rhk)

    def approved_review(person):
        plan = services.start_plan(employee=person, period=period)
        result = services.add_result(plan=plan, by=person.user, text="Terbitnya KTP-el", supports=boss_rhk)
        services.add_indicator(result=result, by=person.user, description="KTP-el", target_value=5, target_unit="d")
        services.submit_plan(plan=plan, by=person.user)
        services.approve_plan(plan=plan, by=supervisor.user)
        return PeriodicReview.objects.get(plan=plan)

    def report(review, person, times):
        indicator = review.plan.results.get().indicators.get()
        for _ in range(times):
            services.record_realisation(
                indicator=indicator, by=person.user, value=1, links=["https://example.org/a"], periodic_review=review
            )

    def queries(client, url) -> int:
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    review = approved_review(employee)
    report(review, employee, 1)
    periodic.report_period(review=review, by=employee.user, summary="Laporan")
    urls = [
        (client_for(supervisor), reverse("workflow:periodic_detail", args=[review.pk])),
        (client_for(coordinator), f"{reverse('reports:compliance', args=[period.pk])}?window={review.number}"),
        (client_for(coordinator), f"{reverse('reports:distribution', args=[period.pk])}?window={review.number}"),
    ]
    small = [queries(client, url) for client, url in urls]
    PeriodicReview.objects.filter(pk=review.pk).update(step="report")  # more of the quarter's realisation, as data
    report(PeriodicReview.objects.get(pk=review.pk), employee, 4)
    PeriodicReview.objects.filter(pk=review.pk).update(step="rate")
    report(approved_review(colleague), colleague, 3)
    large = [queries(client, url) for client, url in urls]
    assert large == small and max(large) <= pages.MAX_QUERIES, (small, large)


# --- end periodic evaluation ---
