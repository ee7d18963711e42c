"""Ids, years and numbers typed into a URL's query string (or a form's raw choice) that are not what the page offers:
text, a Unicode digit that `str.isdigit` accepts but `int` refuses ("²"), a number beyond the id column, a
negative or empty value. Each is treated as absent (the page's default), never a server error (common/params.py)."""

import pytest
from django.urls import reverse

from tests.factories import CategoryFactory, PlanFactory, PostFactory, TopicFactory

MALFORMED = ["abc", "²", "9" * 25, "9" * 5000, "-1", "", "1.5", "0"]


@pytest.fixture
def pages(period, agency, employee):
    """(persona, method, url, parameter names) for every page that reads an id, year or number from its query."""
    plan = PlanFactory(employee=employee, period=period, supervisor=employee.supervisor)
    topic = TopicFactory(category=CategoryFactory(), author=employee.user)
    PostFactory(topic=topic, author=employee.user)
    return [
        ("coordinator", "get", reverse("reports:dashboard"), ["period", "agency"], {"view": "agency"}),
        ("head", "get", reverse("reports:dashboard"), ["period"], {}),
        ("coordinator", "get", reverse("reports:drill_down", args=[period.pk]), ["agency", "owner"], {}),
        ("coordinator", "get", reverse("reports:distribution", args=[period.pk]), ["window"], {}),
        ("coordinator", "get", reverse("reports:compliance", args=[period.pk]), ["window"], {}),
        ("coordinator", "get", reverse("reports:export", args=[period.pk, "overview", "csv"]), ["agency"], {}),
        ("coordinator", "get", reverse("agencies:iku_list"), ["agency"], {}),
        ("coordinator", "get", reverse("development:jp_ledger"), ["year", "agency"], {}),
        ("coordinator", "get", reverse("development:coverage"), ["year"], {}),
        ("supervisor", "get", reverse("development:need_create"), ["unit", "employee", "plan"], {}),
        ("employee", "get", reverse("forums:topic_detail", args=[topic.pk]), ["post", "agency"], {"adopt": "1"}),
        ("employee", "get", reverse("forums:topic_create"), ["agency"], {}),
        ("employee", "get", reverse("workflow:plan_list"), ["period"], {}),
        ("employee", "get", reverse("workflow:plan_detail", args=[plan.pk]), ["period"], {}),
        ("coordinator", "get", reverse("evaluation:calendar", args=[agency.pk]), ["year"], {}),
        ("coordinator", "get", reverse("evaluation:calendar_open"), ["year"], {}),
        ("coordinator", "post", reverse("evaluation:calendar_open"), ["year", "agencies"], {}),
        ("anonymous", "get", reverse("feedback:public_page"), ["period", "agency"], {}),
        ("anonymous", "get", reverse("surveys:results"), ["period"], {}),
        ("supervisor", "post", reverse("workflow:bulk_review"), ["plans"], {}),
        ("coordinator", "post", reverse("feedback:put_on_agenda"), ["category"], {}),
        ("coordinator", "post", reverse("workflow:period_open", args=[period.pk]), ["agencies"], {}),
    ]


def _client(request, client, client_for, persona):
    return client if persona == "anonymous" else client_for(request.getfixturevalue(persona))


@pytest.mark.parametrize("value", MALFORMED, ids=lambda value: repr(value)[:12])
def test_a_malformed_id_year_or_number_in_the_query_is_never_a_server_error(request, client, client_for, pages, value):
    for persona, method, url, names, fixed in pages:
        browser = _client(request, client, client_for, persona)
        for name in names:
            data = {**fixed, name: value}
            response = browser.get(url, data) if method == "get" else browser.post(url, data)
            assert response.status_code < 500, (persona, method, url, name, value, response.status_code)


def test_a_malformed_period_on_the_dashboard_falls_back_to_the_current_period(client_for, coordinator, period):
    response = client_for(coordinator).get(reverse("reports:dashboard"), {"period": "²"})
    assert response.status_code == 302
    assert response.url == reverse("reports:period_overview", args=[period.pk])


def test_a_malformed_year_on_the_ledger_shows_this_year(client_for, coordinator, period):
    response = client_for(coordinator).get(reverse("development:jp_ledger"), {"year": "²", "agency": "9" * 25})
    assert response.status_code == 200
    assert response.context["selected_agency"] is None


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("get", "/lapor/", {"q": "KTP\x00"}),
        ("get", "/forums/", {"tag": "\x00"}),
        ("get", "/lapor/ADU-2026-000001%00/", {}),
        ("post", "/lapor/", {"title": "a\x00b"}),
    ],
)
def test_a_nul_character_in_the_address_or_a_form_is_a_400_page(client, client_for, employee, method, url, data):
    """PostgreSQL refuses text with a NUL byte: a search, filter or code holding one was a server error there."""
    browser = client_for(employee) if url.startswith("/forums/") else client
    response = browser.get(url, data) if method == "get" else browser.post(url, data)
    assert response.status_code == 400
    assert "The request could not be understood" in response.content.decode()
