"""The benchmark's data and people (bench/seed.py, bench/pages.py, bench/prod.py): plans shaped like real ones,
people of every agency, and sessions the site accepts as those people."""

import pytest
from django.db.models import Count
from django.urls import reverse

from bench import pages, prod, seed
from tests.factories import AgencyFactory, EmployeeFactory, PeriodFactory, PlanFactory
from workflow.models import Evidence, Feedback, PlanEvent, Realisation, ResultIndicator, ResultPlan

STAGES = ("draft", "review", "realisation", "self_assessment", "rating", "done")


@pytest.fixture
def plans(db):
    period = PeriodFactory()
    made = []
    for _ in range(3):
        agency = AgencyFactory()
        boss = EmployeeFactory(agency=agency)
        for stage in STAGES:
            employee = EmployeeFactory(agency=agency, supervisor=boss)
            made.append(PlanFactory(employee=employee, period=period, stage=stage, supervisor=boss))
    return period, made


def test_every_plan_gets_four_to_six_rhk_of_one_to_three_indicators(plans):
    period, made = plans
    seed.seed_plan_contents(period)

    per_plan = dict(ResultPlan.objects.values_list("plan").annotate(count=Count("pk")))
    assert set(per_plan) == {plan.pk for plan in made}
    assert all(4 <= count <= 6 for count in per_plan.values())
    assert len(set(per_plan.values())) > 1  # varied, not all alike
    per_rhk = ResultIndicator.objects.values("result").annotate(count=Count("pk")).values_list("count", flat=True)
    assert set(per_rhk) == {1, 2, 3}


def test_plans_past_the_review_report_quarterly_with_evidence_feedback_and_history(plans):
    period, made = plans
    seed.seed_plan_contents(period)

    reporting = {plan.pk for plan in made if plan.stage in seed.REPORTING}
    with_realisations = set(Realisation.objects.values_list("indicator__result__plan", flat=True))
    assert with_realisations == reporting
    rated = [plan for plan in made if plan.stage in ("rating", "done")]
    for indicator in ResultIndicator.objects.filter(result__plan__in=rated):
        assert indicator.realisations.count() == 4  # a whole year: one per quarter
    assert Evidence.objects.exclude(file="").count() >= Realisation.objects.count() * 3 // 4
    assert set(Feedback.objects.values_list("plan", flat=True)) == reporting
    for plan in made:
        actions = list(PlanEvent.objects.filter(plan=plan).values_list("action", flat=True))
        assert actions[0] == "started"
        for action in seed.STAGE_EVENTS[plan.stage]:
            assert action in actions
        assert ("realisation_recorded" in actions) == (plan.pk in reporting)


def test_the_load_people_come_from_every_agency_with_pages_of_their_own(plans):
    period, made = plans
    people = pages.identities(period_id=period.pk, count=6)

    assert len(people) == 6
    assert len({person["username"] for person in people}) == 6
    assert len({person["agency_id"] for person in people}) == 3
    assert {person["role"] for person in people} == {"employee", "supervisor"}
    for person in people:
        assert person["pages"]


def test_a_bench_session_is_accepted_by_the_site_as_that_person(plans, client):
    _, made = plans
    username = made[2].employee.user.username

    keys = prod.make_sessions([username, "nobody-of-that-name"])

    assert set(keys) == {username}
    client.cookies["sessionid"] = keys[username]
    response = client.get(reverse("workflow:plan_list"))
    assert response.status_code == 200
    assert response.wsgi_request.user.username == username
